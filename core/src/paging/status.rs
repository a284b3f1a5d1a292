//! The status line (the live region every way of loading records uses), as data: the runner
//! keeps a [`RunStatus`], and the view renders it in the current language, so a language switch
//! changes the sentence without touching what was loaded.

use crate::i18n::{status, Lang};

/// The live region's sentence: exactly `Loaded N of M records` when the total is known, else
/// `Loaded N records`, with plain digits (`已加载 N / M 条记录` in Chinese). Users' habits and the
/// end-to-end tests rely on this text.
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::paging::loaded_sentence;
/// assert_eq!(loaded_sentence(Lang::En, 20, Some(95)), "Loaded 20 of 95 records");
/// assert_eq!(loaded_sentence(Lang::En, 20, None), "Loaded 20 records");
/// assert_eq!(loaded_sentence(Lang::Zh, 2000, Some(20000)), "已加载 2000 / 20000 条记录");
/// ```
pub fn loaded_sentence(lang: Lang, loaded: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => status::LOADED.fill(lang, &[&loaded.to_string(), &total.to_string()]),
        None => status::LOADED_NO_TOTAL.fill(lang, &[&loaded.to_string()]),
    }
}

/// What the status line says, as data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RunStatus {
    /// Nothing run yet: an empty line.
    #[default]
    Idle,
    /// A page, or a Fetch all run (complete or not: the reconciliation says).
    Loaded { loaded: u64, total: Option<u64> },
    /// "Try demo data".
    Demo { records: u64 },
    /// Records read from a file, with the duplicates it held.
    Imported {
        records: u64,
        file_name: String,
        duplicates: usize,
    },
    /// The page request was cancelled.
    Cancelled,
    /// The page request failed (the error report says why).
    Failed,
}

impl RunStatus {
    /// The sentence in `lang`.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::paging::RunStatus;
    /// let demo = RunStatus::Demo { records: 10000 };
    /// assert_eq!(demo.sentence(Lang::En), "Loaded 10000 of 10000 records (generated demo data)");
    /// assert_eq!(demo.sentence(Lang::Zh), "已加载 10000 / 10000 条记录（生成的演示数据）");
    /// ```
    pub fn sentence(&self, lang: Lang) -> String {
        let (before, file_name, after) = self.parts(lang);
        format!("{before}{}{after}", file_name.unwrap_or_default())
    }

    /// The sentence in `lang` around the user's own words (a file name), which the view keeps
    /// apart so they are never taken for words to translate: (before, file name, after).
    pub fn parts(&self, lang: Lang) -> (String, Option<&str>, String) {
        let whole = |s: String| (s, None, String::new());
        match self {
            RunStatus::Idle => whole(String::new()),
            RunStatus::Loaded { loaded, total } => whole(loaded_sentence(lang, *loaded, *total)),
            RunStatus::Demo { records } => whole(
                status::DEMO_LOADED.fill(lang, &[&loaded_sentence(lang, *records, Some(*records))]),
            ),
            RunStatus::Imported {
                records,
                file_name,
                duplicates,
            } => {
                let loaded = loaded_sentence(lang, *records, Some(*records));
                // The file name's place, found again after filling (a NUL is in no template).
                const MARK: &str = "\u{0}";
                let filled = if *duplicates > 0 {
                    status::FROM_FILE_DUPLICATES
                        .fill(lang, &[&loaded, MARK, &duplicates.to_string()])
                } else {
                    status::FROM_FILE.fill(lang, &[&loaded, MARK])
                };
                match filled.split_once(MARK) {
                    Some((before, after)) => (
                        before.to_owned(),
                        Some(file_name.as_str()),
                        after.to_owned(),
                    ),
                    None => whole(filled),
                }
            }
            RunStatus::Cancelled => whole(status::CANCELLED.get(lang).to_owned()),
            RunStatus::Failed => whole(status::REQUEST_FAILED.get(lang).to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loaded_sentences_keep_plain_digits_in_both_languages() {
        assert_eq!(
            loaded_sentence(Lang::En, 20000, Some(20000)),
            "Loaded 20000 of 20000 records"
        );
        assert_eq!(
            loaded_sentence(Lang::Zh, 20000, Some(20000)),
            "已加载 20000 / 20000 条记录"
        );
        assert_eq!(loaded_sentence(Lang::En, 1, None), "Loaded 1 records");
        assert_eq!(loaded_sentence(Lang::Zh, 2500, None), "已加载 2500 条记录");
    }

    #[test]
    fn every_status_in_both_languages() {
        let imported = |duplicates| RunStatus::Imported {
            records: 3000,
            file_name: "logins export.csv".to_owned(),
            duplicates,
        };
        let cases = [
            (RunStatus::Idle, "", ""),
            (
                RunStatus::Loaded {
                    loaded: 20,
                    total: Some(95),
                },
                "Loaded 20 of 95 records",
                "已加载 20 / 95 条记录",
            ),
            (
                RunStatus::Demo { records: 10000 },
                "Loaded 10000 of 10000 records (generated demo data)",
                "已加载 10000 / 10000 条记录（生成的演示数据）",
            ),
            (
                imported(0),
                "Loaded 3000 of 3000 records from logins export.csv",
                "已加载 3000 / 3000 条记录，来自 logins export.csv",
            ),
            (
                imported(2),
                "Loaded 3000 of 3000 records from logins export.csv (2 duplicates skipped)",
                "已加载 3000 / 3000 条记录，来自 logins export.csv（已跳过 2 条重复记录）",
            ),
            (RunStatus::Cancelled, "Cancelled.", "已取消。"),
            (RunStatus::Failed, "The request failed.", "请求失败。"),
        ];
        for (status, en, zh) in cases {
            assert_eq!(status.sentence(Lang::En), en);
            assert_eq!(status.sentence(Lang::Zh), zh);
        }
    }

    #[test]
    fn the_file_name_is_kept_apart() {
        let s = RunStatus::Imported {
            records: 5,
            file_name: "a {0} b.json".to_owned(),
            duplicates: 1,
        };
        assert_eq!(
            s.parts(Lang::Zh),
            (
                "已加载 5 / 5 条记录，来自 ".to_owned(),
                Some("a {0} b.json"),
                "（已跳过 1 条重复记录）".to_owned()
            )
        );
        assert_eq!(
            s.parts(Lang::En),
            (
                "Loaded 5 of 5 records from ".to_owned(),
                Some("a {0} b.json"),
                " (1 duplicates skipped)".to_owned()
            )
        );
    }
}
