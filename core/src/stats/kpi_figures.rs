//! The KPI strip's figures: each KPI's name, how its value reads in a language, and its change
//! against the previous period as a sentence. The numbers come from [`Kpis`], which do not
//! depend on the language: a switch rewrites the strip without recomputing them.

use super::kpi::{change, Kpis};
use crate::i18n::analytics as t;
use crate::i18n::{Lang, Text};
use crate::text::num::fixed;
use crate::time::format::format_duration;

/// How a figure's value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A whole number ("2000").
    Count,
    /// A rate given as a fraction, shown in percent with one decimal ("12.5%").
    Percent,
    /// Milliseconds ("120 ms").
    Millis,
    /// Seconds, as a duration ("11 min 30 s", "11分30秒").
    Duration,
}

impl Shape {
    /// `v` as this shape reads in `lang`.
    pub fn show(self, lang: Lang, v: f64) -> String {
        match self {
            Shape::Count => fixed(v, 0, false),
            Shape::Percent => format!("{}%", fixed(v * 100.0, 1, false)),
            Shape::Millis => format!("{} ms", fixed(v, 0, false)),
            Shape::Duration => format_duration(lang, v as i64),
        }
    }
}

/// One figure of the strip.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    pub name: Text,
    pub shape: Shape,
    /// Its value in a set of KPIs, when there is one.
    pub pick: fn(&Kpis) -> Option<f64>,
}

impl Figure {
    /// Its value in `kpis`, as it reads in `lang`; "–" when there is none.
    pub fn value(&self, lang: Lang, kpis: &Kpis) -> String {
        (self.pick)(kpis)
            .map(|v| self.shape.show(lang, v))
            .unwrap_or_else(|| "–".to_owned())
    }

    /// Its change from `previous` to `current` as a sentence ("+12.5% vs previous period"; the
    /// previous value when it was 0), or `None` when either is unknown.
    pub fn change(&self, lang: Lang, current: &Kpis, previous: Option<&Kpis>) -> Option<String> {
        let c = change((self.pick)(current), previous.and_then(self.pick))?;
        Some(match c.relative {
            Some(r) => t::CHANGE_VS_PREVIOUS.fill(lang, &[&fixed(r * 100.0, 1, true)]),
            None => t::CHANGE_BEFORE.fill(lang, &[&self.shape.show(lang, c.previous)]),
        })
    }
}

/// The strip, in order.
pub const FIGURES: [Figure; 11] = [
    Figure {
        name: t::LOGINS,
        shape: Shape::Count,
        pick: |k| Some(k.logins as f64),
    },
    Figure {
        name: t::UNIQUE_USERS,
        shape: Shape::Count,
        pick: |k| Some(k.unique_users as f64),
    },
    Figure {
        name: t::UNIQUE_DESKTOPS,
        shape: Shape::Count,
        pick: |k| Some(k.unique_desktops as f64),
    },
    Figure {
        name: t::FAILURE_RATE,
        shape: Shape::Percent,
        pick: |k| k.failure_rate,
    },
    Figure {
        name: t::RECONNECT_RATE,
        shape: Shape::Percent,
        pick: |k| k.reconnect_rate,
    },
    Figure {
        name: t::NETWORK_RTT_P50,
        shape: Shape::Millis,
        pick: |k| k.network_p50.map(|v| v as f64),
    },
    Figure {
        name: t::NETWORK_RTT_P95,
        shape: Shape::Millis,
        pick: |k| k.network_p95.map(|v| v as f64),
    },
    Figure {
        name: t::E2E_RTT_P50,
        shape: Shape::Millis,
        pick: |k| k.e2e_p50.map(|v| v as f64),
    },
    Figure {
        name: t::E2E_RTT_P95,
        shape: Shape::Millis,
        pick: |k| k.e2e_p95.map(|v| v as f64),
    },
    Figure {
        name: t::MEDIAN_SETUP_TIME,
        shape: Shape::Duration,
        pick: |k| k.setup_median_s.map(|v| v as f64),
    },
    Figure {
        name: t::MEDIAN_SESSION,
        shape: Shape::Duration,
        pick: |k| k.duration_median_s.map(|v| v as f64),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kpis() -> Kpis {
        Kpis {
            logins: 2000,
            failure_rate: Some(0.125),
            network_p95: Some(180),
            setup_median_s: Some(690),
            ..Kpis::default()
        }
    }

    fn figure(name: Text) -> Figure {
        *FIGURES.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn names_in_each_language() {
        let names = |lang| FIGURES.map(|f| f.name.get(lang));
        assert_eq!(
            names(Lang::En),
            [
                "Logins",
                "Unique users",
                "Unique desktops",
                "Failure rate",
                "Reconnect rate",
                "Network RTT p50",
                "Network RTT p95",
                "E2E RTT p50",
                "E2E RTT p95",
                "Median setup time",
                "Median session"
            ]
        );
        assert_eq!(
            names(Lang::Zh),
            [
                "登录次数",
                "用户数",
                "桌面数",
                "失败率",
                "重连率",
                "网络时延 p50",
                "网络时延 p95",
                "端到端时延 p50",
                "端到端时延 p95",
                "建立连接耗时中位数",
                "会话时长中位数"
            ]
        );
    }

    #[test]
    fn values_read_naturally_in_each_language() {
        let k = kpis();
        for lang in Lang::ALL {
            assert_eq!(figure(t::LOGINS).value(lang, &k), "2000");
            assert_eq!(figure(t::FAILURE_RATE).value(lang, &k), "12.5%");
            assert_eq!(figure(t::NETWORK_RTT_P95).value(lang, &k), "180 ms");
            assert_eq!(figure(t::RECONNECT_RATE).value(lang, &k), "–");
        }
        let setup = figure(t::MEDIAN_SETUP_TIME);
        assert_eq!(setup.value(Lang::En, &k), "11 min 30 s");
        assert_eq!(setup.value(Lang::Zh, &k), "11分30秒");
    }

    #[test]
    fn changes_read_in_each_language() {
        let now = kpis();
        let before = Kpis {
            logins: 1600,
            failure_rate: Some(0.0),
            setup_median_s: Some(0),
            ..Kpis::default()
        };
        let logins = figure(t::LOGINS);
        assert_eq!(
            logins.change(Lang::En, &now, Some(&before)).as_deref(),
            Some("+25.0% vs previous period")
        );
        assert_eq!(
            logins.change(Lang::Zh, &now, Some(&before)).as_deref(),
            Some("较上一周期 +25.0%")
        );
        // From zero no relative change exists: the previous value is shown instead.
        let rate = figure(t::FAILURE_RATE);
        assert_eq!(
            rate.change(Lang::En, &now, Some(&before)).as_deref(),
            Some("0.0% before")
        );
        assert_eq!(
            figure(t::MEDIAN_SETUP_TIME)
                .change(Lang::Zh, &now, Some(&before))
                .as_deref(),
            Some("上一周期 0秒")
        );
        assert_eq!(logins.change(Lang::En, &now, None), None);
        assert_eq!(
            figure(t::NETWORK_RTT_P95).change(Lang::En, &now, Some(&before)),
            None
        );
    }
}
