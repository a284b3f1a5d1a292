//! The time filter as people think of it ("the last 24 hours", "from 9:00 this morning") turned
//! into the API's UTC-minute strings, and back.
//!
//! There is no clock and no time zone database here: the caller passes `now`, and a function
//! giving the browser's UTC offset for a given date and time. The browser knows its zone's
//! daylight-saving rules (via JS `Date`), so asking it per date gets DST right without shipping
//! a zone database in the wasm bundle.
//!
//! Offsets are in minutes *east* of UTC (UTC+8 is `480`, New York in winter is `-300`), i.e.
//! `local = utc + offset`. JS `Date.prototype.getTimezoneOffset()` has the opposite sign, so the
//! browser passes its negation.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::api::field_error::{Field, FieldError, Problem};
use crate::api::query::{format_time, parse_api_time};
use crate::i18n::{form, Lang};

/// Largest accepted UTC offset, in minutes. Real zones today lie within -12:00..+14:00, but
/// browsers report historical local mean time for old dates (Manila was -15:56 before 1845), so
/// anything below a full day is taken; beyond that the browser is not telling the truth.
pub const MAX_OFFSET_MINUTES: u32 = 24 * 60 - 1;

/// The time ranges offered next to the time inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimePreset {
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
    /// The user picks start and end.
    Custom,
    /// No time filter: every record the API keeps.
    AllTime,
}

impl Default for TimePreset {
    /// The last 24 hours: the usual question ("who had trouble logging in today?"), and small
    /// enough to load in seconds.
    fn default() -> Self {
        TimePreset::Last24Hours
    }
}

impl TimePreset {
    /// Every preset, in the order the UI lists them.
    pub const ALL: [TimePreset; 6] = [
        TimePreset::LastHour,
        TimePreset::Last24Hours,
        TimePreset::Last7Days,
        TimePreset::Last30Days,
        TimePreset::Custom,
        TimePreset::AllTime,
    ];

    /// The text on the preset's option, in `lang` (Huawei's console: 近7天, 近30天, 自定义).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TimePreset::LastHour => form::PRESET_LAST_HOUR,
            TimePreset::Last24Hours => form::PRESET_LAST_24_HOURS,
            TimePreset::Last7Days => form::PRESET_LAST_7_DAYS,
            TimePreset::Last30Days => form::PRESET_LAST_30_DAYS,
            TimePreset::Custom => form::PRESET_CUSTOM,
            TimePreset::AllTime => form::PRESET_ALL_TIME,
        }
        .get(lang)
    }

    /// A short stable identifier, for the page URL and for storage: labels may be reworded or
    /// translated, ids must not change.
    pub fn id(self) -> &'static str {
        match self {
            TimePreset::LastHour => "1h",
            TimePreset::Last24Hours => "24h",
            TimePreset::Last7Days => "7d",
            TimePreset::Last30Days => "30d",
            TimePreset::Custom => "custom",
            TimePreset::AllTime => "all",
        }
    }

    /// The preset with this [`TimePreset::id`]; `None` for anything else (e.g. a stale link).
    ///
    /// ```
    /// use logins_core::time::window::TimePreset;
    /// assert_eq!(TimePreset::from_id("7d"), Some(TimePreset::Last7Days));
    /// assert_eq!(TimePreset::from_id("7 days"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id.trim())
    }

    /// How far back the preset reaches; `None` for Custom and All time.
    pub fn span(self) -> Option<TimeDelta> {
        match self {
            TimePreset::LastHour => Some(TimeDelta::hours(1)),
            TimePreset::Last24Hours => Some(TimeDelta::hours(24)),
            TimePreset::Last7Days => Some(TimeDelta::days(7)),
            TimePreset::Last30Days => Some(TimeDelta::days(30)),
            TimePreset::Custom | TimePreset::AllTime => None,
        }
    }

    /// `(start_time, end_time)` in the API's UTC-minute form: the end is `now` rounded *up* to
    /// the minute (so a login a few seconds ago is inside the window, since the API compares
    /// at minute precision), the start is the end minus the span. `None` for Custom and All
    /// time, and for instants the API's four-digit years cannot express.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use logins_core::time::window::TimePreset;
    /// let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 20).unwrap();
    /// assert_eq!(
    ///     TimePreset::LastHour.range(now),
    ///     Some(("2024-01-15T07:31Z".to_owned(), "2024-01-15T08:31Z".to_owned()))
    /// );
    /// assert_eq!(TimePreset::AllTime.range(now), None);
    /// ```
    pub fn range(self, now: DateTime<Utc>) -> Option<(String, String)> {
        let span = self.span()?;
        let end = ceil_to_minute(now)?;
        let start = end.checked_sub_signed(span)?;
        Some((api_form(start)?, api_form(end)?))
    }
}

/// The English label, for logs and tests.
impl fmt::Display for TimePreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

fn ceil_to_minute(t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let secs = t.timestamp();
    let past_minute = secs.rem_euclid(60);
    let floor = secs - past_minute;
    // Nanoseconds count too: 08:30:00.5 is after 08:30.
    let ceil = if past_minute == 0 && t.timestamp_subsec_nanos() == 0 {
        floor
    } else {
        floor.checked_add(60)?
    };
    DateTime::from_timestamp(ceil, 0)
}

/// The API form, only if it really is the API form (years 0000..=9999).
fn api_form(t: DateTime<Utc>) -> Option<String> {
    let text = format_time(t);
    parse_api_time(&text).map(|_| text)
}

/// Converts the value of an `<input type="datetime-local">` (`YYYY-MM-DDTHH:MM`, optionally
/// with `:SS` and a fraction, which browsers add when the step is below a minute) from the
/// browser's zone to the API's UTC-minute form.
///
/// `offset_minutes_at` gives the zone's offset east of UTC at that local date and time (see
/// the module docs for the sign). Seconds are dropped, as the API counts in minutes. An empty
/// input is not an error (the time filter is optional): it gives an empty string. A bad input
/// gives a [`FieldError`] on `field`, for the message under that input.
///
/// ```
/// use logins_core::api::field_error::Field;
/// use logins_core::time::window::local_input_to_api;
/// let beijing = |_| 480;
/// assert_eq!(local_input_to_api("2024-01-15T16:30", Field::StartTime, beijing).unwrap(), "2024-01-15T08:30Z");
/// assert_eq!(local_input_to_api("", Field::StartTime, beijing).unwrap(), "");
/// assert!(local_input_to_api("15/01/2024 16:30", Field::StartTime, beijing).is_err());
/// ```
pub fn local_input_to_api(
    input: &str,
    field: Field,
    offset_minutes_at: impl Fn(NaiveDateTime) -> i32,
) -> Result<String, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let bad = || FieldError::new(field, Problem::BadLocalTime);
    let local = parse_local_input(text).ok_or_else(bad)?;
    let offset = offset_minutes_at(local);
    if offset.unsigned_abs() > MAX_OFFSET_MINUTES {
        return Err(FieldError::new(field, Problem::BadTimeZoneOffset));
    }
    let utc = local
        .checked_sub_signed(TimeDelta::minutes(i64::from(offset)))
        .ok_or_else(bad)?;
    api_form(utc.and_utc()).ok_or_else(bad)
}

/// What the hint under a start or end picker says: what the API will receive, so the
/// local/UTC conversion is never a surprise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeHint {
    /// The picker is empty: no time filter.
    Empty,
    /// The value the API receives, in its UTC form (`2024-01-15T08:30Z`).
    SentAs(String),
    /// Nothing to say: the input is invalid, and the field's message says why.
    Nothing,
}

impl TimeHint {
    /// The hint for a picker holding `input` (see [`local_input_to_api`]).
    ///
    /// ```
    /// use logins_core::api::field_error::Field;
    /// use logins_core::time::window::TimeHint;
    /// let hint = TimeHint::for_input("2024-01-15T16:30", Field::StartTime, |_| 480);
    /// assert_eq!(hint, TimeHint::SentAs("2024-01-15T08:30Z".to_owned()));
    /// ```
    pub fn for_input(
        input: &str,
        field: Field,
        offset_minutes_at: impl Fn(NaiveDateTime) -> i32,
    ) -> TimeHint {
        if input.trim().is_empty() {
            return TimeHint::Empty;
        }
        match local_input_to_api(input, field, offset_minutes_at) {
            Ok(api) => TimeHint::SentAs(api),
            Err(_) => TimeHint::Nothing,
        }
    }

    /// The hint in `lang`, as `(before, value, after)`: the value is the API's own text (the
    /// view marks it as not to be translated), the words around it name the zone, UTC.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::time::window::TimeHint;
    /// let hint = TimeHint::SentAs("2024-01-15T08:30Z".to_owned());
    /// assert_eq!(hint.parts(Lang::En), ("Sent as ", "2024-01-15T08:30Z", " (UTC)"));
    /// assert_eq!(hint.parts(Lang::Zh), ("按 UTC 时间发送：", "2024-01-15T08:30Z", ""));
    /// ```
    pub fn parts(&self, lang: Lang) -> (&'static str, &str, &'static str) {
        match self {
            TimeHint::Empty => (form::TIME_EMPTY_HINT.get(lang), "", ""),
            TimeHint::SentAs(api) => {
                let template = form::TIME_SENT_AS_HINT.get(lang);
                let (before, after) = template.split_once("{0}").unwrap_or((template, ""));
                (before, api, after)
            }
            TimeHint::Nothing => ("", "", ""),
        }
    }

    /// The whole hint in `lang`, as one sentence.
    pub fn text(&self, lang: Lang) -> String {
        let (before, value, after) = self.parts(lang);
        format!("{before}{value}{after}")
    }
}

/// The inverse of [`local_input_to_api`]: an API UTC-minute string as a `datetime-local` value
/// (`YYYY-MM-DDTHH:MM`) in the browser's zone, to fill the picker from a link. `None` when the
/// text is not in the API form or the result cannot be shown with a four-digit year.
///
/// `offset_minutes_at_utc` gives the zone's offset east of UTC at that instant.
///
/// ```
/// use logins_core::time::window::api_to_local_input;
/// assert_eq!(api_to_local_input("2024-01-15T08:30Z", |_| 480).as_deref(), Some("2024-01-15T16:30"));
/// assert_eq!(api_to_local_input("yesterday", |_| 0), None);
/// ```
pub fn api_to_local_input(
    api: &str,
    offset_minutes_at_utc: impl Fn(DateTime<Utc>) -> i32,
) -> Option<String> {
    let utc = parse_api_time(api.trim())?;
    let offset = offset_minutes_at_utc(utc);
    if offset.unsigned_abs() > MAX_OFFSET_MINUTES {
        return None;
    }
    let local = utc
        .naive_utc()
        .checked_add_signed(TimeDelta::minutes(i64::from(offset)))?;
    if !(0..=9999).contains(&local.year()) {
        return None;
    }
    Some(crate::time::format::fixed_time(
        &local, "-", "T", ":", false,
    ))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` exactly (a space instead of `T` is accepted for
/// hand-typed values). chrono's own parser is not used because it also takes signs, years of
/// other lengths and single-digit fields, which would let typos through as other dates.
fn parse_local_input(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0u32, |n, d| {
            n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
    };
    let separators_ok = b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't' | b' ')
        && b[13] == b':';
    if !separators_ok {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)?;
    let (hour, minute) = (digits(11..13)?, digits(14..16)?);
    let (second, nanos) = match b.len() {
        16 => (0, 0),
        19 if b[16] == b':' => (digits(17..19)?, 0),
        21..=29 if b[16] == b':' && b[19] == b'.' => {
            let fraction_digits = u32::try_from(b.len() - 20).ok()?;
            let scale = 10u32.pow(9 - fraction_digits);
            (digits(17..19)?, digits(20..b.len())?.checked_mul(scale)?)
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    // 60 seconds (a leap second) is not something a picker writes.
    if second > 59 {
        return None;
    }
    Some(NaiveDateTime::new(date, time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    fn range(p: TimePreset, now: DateTime<Utc>) -> (String, String) {
        p.range(now).unwrap()
    }

    #[test]
    fn ids_and_labels_are_unique_and_round_trip() {
        let ids: std::collections::HashSet<_> = TimePreset::ALL.iter().map(|p| p.id()).collect();
        for lang in Lang::ALL {
            let labels: std::collections::HashSet<_> =
                TimePreset::ALL.iter().map(|p| p.label(lang)).collect();
            assert_eq!((ids.len(), labels.len()), (6, 6));
        }
        for p in TimePreset::ALL {
            assert_eq!(TimePreset::from_id(p.id()), Some(p));
            assert_eq!(p.to_string(), p.label(Lang::En));
        }
        for bad in ["", "1H", "24", "last", "All"] {
            assert_eq!(TimePreset::from_id(bad), None, "{bad}");
        }
        assert_eq!(TimePreset::ALL.map(TimePreset::id)[5], "all");
    }

    #[test]
    fn preset_labels_in_each_language() {
        let en = TimePreset::ALL.map(|p| p.label(Lang::En));
        assert_eq!(
            en,
            [
                "Last 1 h",
                "Last 24 h",
                "Last 7 days",
                "Last 30 days",
                "Custom",
                "All time"
            ]
        );
        // Huawei's console says 近7天, 近30天 and 自定义.
        let zh = TimePreset::ALL.map(|p| p.label(Lang::Zh));
        assert_eq!(
            zh,
            [
                "近1小时",
                "近24小时",
                "近7天",
                "近30天",
                "自定义",
                "全部时间"
            ]
        );
    }

    #[test]
    fn the_hint_names_utc_in_each_language() {
        let beijing = |_| 480;
        let hint = TimeHint::for_input("2024-01-15T16:30", Field::StartTime, beijing);
        assert_eq!(hint.text(Lang::En), "Sent as 2024-01-15T08:30Z (UTC)");
        assert_eq!(hint.text(Lang::Zh), "按 UTC 时间发送：2024-01-15T08:30Z");
        let empty = TimeHint::for_input("  ", Field::EndTime, beijing);
        assert_eq!(empty.text(Lang::En), "Empty: no time filter.");
        assert_eq!(empty.text(Lang::Zh), "为空：不按时间筛选。");
        let bad = TimeHint::for_input("2024-13-01T00:00", Field::EndTime, beijing);
        assert_eq!(bad, TimeHint::Nothing);
        assert_eq!(bad.text(Lang::Zh), "");
    }

    #[test]
    fn presets_end_at_now_rounded_up_to_the_minute() {
        let now = at(2024, 3, 1, 0, 0, 1);
        assert_eq!(
            range(TimePreset::LastHour, now),
            ("2024-02-29T23:01Z".into(), "2024-03-01T00:01Z".into())
        );
        assert_eq!(
            range(TimePreset::Last24Hours, now),
            ("2024-02-29T00:01Z".into(), "2024-03-01T00:01Z".into())
        );
        assert_eq!(
            range(TimePreset::Last7Days, now),
            ("2024-02-23T00:01Z".into(), "2024-03-01T00:01Z".into())
        );
        assert_eq!(
            range(TimePreset::Last30Days, now).0,
            "2024-01-31T00:01Z".to_owned()
        );
        // Exactly on the minute: no rounding; a nanosecond past: the next minute.
        let exact = at(2024, 1, 15, 8, 30, 0);
        assert_eq!(range(TimePreset::LastHour, exact).1, "2024-01-15T08:30Z");
        let just_after = exact + TimeDelta::nanoseconds(1);
        assert_eq!(
            range(TimePreset::LastHour, just_after).1,
            "2024-01-15T08:31Z"
        );
        assert_eq!(TimePreset::Custom.range(now), None);
        assert_eq!(TimePreset::AllTime.range(now), None);
        // Instants outside the API's years give nothing rather than a malformed string.
        assert_eq!(TimePreset::LastHour.range(DateTime::<Utc>::MAX_UTC), None);
        assert_eq!(TimePreset::LastHour.range(DateTime::<Utc>::MIN_UTC), None);
        assert_eq!(
            TimePreset::Last30Days.range(at(0, 1, 2, 0, 0, 0)),
            None,
            "start would be in year -1"
        );
    }

    #[test]
    fn local_inputs_convert_with_the_offset_of_their_own_date() {
        let field = Field::StartTime;
        let beijing = |_| 480;
        for input in [
            "2024-01-15T16:30",
            "2024-01-15T16:30:59",
            "2024-01-15T16:30:00.999",
            "2024-01-15 16:30",
            "  2024-01-15T16:30  ",
        ] {
            assert_eq!(
                local_input_to_api(input, field, beijing).as_deref(),
                Ok("2024-01-15T08:30Z"),
                "{input}"
            );
        }
        // New York, west of UTC: the day moves forward.
        assert_eq!(
            local_input_to_api("2024-12-31T22:00", field, |_| -300).as_deref(),
            Ok("2025-01-01T03:00Z")
        );
        // A zone with half-hour and 45-minute offsets.
        assert_eq!(
            local_input_to_api("2024-01-15T00:00", field, |_| 345).as_deref(),
            Ok("2024-01-14T18:15Z")
        );
        // Berlin: +60 in winter, +120 in summer (DST from 2024-03-31 02:00 local).
        let berlin = |local: NaiveDateTime| {
            let summer_start = NaiveDate::from_ymd_opt(2024, 3, 31)
                .and_then(|d| d.and_hms_opt(2, 0, 0))
                .unwrap();
            if local >= summer_start {
                120
            } else {
                60
            }
        };
        assert_eq!(
            local_input_to_api("2024-03-31T01:59", field, berlin).as_deref(),
            Ok("2024-03-31T00:59Z")
        );
        assert_eq!(
            local_input_to_api("2024-03-31T03:00", field, berlin).as_deref(),
            Ok("2024-03-31T01:00Z")
        );
        assert_eq!(local_input_to_api(" ", field, beijing).as_deref(), Ok(""));
    }

    #[test]
    fn bad_local_inputs_name_their_field() {
        for bad in [
            "2024-01-15",
            "2024-01-15T16",
            "2024-1-15T16:30",
            "24-01-15T16:30",
            "+2024-01-15T16:30",
            "2024-02-30T16:30",
            "2024-01-15T24:00",
            "2024-01-15T16:60",
            "2024-01-15T16:30:60",
            "2024-01-15T16:30:5",
            "2024-01-15T16:30:00.",
            "2024-01-15T16:30:00.1234567890",
            "2024-01-15T16:30Z",
            "2024-01-15T16:30+08:00",
            "2024-01-15T１６:30",
            "x",
        ] {
            let error = local_input_to_api(bad, Field::EndTime, |_| 0).unwrap_err();
            assert_eq!(
                error,
                FieldError::new(Field::EndTime, Problem::BadLocalTime),
                "{bad}"
            );
            assert!(error
                .message(Lang::En)
                .starts_with("End time must be a date and time"));
        }
        // Valid locally, but outside the API's years in UTC.
        for (input, offset) in [("0000-01-01T00:30", 60), ("9999-12-31T23:30", -60)] {
            assert_eq!(
                local_input_to_api(input, Field::StartTime, |_| offset),
                Err(FieldError::new(Field::StartTime, Problem::BadLocalTime))
            );
        }
        for offset in [24 * 60, -24 * 60, i32::MAX, i32::MIN] {
            assert_eq!(
                local_input_to_api("2024-01-15T16:30", Field::StartTime, |_| offset),
                Err(FieldError::new(
                    Field::StartTime,
                    Problem::BadTimeZoneOffset
                ))
            );
            assert_eq!(api_to_local_input("2024-01-15T16:30Z", |_| offset), None);
        }
    }

    #[test]
    fn api_times_fill_the_picker() {
        assert_eq!(
            api_to_local_input("2024-12-31T23:30Z", |_| 60).as_deref(),
            Some("2025-01-01T00:30")
        );
        assert_eq!(
            api_to_local_input(" 2024-01-01T00:30Z ", |_| -60).as_deref(),
            Some("2023-12-31T23:30")
        );
        assert_eq!(api_to_local_input("2024-01-01T00:30", |_| 0), None);
        assert_eq!(api_to_local_input("9999-12-31T23:30Z", |_| 60), None);
        assert_eq!(api_to_local_input("", |_| 0), None);
    }

    proptest! {
        #[test]
        fn local_and_api_forms_round_trip(
            minutes in 0i64..(9000 * 366 * 24 * 60),
            offset in -(MAX_OFFSET_MINUTES as i32)..=(MAX_OFFSET_MINUTES as i32),
        ) {
            let utc = at(1000, 1, 1, 0, 0, 0) + TimeDelta::minutes(minutes);
            let api = format_time(utc);
            let local = api_to_local_input(&api, |_| offset);
            if let Some(local) = local {
                prop_assert_eq!(local_input_to_api(&local, Field::StartTime, |_| offset), Ok(api));
            }
        }

        #[test]
        fn arbitrary_input_never_panics(input in ".{0,40}", offset in any::<i32>()) {
            let _ = local_input_to_api(&input, Field::StartTime, |_| offset);
            let _ = api_to_local_input(&input, |_| offset);
        }
    }
}
