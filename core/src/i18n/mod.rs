//! The interface's two languages, and every message the app shows in both.
//!
//! Hand-written tables, not a runtime i18n framework: each message is a [`Text`], a pair of
//! static strings, declared with [`catalog!`] in the catalog of its domain (`form`, `table`,
//! ...). A view resolves it against the current [`Lang`]; core functions that build sentences
//! (a status line, a duration, an error's advice) take the `Lang` as an argument. What this
//! costs is the strings and one lookup: leptos_i18n would add about 25 kB gzip to the bundle,
//! fluent-bundle about 60 kB.
//!
//! Every catalog lists its messages in `ALL` (test builds only), and the tests below check each
//! of them: both languages present, the same placeholders, and no English word left in the
//! Chinese text except the allowed ones (units, codes, product names: `allowed_latin.txt`,
//! which the browser test that scans the whole page reads too).
//!
//! ```
//! use logins_core::i18n::{Lang, Text};
//! const LOADED: Text = Text::new("Loaded {0} of {1} records", "已加载 {0} / {1} 条记录");
//! assert_eq!(LOADED.fill(Lang::Zh, &["10", "20"]), "已加载 10 / 20 条记录");
//! assert_eq!(Lang::from_preferences(["fr-FR", "zh-TW", "en"]), Lang::Zh);
//! ```

pub mod analytics;
pub mod errors;
pub mod form;
pub mod shell;
pub mod stages;
pub mod status;
pub mod table;
pub mod units;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Every language, in the order the language select lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag: `<html lang>`, the `lang=` key of a link, the stored choice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's name in itself, as the language select shows it (a reader finds their
    /// language by its own name, so this is never translated).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The language a tag names: any `en` or `zh` tag (`en-GB`, `zh`, `zh-Hans-CN`, `zh-TW`),
    /// in any case. `None` for other languages and for text that is not a tag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language for a browser's preferred languages (`navigator.languages`, most preferred
    /// first): the first one the app speaks, so `["fr", "zh-TW"]` is Chinese and
    /// `["en-US", "zh-CN"]` English; English when none is.
    pub fn from_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }
}

/// One message in every language. `{0}`, `{1}`, ... mark where [`Text::fill`] puts values;
/// a language may put them in another order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }

    /// The message in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The message in `lang` with `{i}` replaced by `args[i]`. A placeholder without a value
    /// is left as written (the catalog tests keep that from happening).
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let template = self.get(lang);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let index: usize = after[..close].parse().ok()?;
                Some((args.get(index)?, close))
            });
            match value {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Declares a catalog's messages as `Text` constants, and (in test builds) `ALL`, the list the
/// completeness tests walk:
///
/// ```ignore
/// catalog! {
///     /// The button that runs one page.
///     RUN_QUERY = "Run query" / "查询";
/// }
/// ```
#[macro_export]
macro_rules! catalog {
    ($( $(#[$doc:meta])* $name:ident = $en:literal / $zh:literal; )*) => {
        $( $(#[$doc])* pub const $name: $crate::i18n::Text = $crate::i18n::Text::new($en, $zh); )*

        /// Every message of this catalog, by name, for the completeness tests.
        #[cfg(test)]
        pub const ALL: &[(&str, $crate::i18n::Text)] = &[$((stringify!($name), $name)),*];
    };
}

/// The Latin-letter words that may stay in Chinese text: units, codes, protocol and product
/// names. One word a line; `#` starts a comment.
pub const ALLOWED_LATIN: &str = include_str!("allowed_latin.txt");

/// The Latin-letter words of `text` (runs of ASCII letters, digits allowed after the first
/// letter, as in `p95`) that [`ALLOWED_LATIN`] does not list.
pub fn untranslated_words(text: &str) -> Vec<&str> {
    let allowed: Vec<&str> = ALLOWED_LATIN
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .collect();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let continues = match start {
            None => c.is_ascii_alphabetic(),
            Some(_) => c.is_ascii_alphanumeric(),
        };
        match (start, continues) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                if !allowed.contains(&word) {
                    words.push(word);
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every catalog: a new one is added here, or its messages go unchecked.
    const CATALOGS: &[(&str, &[(&str, Text)])] = &[
        ("analytics", analytics::ALL),
        ("errors", errors::ALL),
        ("form", form::ALL),
        ("shell", shell::ALL),
        ("stages", stages::ALL),
        ("status", status::ALL),
        ("table", table::ALL),
        ("units", units::ALL),
    ];

    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(i, _)| {
                let close = s[i..].find('}')?;
                Some(&s[i..i + close + 1])
            })
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_message_exists_in_every_language() {
        for (catalog, messages) in CATALOGS {
            assert!(!messages.is_empty(), "{catalog} has no messages");
            for (name, text) in *messages {
                for lang in Lang::ALL {
                    let s = text.get(lang);
                    assert!(
                        !s.trim().is_empty(),
                        "{catalog}::{name} is empty in {lang:?}"
                    );
                    assert_eq!(s, s.trim(), "{catalog}::{name} has edge spaces in {lang:?}");
                }
                assert_eq!(
                    placeholders(text.en),
                    placeholders(text.zh),
                    "{catalog}::{name}: the languages fill different placeholders"
                );
            }
        }
    }

    #[test]
    fn chinese_text_has_no_english_word_but_the_allowed_ones() {
        for (catalog, messages) in CATALOGS {
            for (name, text) in *messages {
                let words = untranslated_words(text.zh);
                assert!(
                    words.is_empty(),
                    "{catalog}::{name} keeps {words:?} in Chinese"
                );
                let translated = !text.zh.is_ascii();
                assert!(
                    translated || untranslated_words(text.en).is_empty(),
                    "{catalog}::{name} is not translated"
                );
            }
        }
    }

    #[test]
    fn message_names_are_unique_within_a_catalog() {
        for (catalog, messages) in CATALOGS {
            let mut names: Vec<&str> = messages.iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), messages.len(), "{catalog} repeats a name");
        }
    }

    #[test]
    fn fill_puts_values_in_each_language_order() {
        let t = Text::new("{0} of {1}", "{1} 中的 {0}");
        assert_eq!(t.fill(Lang::En, &["3", "9"]), "3 of 9");
        assert_eq!(t.fill(Lang::Zh, &["3", "9"]), "9 中的 3");
        // A brace that is no placeholder, and one without a value, stay as written.
        let odd = Text::new("{x} {0} {5} {", "{x} {0} {5} {");
        assert_eq!(odd.fill(Lang::En, &["a"]), "{x} a {5} {");
    }

    #[test]
    fn tags_and_preferences() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("ZH_tw"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("zhx"), None);
        assert_eq!(Lang::from_tag(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_preferences(["en-US", "zh-CN"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de", "zh"]), Lang::Zh);
        assert_eq!(Lang::from_preferences(["de", "fr"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
    }

    #[test]
    fn untranslated_words_skip_allowed_ones_and_numbers() {
        assert_eq!(
            untranslated_words("网络时延 p95 120 ms"),
            Vec::<&str>::new()
        );
        assert_eq!(untranslated_words("已加载 5 records"), vec!["records"]);
    }
}
