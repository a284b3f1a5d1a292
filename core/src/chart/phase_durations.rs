//! Logon phase durations: per phase, a p50 and a p95 bar side by side (grouped, not stacked:
//! a p95 contains its p50, so stacking would add what overlaps). A click on a phase filters the
//! table to the logins where it was the slowest or failed.

use super::scale::{nice_ticks, LinearScale};
use super::{Anchor, ChartModel, LegendItem, Mark, MARGIN_TOP, WIDTH};
use crate::i18n::{stages as t, Lang};
use crate::records::table_action::TableAction;
use crate::stages::{phase_name, phase_text, Phase, PhaseBreakdown};
use crate::text::count::group;

const LABEL_W: f64 = 200.0;
const ROW_H: f64 = 34.0;
const AXIS_H: f64 = 30.0;

/// The chart of `breakdown` in `lang`; `action` says what a click on a phase does. A phase with
/// no known duration gets no bars (it is in the table with its counts), never a zero bar.
pub fn phase_durations(
    lang: Lang,
    breakdown: &PhaseBreakdown,
    action: impl Fn(&Phase) -> Option<TableAction>,
) -> ChartModel {
    let title = t::CHART_TITLE.get(lang);
    let timed: Vec<_> = breakdown
        .phases
        .iter()
        .filter(|p| p.p50_ms.is_some())
        .collect();
    if timed.is_empty() {
        return ChartModel::empty(title, t::CHART_EMPTY.get(lang));
    }
    let mut chart = ChartModel::new(title);
    chart.height = MARGIN_TOP + ROW_H * timed.len() as f64 + AXIS_H;
    let max = timed
        .iter()
        .filter_map(|p| p.p95_ms)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let ticks = nice_ticks(0.0, max, 5);
    let top = *ticks.last().unwrap_or(&max);
    let x = LinearScale::new(0.0, top, LABEL_W, WIDTH - 24.0);
    let axis_y = MARGIN_TOP + ROW_H * timed.len() as f64;
    for tick in &ticks {
        let at = x.at(*tick);
        chart.marks.push(Mark::Line {
            x1: at,
            y1: MARGIN_TOP,
            x2: at,
            y2: axis_y,
            class: "grid",
        });
        chart.marks.push(Mark::Text {
            x: at,
            y: axis_y + 16.0,
            text: group(*tick as u64),
            anchor: Anchor::Middle,
            class: "tick",
            raw: false,
        });
    }
    chart.marks.push(Mark::Text {
        x: WIDTH - 24.0,
        y: MARGIN_TOP - 10.0,
        text: t::CHART_AXIS.get(lang).to_owned(),
        anchor: Anchor::End,
        class: "axis-title",
        raw: false,
    });
    for (i, summary) in timed.iter().enumerate() {
        let row_top = MARGIN_TOP + ROW_H * i as f64;
        let name = phase_name(lang, &summary.phase);
        // A phase the app has no name for shows the API's own word.
        let raw = phase_text(&summary.phase).is_none();
        chart.marks.push(Mark::Text {
            x: LABEL_W - 8.0,
            y: row_top + ROW_H / 2.0 + 4.0,
            text: name.clone(),
            anchor: Anchor::End,
            class: "tick",
            raw,
        });
        let click = action(&summary.phase);
        for (j, (label, value, class)) in [
            ("p50", summary.p50_ms, "mark-ok"),
            ("p95", summary.p95_ms, "mark-poor"),
        ]
        .into_iter()
        .enumerate()
        {
            let Some(ms) = value else { continue };
            chart.marks.push(Mark::Rect {
                x: LABEL_W,
                y: row_top + 4.0 + j as f64 * 13.0,
                w: (x.at(ms as f64) - LABEL_W).max(1.0),
                h: 12.0,
                class,
                tip: t::CHART_TIP.fill(lang, &[&name, label, &group(ms as u64)]),
                action: click.clone(),
                raw,
            });
        }
        let cell = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), |v| group(v as u64));
        if raw {
            chart.table.raw_cells.push((chart.table.rows.len(), 0));
        }
        chart
            .table
            .rows
            .push(vec![name, cell(summary.p50_ms), cell(summary.p95_ms)]);
    }
    chart.legend = vec![
        LegendItem {
            raw: false,
            label: "p50".to_owned(),
            class: "mark-ok",
        },
        LegendItem {
            raw: false,
            label: "p95".to_owned(),
            class: "mark-poor",
        },
    ];
    chart.table.headers = vec![
        t::PHASE.get(lang).to_owned(),
        "p50 (ms)".to_owned(),
        "p95 (ms)".to_owned(),
    ];
    chart.summary = t::CHART_SUMMARY.fill(lang, &[&timed.len().to_string()]);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::{parse_stages, summarize};

    fn breakdown() -> PhaseBreakdown {
        let a = parse_stages(r#"{"stages":[{"stage":"LOGIN","duration":100},{"stage":"CONNECT","duration":4000},{"stage":"VPN","is_success":false}]}"#).unwrap();
        let b = parse_stages(
            r#"{"stages":[{"stage":"LOGIN","duration":300},{"stage":"CONNECT","duration":1000}]}"#,
        )
        .unwrap();
        summarize([&a, &b])
    }

    fn rects(chart: &ChartModel) -> Vec<(&str, Option<&TableAction>)> {
        chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { tip, action, .. } => Some((tip.as_str(), action.as_ref())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_bars_per_timed_phase_with_exact_tips_and_the_phase_click() {
        let chart = phase_durations(Lang::En, &breakdown(), |p| {
            Some(TableAction::only_logins(vec![p.api_name().to_owned()]))
        });
        let bars = rects(&chart);
        let tips: Vec<_> = bars.iter().map(|b| b.0).collect();
        // LOGIN 100, 300: p50 rank 1 -> 100, p95 rank 2 -> 300. VPN has no duration: no bars.
        assert_eq!(
            tips,
            [
                "Login, p50: 100 ms",
                "Login, p95: 300 ms",
                "Connection, p50: 1,000 ms",
                "Connection, p95: 4,000 ms"
            ]
        );
        assert_eq!(
            bars[2].1,
            Some(&TableAction::only_logins(vec!["CONNECT".into()]))
        );
        assert_eq!(chart.table.rows[1], ["Connection", "1,000", "4,000"]);
        assert_eq!(
            chart.summary,
            "p50 and p95 of 2 phases; click a phase to show the logins where it was the slowest or failed."
        );
        // Wider bar for the longer duration.
        let widths: Vec<f64> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { w, .. } => Some(*w),
                _ => None,
            })
            .collect();
        assert!(widths[3] > widths[2] && widths[2] > widths[1] && widths[1] > widths[0]);
    }

    #[test]
    fn in_chinese_and_empty() {
        let chart = phase_durations(Lang::Zh, &breakdown(), |_| None);
        assert_eq!(chart.title, "各阶段时长");
        assert_eq!(rects(&chart)[3].0, "正式连接，p95：4,000 ms");
        assert_eq!(chart.table.headers[0], "阶段");
        let empty = phase_durations(Lang::Zh, &PhaseBreakdown::default(), |_| None);
        assert_eq!(empty.empty.as_deref(), Some("尚无可绘制的阶段时长。"));
    }
}
