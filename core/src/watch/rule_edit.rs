//! Editing the alert rules: each number a user types, checked against its range, and the
//! stored settings read back field by field.
//!
//! A value that does not parse or is out of range leaves the rule as it was (the field shows why);
//! a stored value of another version or hand-edited falls back to its default alone, so one bad
//! field never costs the others, and never shows the user an error.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::i18n::{alerts, Lang};

use super::rules::{AlertRules, FailureRateRule, RttRule, StreakRule};

/// A number of the rules that the user types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleField {
    /// Failure rate above this %.
    FailurePercent,
    /// ... with at least this many logins in the interval.
    MinLogins,
    /// Network RTT p95 above this many ms.
    RttMs,
    /// One user failing this many times in a row.
    StreakFailures,
}

/// Why a typed number was refused: it must be a number (a whole one for counts) in `min..=max`
/// (`FailurePercent`: `0 ≤ x < 100`, since "above 100 %" can never fire).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub field: RuleField,
}

impl RuleField {
    pub const ALL: [RuleField; 4] = [
        RuleField::FailurePercent,
        RuleField::MinLogins,
        RuleField::RttMs,
        RuleField::StreakFailures,
    ];

    /// The whole-number range of a count field; `None` for the percentage.
    fn whole_range(self) -> Option<(i64, i64)> {
        match self {
            RuleField::FailurePercent => None,
            RuleField::MinLogins => Some((1, 100_000)),
            RuleField::RttMs => Some((1, 60_000)),
            RuleField::StreakFailures => Some((2, 100)),
        }
    }

    /// The field's value in `rules`, as the input shows it.
    pub fn text(self, rules: &AlertRules) -> String {
        match self {
            RuleField::FailurePercent => {
                let text = crate::text::num::fixed(rules.failure_rate.above_percent, 3, false);
                text.trim_end_matches('0').trim_end_matches('.').to_owned()
            }
            RuleField::MinLogins => rules.failure_rate.min_logins.to_string(),
            RuleField::RttMs => rules.rtt_p95.above_ms.to_string(),
            RuleField::StreakFailures => rules.failure_streak.failures.to_string(),
        }
    }

    /// Sets the field in `rules` from typed `text` (blanks around it allowed); on error `rules`
    /// is unchanged.
    ///
    /// ```
    /// use logins_core::watch::rule_edit::RuleField;
    /// use logins_core::watch::rules::AlertRules;
    /// let mut rules = AlertRules::default();
    /// assert!(RuleField::FailurePercent.set(&mut rules, " 12.5 ").is_ok());
    /// assert_eq!(rules.failure_rate.above_percent, 12.5);
    /// assert!(RuleField::RttMs.set(&mut rules, "fast").is_err());
    /// assert_eq!(rules.rtt_p95.above_ms, 300, "the last valid value stays");
    /// ```
    pub fn set(self, rules: &mut AlertRules, text: &str) -> Result<(), OutOfRange> {
        let text = text.trim();
        let refused = OutOfRange { field: self };
        match self.whole_range() {
            None => {
                let v = parse_percent(text).ok_or(refused)?;
                if !(0.0..100.0).contains(&v) {
                    return Err(refused);
                }
                rules.failure_rate.above_percent = v;
            }
            Some((min, max)) => {
                let v: i64 = text.parse().map_err(|_| refused)?;
                if !(min..=max).contains(&v) {
                    return Err(refused);
                }
                match self {
                    RuleField::MinLogins => rules.failure_rate.min_logins = v as usize,
                    RuleField::RttMs => rules.rtt_p95.above_ms = v,
                    _ => rules.failure_streak.failures = v as usize,
                }
            }
        }
        Ok(())
    }

    /// Whether `text` would be accepted.
    pub fn accepts(self, text: &str) -> bool {
        self.set(&mut AlertRules::default(), text).is_ok()
    }
}

impl OutOfRange {
    /// What the field's message says, in `lang`.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::watch::rule_edit::{OutOfRange, RuleField};
    /// let e = OutOfRange { field: RuleField::StreakFailures };
    /// assert_eq!(e.message(Lang::En), "Enter a whole number from 2 to 100.");
    /// assert_eq!(e.message(Lang::Zh), "请输入 2 到 100 之间的整数。");
    /// ```
    pub fn message(self, lang: Lang) -> String {
        match self.field.whole_range() {
            None => alerts::PERCENT_RANGE.get(lang).to_owned(),
            Some((min, max)) => {
                alerts::WHOLE_RANGE.fill(lang, &[&min.to_string(), &max.to_string()])
            }
        }
    }
}

/// `12`, `12.5`, `0.125`: digits, then at most three decimals after a point. Parsed by hand:
/// `str::parse::<f64>` would bring the standard library's float parser (tens of kB) into
/// the app for one field.
fn parse_percent(text: &str) -> Option<f64> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || decimals.len() > 3 || !digits(whole) {
        return None;
    }
    if !digits(decimals) || (text.contains('.') && decimals.is_empty()) {
        return None;
    }
    let scaled: u32 = format!("{whole}{decimals}").parse().ok()?;
    Some(f64::from(scaled) / 10f64.powi(decimals.len() as i32))
}

/// The rules stored on the device (JSON), each field read on its own: a field missing, of the
/// wrong type or out of range takes its default, the others keep their stored value.
///
/// ```
/// use logins_core::watch::rule_edit::rules_from_stored;
/// use logins_core::watch::rules::AlertRules;
/// let stored = serde_json::json!({
///     "rtt_p95": { "enabled": false, "above_ms": "fast" },
///     "failure_rate": { "above_percent": 35.0, "min_logins": -4 },
/// });
/// let rules = rules_from_stored(&stored);
/// assert!(!rules.rtt_p95.enabled);
/// assert_eq!(rules.rtt_p95.above_ms, 300);
/// assert_eq!(rules.failure_rate.above_percent, 35.0);
/// assert_eq!(rules.failure_rate.min_logins, 10);
/// assert_eq!(rules_from_stored(&serde_json::json!("junk")), AlertRules::default());
/// ```
pub fn rules_from_stored(stored: &Value) -> AlertRules {
    let mut rules = AlertRules::default();
    let rule = |name: &str| stored.get(name).cloned().unwrap_or(Value::Null);
    let (rate, rtt, streak, new) = (
        rule("failure_rate"),
        rule("rtt_p95"),
        rule("failure_streak"),
        rule("new_location"),
    );
    let d = (
        FailureRateRule::default(),
        RttRule::default(),
        StreakRule::default(),
    );
    rules.failure_rate.enabled = field(&rate, "enabled").unwrap_or(d.0.enabled);
    rules.rtt_p95.enabled = field(&rtt, "enabled").unwrap_or(d.1.enabled);
    rules.failure_streak.enabled = field(&streak, "enabled").unwrap_or(d.2.enabled);
    rules.new_location.enabled = field(&new, "enabled").unwrap_or(false);
    // Numbers go through the same check as typing, so a stored value is one a user could type.
    let numbers: [(RuleField, &Value, &str); 4] = [
        (RuleField::FailurePercent, &rate, "above_percent"),
        (RuleField::MinLogins, &rate, "min_logins"),
        (RuleField::RttMs, &rtt, "above_ms"),
        (RuleField::StreakFailures, &streak, "failures"),
    ];
    for (f, object, name) in numbers {
        if let Some(n) = object.get(name).filter(|v| v.is_number()) {
            let _ = f.set(&mut rules, &n.to_string());
        }
    }
    rules
}

fn field<T: DeserializeOwned>(object: &Value, name: &str) -> Option<T> {
    serde_json::from_value(object.get(name)?.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_takes_only_numbers_in_its_range() {
        let cases: [(RuleField, &[&str], &[&str]); 4] = [
            (
                RuleField::FailurePercent,
                &["0", "20", "99.5", " 50 ", "0.125", "12.0"],
                &[
                    "", "100", "-1", "NaN", "inf", "20%", "abc", "1e1", "5.", ".5", "1.2345", "+5",
                ],
            ),
            (
                RuleField::MinLogins,
                &["1", "10", "100000"],
                &["0", "-3", "2.5", "100001", ""],
            ),
            (
                RuleField::RttMs,
                &["1", "300", "60000"],
                &["0", "300ms", "1e3"],
            ),
            (
                RuleField::StreakFailures,
                &["2", "3", "100"],
                &["1", "101", "x"],
            ),
        ];
        for (field, good, bad) in cases {
            for text in good {
                assert!(field.accepts(text), "{field:?} refuses {text:?}");
            }
            for text in bad {
                assert!(!field.accepts(text), "{field:?} accepts {text:?}");
            }
        }
    }

    #[test]
    fn a_refused_value_leaves_every_rule_as_it_was() {
        let mut rules = AlertRules::default();
        RuleField::MinLogins.set(&mut rules, "25").unwrap();
        let before = rules.clone();
        for field in RuleField::ALL {
            assert!(field.set(&mut rules, "-7").is_err());
        }
        assert_eq!(rules, before);
        assert_eq!(RuleField::MinLogins.text(&rules), "25");
    }

    #[test]
    fn texts_round_trip_through_set() {
        let mut rules = AlertRules::default();
        RuleField::FailurePercent.set(&mut rules, "12.5").unwrap();
        assert_eq!(RuleField::FailurePercent.text(&rules), "12.5");
        RuleField::FailurePercent.set(&mut rules, "0.125").unwrap();
        assert_eq!(rules.failure_rate.above_percent, 0.125);
        assert_eq!(RuleField::FailurePercent.text(&rules), "0.125");
        let defaults = AlertRules::default();
        let texts: Vec<String> = RuleField::ALL.iter().map(|f| f.text(&defaults)).collect();
        assert_eq!(texts, ["20", "10", "300", "3"]);
        let mut again = AlertRules::default();
        for (f, t) in RuleField::ALL.iter().zip(&texts) {
            f.set(&mut again, t).unwrap();
        }
        assert_eq!(again, defaults);
    }

    #[test]
    fn stored_rules_round_trip_and_bad_fields_fall_back_alone() {
        let mut rules = AlertRules::default();
        rules.new_location.enabled = true;
        rules.failure_streak.failures = 5;
        rules.rtt_p95.enabled = false;
        let stored = serde_json::to_value(&rules).unwrap();
        assert_eq!(rules_from_stored(&stored), rules);
        let odd = serde_json::json!({
            "failure_streak": { "enabled": "yes", "failures": 1 },
            "new_location": { "enabled": true },
            "failure_rate": 7,
        });
        let read = rules_from_stored(&odd);
        assert_eq!(read.failure_streak, StreakRule::default());
        assert!(read.new_location.enabled);
        assert_eq!(read.failure_rate, FailureRateRule::default());
    }

    #[test]
    fn every_message_reads_in_both_languages() {
        let percent = OutOfRange {
            field: RuleField::FailurePercent,
        };
        assert_eq!(
            percent.message(Lang::En),
            "Enter a number from 0 to 100 (not 100 itself)."
        );
        assert_eq!(
            percent.message(Lang::Zh),
            "请输入 0 到 100 之间的数字（不含 100）。"
        );
        let rtt = OutOfRange {
            field: RuleField::RttMs,
        };
        assert_eq!(
            rtt.message(Lang::En),
            "Enter a whole number from 1 to 60000."
        );
        assert_eq!(rtt.message(Lang::Zh), "请输入 1 到 60000 之间的整数。");
    }
}
