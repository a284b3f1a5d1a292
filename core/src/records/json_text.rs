//! JSON text that JSON's grammar allows (and `JSON.parse` accepts) but serde_json refuses,
//! rewritten so that serde_json reads it, with the meaning the app gives it.
//!
//! Two such things exist:
//! - **A lone or reversed UTF-16 surrogate escape** (`"\ud800"`, `"\udc00"`, `"\udc00\ud800"`):
//!   a back end that cuts a UTF-16 string in the middle of a character sends one. `JSON.parse`
//!   keeps it, and a UTF-8 encoder then writes U+FFFD in its place; serde_json refuses the whole
//!   text. Each one becomes `\ufffd`, an escape of the same length, so a position in a later
//!   error message still points at the same place of the original text.
//! - **A number beyond `f64`** (`1e400`): `JSON.parse` makes it `Infinity`; serde_json refuses
//!   the text. It becomes a string of its own digits (`"1e400"`): a numeric field cannot read
//!   that text as a number, so the value counts as invalid, as `Infinity` would; a text field
//!   keeps what was sent. Such a number cannot be an object key, and is left alone there (the
//!   text stays invalid, as it was).
//!
//! Everything else is copied unchanged, so text that was not JSON stays not JSON: a truncated
//! body is still refused. The rewrite runs only after serde_json has refused a text
//! ([`parse_repairing`]), so a well-formed body costs nothing more.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

/// Parses `text` with `parse`; when that fails and [`repaired`] changes the text, parses the
/// repaired text instead and hands it back with the value (for a caller that reads it again).
/// The error is the last attempt's: after a repair, its column may be off by two for each
/// number beyond `f64` quoted before it on its line.
///
/// ```
/// use logins_core::records::json_text::parse_repairing;
/// let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text);
/// let (value, text) = parse_repairing(r#"{"a":"\ud800x"}"#, parse).unwrap();
/// assert_eq!((value["a"].as_str(), text.as_ref()), (Some("\u{FFFD}x"), r#"{"a":"\ufffdx"}"#));
/// assert!(parse_repairing(r#"{"a":"\ud800"#, parse).is_err());
/// ```
pub fn parse_repairing<'t, T>(
    text: &'t str,
    parse: impl Fn(&str) -> serde_json::Result<T>,
) -> serde_json::Result<(T, Cow<'t, str>)> {
    match parse(text) {
        Ok(value) => Ok((value, Cow::Borrowed(text))),
        Err(refused) => match repaired(text) {
            Some(fixed) => {
                let value = parse(&fixed)?;
                Ok((value, Cow::Owned(fixed)))
            }
            None => Err(refused),
        },
    }
}

/// [`serde_json::from_str`] that reads what [`repaired`] rewrites: the way to parse JSON text
/// from a server or a file.
///
/// ```
/// let v: serde_json::Value = logins_core::records::json_text::from_str(r#"["\udc00", 1e400]"#).unwrap();
/// assert_eq!(v, serde_json::json!(["\u{FFFD}", "1e400"]));
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    parse_repairing(text, |text| serde_json::from_str(text)).map(|(value, _)| value)
}

/// `text` with its lone surrogate escapes as `\ufffd` and its numbers beyond `f64` as strings
/// (see the module docs); `None` when there is neither.
///
/// ```
/// use logins_core::records::json_text::repaired;
/// assert_eq!(repaired(r#"["\udc00\ud800", "\ud83d\ude00"]"#).unwrap(), r#"["\ufffd\ufffd", "\ud83d\ude00"]"#);
/// assert_eq!(repaired(r#"{"rtt": 1e400}"#).unwrap(), r#"{"rtt": "1e400"}"#);
/// assert_eq!(repaired(r#"{"rtt": 1e300, "a": "\ud83d\ude00"}"#), None);
/// ```
pub fn repaired(text: &str) -> Option<String> {
    let mut rewrite = Rewrite {
        text,
        out: None,
        copied: 0,
    };
    let bytes = text.as_bytes();
    // Whether each open container is an object, and whether a key comes next.
    let mut objects: Vec<bool> = Vec::new();
    let mut key_next = false;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => {
                i = rewrite.string(i + 1);
                continue;
            }
            b'{' => {
                objects.push(true);
                key_next = true;
            }
            b'[' => {
                objects.push(false);
                key_next = false;
            }
            b'}' | b']' => {
                objects.pop();
                key_next = false;
            }
            b',' => key_next = objects.last() == Some(&true),
            b':' => key_next = false,
            b'-' | b'0'..=b'9' => {
                let end = number_end(bytes, i);
                if !key_next && beyond_f64(&text[i..end]) {
                    rewrite.quote(i, end);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    rewrite.finish()
}

/// The output, made only once something changes.
struct Rewrite<'t> {
    text: &'t str,
    out: Option<String>,
    /// How much of `text` is in `out` (or needs no copy yet).
    copied: usize,
}

impl Rewrite<'_> {
    /// `text[start..end]` becomes `with`. Both ends are at ASCII bytes.
    fn replace(&mut self, start: usize, end: usize, with: &[&str]) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.text.len() + 16));
        out.push_str(&self.text[self.copied..start]);
        for part in with {
            out.push_str(part);
        }
        self.copied = end;
    }

    fn quote(&mut self, start: usize, end: usize) {
        let number = &self.text[start..end];
        self.replace(start, end, &["\"", number, "\""]);
    }

    /// Reads a string from `start` (just after its opening quote), replacing each surrogate
    /// escape that is not the high half of a high-low pair, or that pair's low half; returns
    /// the position after the closing quote (or the end of the text).
    fn string(&mut self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while let Some(&byte) = bytes.get(i) {
            match byte {
                b'"' => return i + 1,
                b'\\' => match unicode_escape(bytes, i) {
                    Some(0xD800..=0xDBFF) => {
                        let pair = unicode_escape(bytes, i + 6)
                            .is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
                        if pair {
                            i += 12;
                        } else {
                            self.replace(i, i + 6, &["\\ufffd"]);
                            i += 6;
                        }
                    }
                    Some(0xDC00..=0xDFFF) => {
                        self.replace(i, i + 6, &["\\ufffd"]);
                        i += 6;
                    }
                    Some(_) => i += 6,
                    // Any other escape is two bytes; an invalid one stays invalid.
                    None => i += 2,
                },
                _ => i += 1,
            }
        }
        i
    }

    fn finish(self) -> Option<String> {
        let mut out = self.out?;
        out.push_str(&self.text[self.copied..]);
        Some(out)
    }
}

/// The code unit of a `\uXXXX` escape at `at`, if there is one.
fn unicode_escape(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let mut unit = 0u16;
    for &digit in &escape[2..] {
        unit = unit << 4 | (digit as char).to_digit(16)? as u16;
    }
    Some(unit)
}

/// The end of the run of number characters starting at `start`.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let len = bytes[start..]
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
        .count();
    start + len
}

/// Whether `token` is a JSON number that serde_json refuses: by the grammar
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, but beyond `f64` (serde_json decides).
fn beyond_f64(token: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = token.strip_prefix('-').unwrap_or(token);
    let int = digits(rest);
    if int == 0 || (int > 1 && rest.starts_with('0')) {
        return false;
    }
    let mut rest = &rest[int..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = &exponent[n..];
    }
    rest.is_empty() && serde_json::from_str::<serde_json::Value>(token).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn value(text: &str) -> Value {
        from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn each_lone_surrogate_becomes_one_replacement_character() {
        for (text, expected) in [
            (r#""\ud800""#, "\u{FFFD}"),
            (r#""\udc00""#, "\u{FFFD}"),
            (r#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (r#""\udc00\ud800""#, "\u{FFFD}\u{FFFD}"),
            (r#""\ud83d\ude00""#, "😀"),
            (r#""a\ud800""#, "a\u{FFFD}"),
            (r#""\ud800\n\t\"\\\u0041""#, "\u{FFFD}\n\t\"\\A"),
            (r#""\ud800\ud800\udc00""#, "\u{FFFD}\u{10000}"),
            (r#""\ud800\u0041""#, "\u{FFFD}A"),
            (r#""\ud800é\udc00""#, "\u{FFFD}é\u{FFFD}"),
            (r#""\\ud800""#, "\\ud800"),
        ] {
            assert_eq!(value(text), Value::from(expected), "{text}");
        }
    }

    #[test]
    fn keys_and_nested_values_are_repaired_too() {
        let v = value(r#"{"k\udc00": [{"\ud800": "\udfff"}], "n": -2E+999}"#);
        assert_eq!(v["k\u{FFFD}"][0]["\u{FFFD}"], "\u{FFFD}");
        assert_eq!(v["n"], "-2E+999");
    }

    #[test]
    fn well_formed_text_is_not_copied() {
        assert_eq!(
            repaired(r#"{"a": "\ud83d\ude00", "b": [1e308, -0.5e-999]}"#),
            None
        );
        assert_eq!(repaired("1e400 x"), Some(r#""1e400" x"#.to_owned()));
    }

    #[test]
    fn text_that_is_not_json_stays_refused() {
        for text in [
            r#"{"a": "\ud800"#,
            r#"{"a": "\ud800", "#,
            r#"{1e400: 1}"#,
            r#"{"a": 1, 1e400: 1}"#,
            r#"[01e400]"#,
            r#"[1e400."#,
            r#"["\ud80"]"#,
            r#"[1e400 2]"#,
            "\"\\ud800\"\"",
        ] {
            assert!(from_str::<Value>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_repaired_surrogate_keeps_later_positions() {
        let e = from_str::<Value>(r#"["\ud800", tru]"#).unwrap_err();
        let original = serde_json::from_str::<Value>(r#"["\u0041", tru]"#).unwrap_err();
        assert_eq!((e.line(), e.column()), (original.line(), original.column()));
    }
}
