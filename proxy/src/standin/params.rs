//! The query parameters of `GET /v2/{project_id}/connections/desktops`, checked as the API doc
//! states. Pure. Independent of the app's own validation (`logins_core::api::query`) on purpose: the
//! stand-in plays the server, so a client-side validation bug shows up as a 400 here.

use chrono::NaiveDateTime;
use logins_core::api::encoding::parse_query_string;

/// The stand-in's code for a bad parameter. Huawei's Workspace error-code page lists
/// `WKS.0001` for an empty request; the code for a bad query parameter is not published, so
/// this one is the stand-in's choice (documented in the README).
pub const BAD_PARAMETER: &str = "WKS.0002";

/// Default and maximum page size, as the API doc states.
pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 1000;
/// Integers in the doc are Java ints.
pub const MAX_INT: u64 = i32::MAX as u64;

/// A checked request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    /// Inclusive bounds on the connection start, Unix seconds.
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub user_name: Option<String>,
    pub computer_name: Option<String>,
    pub terminal_type: Option<String>,
    pub enterprise_project_id: Option<String>,
    pub public_ip: Option<String>,
    pub domain: Option<String>,
    pub offset: u32,
    pub limit: u32,
    pub min_network_rtt: Option<u32>,
    pub max_network_rtt: Option<u32>,
}

/// A 400 answer's message. It names the parameter, never the value sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadParameter(pub String);

const KNOWN: [&str; 12] = [
    "start_time",
    "end_time",
    "user_name",
    "computer_name",
    "terminal_type",
    "enterprise_project_id",
    "public_ip",
    "domain",
    "offset",
    "limit",
    "min_network_rtt",
    "max_network_rtt",
];

/// Parses the raw (percent-encoded) query string.
///
/// ```
/// use logins_proxy::standin::params::parse;
/// let p = parse("limit=5&user_name=alice").unwrap();
/// assert_eq!((p.limit, p.user_name.as_deref()), (5, Some("alice")));
/// assert!(parse("limit=1001").is_err());
/// assert!(parse("start_time=2024-01-01T00:00Z").is_err()); // end_time missing
/// ```
pub fn parse(raw_query: &str) -> Result<ListParams, BadParameter> {
    let pairs = parse_query_string(raw_query);
    let mut seen: Vec<&str> = Vec::new();
    for (key, _) in &pairs {
        if let Some(k) = KNOWN.iter().find(|k| **k == key.as_str()) {
            if seen.contains(k) {
                return Err(BadParameter(format!(
                    "Parameter {k} is given more than once."
                )));
            }
            seen.push(k);
        }
    }
    // Unknown parameters are ignored, as the gateway does; empty values count as absent.
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let text = |name: &str| get(name).map(str::to_owned);
    let int = |name: &str, max: u64| -> Result<Option<u32>, BadParameter> {
        match get(name) {
            None => Ok(None),
            Some(v) if v.bytes().all(|b| b.is_ascii_digit()) && v.len() <= 10 => {
                let n: u64 = v.parse().map_err(|_| bad_int(name, max))?;
                if n > max {
                    return Err(bad_int(name, max));
                }
                Ok(Some(n as u32))
            }
            Some(_) => Err(bad_int(name, max)),
        }
    };
    let time = |name: &str| -> Result<Option<(i64, bool)>, BadParameter> {
        get(name).map(|v| parse_time(name, v)).transpose()
    };

    let start = time("start_time")?;
    let end = time("end_time")?;
    let (start, end) = match (start, end) {
        (None, None) => (None, None),
        (Some(_), None) => {
            return Err(BadParameter(
                "end_time is mandatory when start_time is given.".into(),
            ))
        }
        (None, Some(_)) => {
            return Err(BadParameter(
                "start_time is mandatory when end_time is given.".into(),
            ))
        }
        (Some((s, _)), Some((e, minute))) => {
            // A minute-precision end includes that whole minute.
            let e = if minute { e + 59 } else { e };
            if s > e {
                return Err(BadParameter(
                    "start_time must not be later than end_time.".into(),
                ));
            }
            (Some(s), Some(e))
        }
    };
    let min = int("min_network_rtt", MAX_INT)?;
    let max = int("max_network_rtt", MAX_INT)?;
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            return Err(BadParameter(
                "min_network_rtt must not be greater than max_network_rtt.".into(),
            ));
        }
    }
    Ok(ListParams {
        start,
        end,
        user_name: text("user_name"),
        computer_name: text("computer_name"),
        terminal_type: text("terminal_type"),
        enterprise_project_id: text("enterprise_project_id"),
        public_ip: text("public_ip"),
        domain: text("domain"),
        offset: int("offset", MAX_INT)?.unwrap_or(0),
        limit: int("limit", u64::from(MAX_LIMIT))?.unwrap_or(DEFAULT_LIMIT),
        min_network_rtt: min,
        max_network_rtt: max,
    })
}

fn bad_int(name: &str, max: u64) -> BadParameter {
    BadParameter(format!("{name} must be an integer from 0 to {max}."))
}

/// `YYYY-MM-DDTHH:MMZ` (the doc's format) or `YYYY-MM-DDTHH:MM:SSZ`; returns the Unix time
/// and whether it had minute precision.
fn parse_time(name: &str, value: &str) -> Result<(i64, bool), BadParameter> {
    let bad = || BadParameter(format!("{name} must be a UTC time like 2016-08-20T21:11Z."));
    let (format, minute) = match value.len() {
        17 => ("%Y-%m-%dT%H:%MZ", true),
        20 => ("%Y-%m-%dT%H:%M:%SZ", false),
        _ => return Err(bad()),
    };
    if !value.as_bytes()[0].is_ascii_digit() {
        return Err(bad());
    }
    NaiveDateTime::parse_from_str(value, format)
        .map(|t| (t.and_utc().timestamp(), minute))
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(q: &str) -> String {
        parse(q).unwrap_err().0
    }

    #[test]
    fn defaults() {
        let p = parse("").unwrap();
        assert_eq!((p.offset, p.limit), (0, 20));
        assert_eq!(p, parse("unknown=1&user_name=").unwrap());
    }

    #[test]
    fn every_rule() {
        assert!(err("limit=1001").contains("limit"));
        assert!(err("limit=-1").contains("limit"));
        assert!(err("limit=abc").contains("limit"));
        assert!(err("limit=1.5").contains("limit"));
        assert!(err("offset=2147483648").contains("offset"));
        assert!(err("offset=99999999999999999999").contains("offset"));
        assert!(err("min_network_rtt=x").contains("min_network_rtt"));
        assert!(err("min_network_rtt=10&max_network_rtt=5").contains("greater"));
        assert!(err("end_time=2024-01-01T00:00Z").contains("start_time is mandatory"));
        assert!(err("start_time=2024-01-01T00:00Z").contains("end_time is mandatory"));
        assert!(err("start_time=2024-01-02T00:00Z&end_time=2024-01-01T00:00Z").contains("later"));
        assert!(
            err("start_time=2024-13-01T00:00Z&end_time=2024-12-01T00:00Z").contains("UTC time")
        );
        assert!(
            err("start_time=2024-01-01 00:00&end_time=2024-01-01T00:00Z").contains("start_time")
        );
        assert!(err("limit=1&limit=2").contains("more than once"));
        assert!(!err("user_name=a&limit=secretvalue").contains("secretvalue"));
        assert_eq!(parse("limit=0").unwrap().limit, 0);
        assert_eq!(parse("limit=1000").unwrap().limit, 1000);
    }

    #[test]
    fn times() {
        let p = parse("start_time=2020-04-24T03:02Z&end_time=2020-04-24T03:02Z").unwrap();
        assert_eq!(p.start, Some(1_587_697_320));
        assert_eq!(p.end, Some(1_587_697_379));
        let p = parse("start_time=2020-04-24T03:02:47Z&end_time=2020-04-24T03:02:47Z").unwrap();
        assert_eq!(p.start, p.end);
        let p = parse("start_time=2020-04-24T03%3A02Z&end_time=2020-04-25T00%3A00Z").unwrap();
        assert!(p.start.is_some());
    }
}
