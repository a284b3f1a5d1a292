//! What the chart kinds share: the plot area inside the margins, the value and time axes,
//! tick numbers, band colours and plurals.

use super::scale::{time_ticks, LinearScale};
use super::{Anchor, Mark, HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, WIDTH};
use crate::records::columns::Band;
use crate::text::num::fixed;
use crate::time::format::DisplayZone;

pub(super) const PLOT_LEFT: f64 = MARGIN_LEFT;
pub(super) const PLOT_RIGHT: f64 = WIDTH - MARGIN_RIGHT;
pub(super) const PLOT_TOP: f64 = MARGIN_TOP;
pub(super) const PLOT_BOTTOM: f64 = HEIGHT - MARGIN_BOTTOM;

pub(super) fn band_class(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Good) => "mark-good",
        Some(Band::Fair) => "mark-fair",
        Some(Band::Poor) => "mark-poor",
        None => "mark-neutral",
    }
}

/// Horizontal grid lines and labels of a value axis, plus its title.
pub(super) fn value_axis(marks: &mut Vec<Mark>, scale: &LinearScale, ticks: &[f64], title: &str) {
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
pub(super) fn x_axis_title(marks: &mut Vec<Mark>, title: &str) {
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
pub(super) fn short_number(v: f64) -> String {
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn time_axis(
    marks: &mut Vec<Mark>,
    x: &LinearScale,
    start: i64,
    end: i64,
    zone: &DisplayZone<'_>,
) {
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
