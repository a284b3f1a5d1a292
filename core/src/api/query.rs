//! The query of `GET /v2/{project_id}/connections/desktops`: raw form input, its validation, and
//! the path and canonical query string of the request.
//!
//! Two types on purpose: [`QueryForm`] holds whatever the user typed (strings, possibly wrong),
//! [`Query`] can only be obtained from [`QueryForm::validate`] (its fields are private). Signing
//! takes a `Query`, so "invalid input produces no request" holds by construction, not by
//! remembering to check.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::encoding::{canonical_query_string, percent_encode};
use crate::api::field_error::{Field, FieldError, Problem, ValidationErrors};

/// The API's time format for `start_time`/`end_time`: UTC, minute precision (`2016-08-20T21:11Z`).
pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%MZ";

/// The page size the API uses when `limit` is not sent.
pub const DEFAULT_LIMIT: u16 = 20;

/// The largest page the API accepts.
pub const MAX_LIMIT: u16 = 1000;

/// Upper bound for `offset` and the RTT filters.
///
/// Why `i32::MAX`: the API documents them as "Integer", which Huawei's Java services read as a
/// 32-bit signed int; a larger value would be rejected by the gateway (400) after a round trip
/// instead of under the field right away.
pub const MAX_INTEGER: u32 = i32::MAX as u32;

/// Longest accepted text filter, in Unicode characters (after trimming).
///
/// Why 255: the longest legitimate value of any text filter is a DNS domain name (253
/// characters); user names, computer names (15 for NetBIOS), terminal types, enterprise project
/// IDs (36) and IP addresses (45) are far shorter. A longer value is a paste accident, and the
/// cap keeps the request line bounded (a 4-byte character encodes to 12 bytes) so the user gets
/// a message under the field instead of an opaque 414 from the gateway.
pub const MAX_TEXT_CHARS: usize = 255;

/// Longest accepted project ID. Huawei project IDs are 32 hex characters; 64 leaves room for the
/// stand-in server's IDs while keeping the path short.
pub const MAX_PROJECT_ID_CHARS: usize = 64;

/// The query form exactly as typed: every input is a string, nothing is validated.
///
/// It is `Serialize`/`Deserialize` so the app can keep it in the page URL or storage. It holds
/// no credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueryForm {
    pub project_id: String,
    /// `YYYY-MM-DDTHH:MMZ` in UTC (the app converts the local picker value to this).
    pub start_time: String,
    pub end_time: String,
    pub user_name: String,
    pub computer_name: String,
    pub terminal_type: String,
    pub offset: String,
    pub limit: String,
    pub min_network_rtt: String,
    pub max_network_rtt: String,
    pub enterprise_project_id: String,
    pub public_ip: String,
    pub domain: String,
}

impl QueryForm {
    /// Validates every field and returns either a [`Query`] or *all* the problems found.
    ///
    /// ```
    /// use logins_core::api::query::QueryForm;
    /// use logins_core::api::field_error::Field;
    /// let form = QueryForm {
    ///     project_id: "0e69423d4400f4a82f67c0059a1e4cc8".into(),
    ///     start_time: "2024-01-15T08:30Z".into(),
    ///     limit: "5000".into(),
    ///     ..QueryForm::default()
    /// };
    /// let errors = form.validate().unwrap_err();
    /// assert_eq!(errors.for_field(Field::EndTime).count(), 1);
    /// assert_eq!(errors.for_field(Field::Limit).count(), 1);
    /// ```
    pub fn validate(&self) -> Result<Query, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let e = &mut errors;
        let project_id = keep(e, validate_project_id(&self.project_id));
        let start = keep(e, parse_time(Field::StartTime, &self.start_time)).flatten();
        let end = keep(e, parse_time(Field::EndTime, &self.end_time)).flatten();
        let user_name = keep(e, text_filter(Field::UserName, &self.user_name)).flatten();
        let computer_name =
            keep(e, text_filter(Field::ComputerName, &self.computer_name)).flatten();
        let terminal_type =
            keep(e, text_filter(Field::TerminalType, &self.terminal_type)).flatten();
        let enterprise_project_id = keep(
            e,
            text_filter(Field::EnterpriseProjectId, &self.enterprise_project_id),
        )
        .flatten();
        let public_ip = keep(e, text_filter(Field::PublicIp, &self.public_ip)).flatten();
        let domain = keep(e, text_filter(Field::Domain, &self.domain)).flatten();
        let offset = keep(e, whole_number(Field::Offset, &self.offset, 0, MAX_INTEGER)).flatten();
        let limit = keep(
            e,
            whole_number(Field::Limit, &self.limit, 0, u32::from(MAX_LIMIT)),
        )
        .flatten()
        .map(|n| u16::try_from(n).unwrap_or(MAX_LIMIT));
        let min_rtt = keep(
            e,
            whole_number(Field::MinNetworkRtt, &self.min_network_rtt, 0, MAX_INTEGER),
        )
        .flatten();
        let max_rtt = keep(
            e,
            whole_number(Field::MaxNetworkRtt, &self.max_network_rtt, 0, MAX_INTEGER),
        )
        .flatten();

        // Cross-field rules only run on fields that parsed, so a typo is reported once, where it is.
        let start_blank = self.start_time.trim().is_empty();
        let end_blank = self.end_time.trim().is_empty();
        if start_blank && !end_blank {
            errors.push(FieldError::new(
                Field::StartTime,
                Problem::RequiredWith(Field::EndTime),
            ));
        }
        if end_blank && !start_blank {
            errors.push(FieldError::new(
                Field::EndTime,
                Problem::RequiredWith(Field::StartTime),
            ));
        }
        let time_range = match (start, end) {
            (Some(start), Some(end)) if start > end => {
                errors.push(FieldError::new(Field::EndTime, Problem::StartAfterEnd));
                None
            }
            (Some(start), Some(end)) => Some(TimeRange { start, end }),
            _ => None,
        };
        if let (Some(min), Some(max)) = (min_rtt, max_rtt) {
            if min > max {
                errors.push(FieldError::new(Field::MaxNetworkRtt, Problem::MinAboveMax));
            }
        }

        let Some(project_id) = project_id else {
            return Err(errors);
        };
        let query = Query {
            project_id,
            time_range,
            user_name,
            computer_name,
            terminal_type,
            offset,
            limit,
            min_network_rtt: min_rtt,
            max_network_rtt: max_rtt,
            enterprise_project_id,
            public_ip,
            domain,
        };
        errors.into_result(query)
    }
}

/// A closed UTC time range with `start <= end`, at minute precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TimeRange {
    /// The first minute of the range.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The last minute of the range.
    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }
}

/// A validated query. Only [`QueryForm::validate`] creates one, so a `Query` is always sendable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Query {
    project_id: String,
    time_range: Option<TimeRange>,
    user_name: Option<String>,
    computer_name: Option<String>,
    terminal_type: Option<String>,
    offset: Option<u32>,
    limit: Option<u16>,
    min_network_rtt: Option<u32>,
    max_network_rtt: Option<u32>,
    enterprise_project_id: Option<String>,
    public_ip: Option<String>,
    domain: Option<String>,
}

impl Query {
    /// The project in the path (also sent as `X-Project-Id`).
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// The login time window, if any.
    pub fn time_range(&self) -> Option<TimeRange> {
        self.time_range
    }

    pub fn user_name(&self) -> Option<&str> {
        self.user_name.as_deref()
    }

    pub fn computer_name(&self) -> Option<&str> {
        self.computer_name.as_deref()
    }

    pub fn terminal_type(&self) -> Option<&str> {
        self.terminal_type.as_deref()
    }

    pub fn enterprise_project_id(&self) -> Option<&str> {
        self.enterprise_project_id.as_deref()
    }

    pub fn public_ip(&self) -> Option<&str> {
        self.public_ip.as_deref()
    }

    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The offset sent, if any (the API starts at 0 when absent).
    pub fn offset(&self) -> Option<u32> {
        self.offset
    }

    /// The limit sent, if any.
    pub fn limit(&self) -> Option<u16> {
        self.limit
    }

    /// The page size the API will use: the limit sent, or its default of 20.
    pub fn effective_limit(&self) -> u16 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    pub fn min_network_rtt(&self) -> Option<u32> {
        self.min_network_rtt
    }

    pub fn max_network_rtt(&self) -> Option<u32> {
        self.max_network_rtt
    }

    /// The same query for another page, as the pager needs: offsets come from arithmetic, not
    /// from the form, so they are checked against the same bound here.
    ///
    /// ```
    /// # use logins_core::api::query::QueryForm;
    /// let q = QueryForm { project_id: "p1".into(), ..Default::default() }.validate().unwrap();
    /// let page2 = q.with_page(100, 100).unwrap();
    /// assert_eq!(page2.canonical_query_string(), "limit=100&offset=100");
    /// assert!(q.with_page(0, 1001).is_err());
    /// ```
    pub fn with_page(&self, offset: u32, limit: u16) -> Result<Query, FieldError> {
        if offset > MAX_INTEGER {
            return Err(FieldError::new(
                Field::Offset,
                Problem::OutOfRange {
                    min: 0,
                    max: u64::from(MAX_INTEGER),
                },
            ));
        }
        if limit > MAX_LIMIT {
            return Err(FieldError::new(
                Field::Limit,
                Problem::OutOfRange {
                    min: 0,
                    max: u64::from(MAX_LIMIT),
                },
            ));
        }
        Ok(Query {
            offset: Some(offset),
            limit: Some(limit),
            ..self.clone()
        })
    }

    /// The same query over `[start, end]` (a watch refresh's window); `None` for `start`
    /// keeps the query's own start (none for "All time"). The API takes minutes: seconds are
    /// dropped, as from every time the form sends.
    ///
    /// ```
    /// # use logins_core::api::query::QueryForm;
    /// # use chrono::DateTime;
    /// let q = QueryForm { project_id: "p1".into(), ..Default::default() }.validate().unwrap();
    /// let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap();
    /// let w = q.with_window(Some(at(1_705_306_230)), at(1_705_309_200));
    /// assert_eq!(
    ///     w.canonical_query_string(),
    ///     "end_time=2024-01-15T09%3A00Z&start_time=2024-01-15T08%3A10Z"
    /// );
    /// assert_eq!(q.with_window(None, at(1_705_309_200)), q);
    /// ```
    pub fn with_window(&self, start: Option<DateTime<Utc>>, end: DateTime<Utc>) -> Query {
        let start = start.or(self.time_range.map(|r| r.start));
        let time_range = match start {
            Some(start) if start <= end => Some(TimeRange { start, end }),
            _ => self.time_range,
        };
        Query {
            time_range,
            ..self.clone()
        }
    }

    /// The request path, with the project ID percent-encoded as one segment.
    ///
    /// ```
    /// # use logins_core::api::query::QueryForm;
    /// let q = QueryForm { project_id: "p1".into(), ..Default::default() }.validate().unwrap();
    /// assert_eq!(q.path(), "/v2/p1/connections/desktops");
    /// ```
    pub fn path(&self) -> String {
        format!(
            "/v2/{}/connections/desktops",
            percent_encode(&self.project_id)
        )
    }

    /// The parameters that are set, as raw `(name, value)` pairs; unset ones are omitted so the
    /// API applies its own defaults.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut text = |name: &'static str, value: &Option<String>| {
            if let Some(v) = value {
                pairs.push((name, v.clone()));
            }
        };
        text("user_name", &self.user_name);
        text("computer_name", &self.computer_name);
        text("terminal_type", &self.terminal_type);
        text("enterprise_project_id", &self.enterprise_project_id);
        text("public_ip", &self.public_ip);
        text("domain", &self.domain);
        if let Some(range) = self.time_range {
            pairs.push(("start_time", format_time(range.start)));
            pairs.push(("end_time", format_time(range.end)));
        }
        let numbers = [
            ("offset", self.offset),
            ("limit", self.limit.map(u32::from)),
            ("min_network_rtt", self.min_network_rtt),
            ("max_network_rtt", self.max_network_rtt),
        ];
        for (name, value) in numbers {
            if let Some(v) = value {
                pairs.push((name, v.to_string()));
            }
        }
        crate::records::sort::sort_stable_by(&mut pairs, &|a, b| a.cmp(b));
        pairs
    }

    /// The canonical query string: what is signed and, byte for byte, what the URL carries.
    pub fn canonical_query_string(&self) -> String {
        canonical_query_string(&self.pairs())
    }

    /// The form that validates back to this query, e.g. to restore the inputs from a saved query.
    pub fn to_form(&self) -> QueryForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        QueryForm {
            project_id: self.project_id.clone(),
            start_time: self
                .time_range
                .map(|r| format_time(r.start))
                .unwrap_or_default(),
            end_time: self
                .time_range
                .map(|r| format_time(r.end))
                .unwrap_or_default(),
            user_name: text(&self.user_name),
            computer_name: text(&self.computer_name),
            terminal_type: text(&self.terminal_type),
            offset: number(self.offset),
            limit: number(self.limit.map(u32::from)),
            min_network_rtt: number(self.min_network_rtt),
            max_network_rtt: number(self.max_network_rtt),
            enterprise_project_id: text(&self.enterprise_project_id),
            public_ip: text(&self.public_ip),
            domain: text(&self.domain),
        }
    }
}

/// Keeps the value of a field that validated, or records its error and carries on, so one pass
/// reports every field.
fn keep<T>(errors: &mut ValidationErrors, result: Result<T, FieldError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// Formats an instant in the API's `YYYY-MM-DDTHH:MMZ` form (seconds are dropped).
pub fn format_time(t: DateTime<Utc>) -> String {
    crate::time::format::fixed_time(&t.naive_utc(), "-", "T", ":", false) + "Z"
}

/// Parses the API's `YYYY-MM-DDTHH:MMZ` form strictly: exactly that shape, a real date.
///
/// ```
/// use logins_core::api::query::parse_api_time;
/// assert!(parse_api_time("2016-08-20T21:11Z").is_some());
/// assert!(parse_api_time("2016-02-30T21:11Z").is_none());
/// assert!(parse_api_time("2016-08-20T21:11:00Z").is_none());
/// ```
pub fn parse_api_time(text: &str) -> Option<DateTime<Utc>> {
    // chrono's %Y also takes signs and more than four digits; check the exact shape first so
    // "+2016-08-20T21:11Z" or "20160-..." are rejected rather than silently accepted.
    let shape_ok = text.len() == 17
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 => b == b':',
            16 => b == b'Z',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    crate::time::text::parse_naive(text, crate::time::text::T_MINUTES_Z)
        .map(|naive| naive.and_utc())
}

fn parse_time(field: Field, raw: &str) -> Result<Option<DateTime<Utc>>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_api_time(text)
        .map(Some)
        .ok_or(FieldError::new(field, Problem::BadTimeFormat))
}

fn text_filter(field: Field, raw: &str) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            Problem::TooLong {
                max_chars: MAX_TEXT_CHARS,
            },
        ));
    }
    Ok(Some(text.to_owned()))
}

fn whole_number(field: Field, raw: &str, min: u32, max: u32) -> Result<Option<u32>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // Digits only: "+5", "-0", "1e3", "5.0" and "٣" (Arabic-Indic 3) are all rejected, because
    // the value goes to the API verbatim as an integer.
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(field, Problem::NotAWholeNumber));
    }
    let out_of_range = FieldError::new(
        field,
        Problem::OutOfRange {
            min: u64::from(min),
            max: u64::from(max),
        },
    );
    // Overflow of u64 (a 30-digit paste) is out of range too, not "not a number".
    let value = text.parse::<u64>().map_err(|_| out_of_range.clone())?;
    if value < u64::from(min) || value > u64::from(max) {
        return Err(out_of_range);
    }
    u32::try_from(value).map(Some).map_err(|_| out_of_range)
}

fn validate_project_id(raw: &str) -> Result<String, FieldError> {
    let id = raw.trim();
    let error = |problem| Err(FieldError::new(Field::ProjectId, problem));
    if id.is_empty() {
        return error(Problem::Required);
    }
    if id.chars().count() > MAX_PROJECT_ID_CHARS {
        return error(Problem::TooLong {
            max_chars: MAX_PROJECT_ID_CHARS,
        });
    }
    // The ID becomes a path segment. "/" or "\" (which browsers treat as "/") would move the
    // request to another API, "?" and "#" would end the path, "%" would be read as an escape,
    // and whitespace/control characters are never part of a real ID.
    if let Some(bad) = id
        .chars()
        .find(|&c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace() || c.is_control())
    {
        return error(Problem::ForbiddenCharacter(bad));
    }
    // "." and ".." segments are resolved away by URL parsers (fetch would request another path).
    if id == "." || id.contains("..") {
        return error(Problem::DotSegment);
    }
    Ok(id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(project_id: &str) -> QueryForm {
        QueryForm {
            project_id: project_id.into(),
            ..QueryForm::default()
        }
    }

    fn problems(form: &QueryForm) -> Vec<(Field, Problem)> {
        form.validate()
            .unwrap_err()
            .all()
            .iter()
            .map(|e| (e.field, e.problem.clone()))
            .collect()
    }

    #[test]
    fn minimal_query_sends_no_parameters() {
        let q = form("0e69423d4400f4a82f67c0059a1e4cc8").validate().unwrap();
        assert_eq!(q.canonical_query_string(), "");
        assert_eq!(q.effective_limit(), 20);
        assert_eq!(
            q.path(),
            "/v2/0e69423d4400f4a82f67c0059a1e4cc8/connections/desktops"
        );
    }

    #[test]
    fn every_parameter_is_sent_sorted_and_encoded() {
        let f = QueryForm {
            project_id: " p1 ".into(),
            start_time: "2024-01-15T08:30Z".into(),
            end_time: "2024-01-16T08:30Z".into(),
            user_name: "  alice@example.com ".into(),
            computer_name: "PC 01".into(),
            terminal_type: "WI".into(),
            offset: "40".into(),
            limit: "1000".into(),
            min_network_rtt: "0".into(),
            max_network_rtt: "250".into(),
            enterprise_project_id: "0".into(),
            public_ip: "203.0.113.7".into(),
            domain: "corp.example.com".into(),
        };
        let q = f.validate().unwrap();
        assert_eq!(
            q.canonical_query_string(),
            "computer_name=PC%2001&domain=corp.example.com&end_time=2024-01-16T08%3A30Z\
             &enterprise_project_id=0&limit=1000&max_network_rtt=250&min_network_rtt=0\
             &offset=40&public_ip=203.0.113.7&start_time=2024-01-15T08%3A30Z\
             &terminal_type=WI&user_name=alice%40example.com"
        );
        assert_eq!(q.project_id(), "p1");
        assert_eq!(q.to_form().validate().unwrap(), q);
    }

    #[test]
    fn all_errors_are_collected_not_just_the_first() {
        let f = QueryForm {
            project_id: "".into(),
            start_time: "2024-01-15 08:30".into(),
            end_time: "".into(),
            offset: "-1".into(),
            limit: "1001".into(),
            min_network_rtt: "abc".into(),
            max_network_rtt: "99999999999999999999999".into(),
            user_name: "x".repeat(256),
            ..QueryForm::default()
        };
        let found = problems(&f);
        let fields: Vec<Field> = found.iter().map(|(f, _)| *f).collect();
        for field in [
            Field::ProjectId,
            Field::StartTime,
            Field::EndTime,
            Field::Offset,
            Field::Limit,
            Field::MinNetworkRtt,
            Field::MaxNetworkRtt,
            Field::UserName,
        ] {
            assert!(fields.contains(&field), "{field:?} missing in {found:?}");
        }
        assert!(found.contains(&(Field::EndTime, Problem::RequiredWith(Field::StartTime))));
        assert!(found.contains(&(Field::Offset, Problem::NotAWholeNumber)));
        assert!(found.contains(&(Field::Limit, Problem::OutOfRange { min: 0, max: 1000 })));
    }

    #[test]
    fn time_range_rules() {
        let mut f = form("p");
        f.end_time = "2024-01-15T08:30Z".into();
        assert_eq!(
            problems(&f),
            vec![(Field::StartTime, Problem::RequiredWith(Field::EndTime))]
        );

        f.start_time = "2024-01-15T08:31Z".into();
        assert_eq!(problems(&f), vec![(Field::EndTime, Problem::StartAfterEnd)]);

        f.start_time = "2024-01-15T08:30Z".into();
        let range = f.validate().unwrap().time_range().unwrap();
        assert_eq!(range.start(), range.end());

        for bad in [
            "2024-1-15T08:30Z",
            "2024-01-15T08:30",
            "2024-01-15T08:30+08:00",
            "2024-13-01T00:00Z",
            "+024-01-15T08:30Z",
            "2024-01-15T24:00Z",
        ] {
            f.start_time = bad.into();
            assert!(
                problems(&f).contains(&(Field::StartTime, Problem::BadTimeFormat)),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_must_be_plain_digits_in_range() {
        let mut f = form("p");
        for bad in ["+5", "5.0", "1e3", "٣", "0x10", "- 1"] {
            f.offset = bad.into();
            assert_eq!(
                problems(&f),
                vec![(Field::Offset, Problem::NotAWholeNumber)],
                "{bad}"
            );
        }
        f.offset = "2147483648".into();
        assert!(matches!(problems(&f)[0].1, Problem::OutOfRange { .. }));
        f.offset = " 007 ".into();
        assert_eq!(f.validate().unwrap().offset(), Some(7));
        f.limit = "0".into();
        assert_eq!(f.validate().unwrap().limit(), Some(0));
    }

    #[test]
    fn rtt_bounds_must_be_ordered() {
        let mut f = form("p");
        f.min_network_rtt = "100".into();
        f.max_network_rtt = "99".into();
        assert_eq!(
            problems(&f),
            vec![(Field::MaxNetworkRtt, Problem::MinAboveMax)]
        );
        f.max_network_rtt = "100".into();
        assert!(f.validate().is_ok());
    }

    #[test]
    fn project_id_cannot_change_the_path() {
        for (bad, problem) in [
            ("a/b", Problem::ForbiddenCharacter('/')),
            ("a\\b", Problem::ForbiddenCharacter('\\')),
            ("a?b", Problem::ForbiddenCharacter('?')),
            ("a#b", Problem::ForbiddenCharacter('#')),
            ("a%2Fb", Problem::ForbiddenCharacter('%')),
            ("a b", Problem::ForbiddenCharacter(' ')),
            ("a\u{0}b", Problem::ForbiddenCharacter('\u{0}')),
            ("..", Problem::DotSegment),
            ("a..b", Problem::DotSegment),
            (".", Problem::DotSegment),
            ("   ", Problem::Required),
        ] {
            assert_eq!(
                problems(&form(bad)),
                vec![(Field::ProjectId, problem)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn text_filters_are_trimmed_capped_and_accept_any_unicode() {
        let mut f = form("p");
        f.user_name = " 张三 😀 e\u{301} ".into();
        f.computer_name = "   ".into();
        let q = f.validate().unwrap();
        assert_eq!(q.user_name(), Some("张三 😀 e\u{301}"));
        assert_eq!(q.computer_name(), None);
        // The cap counts characters, not bytes: 255 emoji (1020 bytes) are fine.
        f.user_name = "😀".repeat(255);
        assert!(f.validate().is_ok());
        f.user_name.push('x');
        assert_eq!(
            problems(&f),
            vec![(Field::UserName, Problem::TooLong { max_chars: 255 })]
        );
    }

    #[test]
    fn messages_name_the_field_and_never_echo_the_value() {
        let mut f = form("p");
        f.user_name = "secret-looking-value".repeat(20);
        let errors = f.validate().unwrap_err();
        let text = errors.to_string();
        assert!(text.starts_with("User name must be at most 255"), "{text}");
        assert!(!text.contains("secret-looking-value"));
    }

    #[test]
    fn with_page_sets_offset_and_limit() {
        let q = form("p").validate().unwrap();
        let paged = q.with_page(2_000, 1000).unwrap();
        assert_eq!(paged.offset(), Some(2_000));
        assert_eq!(paged.limit(), Some(1000));
        assert!(q.with_page(u32::MAX, 10).is_err());
    }
}
