//! One login's phases on a time axis from the first start (the row detail's waterfall).
//!
//! A phase with a start time is placed at its start; one without is placed where the previous
//! phase ended (the API lists phases in order), so an answer with durations only still draws
//! as a sequence. A phase with no known duration gets no width and says so; it is never drawn
//! as a zero-length success.

use super::answer::StagesAnswer;

/// One bar: stage `index` of the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaterfallBar {
    /// The stage's position in [`StagesAnswer::stages`].
    pub index: usize,
    /// From the first phase's start, in ms.
    pub offset_ms: i64,
    /// `None` when neither `duration` nor start and end are known.
    pub duration_ms: Option<i64>,
    pub failed: bool,
}

impl WaterfallBar {
    /// Where the bar starts and how wide it is, as percentages of the axis (`span_ms`).
    pub fn share(&self, span_ms: i64) -> (f64, f64) {
        let span = span_ms.max(1) as f64;
        let left = (self.offset_ms as f64 / span * 100.0).clamp(0.0, 100.0);
        let width = (self.duration_ms.unwrap_or(0) as f64 / span * 100.0).clamp(0.0, 100.0 - left);
        (left, width)
    }
}

/// The bars of one login and the length of the axis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waterfall {
    pub bars: Vec<WaterfallBar>,
    /// From the first start to the last end, in ms.
    pub span_ms: i64,
}

/// Lays out the phases of `answer`.
///
/// ```
/// use logins_core::stages::{parse_stages, waterfall};
/// let a = parse_stages(r#"{"stages":[
///   {"stage":"LOGIN","duration":200,"start_time":1764748800000},
///   {"stage":"CONNECT","duration":500,"start_time":1764748800300,"is_success":false}]}"#).unwrap();
/// let w = waterfall(&a);
/// assert_eq!((w.bars[1].offset_ms, w.span_ms), (300, 800));
/// ```
pub fn waterfall(answer: &StagesAnswer) -> Waterfall {
    let origin = answer.stages.iter().filter_map(|s| s.start_ms).min();
    let mut bars = Vec::with_capacity(answer.stages.len());
    let mut cursor = 0i64;
    for (index, stage) in answer.stages.iter().enumerate() {
        let offset_ms = match (stage.start_ms, origin) {
            (Some(start), Some(origin)) => start.saturating_sub(origin),
            _ => cursor,
        };
        let duration_ms = stage.duration();
        cursor = offset_ms.saturating_add(duration_ms.unwrap_or(0));
        bars.push(WaterfallBar {
            index,
            offset_ms,
            duration_ms,
            failed: stage.failed(),
        });
    }
    let span_ms = bars
        .iter()
        .map(|b| b.offset_ms.saturating_add(b.duration_ms.unwrap_or(0)))
        .max()
        .unwrap_or(0);
    Waterfall { bars, span_ms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::answer::parse_stages;

    #[test]
    fn bars_start_at_their_start_time_from_the_first_start() {
        // Listed out of order: the axis still starts at the earliest start.
        let a = parse_stages(
            r#"{"stages":[
            {"stage":"MAIN_AUTH","duration":300,"start_time":1764748801000},
            {"stage":"LOGIN","duration":1000,"start_time":1764748800000},
            {"stage":"CONNECT","duration":2000,"start_time":1764748801300,"is_success":false,"error_code":"WKS.7001"}
        ]}"#,
        )
        .unwrap();
        let w = waterfall(&a);
        let offsets: Vec<_> = w
            .bars
            .iter()
            .map(|b| (b.offset_ms, b.duration_ms, b.failed))
            .collect();
        assert_eq!(
            offsets,
            [
                (1000, Some(300), false),
                (0, Some(1000), false),
                (1300, Some(2000), true)
            ]
        );
        assert_eq!(w.span_ms, 3300);
        assert_eq!(w.bars[2].share(w.span_ms), (1300.0 / 33.0, 2000.0 / 33.0));
    }

    #[test]
    fn without_start_times_phases_follow_each_other_and_unknown_durations_have_no_width() {
        let a = parse_stages(
            r#"{"stages":[{"stage":"LOGIN","duration":100},{"stage":"PRECONNECT"},{"stage":"CONNECT","duration":400}]}"#,
        )
        .unwrap();
        let w = waterfall(&a);
        let bars: Vec<_> = w
            .bars
            .iter()
            .map(|b| (b.offset_ms, b.duration_ms))
            .collect();
        assert_eq!(bars, [(0, Some(100)), (100, None), (100, Some(400))]);
        assert_eq!(w.span_ms, 500);
        assert_eq!(w.bars[1].share(w.span_ms), (20.0, 0.0));
    }

    #[test]
    fn nothing_to_lay_out_is_an_empty_axis() {
        let w = waterfall(&StagesAnswer::default());
        assert!(w.bars.is_empty());
        assert_eq!(w.span_ms, 0);
        // A bar on an empty axis never divides by zero or leaves the axis.
        let bar = WaterfallBar {
            index: 0,
            offset_ms: 0,
            duration_ms: Some(5),
            failed: false,
        };
        assert_eq!(bar.share(0), (0.0, 100.0));
    }
}
