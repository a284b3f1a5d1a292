//! Counts in sentences: "1 page", "3,000 records".

use crate::i18n::{Lang, Text};

/// `n` (grouped) in the message for one or for many, in `lang`: English says "1 page" and
/// "3 pages"; Chinese has no plural, so both messages are the same there ("{0} 页").
///
/// ```
/// use logins_core::i18n::{Lang, Text};
/// use logins_core::text::count::count_in;
/// const PAGE: Text = Text::new("{0} page", "{0} 页");
/// const PAGES: Text = Text::new("{0} pages", "{0} 页");
/// assert_eq!(count_in(Lang::En, 1, PAGE, PAGES), "1 page");
/// assert_eq!(count_in(Lang::En, 3000, PAGE, PAGES), "3,000 pages");
/// assert_eq!(count_in(Lang::Zh, 3000, PAGE, PAGES), "3,000 页");
/// ```
pub fn count_in(lang: Lang, n: u64, one: Text, many: Text) -> String {
    let text = if n == 1 { one } else { many };
    text.fill(lang, &[&group(n)])
}

/// Thousands separators for sentences ("20,000"); the status line keeps plain digits.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_one_is_singular() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1_234_567), "1,234,567");
    }
}
