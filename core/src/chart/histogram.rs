//! The RTT histogram.

use super::axes::{
    band_class, plural, value_axis, x_axis_title, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use super::scale::{nice_ticks, LinearScale};
use super::{Anchor, ChartModel, LegendItem, Mark};
use crate::records::columns::{Band, BandThresholds, ColumnId};
use crate::records::filter::ColumnFilter;
use crate::records::table_action::TableAction;
use crate::stats::MAX_RTT_MS;

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
            action: Some(TableAction::Filter(ColumnFilter::Range {
                column,
                min: Some(lo),
                max: Some(if hi == i64::MAX { MAX_RTT_MS } else { hi - 1 }),
            })),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::rects;

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
            TableAction::Filter(ColumnFilter::Range {
                column: ColumnId::NetworkRtt,
                min: Some(300),
                max: Some(MAX_RTT_MS)
            })
        );
        assert!(chart.summary.contains("8 logins"));
        assert!(chart
            .summary
            .contains("3 without a value and 1 with an invalid one"));
        assert_eq!(chart.table.rows.len(), 4);
        assert_eq!(chart.legend.len(), 3);
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(histogram(
            "E2E RTT",
            ColumnId::E2eRtt,
            &[],
            &BandThresholds::default(),
            (0, 0)
        )
        .empty
        .is_some());
    }
}
