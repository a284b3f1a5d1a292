//! One builder per kind of chart. Each takes plain numbers (from `crate::stats`) and lays out
//! marks, ticks, tooltips, legend and the data table.

use super::scale::{nice_ticks, time_ticks, LinearScale};
use super::{
    Anchor, ChartAction, ChartModel, LegendItem, Mark, HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT,
    MARGIN_RIGHT, MARGIN_TOP, WIDTH,
};
use crate::records::columns::{Band, BandThresholds, ColumnId};
use crate::stats::MAX_RTT_MS;
use crate::text::num::fixed;
use crate::time::format::{format_time, DisplayZone};

const PLOT_LEFT: f64 = MARGIN_LEFT;
const PLOT_RIGHT: f64 = WIDTH - MARGIN_RIGHT;
const PLOT_TOP: f64 = MARGIN_TOP;
const PLOT_BOTTOM: f64 = HEIGHT - MARGIN_BOTTOM;

fn band_class(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Good) => "mark-good",
        Some(Band::Fair) => "mark-fair",
        Some(Band::Poor) => "mark-poor",
        None => "mark-neutral",
    }
}

/// Horizontal grid lines and labels of a value axis, plus its title.
fn value_axis(marks: &mut Vec<Mark>, scale: &LinearScale, ticks: &[f64], title: &str) {
    for &t in ticks {
        let y = scale.at(t);
        marks.push(Mark::Line {
            x1: PLOT_LEFT,
            y1: y,
            x2: PLOT_RIGHT,
            y2: y,
            class: "grid",
        });
        marks.push(Mark::Text {
            x: PLOT_LEFT - 6.0,
            y: y + 4.0,
            text: short_number(t),
            anchor: Anchor::End,
            class: "tick",
        });
    }
    marks.push(Mark::Text {
        x: 12.0,
        y: 14.0,
        text: title.to_owned(),
        anchor: Anchor::Start,
        class: "axis-title",
    });
}

/// The x axis line and its title under the plot.
fn x_axis_title(marks: &mut Vec<Mark>, title: &str) {
    marks.push(Mark::Line {
        x1: PLOT_LEFT,
        y1: PLOT_BOTTOM,
        x2: PLOT_RIGHT,
        y2: PLOT_BOTTOM,
        class: "axis",
    });
    marks.push(Mark::Text {
        x: (PLOT_LEFT + PLOT_RIGHT) / 2.0,
        y: HEIGHT - 4.0,
        text: title.to_owned(),
        anchor: Anchor::Middle,
        class: "axis-title",
    });
}

/// `12 345` → "12.3k"; small numbers as they are.
fn short_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1_000_000.0 {
        format!("{}M", fixed(v / 1_000_000.0, 1, false))
    } else if a >= 10_000.0 {
        format!("{}k", fixed(v / 1000.0, 0, false))
    } else if a >= 1000.0 {
        format!("{}k", fixed(v / 1000.0, 1, false))
    } else if v.fract() == 0.0 {
        fixed(v, 0, false)
    } else {
        fixed(v, 1, false)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The RTT histogram: one bar per bin, coloured by quality band; the last bin may be an
/// overflow bin (`hi == i64::MAX`). Clicking a bar filters to that RTT range.
///
/// ```
/// use logins_core::chart::histogram;
/// use logins_core::records::columns::{BandThresholds, ColumnId};
/// let chart = histogram("Network RTT", ColumnId::NetworkRtt, &[(0, 50, 3), (50, 100, 1), (100, i64::MAX, 2)], &BandThresholds::default(), (1, 0));
/// assert_eq!(chart.table.rows[2], ["≥ 100 ms", "2"]);
/// ```
pub fn histogram(
    title: &str,
    column: ColumnId,
    bins: &[(i64, i64, usize)],
    bands: &BandThresholds,
    skipped: (usize, usize),
) -> ChartModel {
    let total: usize = bins.iter().map(|b| b.2).sum();
    if total == 0 {
        return ChartModel::empty(title, format!("No {title} values to chart."));
    }
    let mut chart = ChartModel::new(title);
    let max = bins.iter().map(|b| b.2).max().unwrap_or(1) as f64;
    let ticks = nice_ticks(0.0, max, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&max), PLOT_BOTTOM, PLOT_TOP);
    value_axis(&mut chart.marks, &y, &ticks, "Logins");
    let slot = (PLOT_RIGHT - PLOT_LEFT) / bins.len() as f64;
    let label_every = (bins.len() / 8).max(1);
    for (i, &(lo, hi, count)) in bins.iter().enumerate() {
        let range = bin_label(lo, hi);
        let x = PLOT_LEFT + slot * i as f64;
        let top = y.at(count as f64);
        chart.marks.push(Mark::Rect {
            x: x + 1.0,
            y: top,
            w: (slot - 2.0).max(1.0),
            h: (PLOT_BOTTOM - top).max(0.0),
            class: band_class(Band::of(lo, bands)),
            tip: format!("{range}: {}", plural(count, "login", "logins")),
            // The overflow bar stops at the largest valid RTT: the histogram skipped larger
            // (invalid) values, so its filter must not bring them back.
            action: Some(ChartAction::Range {
                column,
                min: Some(lo),
                max: Some(if hi == i64::MAX { MAX_RTT_MS } else { hi - 1 }),
            }),
        });
        if i % label_every == 0 {
            chart.marks.push(Mark::Text {
                x,
                y: PLOT_BOTTOM + 14.0,
                text: lo.to_string(),
                anchor: Anchor::Middle,
                class: "tick",
            });
        }
        chart.table.rows.push(vec![range, count.to_string()]);
    }
    x_axis_title(&mut chart.marks, &format!("{title} (ms)"));
    chart.table.headers = vec![format!("{title} (ms)"), "Logins".to_owned()];
    chart.legend = band_legend(bands);
    let (missing, invalid) = skipped;
    chart.summary = format!(
        "How {} are spread over {title}; {} without a value and {} with an invalid one are not counted.",
        plural(total, "login", "logins"),
        missing,
        invalid
    );
    chart
}

fn bin_label(lo: i64, hi: i64) -> String {
    if hi == i64::MAX {
        format!("≥ {lo} ms")
    } else {
        format!("{lo}–{} ms", hi - 1)
    }
}

fn band_legend(bands: &BandThresholds) -> Vec<LegendItem> {
    vec![
        LegendItem {
            label: format!("good (≤ {} ms)", bands.good_max_ms),
            class: "mark-good",
        },
        LegendItem {
            label: format!("fair (≤ {} ms)", bands.fair_max_ms),
            class: "mark-fair",
        },
        LegendItem {
            label: format!("poor (> {} ms)", bands.fair_max_ms),
            class: "mark-poor",
        },
    ]
}

/// One line of a time chart: `(bucket start, value)` points; `None` leaves a gap.
#[derive(Clone, Copy, Debug)]
pub struct TimeLine<'a> {
    pub label: &'a str,
    pub class: &'static str,
    pub points: &'a [(i64, Option<f64>)],
}

/// Lines over time (RTT percentiles, concurrent sessions). With `area`, the first line is
/// filled down to zero.
pub fn time_lines(
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
        return ChartModel::empty(title, format!("No data for {title}."));
    }
    let mut chart = ChartModel::new(title);
    let start = all().map(|p| p.0).min().unwrap_or(0);
    let end = all().map(|p| p.0).max().unwrap_or(0) + bucket.max(1);
    let max = values.iter().copied().fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, max, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&max), PLOT_BOTTOM, PLOT_TOP);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    value_axis(&mut chart.marks, &y, &ticks, y_title);
    time_axis(&mut chart.marks, &x, start, end, zone);
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
                tip: format!(
                    "{}: {} {}",
                    format_time(t, zone),
                    line.label,
                    short_number(v)
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
            label: line.label.to_owned(),
            class: line.class,
        });
    }
    // The table: one row per bucket, one column per line.
    chart.table.headers = std::iter::once("Time".to_owned())
        .chain(lines.iter().map(|l| l.label.to_owned()))
        .collect();
    if let Some(first) = lines.first() {
        for (i, &(t, _)) in first.points.iter().enumerate() {
            let mut row = vec![format_time(t, zone)];
            for line in lines {
                row.push(
                    line.points
                        .get(i)
                        .and_then(|p| p.1)
                        .map(short_number)
                        .unwrap_or_else(|| "–".to_owned()),
                );
            }
            chart.table.rows.push(row);
        }
    }
    chart.summary = format!(
        "{title} from {} to {}, per {}.",
        format_time(start, zone),
        format_time(end, zone),
        bucket_name(bucket)
    );
    chart
}

fn time_axis(marks: &mut Vec<Mark>, x: &LinearScale, start: i64, end: i64, zone: &DisplayZone<'_>) {
    let offset = |t: i64| match zone {
        DisplayZone::Utc => 0,
        DisplayZone::Local(f) => f(t),
    };
    for (t, label) in time_ticks(start, end, 8, &offset) {
        marks.push(Mark::Text {
            x: x.at(t as f64),
            y: PLOT_BOTTOM + 14.0,
            text: label,
            anchor: Anchor::Middle,
            class: "tick",
        });
    }
    x_axis_title(
        marks,
        match zone {
            DisplayZone::Utc => "Time (UTC)",
            DisplayZone::Local(_) => "Time (local)",
        },
    );
}

/// "5 minutes", "hour", "day": the bucket in words.
pub fn bucket_name(bucket: i64) -> String {
    match bucket {
        60 => "minute".to_owned(),
        3600 => "hour".to_owned(),
        86_400 => "day".to_owned(),
        604_800 => "week".to_owned(),
        b if b % 86_400 == 0 => format!("{} days", b / 86_400),
        b if b % 3600 == 0 => format!("{} hours", b / 3600),
        b => format!("{} minutes", b / 60),
    }
}

/// Logins over time, succeeded and failed stacked. Clicking a bar filters to its time bucket.
pub fn stacked_logins(
    title: &str,
    points: &[(i64, usize, usize)],
    bucket: i64,
    zone: &DisplayZone<'_>,
) -> ChartModel {
    let max = points.iter().map(|p| p.1 + p.2).max().unwrap_or(0);
    if max == 0 {
        return ChartModel::empty(title, "No logins to chart.");
    }
    let mut chart = ChartModel::new(title);
    let start = points.first().map(|p| p.0).unwrap_or(0);
    let end = points.last().map(|p| p.0).unwrap_or(0) + bucket.max(1);
    let ticks = nice_ticks(0.0, max as f64, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&1.0), PLOT_BOTTOM, PLOT_TOP);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    value_axis(&mut chart.marks, &y, &ticks, "Logins");
    time_axis(&mut chart.marks, &x, start, end, zone);
    let w = (x.at((start + bucket) as f64) - x.at(start as f64) - 1.0).max(1.0);
    let (mut ok_total, mut failed_total) = (0, 0);
    for &(t, ok, failed) in points {
        let action = Some(ChartAction::Range {
            column: ColumnId::ConnectionStart,
            min: Some(t),
            max: Some(t + bucket - 1),
        });
        let when = format_time(t, zone);
        let px = x.at(t as f64);
        let ok_top = y.at(ok as f64);
        if ok > 0 {
            chart.marks.push(Mark::Rect {
                x: px,
                y: ok_top,
                w,
                h: PLOT_BOTTOM - ok_top,
                class: "mark-ok",
                tip: format!("{when}: {ok} succeeded, {failed} failed"),
                action: action.clone(),
            });
        }
        if failed > 0 {
            let top = y.at((ok + failed) as f64);
            chart.marks.push(Mark::Rect {
                x: px,
                y: top,
                w,
                h: ok_top - top,
                class: "mark-failed",
                tip: format!("{when}: {failed} failed, {ok} succeeded"),
                action,
            });
        }
        ok_total += ok;
        failed_total += failed;
        chart
            .table
            .rows
            .push(vec![when, ok.to_string(), failed.to_string()]);
    }
    chart.table.headers = vec!["Time".into(), "Succeeded".into(), "Failed".into()];
    chart.legend = vec![
        LegendItem {
            label: "succeeded".into(),
            class: "mark-ok",
        },
        LegendItem {
            label: "failed".into(),
            class: "mark-failed",
        },
    ];
    chart.summary = format!(
        "{} succeeded and {} failed logins per {}.",
        ok_total,
        failed_total,
        bucket_name(bucket)
    );
    chart
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Logins by hour of day (columns) and weekday (rows), darker for more.
pub fn heatmap(title: &str, grid: &[[usize; 24]; 7]) -> ChartModel {
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    if max == 0 {
        return ChartModel::empty(title, "No logins to chart.");
    }
    let mut chart = ChartModel::new(title);
    let cell_w = (PLOT_RIGHT - PLOT_LEFT) / 24.0;
    let cell_h = (PLOT_BOTTOM - PLOT_TOP) / 7.0;
    for (d, row) in grid.iter().enumerate() {
        chart.marks.push(Mark::Text {
            x: PLOT_LEFT - 6.0,
            y: PLOT_TOP + cell_h * (d as f64 + 0.6),
            text: WEEKDAYS[d].to_owned(),
            anchor: Anchor::End,
            class: "tick",
        });
        for (h, &count) in row.iter().enumerate() {
            // Five shades, so the eye compares steps, not subtle gradients.
            let level = if count == 0 {
                0
            } else {
                1 + (count * 4).saturating_sub(1) / max
            };
            chart.marks.push(Mark::Rect {
                x: PLOT_LEFT + cell_w * h as f64,
                y: PLOT_TOP + cell_h * d as f64,
                w: cell_w - 1.0,
                h: cell_h - 1.0,
                class: HEAT[level.min(4)],
                tip: format!(
                    "{} {h:02}:00–{h:02}:59: {}",
                    WEEKDAYS[d],
                    plural(count, "login", "logins")
                ),
                action: None,
            });
        }
        let mut table_row = vec![WEEKDAYS[d].to_owned()];
        table_row.extend(row.iter().map(|c| c.to_string()));
        chart.table.rows.push(table_row);
    }
    for h in (0..24).step_by(3) {
        chart.marks.push(Mark::Text {
            x: PLOT_LEFT + cell_w * (h as f64 + 0.5),
            y: PLOT_BOTTOM + 14.0,
            text: format!("{h:02}"),
            anchor: Anchor::Middle,
            class: "tick",
        });
    }
    x_axis_title(&mut chart.marks, "Hour of day (local)");
    chart.table.headers = std::iter::once("Day".to_owned())
        .chain((0..24).map(|h| format!("{h:02}")))
        .collect();
    chart.legend = (1..5)
        .map(|l| LegendItem {
            label: format!("up to {}", (max * l).div_ceil(4)),
            class: HEAT[l],
        })
        .collect();
    chart.summary = format!("Logins per weekday and hour of day; the busiest hour has {max}.");
    chart
}

const HEAT: [&str; 5] = ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4"];

/// One ranked bar per item (failure reasons, users by p95 RTT): label on the left, value text
/// at the bar's end, an action per item.
pub fn ranked_bars(
    title: &str,
    value_title: &str,
    items: &[(String, f64, String, Option<ChartAction>)],
    class: &'static str,
) -> ChartModel {
    if items.is_empty() {
        return ChartModel::empty(title, format!("Nothing to rank for {title}."));
    }
    let mut chart = ChartModel::new(title);
    let row_h = 20.0;
    let label_w = 220.0;
    chart.height = MARGIN_TOP + row_h * items.len() as f64 + 8.0;
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1.0);
    let x = LinearScale::new(0.0, max, label_w, WIDTH - 90.0);
    for (i, (label, value, text, action)) in items.iter().enumerate() {
        let top = MARGIN_TOP + row_h * i as f64;
        chart.marks.push(Mark::Text {
            x: label_w - 6.0,
            y: top + 14.0,
            text: ellipsize(label, 34),
            anchor: Anchor::End,
            class: "tick",
        });
        chart.marks.push(Mark::Rect {
            x: label_w,
            y: top + 3.0,
            w: (x.at(*value) - label_w).max(1.0),
            h: row_h - 6.0,
            class,
            tip: format!("{label}: {text}"),
            action: action.clone(),
        });
        chart.marks.push(Mark::Text {
            x: x.at(*value) + 6.0,
            y: top + 14.0,
            text: text.clone(),
            anchor: Anchor::Start,
            class: "value",
        });
        chart.table.rows.push(vec![label.clone(), text.clone()]);
    }
    chart.table.headers = vec!["".to_owned(), value_title.to_owned()];
    chart.summary = format!("{title}: {} ranked by {value_title}.", items.len());
    chart
}

fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// One session on a user's timeline.
#[derive(Clone, Debug)]
pub struct TimelineBar {
    pub start: i64,
    /// The end, or "now" for an ongoing session.
    pub end: i64,
    pub failed: bool,
    pub ongoing: bool,
    pub band: Option<Band>,
    pub tip: String,
}

/// A user's sessions on a time axis: a bar from start to end coloured by RTT band, failures as
/// red ticks, ongoing sessions marked.
pub fn timeline(title: &str, bars: &[TimelineBar], zone: &DisplayZone<'_>) -> ChartModel {
    if bars.is_empty() {
        return ChartModel::empty(title, "No sessions for this user in the loaded records.");
    }
    let mut chart = ChartModel::new(title);
    let start = bars.iter().map(|b| b.start).min().unwrap_or(0);
    let end = bars
        .iter()
        .map(|b| b.end.max(b.start + 60))
        .max()
        .unwrap_or(start + 60);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    time_axis(&mut chart.marks, &x, start, end, zone);
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
            tip: bar.tip.clone(),
            action: None,
        });
        chart.table.rows.push(vec![
            format_time(bar.start, zone),
            if bar.ongoing {
                "ongoing".to_owned()
            } else if bar.failed {
                "failed".to_owned()
            } else {
                format_time(bar.end, zone)
            },
            bar.band.map(|b| b.label().to_owned()).unwrap_or_default(),
        ]);
    }
    chart.table.headers = vec!["Start".into(), "End".into(), "RTT quality".into()];
    chart.legend = vec![
        LegendItem {
            label: "good".into(),
            class: "mark-good",
        },
        LegendItem {
            label: "fair".into(),
            class: "mark-fair",
        },
        LegendItem {
            label: "poor".into(),
            class: "mark-poor",
        },
        LegendItem {
            label: "failed".into(),
            class: "mark-failed",
        },
    ];
    let failed = bars.iter().filter(|b| b.failed).count();
    chart.summary = format!(
        "{} from {} to {}, {} failed.",
        plural(bars.len(), "session", "sessions"),
        format_time(start, zone),
        format_time(end, zone),
        failed
    );
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rects(chart: &ChartModel) -> Vec<(&'static str, &str)> {
        chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { class, tip, .. } => Some((*class, tip.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn histogram_bars_carry_exact_counts_bands_and_filters() {
        let bands = BandThresholds::default();
        let bins = [
            (0, 100, 5),
            (100, 200, 1),
            (200, 300, 0),
            (300, i64::MAX, 2),
        ];
        let chart = histogram("Network RTT", ColumnId::NetworkRtt, &bins, &bands, (3, 1));
        assert_eq!(
            rects(&chart),
            [
                ("mark-good", "0–99 ms: 5 logins"),
                ("mark-good", "100–199 ms: 1 login"),
                ("mark-fair", "200–299 ms: 0 logins"),
                ("mark-poor", "≥ 300 ms: 2 logins"),
            ]
        );
        let actions: Vec<_> = chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { action, .. } => action.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(
            actions[3],
            ChartAction::Range {
                column: ColumnId::NetworkRtt,
                min: Some(300),
                max: Some(MAX_RTT_MS)
            }
        );
        assert!(chart.summary.contains("8 logins"));
        assert!(chart
            .summary
            .contains("3 without a value and 1 with an invalid one"));
        assert_eq!(chart.table.rows.len(), 4);
        assert_eq!(chart.legend.len(), 3);
    }

    #[test]
    fn empty_inputs_say_why_instead_of_drawing() {
        let bands = BandThresholds::default();
        assert!(histogram("E2E RTT", ColumnId::E2eRtt, &[], &bands, (0, 0))
            .empty
            .is_some());
        assert!(time_lines("x", "ms", &[], 60, &DisplayZone::Utc, false)
            .empty
            .is_some());
        assert!(heatmap("h", &[[0; 24]; 7]).empty.is_some());
        assert!(ranked_bars("r", "v", &[], "mark-poor").empty.is_some());
        assert!(timeline("t", &[], &DisplayZone::Utc).empty.is_some());
        assert!(stacked_logins("s", &[(0, 0, 0)], 60, &DisplayZone::Utc)
            .empty
            .is_some());
    }

    #[test]
    fn lines_break_at_gaps_and_tooltips_name_time_and_value() {
        let points = [(0, Some(10.0)), (60, None), (120, Some(30.0))];
        let line = TimeLine {
            label: "p95",
            class: "line-p95",
            points: &points,
        };
        let chart = time_lines("E2E RTT", "ms", &[line], 60, &DisplayZone::Utc, false);
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
    }

    #[test]
    fn stacked_bars_put_failures_on_top_and_filter_to_the_bucket() {
        let chart = stacked_logins(
            "Logins",
            &[(3600, 4, 1), (7200, 0, 2)],
            3600,
            &DisplayZone::Utc,
        );
        let r = rects(&chart);
        assert_eq!(r.len(), 3, "no empty succeeded bar for the second bucket");
        assert_eq!(
            r[0],
            ("mark-ok", "1970-01-01 01:00:00: 4 succeeded, 1 failed")
        );
        assert_eq!(r[1].0, "mark-failed");
        assert!(chart.summary.starts_with("4 succeeded and 3 failed"));
    }

    #[test]
    fn heatmap_shades_by_share_of_the_busiest_hour() {
        let mut grid = [[0; 24]; 7];
        grid[0][9] = 8;
        grid[4][17] = 1;
        let chart = heatmap("Logins by hour", &grid);
        let r = rects(&chart);
        assert_eq!(r.len(), 7 * 24);
        assert_eq!(r[9], ("heat-4", "Mon 09:00–09:59: 8 logins"));
        assert_eq!(r[4 * 24 + 17], ("heat-1", "Fri 17:00–17:59: 1 login"));
        assert_eq!(r[0].0, "heat-0");
    }

    #[test]
    fn ranked_bars_keep_order_and_long_labels_are_cut_for_the_eye_only() {
        let long = "x".repeat(50);
        let items = vec![
            (long.clone(), 9.0, "9 (90%)".to_owned(), None),
            ("b".to_owned(), 1.0, "1 (10%)".to_owned(), None),
        ];
        let chart = ranked_bars("Failure reasons", "Failures", &items, "mark-failed");
        assert_eq!(chart.table.rows[0], [long.clone(), "9 (90%)".to_owned()]);
        assert!(chart.marks.iter().any(
            |m| matches!(m, Mark::Text { text, .. } if text.ends_with('…') && text.chars().count() == 34)
        ));
    }

    #[test]
    fn timeline_lanes_keep_overlapping_sessions_apart() {
        let bar = |start, end| TimelineBar {
            start,
            end,
            failed: false,
            ongoing: false,
            band: Some(Band::Good),
            tip: String::new(),
        };
        let chart = timeline(
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
}
