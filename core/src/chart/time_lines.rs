//! Lines over time: RTT percentiles (overall, or one line per project), concurrent sessions.

use super::axes::{
    bucket_name, short_number, time_axis, value_axis, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use super::scale::{nice_ticks, LinearScale};
use super::{ChartModel, LegendItem, Mark};
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::stats::{GroupSeries, PercentilePoint};
use crate::text::num::fixed;
use crate::time::format::{format_time, DisplayZone};

/// One line of a time chart: `(bucket start, value)` points; `None` leaves a gap. `label` is in
/// the chart's language ("p95", "打开的会话（最大值）"), or a record's value (`raw`: a
/// project's name), kept from translators in the legend, the tooltips and the table's header.
#[derive(Clone, Copy, Debug)]
pub struct TimeLine<'a> {
    pub label: &'a str,
    pub class: &'static str,
    pub points: &'a [(i64, Option<f64>)],
    pub raw: bool,
}

/// The most groups [`lines_per_group`] draws, one colour each (`line-s0`…`line-s7`, apart in
/// hue and lightness in both themes); more lines than that cannot be told apart.
pub const MAX_GROUP_LINES: usize = 8;

const GROUP_CLASSES: [&str; MAX_GROUP_LINES] = [
    "line-s0", "line-s1", "line-s2", "line-s3", "line-s4", "line-s5", "line-s6", "line-s7",
];

/// One line per group (project) of `pick` (a percentile) over time, from
/// `stats::percentile_series_by`: each line named by its group in the legend, the tooltips and
/// the table (one column per group); the group of rows without a value is named `missing`.
/// Groups beyond [`MAX_GROUP_LINES`] are left out (the caller asks for at most that many).
#[allow(clippy::too_many_arguments)]
pub fn lines_per_group(
    lang: Lang,
    title: &str,
    y_title: &str,
    groups: &[GroupSeries],
    pick: fn(&PercentilePoint) -> Option<i64>,
    missing: &str,
    bucket: i64,
    zone: &DisplayZone<'_>,
) -> ChartModel {
    let points: Vec<Vec<(i64, Option<f64>)>> = groups
        .iter()
        .map(|g| {
            g.points
                .iter()
                .map(|p| (p.start, pick(p).map(|v| v as f64)))
                .collect()
        })
        .collect();
    let lines: Vec<TimeLine<'_>> = groups
        .iter()
        .zip(&points)
        .zip(GROUP_CLASSES)
        .map(|((g, points), class)| TimeLine {
            label: g.key.as_deref().unwrap_or(missing),
            class,
            points,
            raw: g.key.is_some(),
        })
        .collect();
    time_lines(lang, title, y_title, &lines, bucket, zone, false)
}

/// Lines over time (RTT percentiles, concurrent sessions). With `area`, the first line is
/// filled down to zero.
pub fn time_lines(
    lang: Lang,
    title: &str,
    y_title: &str,
    lines: &[TimeLine<'_>],
    bucket: i64,
    zone: &DisplayZone<'_>,
    area: bool,
) -> ChartModel {
    let all = || lines.iter().flat_map(|l| l.points.iter());
    let values: Vec<f64> = all().filter_map(|p| p.1).collect();
    if values.is_empty() {
        return ChartModel::empty(title, t::NO_DATA_FOR.fill(lang, &[title]));
    }
    let mut chart = ChartModel::new(title);
    let start = all().map(|p| p.0).min().unwrap_or(0);
    let end = all().map(|p| p.0).max().unwrap_or(0) + bucket.max(1);
    let max = values.iter().copied().fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&max), PLOT_BOTTOM, PLOT_TOP);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    value_axis(lang, &mut chart.marks, &y, &ticks, y_title);
    time_axis(lang, &mut chart.marks, &x, start, end, zone);
    let half = bucket as f64 / 2.0;
    for (n, line) in lines.iter().enumerate() {
        let mut d = String::new();
        let mut pen_down = false;
        let mut first_x = None;
        let mut last_x = 0.0;
        for &(t, v) in line.points {
            let Some(v) = v else {
                pen_down = false;
                continue;
            };
            let (px, py) = (x.at(t as f64 + half), y.at(v));
            d.push_str(&format!(
                "{}{},{} ",
                if pen_down { "L" } else { "M" },
                fixed(px, 1, false),
                fixed(py, 1, false)
            ));
            pen_down = true;
            first_x.get_or_insert(px);
            last_x = px;
            chart.marks.push(Mark::Dot {
                cx: px,
                cy: py,
                class: line.class,
                raw: line.raw,
                tip: t::LINE_POINT.fill(
                    lang,
                    &[&format_time(t, zone), line.label, &short_number(lang, v)],
                ),
            });
        }
        if area && n == 0 {
            if let Some(fx) = first_x {
                let base = y.at(0.0);
                chart.marks.insert(
                    0,
                    Mark::Path {
                        d: format!(
                            "{d}L{},{base} L{},{base} Z",
                            fixed(last_x, 1, false),
                            fixed(fx, 1, false),
                            base = fixed(base, 1, false)
                        ),
                        class: "area",
                    },
                );
            }
        }
        chart.marks.push(Mark::Path {
            d: d.trim_end().to_owned(),
            class: line.class,
        });
        chart.legend.push(LegendItem {
            raw: line.raw,
            label: line.label.to_owned(),
            class: line.class,
        });
    }
    // The table: one row per bucket, one column per line.
    chart.table.headers = std::iter::once(t::TIME.get(lang).to_owned())
        .chain(lines.iter().map(|l| l.label.to_owned()))
        .collect();
    chart.table.raw_headers = (1..=lines.len()).filter(|&c| lines[c - 1].raw).collect();
    if let Some(first) = lines.first() {
        for (i, &(t, _)) in first.points.iter().enumerate() {
            let mut row = vec![format_time(t, zone)];
            for line in lines {
                row.push(
                    line.points
                        .get(i)
                        .and_then(|p| p.1)
                        .map(|v| short_number(lang, v))
                        .unwrap_or_else(|| "–".to_owned()),
                );
            }
            chart.table.rows.push(row);
        }
    }
    chart.summary = t::LINES_SUMMARY.fill(
        lang,
        &[
            title,
            &format_time(start, zone),
            &format_time(end, zone),
            &bucket_name(lang, bucket),
        ],
    );
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_gaps_and_tooltips_name_time_and_value() {
        let points = [(0, Some(10.0)), (60, None), (120, Some(30.0))];
        let line = TimeLine {
            label: "p95",
            class: "line-p95",
            points: &points,
            raw: false,
        };
        let chart = time_lines(
            Lang::En,
            "E2E RTT",
            "ms",
            &[line],
            60,
            &DisplayZone::Utc,
            false,
        );
        let path = chart
            .marks
            .iter()
            .find_map(|m| match m {
                Mark::Path {
                    d,
                    class: "line-p95",
                } => Some(d.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            path.matches('M').count(),
            2,
            "a gap starts a new segment: {path}"
        );
        let tips: Vec<_> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Dot { tip, .. } => Some(tip.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            tips,
            ["1970-01-01 00:00:00: p95 10", "1970-01-01 00:02:00: p95 30"]
        );
        assert_eq!(chart.table.rows[1], ["1970-01-01 00:01:00", "–"]);
        assert_eq!(chart.table.headers, ["Time", "p95"]);
        assert_eq!(
            chart.summary,
            "E2E RTT from 1970-01-01 00:00:00 to 1970-01-01 00:03:00, per minute."
        );
    }

    #[test]
    fn lines_in_chinese() {
        let points = [(0, Some(12_345.0)), (3600, Some(3.0))];
        let line = TimeLine {
            label: "打开的会话（最大值）",
            class: "line-count",
            points: &points,
            raw: false,
        };
        let chart = time_lines(
            Lang::Zh,
            "并发会话",
            "会话数",
            &[line],
            3600,
            &DisplayZone::Utc,
            true,
        );
        let tips: Vec<_> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Dot { tip, .. } => Some(tip.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            tips,
            [
                "1970-01-01 00:00:00：打开的会话（最大值） 1.2万",
                "1970-01-01 01:00:00：打开的会话（最大值） 3"
            ]
        );
        assert_eq!(chart.table.headers, ["时间", "打开的会话（最大值）"]);
        assert_eq!(chart.table.rows[0], ["1970-01-01 00:00:00", "1.2万"]);
        assert_eq!(chart.legend[0].label, "打开的会话（最大值）");
        assert_eq!(
            chart.summary,
            "并发会话：1970-01-01 00:00:00 至 1970-01-01 02:00:00，按小时统计。"
        );
        let texts: Vec<&str> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            texts.contains(&"会话数") && texts.contains(&"时间 (UTC)"),
            "{texts:?}"
        );
        assert!(texts.contains(&"1.5万"), "value ticks in 万: {texts:?}");
        assert_eq!(
            time_lines(
                Lang::Zh,
                "时延趋势",
                "ms",
                &[],
                60,
                &DisplayZone::Utc,
                false
            )
            .empty
            .as_deref(),
            Some("时延趋势：没有数据。")
        );
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(
            time_lines(Lang::En, "x", "ms", &[], 60, &DisplayZone::Utc, false)
                .empty
                .is_some()
        );
    }

    #[test]
    fn one_line_per_project_named_by_it_in_legend_tips_and_table() {
        let point = |start, p95: Option<i64>| PercentilePoint {
            start,
            count: usize::from(p95.is_some()),
            p50: p95,
            p95,
            p99: p95,
        };
        let groups = [
            GroupSeries {
                key: Some("beijing".into()),
                points: vec![point(0, Some(40)), point(60, None)],
            },
            GroupSeries {
                key: Some("shanghai".into()),
                points: vec![point(0, Some(90)), point(60, Some(120))],
            },
            GroupSeries {
                key: None,
                points: vec![point(0, None), point(60, Some(7))],
            },
        ];
        let chart = lines_per_group(
            Lang::Zh,
            "网络时延 p95 趋势（按项目）",
            "ms",
            &groups,
            |p| p.p95,
            "（无值）",
            60,
            &DisplayZone::Utc,
        );
        let legend: Vec<(&str, &str, bool)> = chart
            .legend
            .iter()
            .map(|l| (l.label.as_str(), l.class, l.raw))
            .collect();
        assert_eq!(
            legend,
            [
                ("beijing", "line-s0", true),
                ("shanghai", "line-s1", true),
                ("（无值）", "line-s2", false)
            ]
        );
        assert_eq!(
            chart.table.headers,
            ["时间", "beijing", "shanghai", "（无值）"]
        );
        assert_eq!(chart.table.raw_headers, [1, 2]);
        assert_eq!(
            chart.table.rows,
            [
                ["1970-01-01 00:00:00", "40", "90", "–"],
                ["1970-01-01 00:01:00", "–", "120", "7"]
            ]
        );
        let dots: Vec<(&str, bool)> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Dot { tip, raw, .. } => Some((tip.as_str(), *raw)),
                _ => None,
            })
            .collect();
        assert_eq!(
            dots,
            [
                ("1970-01-01 00:00:00：beijing 40", true),
                ("1970-01-01 00:00:00：shanghai 90", true),
                ("1970-01-01 00:01:00：shanghai 120", true),
                ("1970-01-01 00:01:00：（无值） 7", false),
            ]
        );
        // More projects than colours: the note under the single chart, in both languages.
        let note = |lang| t::TOO_MANY_PROJECTS.fill(lang, &["12", &MAX_GROUP_LINES.to_string()]);
        assert_eq!(
            note(Lang::En),
            "12 projects: one line per project is drawn for up to 8, so they are shown together."
        );
        assert_eq!(
            note(Lang::Zh),
            "共 12 个项目：最多可为 8 个项目各画一条线，因此合并显示。"
        );
        // Eight colours, all different.
        let mut classes = GROUP_CLASSES.to_vec();
        classes.dedup();
        assert_eq!(classes.len(), MAX_GROUP_LINES);
    }
}
