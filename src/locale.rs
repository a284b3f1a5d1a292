//! The interface's language: where it comes from, the user's choice, and a message's text in it.
//!
//! At start-up the language is the link's (`lang=`), else the choice stored on this device,
//! else the first of the browser's preferred languages the app speaks (any `zh-*` is Chinese),
//! else English. Choosing one stores it (it is not a secret) and writes it into the current
//! URL, so a reload and a shared link keep it. Only views depend on the language: switching
//! re-renders text, and keeps everything typed, loaded and selected.

use leptos::prelude::*;
use logins_core::i18n::{Lang, Text};

use crate::{storage, url_state};

/// The `localStorage` key of the user's choice (a language tag, `"zh-CN"`).
pub const STORAGE_KEY: &str = "logins-viewer.lang";

/// The current language, shared through context (`use_locale`).
#[derive(Clone, Copy)]
pub struct Locale {
    lang: RwSignal<Lang>,
}

impl Locale {
    /// The start-up language (see the module's doc), with the document's `lang` attribute
    /// following it (the title follows it in `Alerts`, which adds the unseen alert count).
    pub fn start() -> Locale {
        let lang = url_state::read_location()
            .and_then(|state| state.lang)
            .or_else(|| storage::load::<String>(STORAGE_KEY).and_then(|t| Lang::from_tag(&t)))
            .unwrap_or_else(browser_preference);
        let locale = Locale {
            lang: RwSignal::new(lang),
        };
        url_state::carry_lang(lang);
        Effect::new(move |_| {
            let lang = locale.lang.get();
            let document = document();
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
        locale
    }

    /// English, whatever the browser says: for a component mounted on its own (browser tests).
    pub fn english() -> Locale {
        Locale {
            lang: RwSignal::new(Lang::En),
        }
    }

    /// The current language. Reactive: whoever reads it renders again on a switch.
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// The user's choice: shown at once, stored on this device, and carried by the URL.
    pub fn choose(self, lang: Lang) {
        self.lang.set(lang);
        storage::save(STORAGE_KEY, &lang.tag());
        url_state::carry_lang(lang);
        url_state::replace_lang(lang);
    }

    /// A message as a reactive text, for a view's text or an attribute:
    /// `{locale.tr(form::RUN_QUERY)}`, `aria-label=locale.tr(shell::SECTIONS)`. One closure
    /// type for every message, so each use costs a call, not a copy of the rendering code.
    pub fn tr(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || text.get(self.lang.get())
    }
}

/// The app's [`Locale`], or English when none was provided (a component mounted alone).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(Locale::english)
}

/// The language of the browser's preferred languages (`navigator.languages`, else
/// `navigator.language`).
fn browser_preference() -> Lang {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::En;
    };
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .collect();
    Lang::from_preferences(tags.iter().map(String::as_str))
}
