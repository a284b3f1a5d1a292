//! Which records a query selects. Pure. The semantics (also in proxy/README.md):
//!
//! - `start_time`/`end_time`: connection start within the range, both ends inclusive (a
//!   minute-precision end includes its whole minute).
//! - `user_name`, `computer_name`: case-insensitive (ASCII) substring, as the console's search
//!   boxes behave; an administrator types part of a name.
//! - `terminal_type`, `enterprise_project_id`, `public_ip`: exact (terminal type ignoring ASCII
//!   case).
//! - `domain`: the part of `user_name` after `@`, ignoring case.
//! - `min_network_rtt`/`max_network_rtt`: inclusive bounds on `network_rtt` (the parameter
//!   names say so; the doc's "E2E latency" wording looks copied from `e2e_rtt`). A record with
//!   no `network_rtt` (failed connections, old records) is excluded when either bound is set.

use logins_core::demo::DemoRow;

use super::params::ListParams;

/// The record-selecting part of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    start: Option<i64>,
    end: Option<i64>,
    user_name: Option<String>,
    computer_name: Option<String>,
    terminal_type: Option<String>,
    enterprise_project_id: Option<String>,
    public_ip: Option<String>,
    domain: Option<String>,
    min_rtt: Option<u32>,
    max_rtt: Option<u32>,
}

impl Filter {
    pub fn from_params(p: &ListParams) -> Self {
        Filter {
            start: p.start,
            end: p.end,
            user_name: p.user_name.clone(),
            computer_name: p.computer_name.clone(),
            terminal_type: p.terminal_type.clone(),
            enterprise_project_id: p.enterprise_project_id.clone(),
            public_ip: p.public_ip.clone(),
            domain: p.domain.clone(),
            min_rtt: p.min_network_rtt,
            max_rtt: p.max_network_rtt,
        }
    }

    /// Whether no record is excluded (lets the server skip the scan).
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, row: &DemoRow<'_>) -> bool {
        self.matches_as(row, row.start_unix(), row.network_rtt())
    }

    /// [`Filter::matches`] for a row answered with another start time and network RTT (the
    /// live stand-in's incident logins); the other fields are the row's.
    pub fn matches_as(&self, row: &DemoRow<'_>, start_unix: i64, network_rtt: Option<u32>) -> bool {
        let t = start_unix;
        if self.start.is_some_and(|s| t < s) || self.end.is_some_and(|e| t > e) {
            return false;
        }
        if let Some(needle) = &self.user_name {
            if !contains_ignore_ascii_case(row.user_name(), needle) {
                return false;
            }
        }
        if let Some(needle) = &self.computer_name {
            if !contains_ignore_ascii_case(row.computer_name(), needle) {
                return false;
            }
        }
        if let Some(tt) = &self.terminal_type {
            if !row.terminal_type().eq_ignore_ascii_case(tt) {
                return false;
            }
        }
        if let Some(ep) = &self.enterprise_project_id {
            if row.enterprise_project_id() != ep {
                return false;
            }
        }
        if let Some(domain) = &self.domain {
            let ok = row
                .user_name()
                .rsplit_once('@')
                .is_some_and(|(_, d)| d.eq_ignore_ascii_case(domain));
            if !ok {
                return false;
            }
        }
        if self.min_rtt.is_some() || self.max_rtt.is_some() {
            let Some(rtt) = network_rtt else {
                return false;
            };
            if self.min_rtt.is_some_and(|m| rtt < m) || self.max_rtt.is_some_and(|m| rtt > m) {
                return false;
            }
        }
        if let Some(ip) = &self.public_ip {
            if row.public_ip().as_deref() != Some(ip.as_str()) {
                return false;
            }
        }
        true
    }
}

impl Filter {
    /// The same selection over a record given as JSON (the `--hostile` records, whose values
    /// may have any type): a text filter needs a string, an RTT bound an integer, a time bound
    /// a `YYYY-MM-DDTHH:MM:SSZ` start time; anything else is excluded while that filter is set.
    pub fn matches_json(&self, record: &serde_json::Value) -> bool {
        let text = |name: &str| record.get(name).and_then(serde_json::Value::as_str);
        if self.start.is_some() || self.end.is_some() {
            let Some(t) = text("connection_start_time")
                .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").ok())
                .map(|t| t.and_utc().timestamp())
            else {
                return false;
            };
            if self.start.is_some_and(|s| t < s) || self.end.is_some_and(|e| t > e) {
                return false;
            }
        }
        let contains = |name: &str, needle: &Option<String>| {
            needle
                .as_ref()
                .is_none_or(|n| text(name).is_some_and(|h| contains_ignore_ascii_case(h, n)))
        };
        if !contains("user_name", &self.user_name)
            || !contains("computer_name", &self.computer_name)
        {
            return false;
        }
        if let Some(tt) = &self.terminal_type {
            if !text("terminal_type").is_some_and(|t| t.eq_ignore_ascii_case(tt)) {
                return false;
            }
        }
        let exact = |name: &str, want: &Option<String>| {
            want.as_ref().is_none_or(|w| text(name) == Some(w.as_str()))
        };
        if !exact("enterprise_project_id", &self.enterprise_project_id)
            || !exact("public_ip", &self.public_ip)
        {
            return false;
        }
        if let Some(domain) = &self.domain {
            let ok = text("user_name")
                .and_then(|u| u.rsplit_once('@'))
                .is_some_and(|(_, d)| d.eq_ignore_ascii_case(domain));
            if !ok {
                return false;
            }
        }
        if self.min_rtt.is_some() || self.max_rtt.is_some() {
            let Some(rtt) = record
                .get("network_rtt")
                .and_then(serde_json::Value::as_i64)
            else {
                return false;
            };
            if self.min_rtt.is_some_and(|m| rtt < i64::from(m))
                || self.max_rtt.is_some_and(|m| rtt > i64::from(m))
            {
                return false;
            }
        }
        true
    }
}

/// Substring match ignoring ASCII case, without allocating.
///
/// ```
/// use logins_proxy::standin::filter::contains_ignore_ascii_case;
/// assert!(contains_ignore_ascii_case("Wei.Wang@corp", "WANG@"));
/// assert!(contains_ignore_ascii_case("abc", ""));
/// assert!(!contains_ignore_ascii_case("ab", "abc"));
/// ```
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use logins_core::demo::{DemoData, DemoSpec};

    fn data() -> DemoData {
        DemoData::generate(&DemoSpec {
            seed: 5,
            records: 5_000,
            now_unix: 1_720_000_000,
        })
    }

    fn filter(q: &str) -> Filter {
        Filter::from_params(&super::super::params::parse(q).unwrap())
    }

    #[test]
    fn each_filter_selects_what_it_says() {
        let d = data();
        let first = d.get(100).unwrap();
        let user = first.user_name().to_owned();
        let f = filter(&format!(
            "user_name={}",
            logins_core::api::encoding::percent_encode(&user.to_uppercase())
        ));
        let hits: Vec<_> = d.iter().filter(|r| f.matches(r)).collect();
        assert!(!hits.is_empty());
        assert!(hits
            .iter()
            .all(|r| r.user_name().eq_ignore_ascii_case(&user)
                || r.user_name().to_lowercase().contains(&user.to_lowercase())));

        let f = filter("terminal_type=wi");
        assert!(d
            .iter()
            .filter(|r| f.matches(r))
            .all(|r| r.terminal_type() == "WI"));
        assert!(d.iter().any(|r| f.matches(&r)));

        let f = filter("min_network_rtt=20&max_network_rtt=30");
        let hits: Vec<_> = d.iter().filter(|r| f.matches(r)).collect();
        assert!(!hits.is_empty());
        assert!(hits
            .iter()
            .all(|r| (20..=30).contains(&r.network_rtt().unwrap())));

        let t = first.start_unix();
        let minute = logins_core::time::format::format_unix(t - t % 60);
        let q = format!("start_time={}Z&end_time={}Z", &minute[..16], &minute[..16]);
        let f = filter(&q);
        let hits: Vec<_> = d.iter().filter(|r| f.matches(r)).collect();
        assert!(hits.iter().any(|r| r.start_unix() == t));
        assert!(hits.iter().all(|r| r.start_unix() / 60 == t / 60));

        assert!(filter("").is_empty());
        assert!(d.iter().all(|r| filter("").matches(&r)));
    }
}
