//! The page's navigation: one link per section (`core::page_sections`), the section in view
//! marked `aria-current="location"`. Sections are places on the one page, reached by their URL
//! fragment, so a link is a deep link and Back returns.

use leptos::prelude::*;
use logins_core::i18n::shell;
use logins_core::page_sections::SECTIONS;

use crate::locale::use_locale;
use crate::section_scroll;

#[component]
pub fn SectionNav() -> impl IntoView {
    let locale = use_locale();
    let in_view = RwSignal::new(0usize);
    section_scroll::track(in_view);
    view! {
        <nav aria-label=locale.tr(shell::SECTIONS) class="section-nav">
            <ul>
                {SECTIONS
                    .iter()
                    .enumerate()
                    .map(|(i, section)| view! {
                        <li>
                            <a
                                href=format!("#{}", section.id)
                                aria-current=move || (in_view.get() == i).then_some("location")
                                on:click=move |_| {
                                    // Before the browser jumps: the jump reads the padding.
                                    section_scroll::clear_the_bar();
                                    in_view.set(i);
                                }
                            >
                                {locale.tr(section.label)}
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
