//! One user's sessions on a time axis.

use super::axes::{band_class, plural, time_axis, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP};
use super::scale::LinearScale;
use super::{ChartModel, LegendItem, Mark};
use crate::records::columns::Band;
use crate::time::format::{format_time, DisplayZone};

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

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(timeline("t", &[], &DisplayZone::Utc).empty.is_some());
    }
}
