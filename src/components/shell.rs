//! The page frame: header (with the language select) and footer around every view.

use leptos::prelude::*;
use logins_core::i18n::{shell, Lang};
use logins_core::product::API_PATH_TEMPLATE;

use crate::locale::use_locale;

/// The banner: the product name as the page's only `<h1>`, the API it reads, and the language.
#[component]
pub fn AppHeader() -> impl IntoView {
    let locale = use_locale();
    view! {
        <header class="app-header">
            <div class="app-heading">
                <h1 class="app-title">{locale.tr(shell::PRODUCT_NAME)}</h1>
                <p class="app-subtitle">
                    {locale.tr(shell::SERVICE_NAME)} " · " {locale.tr(shell::API_NAME)} " · "
                    <code translate="no">{API_PATH_TEMPLATE}</code>
                </p>
            </div>
            <LanguageSelect/>
        </header>
    }
}

/// "Language" / "语言": each option names its language in that language (marked with its
/// `lang`, and never translated), so it is found whatever the page is in.
#[component]
fn LanguageSelect() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="language-select">
            <label for="language">{locale.tr(shell::LANGUAGE)}</label>
            <select
                id="language"
                prop:value=move || locale.lang().tag()
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        locale.choose(lang);
                    }
                }
            >
                {Lang::ALL
                    .map(|lang| view! {
                        <option value=lang.tag() lang=lang.tag() translate="no">
                            {lang.native_name()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The footer: where the data goes, said plainly, since administrators will ask.
#[component]
pub fn AppFooter() -> impl IntoView {
    let locale = use_locale();
    view! {
        <footer class="app-footer">
            <p>{locale.tr(shell::FOOTER)}</p>
        </footer>
    }
}
