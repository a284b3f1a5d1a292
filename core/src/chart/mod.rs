//! Charts as data: every chart is laid out here, in pure Rust, into a [`ChartModel`] of plain
//! SVG marks (rectangles, lines, paths, text) with their tooltips, click actions and an
//! accessible table of the same numbers. The app draws any model with one small renderer.
//!
//! Why not a chart crate or one component per chart: the bundle has a 250 kB budget, and every
//! Leptos view is compiled separately; one renderer for all charts costs its code once. Doing the
//! geometry here also makes it testable natively (bar counts, exact tooltip values, axis ticks).
//!
//! One file per kind of chart (each takes plain numbers from `crate::stats` and lays out marks,
//! ticks, tooltips, legend and the data table); `axes` holds what they share.
//!
//! Every word of a chart is in the language it is built for (`Lang`, the first argument of each
//! kind; titles come from the caller, already in it): the statistics behind it do not depend on
//! the language, so a switch lays the charts out again from the same numbers and recomputes no
//! statistic. A record's own values in a chart (a user name, a failure reason) are marked `raw`,
//! so the view keeps translators away from them (`translate="no"`).

mod axes;
mod heatmap;
mod histogram;
mod phase_durations;
mod ranked_bars;
mod rankings;
mod scale;
mod stacked_logins;
mod time_lines;
mod timeline;

pub use axes::{bucket_name, short_number};
pub use heatmap::heatmap;
pub use histogram::histogram;
pub use phase_durations::phase_durations;
pub use ranked_bars::{ranked_bars, RankedBar};
pub use rankings::{failure_reasons_chart, top_users_chart, TOP_REASONS};
pub use scale::{nice_ticks, time_ticks, LinearScale};
pub use stacked_logins::stacked_logins;
pub use time_lines::{lines_per_group, time_lines, TimeLine, MAX_GROUP_LINES};
pub use timeline::{timeline, TimelineBar};

use crate::records::table_action::TableAction;

/// The drawing size every chart is laid out in (SVG user units; it scales with CSS).
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 260.0;
/// Room for the axes' labels around the plot area.
pub const MARGIN_LEFT: f64 = 56.0;
pub const MARGIN_RIGHT: f64 = 16.0;
/// Room above the plot for the value axis's title, so it never overlaps the top tick.
pub const MARGIN_TOP: f64 = 26.0;
pub const MARGIN_BOTTOM: f64 = 40.0;

/// How text is anchored at its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One SVG primitive. `class` picks the colour from the stylesheet (light and dark themes).
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A bar or a heatmap cell. Focusable when it has a tooltip, so keyboard users get it too.
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        class: &'static str,
        /// Exact values, shown on hover and focus.
        tip: String,
        /// What a click on it does to the table's view.
        action: Option<TableAction>,
        /// Its label holds a record's value (a user name, a failure reason).
        raw: bool,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        class: &'static str,
    },
    /// A polyline or area, as SVG path data.
    Path { d: String, class: &'static str },
    /// A data point on a line, with its tooltip.
    Dot {
        cx: f64,
        cy: f64,
        class: &'static str,
        tip: String,
        /// Its label holds a record's value (a project's name).
        raw: bool,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        anchor: Anchor,
        class: &'static str,
        /// The text is a record's value (a user name, a failure reason).
        raw: bool,
    },
}

/// An entry of the legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendItem {
    pub label: String,
    pub class: &'static str,
    /// The label is a record's value (a project's name).
    pub raw: bool,
}

/// The numbers behind a chart, as a table: the accessible alternative and a check for the eye.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The cells (row, column) that are records' values (a user name, a failure reason).
    pub raw_cells: Vec<(usize, usize)>,
    /// The columns whose header is a record's value (a project's name).
    pub raw_headers: Vec<usize>,
}

/// A chart ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    pub title: String,
    /// A record's value inside the title (the user of "Sessions of alice"), if any.
    pub title_value: Option<String>,
    /// One sentence that says what the chart shows (the SVG's description).
    pub summary: String,
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
    pub legend: Vec<LegendItem>,
    pub table: DataTable,
    /// Why there is nothing to draw, when there is not.
    pub empty: Option<String>,
}

impl ChartModel {
    /// An empty model to fill with marks.
    pub fn new(title: impl Into<String>) -> Self {
        ChartModel {
            title: title.into(),
            title_value: None,
            summary: String::new(),
            width: WIDTH,
            height: HEIGHT,
            marks: Vec::new(),
            legend: Vec::new(),
            table: DataTable::default(),
            empty: None,
        }
    }

    /// A chart with nothing to draw, saying why.
    pub fn empty(title: impl Into<String>, why: impl Into<String>) -> Self {
        let mut chart = ChartModel::new(title);
        let why = why.into();
        chart.summary = why.clone();
        chart.empty = Some(why);
        chart
    }
}

/// The rectangles of a chart as (class, tooltip): what the tests of the chart kinds compare.
#[cfg(test)]
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
