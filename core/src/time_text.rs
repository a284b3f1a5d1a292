//! Parsing the few fixed time formats the app reads, exactly as chrono's
//! `parse_from_str` reads them, without chrono's format-string interpreter (strftime items,
//! `Parsed` resolution): that machinery is ~11 kB of wasm (see ARCHITECTURE.md, "Bundle
//! size"). A differential property test checks every format against chrono.
//!
//! chrono's rules, kept here: numbers may be preceded by whitespace; `%Y` takes 1 to 4 digits,
//! or a sign and any number of digits; `%m %d %H %M %S` take 1 or 2 digits; a space in the
//! format matches any run of whitespace, also none; `%.f` is an optional `.` and fraction
//! (digits past the ninth are ignored); `%z` is `±hh`, optional colons or whitespace, `mm`
//! (`−`, U+2212, is a minus too); second 60 is a leap second; nothing may follow.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};

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

/// `%Y-%m-%dT%H:%M:%S%.f%z`
pub(crate) const T_SECONDS_OFFSET: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Lit('T'),
    Num(3),
    Lit(':'),
    Num(4),
    Lit(':'),
    Num(5),
    Frac,
    Offset,
];
/// `%Y-%m-%d %H:%M:%S%.f%z`
pub(crate) const SPACE_SECONDS_OFFSET: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Space,
    Num(3),
    Lit(':'),
    Num(4),
    Lit(':'),
    Num(5),
    Frac,
    Offset,
];
/// `%Y-%m-%dT%H:%MZ` (the API's form)
pub(crate) const T_MINUTES_Z: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Lit('T'),
    Num(3),
    Lit(':'),
    Num(4),
    Lit('Z'),
];
/// `%Y-%m-%dT%H:%M:%S%.f`
pub(crate) const T_SECONDS: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Lit('T'),
    Num(3),
    Lit(':'),
    Num(4),
    Lit(':'),
    Num(5),
    Frac,
];
/// `%Y-%m-%d %H:%M:%S%.f`
pub(crate) const SPACE_SECONDS: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Space,
    Num(3),
    Lit(':'),
    Num(4),
    Lit(':'),
    Num(5),
    Frac,
];
/// `%Y-%m-%dT%H:%M` (a `datetime-local` input's value)
pub(crate) const T_MINUTES: &[Item] = &[
    Num(0),
    Lit('-'),
    Num(1),
    Lit('-'),
    Num(2),
    Lit('T'),
    Num(3),
    Lit(':'),
    Num(4),
];
/// `%Y%m%dT%H%M%SZ` (`X-Sdk-Date`)
pub(crate) const SDK_DATE: &[Item] = &[
    Num(0),
    Num(1),
    Num(2),
    Lit('T'),
    Num(3),
    Num(4),
    Num(5),
    Lit('Z'),
];

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
                    (0, Some(b'-')) => number(&s[1..], usize::MAX).map(|(r, v)| (r, -v))?,
                    (0, Some(b'+')) => number(&s[1..], usize::MAX)?,
                    (0, _) => number(s, 4)?,
                    _ => number(s, 2)?,
                };
                s = rest;
                fields[field] = Some(value);
            }
            Frac => {
                if let Some(rest) = s.strip_prefix('.') {
                    let (rest, value) = number(rest, 9)?;
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

/// 1 to `max` ASCII digits.
fn number(s: &str, max: usize) -> Option<(&str, i64)> {
    let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
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
