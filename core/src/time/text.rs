//! Parsing the few fixed time formats the app reads, exactly as chrono's
//! `parse_from_str` reads them, without chrono's format-string interpreter (strftime items,
//! `Parsed` resolution): that machinery is ~11 kB of wasm (see bench/BUNDLE.md).
//! A differential property test checks every format against chrono.
//!
//! chrono's rules, kept here: numbers may be preceded by whitespace; `%Y` takes 1 to 4 digits,
//! or a sign and any number of digits; `%m %d %H %M %S` take 1 or 2 digits; a space in the
//! format matches any run of whitespace, also none; `%.f` is an optional `.` and fraction
//! (digits past the ninth are ignored); `%z` is `±hh`, optional colons or whitespace, `mm`
//! (`−`, U+2212, is a minus too); second 60 is a leap second; nothing may follow.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// One item of a format.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    /// `%Y` (0), `%m` (1), `%d` (2), `%H` (3), `%M` (4), `%S` (5).
    Num(usize),
    /// An exact character.
    Lit(char),
    /// A space in the format: any whitespace, or none.
    Space,
    /// `%.f`.
    Frac,
    /// `%z`.
    Offset,
}

use Item::{Frac, Lit, Num, Offset, Space};

// One line per format (rustfmt would put each item on its own line): the order of the items
// is the format, as in the strftime string above each.
/// `%Y-%m-%dT%H:%M:%S%.f%z`
#[rustfmt::skip]
pub(crate) const T_SECONDS_OFFSET: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Lit('T'), Num(3), Lit(':'), Num(4), Lit(':'), Num(5), Frac, Offset];
/// `%Y-%m-%d %H:%M:%S%.f%z`
#[rustfmt::skip]
pub(crate) const SPACE_SECONDS_OFFSET: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Space, Num(3), Lit(':'), Num(4), Lit(':'), Num(5), Frac, Offset];
/// `%Y-%m-%dT%H:%MZ` (the API's form)
#[rustfmt::skip]
pub(crate) const T_MINUTES_Z: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Lit('T'), Num(3), Lit(':'), Num(4), Lit('Z')];
/// `%Y-%m-%dT%H:%M:%S%.f`
#[rustfmt::skip]
pub(crate) const T_SECONDS: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Lit('T'), Num(3), Lit(':'), Num(4), Lit(':'), Num(5), Frac];
/// `%Y-%m-%d %H:%M:%S%.f`
#[rustfmt::skip]
pub(crate) const SPACE_SECONDS: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Space, Num(3), Lit(':'), Num(4), Lit(':'), Num(5), Frac];
/// `%Y-%m-%dT%H:%M` (a `datetime-local` input's value)
#[rustfmt::skip]
pub(crate) const T_MINUTES: &[Item] = &[Num(0), Lit('-'), Num(1), Lit('-'), Num(2), Lit('T'), Num(3), Lit(':'), Num(4)];
/// `%Y%m%dT%H%M%SZ` (`X-Sdk-Date`)
#[rustfmt::skip]
pub(crate) const SDK_DATE: &[Item] = &[Num(0), Num(1), Num(2), Lit('T'), Num(3), Num(4), Num(5), Lit('Z')];

/// Like `NaiveDateTime::parse_from_str(text, format)` for a format without `%z`.
pub(crate) fn parse_naive(text: &str, format: &[Item]) -> Option<NaiveDateTime> {
    match parse(text, format)? {
        (naive, None) => Some(naive),
        (_, Some(_)) => None,
    }
}

/// Like `DateTime::parse_from_str(text, format)` (with `%z`) then `with_timezone(&Utc)`.
pub(crate) fn parse_with_offset(text: &str, format: &[Item]) -> Option<DateTime<Utc>> {
    let (local, seconds) = parse(text, format)?;
    let offset = FixedOffset::east_opt(seconds?)?;
    Some(local.checked_sub_offset(offset)?.and_utc())
}

/// `text` as a browser's `datetime-local` value, `YYYY-MM-DDTHH:MM`, read as chrono's
/// `NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")` reads it.
pub fn parse_datetime_local(text: &str) -> Option<NaiveDateTime> {
    parse_naive(text, T_MINUTES)
}

/// Like `DateTime::parse_from_rfc2822(text)` then `with_timezone(&Utc)`: the server's HTTP
/// `Date` header, without chrono's `parse_internal`/`Parsed` (the only user left of them).
///
/// chrono's rules, kept here: whitespace is any Unicode whitespace; an optional weekday name
/// and `,` (a weekday that is not the date's refuses it); a day of 1 or 2 digits; a month
/// name; a year of 2 or more digits (2 digits: 00–49 are 20xx, 50–99 19xx; 3 digits: + 1900);
/// `HH:MM[:SS]`, whitespace allowed around the first colon; a zone: `±hhmm`, `GMT`/`UT`/`Z`,
/// the US zones, or one military letter (as +0000); then `(comments)`. Names match in any case.
pub(crate) fn parse_rfc2822(text: &str) -> Option<DateTime<Utc>> {
    let mut s = text.trim_start();
    let mut weekday = None;
    if let Some(day) = name(s, &WEEKDAYS) {
        s = s[3..].strip_prefix(',')?;
        weekday = Some(day);
    }
    let (rest, day) = number(s.trim_start(), 1, 2)?;
    let s = space(rest)?;
    let month = name(s, &MONTHS)? + 1;
    let s = space(&s[3..])?;
    let (rest, year) = number(s, 2, usize::MAX)?;
    let year = match (s.len() - rest.len(), year) {
        (2, y @ 0..=49) => y + 2000,
        (2, y) | (3, y) => y + 1900,
        (_, y) => y,
    };
    let (rest, hour) = number(space(rest)?, 2, 2)?;
    let s = rest.trim_start().strip_prefix(':')?.trim_start();
    let (mut s, minute) = number(s, 2, 2)?;
    let mut second = None;
    if let Some(rest) = s.trim_start().strip_prefix(':') {
        let (rest, value) = number(rest, 2, 2)?;
        s = rest;
        second = Some(value);
    }
    let (mut s, offset) = zone_2822(space(s)?)?;
    while let Some(rest) = comment_2822(s) {
        s = rest;
    }
    if !s.is_empty() || !(1..=31).contains(&day) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)?;
    if weekday.is_some_and(|w| w != date.weekday().num_days_from_monday() as usize) {
        return None;
    }
    let (second, leap) = match second.unwrap_or(0) {
        60 => (59, 1_000_000_000),
        s => (u32::try_from(s).ok()?, 0),
    };
    let hour = u32::try_from(hour).ok().filter(|h| *h <= 23)?;
    let minute = u32::try_from(minute).ok().filter(|m| *m <= 59)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, leap)?;
    let offset = FixedOffset::east_opt(offset)?;
    Some(date.and_time(time).checked_sub_offset(offset)?.and_utc())
}

const WEEKDAYS: [&[u8; 3]; 7] = [b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun"];
const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// The index of the name `s` starts with, in any case.
fn name(s: &str, names: &[&[u8; 3]]) -> Option<usize> {
    let start = s.as_bytes().get(..3)?;
    names
        .iter()
        .position(|n| start.iter().zip(n.iter()).all(|(a, b)| (a | 32) == *b))
}

/// At least one whitespace character, skipped.
fn space(s: &str) -> Option<&str> {
    let rest = s.trim_start();
    (rest.len() < s.len()).then_some(rest)
}

/// An RFC 2822 zone, in seconds east of UTC.
fn zone_2822(s: &str) -> Option<(&str, i32)> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 {
        let negative = match s.as_bytes().first()? {
            b'+' => false,
            b'-' => true,
            _ => return None,
        };
        return match &s.as_bytes()[1..] {
            &[h1 @ b'0'..=b'9', h2 @ b'0'..=b'9', m1 @ b'0'..=b'5', m2 @ b'0'..=b'9', ..] => {
                let digit = |d: u8| i32::from(d - b'0');
                let seconds =
                    (digit(h1) * 10 + digit(h2)) * 3600 + (digit(m1) * 10 + digit(m2)) * 60;
                Some((&s[5..], if negative { -seconds } else { seconds }))
            }
            _ => None,
        };
    }
    let hours = match s[..letters].to_ascii_lowercase().as_str() {
        "gmt" | "ut" | "z" => 0,
        "edt" => -4,
        "est" | "cdt" => -5,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        // Another single letter but J: a military zone, read as -0000 as RFC 2822 recommends.
        one if one.len() == 1 && one != "j" => 0,
        _ => return None,
    };
    Some((&s[letters..], hours * 3600))
}

/// One `(comment)` after optional whitespace; `\` escapes, parentheses nest.
fn comment_2822(s: &str) -> Option<&str> {
    let s = s.trim_start().strip_prefix('(')?;
    let mut depth = 1;
    let mut escaped = false;
    for (i, c) in s.bytes().enumerate() {
        match c {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'(' => depth += 1,
            b')' if depth == 1 => return Some(&s[i + 1..]),
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The local date-time and the `%z` offset in seconds, if the format has one.
fn parse(text: &str, format: &[Item]) -> Option<(NaiveDateTime, Option<i32>)> {
    let mut s = text;
    let mut fields = [None::<i64>; 6];
    let mut nano = 0u32;
    let mut offset = None;
    for item in format {
        match *item {
            Lit(c) => s = s.strip_prefix(c)?,
            Space => s = s.trim_start(),
            Num(field) => {
                s = s.trim_start();
                let (rest, value) = match (field, s.as_bytes().first()) {
                    (0, Some(b'-')) => number(&s[1..], 1, usize::MAX).map(|(r, v)| (r, -v))?,
                    (0, Some(b'+')) => number(&s[1..], 1, usize::MAX)?,
                    (0, _) => number(s, 1, 4)?,
                    _ => number(s, 1, 2)?,
                };
                s = rest;
                fields[field] = Some(value);
            }
            Frac => {
                if let Some(rest) = s.strip_prefix('.') {
                    let (rest, value) = number(rest, 1, 9)?;
                    let digits = rest.as_ptr() as usize - s.as_ptr() as usize - 1;
                    nano = (value as u32).checked_mul(10u32.pow(9 - digits as u32))?;
                    s = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                }
            }
            Offset => {
                let (rest, seconds) = offset_seconds(s.trim_start())?;
                s = rest;
                offset = Some(seconds);
            }
        }
    }
    if !s.is_empty() {
        return None;
    }
    let field = |i: usize, max: i64| fields[i].filter(|v| (0..=max).contains(v));
    let year = i32::try_from(fields[0]?).ok()?;
    let month = field(1, 12)? as u32;
    let day = field(2, 31)? as u32;
    let hour = field(3, 23)? as u32;
    let minute = field(4, 59)? as u32;
    let (second, leap) = match fields[5] {
        None => (0, 0),
        Some(60) => (59, 1_000_000_000),
        Some(s @ 0..=59) => (s as u32, 0),
        Some(_) => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano + leap)?;
    Some((date.and_time(time), offset))
}

/// `min` to `max` ASCII digits (`min` ≥ 1).
fn number(s: &str, min: usize, max: usize) -> Option<(&str, i64)> {
    let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if digits < min {
        return None;
    }
    let value = s.as_bytes()[..digits].iter().try_fold(0i64, |n, d| {
        n.checked_mul(10)?.checked_add(i64::from(d - b'0'))
    })?;
    Some((&s[digits..], value))
}

/// `±hh[:| ]*mm`, in seconds east of UTC.
fn offset_seconds(s: &str) -> Option<(&str, i32)> {
    let mut chars = s.chars();
    let negative = match chars.next()? {
        '+' => false,
        '-' | '\u{2212}' => true,
        _ => return None,
    };
    let s = chars.as_str();
    let two = |s: &str, first_max: u8| -> Option<i32> {
        match s.as_bytes() {
            [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] if *a <= first_max => {
                Some(i32::from((a - b'0') * 10 + (b - b'0')))
            }
            _ => None,
        }
    };
    let hours = two(s, b'9')?;
    let s = s[2..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let minutes = two(s, b'5')?;
    let seconds = hours * 3600 + minutes * 60;
    Some((&s[2..], if negative { -seconds } else { seconds }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [(&str, &[Item]); 7] = [
        ("%Y-%m-%dT%H:%M:%S%.f%z", T_SECONDS_OFFSET),
        ("%Y-%m-%d %H:%M:%S%.f%z", SPACE_SECONDS_OFFSET),
        ("%Y-%m-%dT%H:%MZ", T_MINUTES_Z),
        ("%Y-%m-%dT%H:%M:%S%.f", T_SECONDS),
        ("%Y-%m-%d %H:%M:%S%.f", SPACE_SECONDS),
        ("%Y-%m-%dT%H:%M", T_MINUTES),
        ("%Y%m%dT%H%M%SZ", SDK_DATE),
    ];

    fn check(text: &str) {
        for (format, items) in FORMATS {
            if format.ends_with("%z") {
                let expected = DateTime::parse_from_str(text, format)
                    .ok()
                    .map(|t| t.with_timezone(&Utc));
                assert_eq!(
                    parse_with_offset(text, items),
                    expected,
                    "{text:?} as {format}"
                );
            } else {
                let expected = NaiveDateTime::parse_from_str(text, format).ok();
                assert_eq!(parse_naive(text, items), expected, "{text:?} as {format}");
            }
        }
    }

    #[test]
    fn hand_picked_texts_read_as_chrono_reads_them() {
        for text in [
            "2024-01-15T08:30:00+08:00",
            "2024-01-15T08:30:00.123456789123+0800",
            "2024-01-15 08:30:00.5 -05:30",
            "2024-01-15 \t08:30:00\u{2212}01 : 00",
            "2024-01-15T08:30:60Z",
            "2024-01-15T08:30:60+00:00",
            "2024-12-31T23:59:60.999+00:00",
            "2024-1-5T8:3:9+0000",
            "+2024-01-15T08:30:00+00:00",
            "-0001-01-15T08:30:00+00:00",
            "+99999999999999999999-01-15T08:30:00+00:00",
            "20240-01-15T08:30:00+00:00",
            "2024-02-30T08:30:00+00:00",
            "2024-01-15T24:00:00+00:00",
            "2024-01-15T08:30:00+24:00",
            "2024-01-15T08:30:00+23:59",
            "2024-01-15T08:30:00+99:59",
            "2024-01-15T08:30:00+08:60",
            "2024-01-15T08:30:00+08",
            "2024-01-15T08:30:00+08:0",
            "2024-01-15T08:30:00+08:00 ",
            "2024-01-15T08:30:00.+00:00",
            "2024-01-15T08:30Z",
            "2024-01-15T08:30z",
            "2024-01-15T08:30",
            "2024-01-1508:30:00",
            "2024-01-15 08:30:00",
            "2024-01-15  08:30:00.25",
            " 2024-01-15T08:30",
            "2024- 01-15T08:30",
            "20240115T083000Z",
            "20240115T083060Z",
            "262143-12-31T23:59:59+00:00",
            "+262143-12-31T23:59:59-01:00",
            "",
            "T",
            "2024",
        ] {
            check(text);
        }
        assert_eq!(
            parse_datetime_local("2024-01-15T08:30"),
            NaiveDateTime::parse_from_str("2024-01-15T08:30", "%Y-%m-%dT%H:%M").ok()
        );
    }

    fn check_2822(text: &str) {
        let expected = DateTime::parse_from_rfc2822(text)
            .ok()
            .map(|t| t.with_timezone(&Utc));
        assert_eq!(parse_rfc2822(text), expected, "{text:?} as RFC 2822");
    }

    #[test]
    fn http_dates_read_as_chrono_reads_them() {
        for text in [
            "Mon, 15 Jan 2024 10:45:30 GMT",
            "mon, 15 jan 2024 10:45:30 gmt",
            "Tue, 15 Jan 2024 10:45:30 GMT",
            "Mon,15 Jan 2024 10:45:30 GMT",
            "Mon 15 Jan 2024 10:45:30 GMT",
            "15 Jan 2024 10:45:30 GMT",
            " \t15  Jan\t2024 10 : 45:30 +0100",
            "15 Jan 2024 10:45 -0130",
            "15 Jan 2024 10:45: 30 GMT",
            "15 Jan 2024 10:45 :30 GMT",
            "15 Jan 2024 10:45:60 UT",
            "15 Jan 2024 10:45:61 UT",
            "15 Jan 2024 24:45:30 UT",
            "15 Jan 2024 10:60:30 UT",
            "1 Jan 24 1:45:30 UT",
            "1 Jan 24 01:45:30 UT",
            "1 Jan 49 01:45:30 UT",
            "1 Jan 50 01:45:30 UT",
            "1 Jan 112 01:45:30 UT",
            "1 Jan 0654 01:45:30 UT",
            "1 Jan 99999999999 01:45:30 UT",
            "1 Jan 2024 01:45:30 EST",
            "1 Jan 2024 01:45:30 edt",
            "1 Jan 2024 01:45:30 CST",
            "1 Jan 2024 01:45:30 MDT",
            "1 Jan 2024 01:45:30 PST",
            "1 Jan 2024 01:45:30 PDT",
            "1 Jan 2024 01:45:30 a",
            "1 Jan 2024 01:45:30 J",
            "1 Jan 2024 01:45:30 Z",
            "1 Jan 2024 01:45:30 UTC",
            "1 Jan 2024 01:45:30 +2400",
            "1 Jan 2024 01:45:30 +2359",
            "1 Jan 2024 01:45:30 +9959",
            "1 Jan 2024 01:45:30 +0960",
            "1 Jan 2024 01:45:30 +01:00",
            "1 Jan 2024 01:45:30 \u{2212}0100",
            "1 Jan 2024 01:45:30 +010",
            "1 Jan 2024 01:45:30 GMT (comment)",
            "1 Jan 2024 01:45:30 GMT (a (nested) one) (and \\) another)",
            "1 Jan 2024 01:45:30 GMT (open",
            "1 Jan 2024 01:45:30 GMT ",
            "1 Jan 2024 01:45:30 GMTx",
            "1 Jan 2024 01:45:30GMT",
            "31 Feb 2024 01:45:30 GMT",
            "0 Feb 2024 01:45:30 GMT",
            "32 Jan 2024 01:45:30 GMT",
            "1 Foo 2024 01:45:30 GMT",
            "1 January 2024 01:45:30 GMT",
            "1 Jan 262143 23:59:59 -0100",
            "1 Jan 2024",
            "",
            "Mon,",
            "Mo",
        ] {
            check_2822(text);
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,5}",
            Just("-".to_owned()),
            Just("+".to_owned()),
            Just("\u{2212}".to_owned()),
            Just(":".to_owned()),
            Just("T".to_owned()),
            Just("Z".to_owned()),
            Just(" ".to_owned()),
            Just("\t".to_owned()),
            Just(".".to_owned()),
            Just("x".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn token_soup_reads_as_chrono_reads_it(pieces in prop::collection::vec(piece(), 0..18)) {
            check(&pieces.concat());
        }

        #[test]
        fn http_date_soup_reads_as_chrono_reads_it(pieces in prop::collection::vec(prop_oneof![
            "[0-9]{1,5}",
            Just(" ".to_owned()),
            Just(":".to_owned()),
            Just(",".to_owned()),
            Just("(".to_owned()),
            Just(")".to_owned()),
            Just("\\".to_owned()),
            Just("+".to_owned()),
            Just("-".to_owned()),
            "(Mon|Tue|sun|Jan|feb|DEC|GMT|UT|Z|EST|pdt|j|k|x|Foo)",
        ], 0..16)) {
            check_2822(&pieces.concat());
        }

        #[test]
        fn near_valid_http_dates_read_as_chrono_reads_them(
            wd in "(|Mon, |Fri, |sat,|Sun ,)", d in "[0-9]{1,3}",
            mo in "(Jan|feb|MAR|Apr|Dec|Foo)", y in "[0-9]{1,5}", h in "[0-9]{1,3}",
            mi in "[0-9]{1,3}", s in "(|:[0-9]{1,3}| : [0-9]{2})",
            zone in "( GMT| UT| Z| [+-][0-9]{4}| [+-][0-9]{3}| EST| CDT| [a-zA-Z]| UTC|)",
            comment in "(| \\(x\\)| \\(a \\(b\\) c\\)| \\(x)",
        ) {
            check_2822(&format!("{wd}{d} {mo} {y} {h}:{mi}{s}{zone}{comment}"));
        }

        #[test]
        fn near_valid_times_read_as_chrono_reads_them(
            y in prop_oneof![Just("2024".to_owned()), "[+-]?[0-9]{1,7}"],
            mo in "[0-9]{1,3}", d in "[0-9]{1,3}", h in "[0-9]{1,3}", mi in "[0-9]{1,3}",
            s in "[0-9]{1,3}",
            sep in prop_oneof![Just("T"), Just(" "), Just(""), Just("  ")],
            frac in prop_oneof![Just(String::new()), "\\.[0-9]{0,12}"],
            off in prop_oneof![Just(String::new()), Just("Z".to_owned()), "[+-\u{2212}][0-9]{1,2}[: ]{0,2}[0-9]{0,3}"],
            compact in any::<bool>(),
        ) {
            if compact {
                check(&format!("{y}{mo}{d}T{h}{mi}{s}{off}"));
            }
            check(&format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}"));
            check(&format!("{y}-{mo}-{d}{sep}{h}:{mi}{off}"));
        }
    }
}
