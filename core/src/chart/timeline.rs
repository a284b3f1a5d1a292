//! One user's sessions on a time axis.

use super::axes::{band_class, band_name, plural, time_axis, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP};
use super::scale::LinearScale;
use super::{ChartModel, LegendItem, Mark};
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::records::columns::Band;
use crate::time::format::{format_duration, format_time, DisplayZone};

/// One session on a user's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineBar {
    pub start: i64,
    /// The end, or "now" for an ongoing session.
    pub end: i64,
    pub failed: bool,
    pub ongoing: bool,
    pub band: Option<Band>,
    /// Valid RTTs, ms.
    pub network_rtt: Option<i64>,
    pub e2e_rtt: Option<i64>,
}

impl TimelineBar {
    /// Its label: start, how it went (failed, ongoing, or how long it lasted) and its RTTs.
    fn tip(&self, lang: Lang, zone: &DisplayZone<'_>) -> String {
        let rtt = |v: Option<i64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "–".into());
        let status = if self.failed {
            t::FAILED.get(lang).to_owned()
        } else if self.ongoing {
            t::ONGOING.get(lang).to_owned()
        } else {
            format_duration(lang, self.end - self.start)
        };
        t::SESSION_TIP.fill(
            lang,
            &[
                &format_time(self.start, zone),
                &status,
                &rtt(self.network_rtt),
                &rtt(self.e2e_rtt),
            ],
        )
    }
}

/// `user`'s sessions on a time axis: a bar from start to end coloured by RTT band, failures as
/// red ticks, ongoing sessions marked.
pub fn timeline(
    lang: Lang,
    user: &str,
    bars: &[TimelineBar],
    zone: &DisplayZone<'_>,
) -> ChartModel {
    let title = t::SESSIONS_OF.fill(lang, &[user]);
    if bars.is_empty() {
        let mut chart = ChartModel::empty(title, t::NO_SESSIONS.get(lang));
        chart.title_value = Some(user.to_owned());
        return chart;
    }
    let mut chart = ChartModel::new(title);
    chart.title_value = Some(user.to_owned());
    let start = bars.iter().map(|b| b.start).min().unwrap_or(0);
    let end = bars
        .iter()
        .map(|b| b.end.max(b.start + 60))
        .max()
        .unwrap_or(start + 60);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    time_axis(lang, &mut chart.marks, &x, start, end, zone);
    // Overlapping sessions go on separate lanes, so none hides another.
    let mut lane_ends: Vec<i64> = Vec::new();
    let lane_h = 18.0;
    for bar in bars {
        let lane = match lane_ends.iter().position(|&e| e <= bar.start) {
            Some(l) => l,
            None => {
                lane_ends.push(i64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = bar.end.max(bar.start + 1);
        let y = PLOT_TOP + lane_h * (lane % 10) as f64;
        let x0 = x.at(bar.start as f64);
        let class = if bar.failed {
            "mark-failed"
        } else {
            band_class(bar.band)
        };
        chart.marks.push(Mark::Rect {
            x: x0,
            y,
            w: (x.at(bar.end as f64) - x0).max(3.0),
            h: lane_h - 4.0,
            class,
            tip: bar.tip(lang, zone),
            action: None,
            raw: false,
        });
        chart.table.rows.push(vec![
            format_time(bar.start, zone),
            if bar.ongoing {
                t::ONGOING.get(lang).to_owned()
            } else if bar.failed {
                t::FAILED.get(lang).to_owned()
            } else {
                format_time(bar.end, zone)
            },
            bar.band
                .map(|b| band_name(lang, b).to_owned())
                .unwrap_or_default(),
        ]);
    }
    chart.table.headers = [t::START, t::END, t::RTT_QUALITY]
        .map(|h| h.get(lang).to_owned())
        .into();
    chart.legend = [
        (t::GOOD, "mark-good"),
        (t::FAIR, "mark-fair"),
        (t::POOR, "mark-poor"),
        (t::FAILED, "mark-failed"),
    ]
    .map(|(label, class)| LegendItem {
        raw: false,
        label: label.get(lang).into(),
        class,
    })
    .into();
    let failed = bars.iter().filter(|b| b.failed).count();
    chart.summary = t::TIMELINE_SUMMARY.fill(
        lang,
        &[
            &plural(lang, bars.len(), t::SESSION_ONE, t::SESSION_MANY),
            &format_time(start, zone),
            &format_time(end, zone),
            &failed.to_string(),
        ],
    );
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_lanes_keep_overlapping_sessions_apart() {
        let bar = |start, end| TimelineBar {
            start,
            end,
            failed: false,
            ongoing: false,
            band: Some(Band::Good),
            network_rtt: None,
            e2e_rtt: None,
        };
        let chart = timeline(
            Lang::En,
            "alice",
            &[bar(0, 100), bar(50, 150), bar(120, 200)],
            &DisplayZone::Utc,
        );
        let ys: Vec<f64> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { y, .. } => Some(*y),
                _ => None,
            })
            .collect();
        assert_eq!(ys[0], ys[2], "the third reuses the first lane");
        assert_ne!(ys[0], ys[1]);
    }

    fn sessions() -> [TimelineBar; 3] {
        let ok = TimelineBar {
            start: 0,
            end: 690,
            failed: false,
            ongoing: false,
            band: Some(Band::Fair),
            network_rtt: Some(150),
            e2e_rtt: None,
        };
        [
            ok.clone(),
            TimelineBar {
                start: 1000,
                end: 1000,
                failed: true,
                band: None,
                ..ok.clone()
            },
            TimelineBar {
                start: 2000,
                end: 5600,
                ongoing: true,
                e2e_rtt: Some(40),
                ..ok
            },
        ]
    }

    fn tips(chart: &ChartModel) -> Vec<&str> {
        crate::chart::rects(chart)
            .into_iter()
            .map(|r| r.1)
            .collect()
    }

    #[test]
    fn timeline_words_in_english() {
        let chart = timeline(Lang::En, "alice", &sessions(), &DisplayZone::Utc);
        assert_eq!(chart.title, "Sessions of alice");
        assert_eq!(chart.title_value.as_deref(), Some("alice"));
        assert_eq!(
            tips(&chart),
            [
                "1970-01-01 00:00:00: 11 min 30 s, network RTT 150 ms, E2E RTT –",
                "1970-01-01 00:16:40: failed, network RTT 150 ms, E2E RTT –",
                "1970-01-01 00:33:20: ongoing, network RTT 150 ms, E2E RTT 40 ms",
            ]
        );
        assert_eq!(chart.table.headers, ["Start", "End", "RTT quality"]);
        assert_eq!(chart.table.rows[0][1..], ["1970-01-01 00:11:30", "fair"]);
        assert_eq!(chart.table.rows[2][1], "ongoing");
        assert_eq!(
            chart.summary,
            "3 sessions from 1970-01-01 00:00:00 to 1970-01-01 01:33:20, 1 failed."
        );
    }

    #[test]
    fn timeline_words_in_chinese() {
        let chart = timeline(Lang::Zh, "alice", &sessions(), &DisplayZone::Utc);
        assert_eq!(chart.title, "alice 的会话");
        assert_eq!(chart.title_value.as_deref(), Some("alice"));
        assert_eq!(
            tips(&chart),
            [
                "1970-01-01 00:00:00：11分30秒，网络时延 150 ms，端到端时延 –",
                "1970-01-01 00:16:40：失败，网络时延 150 ms，端到端时延 –",
                "1970-01-01 00:33:20：进行中，网络时延 150 ms，端到端时延 40 ms",
            ]
        );
        assert_eq!(chart.table.headers, ["开始", "结束", "时延质量"]);
        assert_eq!(chart.table.rows[0][2], "一般");
        assert_eq!(chart.table.rows[1][1], "失败");
        assert_eq!(chart.table.rows[2][1], "进行中");
        assert_eq!(
            chart
                .legend
                .iter()
                .map(|l| l.label.as_str())
                .collect::<Vec<_>>(),
            ["良好", "一般", "较差", "失败"]
        );
        assert_eq!(
            chart.summary,
            "1970-01-01 00:00:00 至 1970-01-01 01:33:20 共 3 个会话，其中 1 个失败。"
        );
        let empty = timeline(Lang::Zh, "bob", &[], &DisplayZone::Utc);
        assert_eq!(
            empty.empty.as_deref(),
            Some("已加载的记录中没有该用户的会话。")
        );
        assert_eq!(empty.title_value.as_deref(), Some("bob"));
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(timeline(Lang::En, "t", &[], &DisplayZone::Utc)
            .empty
            .is_some());
    }
}
