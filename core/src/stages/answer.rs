//! The answer of the access-stages API: `{username, biz_type, stages: [{stage, duration,
//! is_success, start_time, end_time, error_code, error_msg}]}`.
//!
//! Read as tolerantly as the login records (see [`crate::records::record`]): every field may be
//! missing or null (null means "not sent", as in the API's own example, not an error); a value
//! of the wrong type becomes `None` and its name is listed in `invalid_fields`; a stage the app
//! does not know is kept under its raw name; an entry of `stages` that is not an object is
//! skipped and counted. Only a body that is not a JSON object fails. Text JSON allows but
//! serde_json refuses is read as [`crate::records::json_text`] rewrites it.

use serde_json::{Map, Value};

use crate::records::record::{number_to_i64, PageError};

/// Below this, an epoch timestamp is taken as seconds, at or above as milliseconds. The API does
/// not state the unit. 10^11 s is the year 5138, 10^11 ms is March 1973: no login of either
/// reading falls on the wrong side.
pub const SECONDS_BELOW: i64 = 100_000_000_000;

/// One phase of a login, as the API names it. The six known ones in the order the official SDK
/// lists them, then any other name as sent (so a phase added by the service still shows).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// `LOGIN`: the login.
    Login,
    /// `PRECONNECT`: the pre-connection.
    Preconnect,
    /// `CONNECT`: the connection proper.
    Connect,
    /// `MAIN_AUTH`: primary authentication.
    MainAuth,
    /// `MFA_AUTH`: multi-factor authentication.
    MfaAuth,
    /// `CLICK_ICON`: clicking the app or desktop icon.
    ClickIcon,
    /// A name the app does not know, trimmed, as sent.
    Other(String),
}

impl Phase {
    /// The six phases the official SDK documents, in its order.
    pub const KNOWN: [Phase; 6] = [
        Phase::Login,
        Phase::Preconnect,
        Phase::Connect,
        Phase::MainAuth,
        Phase::MfaAuth,
        Phase::ClickIcon,
    ];

    /// The phase of an API name (ASCII case and surrounding spaces ignored).
    ///
    /// ```
    /// use logins_core::stages::Phase;
    /// assert_eq!(Phase::from_api("MFA_AUTH"), Phase::MfaAuth);
    /// assert_eq!(Phase::from_api(" VPN_TUNNEL "), Phase::Other("VPN_TUNNEL".into()));
    /// ```
    pub fn from_api(name: &str) -> Phase {
        let name = name.trim();
        Phase::KNOWN
            .into_iter()
            .find(|p| p.api_name().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| Phase::Other(name.to_owned()))
    }

    /// The name the API uses (`MAIN_AUTH`), or the unknown name as sent.
    pub fn api_name(&self) -> &str {
        match self {
            Phase::Login => "LOGIN",
            Phase::Preconnect => "PRECONNECT",
            Phase::Connect => "CONNECT",
            Phase::MainAuth => "MAIN_AUTH",
            Phase::MfaAuth => "MFA_AUTH",
            Phase::ClickIcon => "CLICK_ICON",
            Phase::Other(name) => name,
        }
    }

    /// A label for people ("Multi-factor authentication"); an unknown phase shows its raw name.
    pub fn label(&self) -> &str {
        match self {
            Phase::Login => "Login",
            Phase::Preconnect => "Pre-connection",
            Phase::Connect => "Connection",
            Phase::MainAuth => "Primary authentication",
            Phase::MfaAuth => "Multi-factor authentication",
            Phase::ClickIcon => "Clicking the app or desktop",
            Phase::Other(name) => name,
        }
    }
}

/// One entry of `stages`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stage {
    /// `None` when `stage` is missing, null, empty or not text.
    pub phase: Option<Phase>,
    /// `duration` in milliseconds as sent; `None` when missing, or invalid (negative, not a
    /// number). See [`Stage::duration`] for the value statistics use.
    pub duration_ms: Option<i64>,
    pub is_success: Option<bool>,
    /// `start_time` as epoch milliseconds, whether it was sent in seconds or milliseconds (by
    /// magnitude: [`SECONDS_BELOW`]).
    pub start_ms: Option<i64>,
    /// `end_time`, as `start_ms`.
    pub end_ms: Option<i64>,
    pub error_code: Option<String>,
    pub error_msg: Option<String>,
    /// API names of fields that were present but unusable.
    pub invalid_fields: Vec<&'static str>,
}

impl Stage {
    /// How long the phase took, in ms: `duration`, or when that is missing or invalid, `end_time
    /// - start_time` if both are known and in order. `None` otherwise: never a made-up 0.
    ///
    /// ```
    /// use logins_core::stages::Stage;
    /// let s = Stage { start_ms: Some(1_000), end_ms: Some(1_250), ..Stage::default() };
    /// assert_eq!(s.duration(), Some(250));
    /// assert_eq!(Stage::default().duration(), None);
    /// ```
    pub fn duration(&self) -> Option<i64> {
        self.duration_ms
            .or_else(|| match (self.start_ms, self.end_ms) {
                (Some(start), Some(end)) if end >= start => Some(end - start),
                _ => None,
            })
    }

    /// Whether the phase failed: `is_success` is false, or it is not given and an error code is.
    pub fn failed(&self) -> bool {
        match self.is_success {
            Some(success) => !success,
            None => self.error_code.is_some(),
        }
    }
}

/// One answer: the phases of one login.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StagesAnswer {
    pub username: Option<String>,
    /// `APP`/`SHARE_APP` (application streaming) or `DESKTOP`/`VDI`, as sent.
    pub biz_type: Option<String>,
    /// In the order the API sent them.
    pub stages: Vec<Stage>,
    /// Entries of `stages` that were not objects: skipped and counted.
    pub skipped_stages: usize,
    /// Top-level fields present but unusable (`stages` that is not a list, ...).
    pub invalid_fields: Vec<&'static str>,
}

impl StagesAnswer {
    /// The phase that took longest (the first of equals), among stages with a known duration
    /// and phase; `None` when no stage has both.
    pub fn slowest(&self) -> Option<&Stage> {
        self.stages
            .iter()
            .filter(|s| s.phase.is_some() && s.duration().is_some())
            .fold(None, |best: Option<&Stage>, s| match best {
                Some(b) if b.duration() >= s.duration() => Some(b),
                _ => Some(s),
            })
    }

    /// The first failed stage, if any.
    pub fn failed_stage(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.failed())
    }
}

/// Parses a 2xx body of the access-stages API.
///
/// ```
/// use logins_core::stages::{parse_stages, Phase};
/// let answer = parse_stages(r#"{"username": "zhang.wei", "stages": [
///     {"stage": "LOGIN", "duration": 812, "is_success": true, "start_time": 1764748800123},
///     {"stage": "CONNECT", "duration": "n/a", "start_time": 1764748801, "error_code": null}
/// ]}"#).unwrap();
/// assert_eq!(answer.stages[0].phase, Some(Phase::Login));
/// assert_eq!(answer.stages[1].start_ms, Some(1_764_748_801_000)); // seconds, by magnitude
/// assert_eq!(answer.stages[1].invalid_fields, ["duration"]);
/// ```
pub fn parse_stages(body: &str) -> Result<StagesAnswer, PageError> {
    let value: Value =
        crate::records::json_text::from_str(body).map_err(|e| PageError::NotJson(e.to_string()))?;
    let Value::Object(object) = value else {
        return Err(PageError::NotAnObject);
    };
    let mut top = Fields::new(&object);
    let username = top.text("username");
    let biz_type = top.text("biz_type");
    let mut answer = StagesAnswer {
        username,
        biz_type,
        ..StagesAnswer::default()
    };
    match object.get("stages") {
        None | Some(Value::Null) => {}
        Some(Value::Array(entries)) => {
            for entry in entries {
                match entry {
                    Value::Object(stage) => answer.stages.push(read_stage(stage)),
                    _ => answer.skipped_stages += 1,
                }
            }
        }
        Some(_) => top.invalid.push("stages"),
    }
    answer.invalid_fields = top.invalid;
    Ok(answer)
}

fn read_stage(object: &Map<String, Value>) -> Stage {
    let mut fields = Fields::new(object);
    let phase = fields.text("stage").map(|name| Phase::from_api(&name));
    let duration_ms = fields.number("duration", Unit::Milliseconds);
    let is_success = fields.boolean("is_success");
    let start_ms = fields.number("start_time", Unit::Epoch);
    let end_ms = fields.number("end_time", Unit::Epoch);
    let error_code = fields.text("error_code");
    let error_msg = fields.text("error_msg");
    Stage {
        phase,
        duration_ms,
        is_success,
        start_ms,
        end_ms,
        error_code,
        error_msg,
        invalid_fields: fields.invalid,
    }
}

/// An epoch timestamp in seconds or milliseconds, as milliseconds; `None` when not positive or
/// beyond what milliseconds can hold.
fn epoch_ms(value: i64) -> Option<i64> {
    match value {
        v if v <= 0 => None,
        v if v < SECONDS_BELOW => v.checked_mul(1000),
        v => Some(v),
    }
}

/// The fields of one object, read by the rules of the module docs.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    invalid: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn new(object: &'a Map<String, Value>) -> Self {
        Fields {
            object,
            invalid: Vec::new(),
        }
    }

    /// The value of `name`, or `None` when missing or null.
    fn present(&self, name: &str) -> Option<&'a Value> {
        self.object.get(name).filter(|v| !v.is_null())
    }

    /// Text as sent, trimmed; a number or boolean as its text; empty text as absent.
    fn text(&mut self, name: &'static str) -> Option<String> {
        let text = match self.present(name)? {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => {
                self.invalid.push(name);
                return None;
            }
        };
        (!text.is_empty()).then_some(text)
    }

    fn boolean(&mut self, name: &'static str) -> Option<bool> {
        let value = match self.present(name)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Value::Number(n) if n.as_u64() == Some(1) => Some(true),
            Value::Number(n) if n.as_u64() == Some(0) => Some(false),
            _ => None,
        };
        if value.is_none() {
            self.invalid.push(name);
        }
        value
    }

    /// A number (or numeric text) as an integer of `unit`; `None` (and invalid) when unusable.
    fn number(&mut self, name: &'static str, unit: Unit) -> Option<i64> {
        let value = match self.present(name)? {
            Value::Number(n) => unit.of_number(n),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|v| unit.of_integer(v)),
            _ => None,
        };
        if value.is_none() {
            self.invalid.push(name);
        }
        value
    }
}

/// What a numeric field holds.
#[derive(Clone, Copy)]
enum Unit {
    /// A duration in milliseconds: not negative.
    Milliseconds,
    /// An epoch timestamp in seconds or milliseconds, read as milliseconds.
    Epoch,
}

impl Unit {
    fn of_integer(self, value: i64) -> Option<i64> {
        match self {
            Unit::Milliseconds => (value >= 0).then_some(value),
            Unit::Epoch => epoch_ms(value),
        }
    }

    /// A fractional timestamp in seconds (`1764748800.123`) keeps its milliseconds rather than
    /// being rounded to the second first.
    fn of_number(self, n: &serde_json::Number) -> Option<i64> {
        if let Some(i) = n.as_i64() {
            return self.of_integer(i);
        }
        let f = n.as_f64()?;
        if matches!(self, Unit::Epoch) && f > 0.0 && f < SECONDS_BELOW as f64 {
            return Some((f * 1000.0).round() as i64);
        }
        number_to_i64(n).and_then(|v| self.of_integer(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_six_known_stages_and_an_unknown_one_are_read_in_order() {
        let body = r#"{"username":"zhang.wei","biz_type":"DESKTOP","stages":[
            {"stage":"LOGIN","duration":812,"is_success":true,"start_time":1764748800123,"end_time":1764748800935,"error_code":null,"error_msg":null},
            {"stage":"MAIN_AUTH","duration":300,"is_success":true,"start_time":1764748800935,"end_time":1764748801235},
            {"stage":"MFA_AUTH","duration":4100,"is_success":true},
            {"stage":"CLICK_ICON","duration":90,"is_success":true},
            {"stage":"PRECONNECT","duration":1500,"is_success":true},
            {"stage":"CONNECT","duration":9000,"is_success":false,"error_code":"HDA.0004","error_msg":"The desktop agent did not respond."},
            {"stage":"GPU_WARMUP","duration":7,"is_success":true}
        ]}"#;
        let a = parse_stages(body).unwrap();
        assert_eq!(a.username.as_deref(), Some("zhang.wei"));
        assert_eq!(a.biz_type.as_deref(), Some("DESKTOP"));
        let phases: Vec<_> = a.stages.iter().map(|s| s.phase.clone().unwrap()).collect();
        assert_eq!(
            phases,
            [
                Phase::Login,
                Phase::MainAuth,
                Phase::MfaAuth,
                Phase::ClickIcon,
                Phase::Preconnect,
                Phase::Connect,
                Phase::Other("GPU_WARMUP".into())
            ]
        );
        assert_eq!(a.stages[6].phase.as_ref().unwrap().label(), "GPU_WARMUP");
        assert_eq!(a.stages[0].start_ms, Some(1_764_748_800_123));
        assert_eq!(a.stages[0].end_ms, Some(1_764_748_800_935));
        assert_eq!(a.stages[0].error_code, None);
        assert!(a.stages.iter().all(|s| s.invalid_fields.is_empty()));
        let failed = a.failed_stage().unwrap();
        assert_eq!(failed.phase, Some(Phase::Connect));
        assert_eq!(failed.error_code.as_deref(), Some("HDA.0004"));
        assert_eq!(a.slowest().unwrap().phase, Some(Phase::Connect));
    }

    #[test]
    fn nulls_and_missing_fields_are_absent_not_invalid() {
        let a = parse_stages(
            r#"{"username":null,"stages":[{"stage":null,"duration":null,"is_success":null,"start_time":null,"end_time":null,"error_code":null,"error_msg":null},{}]}"#,
        )
        .unwrap();
        assert_eq!(a.username, None);
        assert_eq!(a.biz_type, None);
        assert_eq!(a.stages.len(), 2);
        for s in &a.stages {
            assert_eq!(s, &Stage::default());
            assert_eq!(s.duration(), None);
            assert!(!s.failed());
        }
        assert_eq!(a.slowest(), None);
        assert_eq!(parse_stages("{}").unwrap(), StagesAnswer::default());
        assert_eq!(
            parse_stages(r#"{"stages":null}"#).unwrap(),
            StagesAnswer::default()
        );
    }

    #[test]
    fn timestamps_in_seconds_or_milliseconds_are_told_apart_by_magnitude() {
        let a = parse_stages(
            r#"{"stages":[
            {"start_time":1764748800,"end_time":1764748801500},
            {"start_time":1764748800.25,"end_time":"1764748801"},
            {"start_time":99999999999,"end_time":100000000000},
            {"start_time":0,"end_time":-5},
            {"start_time":"soon","end_time":true},
            {"start_time":9223372036854775807,"end_time":9.3e18}
        ]}"#,
        )
        .unwrap();
        let times: Vec<_> = a.stages.iter().map(|s| (s.start_ms, s.end_ms)).collect();
        assert_eq!(
            times,
            [
                (Some(1_764_748_800_000), Some(1_764_748_801_500)),
                (Some(1_764_748_800_250), Some(1_764_748_801_000)),
                (Some(99_999_999_999_000), Some(100_000_000_000)),
                (None, None),
                (None, None),
                (Some(i64::MAX), None),
            ]
        );
        // The first stage has no duration: start and end give it, in ms.
        assert_eq!(a.stages[0].duration(), Some(1_500));
        for s in &a.stages[3..] {
            assert!(!s.invalid_fields.is_empty(), "{s:?}");
        }
        assert_eq!(a.stages[4].invalid_fields, ["start_time", "end_time"]);
    }

    #[test]
    fn a_bad_value_costs_that_value_never_the_answer() {
        let a = parse_stages(
            r#"{"username":{"x":1},"biz_type":7,"stages":[
            {"stage":["LOGIN"],"duration":-3,"is_success":"maybe","error_code":404,"error_msg":"\ud800 cut"},
            "not a stage",
            {"stage":"connect","duration":"1200","is_success":0},
            {"stage":"LOGIN","duration":1e400}
        ]}"#,
        )
        .unwrap();
        assert_eq!(a.invalid_fields, ["username"]);
        assert_eq!(a.biz_type.as_deref(), Some("7"));
        assert_eq!(a.skipped_stages, 1);
        assert_eq!(a.stages.len(), 3);
        let bad = &a.stages[0];
        assert_eq!(bad.invalid_fields, ["stage", "duration", "is_success"]);
        assert_eq!(bad.error_code.as_deref(), Some("404"));
        assert_eq!(bad.error_msg.as_deref(), Some("\u{FFFD} cut"));
        assert!(
            bad.failed(),
            "an error code without is_success is a failure"
        );
        let ok = &a.stages[1];
        assert_eq!(
            (ok.phase.clone(), ok.duration_ms, ok.is_success),
            (Some(Phase::Connect), Some(1200), Some(false))
        );
        // A number beyond f64 is read as text by json_text, so it is an invalid duration.
        assert_eq!(a.stages[2].invalid_fields, ["duration"]);
        let not_list = parse_stages(r#"{"username":"a","stages":{"stage":"LOGIN"}}"#).unwrap();
        assert_eq!(not_list.invalid_fields, ["stages"]);
        assert_eq!(not_list.username.as_deref(), Some("a"));
    }

    #[test]
    fn only_a_body_that_is_not_a_json_object_fails() {
        assert!(matches!(
            parse_stages(r#"{"stages":[{"stage":"LOG"#),
            Err(PageError::NotJson(_))
        ));
        assert_eq!(parse_stages("[]"), Err(PageError::NotAnObject));
        assert!(parse_stages(&format!("{}1{}", "[".repeat(200), "]".repeat(200))).is_err());
    }

    #[test]
    fn the_slowest_phase_is_the_first_of_equals_and_ignores_unknown_durations() {
        let a = parse_stages(
            r#"{"stages":[{"stage":"LOGIN","duration":5},{"stage":"CONNECT","duration":9},{"stage":"PRECONNECT","duration":9},{"duration":99},{"stage":"MFA_AUTH"}]}"#,
        )
        .unwrap();
        assert_eq!(a.slowest().unwrap().phase, Some(Phase::Connect));
    }
}
