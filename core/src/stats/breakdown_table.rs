//! The breakdown table in a language: its columns (header and order) and a group's cells. The
//! groups themselves ([`breakdown`](super::breakdown)) do not depend on the language.

use std::cmp::Ordering;

use super::breakdown::Group;
use crate::i18n::analytics as t;
use crate::i18n::{Lang, Text};
use crate::text::num::fixed;

/// A column of the breakdown table: its header, and how two groups compare by it.
#[derive(Clone, Copy, Debug)]
pub struct BreakdownColumn {
    pub header: Text,
    pub compare: fn(&Group, &Group) -> Ordering,
}

/// The columns, the group's name first.
pub const COLUMNS: [BreakdownColumn; 8] = [
    BreakdownColumn {
        header: t::GROUP,
        compare: |a, b| a.key.cmp(&b.key),
    },
    BreakdownColumn {
        header: t::LOGINS,
        compare: |a, b| a.count.cmp(&b.count),
    },
    BreakdownColumn {
        header: t::FAILURE_PERCENT,
        compare: |a, b| a.failure_rate.total_cmp(&b.failure_rate),
    },
    BreakdownColumn {
        header: t::RECONNECT_PERCENT,
        compare: |a, b| a.reconnect_rate.total_cmp(&b.reconnect_rate),
    },
    BreakdownColumn {
        header: t::NETWORK_P50,
        compare: |a, b| a.network_p50.cmp(&b.network_p50),
    },
    BreakdownColumn {
        header: t::NETWORK_P95,
        compare: |a, b| a.network_p95.cmp(&b.network_p95),
    },
    BreakdownColumn {
        header: t::E2E_P50,
        compare: |a, b| a.e2e_p50.cmp(&b.e2e_p50),
    },
    BreakdownColumn {
        header: t::E2E_P95,
        compare: |a, b| a.e2e_p95.cmp(&b.e2e_p95),
    },
];

impl Group {
    /// The group's name as a reader sees it: its key (a record's value, shown as sent), or
    /// "(missing)" in `lang` for the rows without one.
    pub fn name(&self, lang: Lang) -> &str {
        if self.missing_key {
            t::MISSING.get(lang)
        } else {
            &self.key
        }
    }

    /// The cells after the name, in [`COLUMNS`] order: logins, failure and reconnect rates,
    /// RTT percentiles. A reconnect rate no row knows is "n/a", never 0%.
    pub fn cells(&self, lang: Lang) -> [String; 7] {
        let percent = |rate: f64| format!("{}%", fixed(rate * 100.0, 1, false));
        let ms = |v: Option<i64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "–".into());
        [
            self.count.to_string(),
            percent(self.failure_rate),
            if self.reconnect_unknown == self.count {
                t::NOT_AVAILABLE.get(lang).to_owned()
            } else {
                percent(self.reconnect_rate)
            },
            ms(self.network_p50),
            ms(self.network_p95),
            ms(self.e2e_p50),
            ms(self.e2e_p95),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::MISSING_KEY;

    fn group(key: &str, missing: bool) -> Group {
        Group {
            key: key.to_owned(),
            missing_key: missing,
            subnet: None,
            count: 8,
            failures: 1,
            failure_rate: 0.125,
            reconnect_rate: 0.0,
            reconnect_unknown: 8,
            network_p50: Some(40),
            network_p95: Some(180),
            e2e_p50: None,
            e2e_p95: None,
        }
    }

    #[test]
    fn headers_in_each_language() {
        assert_eq!(
            COLUMNS.map(|c| c.header.en),
            [
                "Group",
                "Logins",
                "Failure %",
                "Reconnect %",
                "Network p50",
                "Network p95",
                "E2E p50",
                "E2E p95"
            ]
        );
        assert_eq!(
            COLUMNS.map(|c| c.header.zh),
            [
                "分组",
                "登录次数",
                "失败率 %",
                "重连率 %",
                "网络时延 p50",
                "网络时延 p95",
                "端到端时延 p50",
                "端到端时延 p95"
            ]
        );
    }

    #[test]
    fn names_and_cells_in_each_language() {
        let missing = group(MISSING_KEY, true);
        assert_eq!(missing.name(Lang::En), "(missing)");
        assert_eq!(missing.name(Lang::Zh), "（无值）");
        // A value that reads "(missing)" is a value: shown as sent.
        assert_eq!(group("(missing)", false).name(Lang::Zh), "(missing)");
        let subnet = group("10.1.0.0/16", false);
        assert_eq!(subnet.name(Lang::Zh), "10.1.0.0/16");
        assert_eq!(
            subnet.cells(Lang::En),
            ["8", "12.5%", "n/a", "40 ms", "180 ms", "–", "–"]
        );
        assert_eq!(
            subnet.cells(Lang::Zh),
            ["8", "12.5%", "未知", "40 ms", "180 ms", "–", "–"]
        );
        let known = Group {
            reconnect_unknown: 0,
            reconnect_rate: 0.25,
            ..subnet
        };
        assert_eq!(known.cells(Lang::Zh)[2], "25.0%");
    }

    #[test]
    fn columns_compare_by_their_value() {
        let a = group("a", false);
        let b = Group {
            key: "b".into(),
            count: 9,
            ..a.clone()
        };
        assert_eq!((COLUMNS[0].compare)(&a, &b), Ordering::Less);
        assert_eq!((COLUMNS[1].compare)(&b, &a), Ordering::Greater);
    }
}
