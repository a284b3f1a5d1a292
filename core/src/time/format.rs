//! Times and durations as text, in the few fixed shapes the app writes, without chrono's
//! format-string interpreter (see bench/BUNDLE.md): the API's UTC form, the table's local or UTC
//! time, durations, and the fixed shapes of file names and signatures.

use std::fmt;

use chrono::{DateTime, Datelike, Timelike};

use crate::i18n::{table, units, Lang};

/// The zone times are shown in. The crate has no clock and no zone database, so local time is
/// whatever the caller's function says: in the browser, `-Date.getTimezoneOffset()` for that
/// instant, which follows daylight saving time.
#[derive(Clone, Copy)]
pub enum DisplayZone<'a> {
    Utc,
    /// Unix seconds → offset in minutes east of UTC at that instant.
    Local(&'a dyn Fn(i64) -> i32),
}

impl DisplayZone<'_> {
    /// Its offset from UTC at `secs` (Unix seconds), in minutes east: 0 for UTC. For whatever
    /// takes an offset function rather than a zone (the weekday/hour heatmap).
    ///
    /// ```
    /// use logins_core::time::format::DisplayZone;
    /// let cest = |_: i64| 120;
    /// assert_eq!(DisplayZone::Local(&cest).offset_minutes(0), 120);
    /// assert_eq!(DisplayZone::Utc.offset_minutes(0), 0);
    /// ```
    pub fn offset_minutes(&self, secs: i64) -> i32 {
        match self {
            DisplayZone::Utc => 0,
            DisplayZone::Local(offset) => offset(secs),
        }
    }
}

/// How a header and the zone toggle name the zone times are shown in, in `lang`: `UTC`, or
/// local time. English names the local zone by `local_id`, the browser's zone
/// (`Europe/Berlin`), else by its offset at `now` (Unix seconds); Chinese as 本地时间 with the
/// offset at `now` (`本地时间 UTC+08:00`), because a zone id is English words.
///
/// ```
/// use logins_core::i18n::Lang::{En, Zh};
/// use logins_core::time::format::{zone_name, DisplayZone};
/// let beijing = |_: i64| 480;
/// let local = DisplayZone::Local(&beijing);
/// assert_eq!(zone_name(En, &local, 0, Some("Asia/Shanghai")), "Asia/Shanghai");
/// assert_eq!(zone_name(En, &local, 0, None), "UTC+08:00");
/// assert_eq!(zone_name(Zh, &local, 0, Some("Asia/Shanghai")), "本地时间 UTC+08:00");
/// assert_eq!(zone_name(Zh, &DisplayZone::Utc, 0, None), "UTC");
/// ```
pub fn zone_name(lang: Lang, zone: &DisplayZone, now: i64, local_id: Option<&str>) -> String {
    match (zone, lang, local_id) {
        (DisplayZone::Utc, _, _) => "UTC".to_owned(),
        (DisplayZone::Local(_), Lang::En, Some(id)) if !id.is_empty() => id.to_owned(),
        (DisplayZone::Local(_), Lang::En, _) => utc_offset(zone.offset_minutes(now)),
        (DisplayZone::Local(_), Lang::Zh, _) => {
            table::LOCAL_ZONE.fill(Lang::Zh, &[&utc_offset(zone.offset_minutes(now))])
        }
    }
}

/// The zone as a CSV file's time headers name it: `UTC`, or `local time` (`本地时间`)
/// without an offset, since a file's rows can span a change to or from summer time.
pub fn file_zone_name(lang: Lang, zone: &DisplayZone) -> &'static str {
    match zone {
        DisplayZone::Utc => "UTC",
        DisplayZone::Local(_) => table::LOCAL_TIME.get(lang),
    }
}

/// An offset in minutes east of UTC as `UTC+08:00`, `UTC-03:30`, `UTC+00:00`.
pub fn utc_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

impl fmt::Debug for DisplayZone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DisplayZone::Utc => "Utc",
            DisplayZone::Local(_) => "Local",
        })
    }
}

/// `t` as text in a fixed shape, the way chrono's `format` would write it with `%Y`, `%m`, `%d`,
/// `%H`, `%M` and `%S`: `date_sep` between the date's fields, `between` between date and time,
/// `time_sep` between the time's fields, seconds only when `seconds`. Years outside 0..=9999
/// get a sign, as with `%Y`. Used instead of `format("%…")`, whose format-string interpreter
/// costs ~5 kB of wasm (see bench/BUNDLE.md).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::time::format::fixed_time;
/// let t = Utc.with_ymd_and_hms(2024, 1, 5, 8, 3, 9).unwrap().naive_utc();
/// assert_eq!(fixed_time(&t, "-", "T", ":", false), "2024-01-05T08:03");
/// assert_eq!(fixed_time(&t, "", "T", "", true), "20240105T080309");
/// ```
pub fn fixed_time(
    t: &chrono::NaiveDateTime,
    date_sep: &str,
    between: &str,
    time_sep: &str,
    seconds: bool,
) -> String {
    let y = t.year();
    let mut out = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{}{:04}", if y < 0 { '-' } else { '+' }, y.unsigned_abs())
    };
    out += &format!(
        "{date_sep}{:02}{date_sep}{:02}{between}{:02}{time_sep}{:02}",
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    );
    if seconds {
        // A leap second is second 60, as chrono writes it.
        out += &format!(
            "{time_sep}{:02}",
            t.second() + t.nanosecond() / 1_000_000_000
        );
    }
    out
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS` in `zone`. An instant outside the calendar's range
/// (which parsed API times never are) is shown as the number of seconds, never a panic.
pub fn format_time(secs: i64, zone: &DisplayZone) -> String {
    let shifted = secs.saturating_add(i64::from(zone.offset_minutes(secs)) * 60);
    match DateTime::from_timestamp(shifted, 0) {
        Some(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        None => secs.to_string(),
    }
}

/// Seconds in the two largest units that matter, in `lang`: `45 s`, `12 min 05 s`,
/// `1 h 02 min`, `3 d 4 h` (`45秒`, `12分05秒`, `1小时02分`, `3天4小时`); negative values get a
/// leading `-`.
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::time::format::format_duration;
/// assert_eq!(format_duration(Lang::En, 45), "45 s");
/// assert_eq!(format_duration(Lang::En, 725), "12 min 05 s");
/// assert_eq!(format_duration(Lang::Zh, 725), "12分05秒");
/// assert_eq!(format_duration(Lang::En, 3 * 86_400 + 4 * 3600 + 59), "3 d 4 h");
/// assert_eq!(format_duration(Lang::Zh, 3 * 86_400 + 4 * 3600 + 59), "3天4小时");
/// assert_eq!(format_duration(Lang::En, -3), "-3 s");
/// ```
pub fn format_duration(lang: Lang, secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let (text, big, small) = if s < 60 {
        (units::SECONDS, s.to_string(), String::new())
    } else if s < 3600 {
        (
            units::MINUTES_SECONDS,
            (s / 60).to_string(),
            format!("{:02}", s % 60),
        )
    } else if s < 86_400 {
        (
            units::HOURS_MINUTES,
            (s / 3600).to_string(),
            format!("{:02}", s % 3600 / 60),
        )
    } else {
        (
            units::DAYS_HOURS,
            (s / 86_400).to_string(),
            (s % 86_400 / 3600).to_string(),
        )
    };
    format!("{sign}{}", text.fill(lang, &[&big, &small]))
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
///
/// ```
/// assert_eq!(logins_core::time::format::format_unix(1_587_697_367), "2020-04-24T03:02:47Z");
/// ```
pub fn format_unix(secs: i64) -> String {
    match unix_text(secs) {
        Some(text) => text.iter().map(|&b| char::from(b)).collect(),
        // Years outside 0000–9999 do not fit the fixed form; `format!` widens the year.
        None => {
            let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
            let rem = secs.rem_euclid(86_400);
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                rem / 3600,
                rem / 60 % 60,
                rem % 60
            )
        }
    }
}

/// [`format_unix`] into a fixed buffer, for years 0000–9999 (`None` otherwise). Why not only
/// the `String` form: the record table checks three times per record whether a time's text is
/// exactly this form (then it need not keep the text), and formatting each one through
/// `format!` was a fifth of the time it took to index 100,000 records.
pub fn unix_text(secs: i64) -> Option<[u8; 20]> {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    if !(0..=9999).contains(&y) {
        return None;
    }
    let rem = secs.rem_euclid(86_400);
    let mut out = *b"0000-00-00T00:00:00Z";
    let mut put = |at: usize, value: i64, width: usize| {
        let mut v = value;
        for i in (at..at + width).rev() {
            out[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, y, 4);
    put(5, i64::from(m), 2);
    put(8, i64::from(d), 2);
    put(11, rem / 3600, 2);
    put(14, rem / 60 % 60, 2);
    put(17, rem % 60, 2);
    Some(out)
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_follows_the_offset_function() {
        let india = |_: i64| 330;
        let z = DisplayZone::Local(&india);
        assert_eq!(format_time(0, &z), "1970-01-01 05:30:00");
        let west = |_: i64| -300;
        assert_eq!(
            format_time(0, &DisplayZone::Local(&west)),
            "1969-12-31 19:00:00"
        );
        let absurd = |_: i64| i32::MAX;
        // Out of the calendar's range: the number, not a panic.
        assert_eq!(
            format_time(i64::MAX, &DisplayZone::Local(&absurd)),
            i64::MAX.to_string()
        );
        assert_eq!(format!("{z:?}"), "Local");
    }

    #[test]
    fn zones_are_named_in_both_languages() {
        let newfoundland = |_: i64| -150;
        let local = DisplayZone::Local(&newfoundland);
        assert_eq!(utc_offset(-150), "UTC-02:30");
        assert_eq!(utc_offset(0), "UTC+00:00");
        assert_eq!(utc_offset(345), "UTC+05:45");
        for lang in Lang::ALL {
            assert_eq!(
                zone_name(lang, &DisplayZone::Utc, 0, Some("Europe/Berlin")),
                "UTC"
            );
            assert_eq!(file_zone_name(lang, &DisplayZone::Utc), "UTC");
        }
        assert_eq!(
            zone_name(Lang::En, &local, 0, Some("America/St_Johns")),
            "America/St_Johns"
        );
        assert_eq!(zone_name(Lang::En, &local, 0, Some("")), "UTC-02:30");
        assert_eq!(
            zone_name(Lang::Zh, &local, 0, Some("America/St_Johns")),
            "本地时间 UTC-02:30"
        );
        // The offset at `now`: summer time shows as the summer offset.
        let berlin = |secs: i64| if secs > 1_000 { 120 } else { 60 };
        let berlin = DisplayZone::Local(&berlin);
        assert_eq!(zone_name(Lang::Zh, &berlin, 0, None), "本地时间 UTC+01:00");
        assert_eq!(
            zone_name(Lang::Zh, &berlin, 5_000, None),
            "本地时间 UTC+02:00"
        );
        assert_eq!(file_zone_name(Lang::En, &local), "local time");
        assert_eq!(file_zone_name(Lang::Zh, &local), "本地时间");
    }

    #[test]
    fn unix_seconds_in_the_api_form() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        // Outside the fixed form's years, the year widens instead of wrapping.
        assert_eq!(format_unix(253_402_300_800), "10000-01-01T00:00:00Z");
        assert_eq!(format_unix(-62_135_596_800), "0001-01-01T00:00:00Z");
        assert_eq!(unix_text(253_402_300_799), Some(*b"9999-12-31T23:59:59Z"));
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_720_000_000), "2024-07-03T09:46:40Z");
    }
}
