//! The RTT histogram.

use super::axes::{
    band_class, plural, value_axis, x_axis_title, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use super::scale::{nice_ticks, LinearScale};
use super::{Anchor, ChartModel, LegendItem, Mark};
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::records::columns::{Band, BandThresholds, ColumnId};
use crate::records::filter::ColumnFilter;
use crate::records::table_action::TableAction;
use crate::stats::MAX_RTT_MS;

/// The RTT histogram: one bar per bin, coloured by quality band; the last bin may be an
/// overflow bin (`hi == i64::MAX`). Clicking a bar filters to that RTT range.
///
/// ```
/// use logins_core::chart::histogram;
/// use logins_core::i18n::Lang;
/// use logins_core::records::columns::{BandThresholds, ColumnId};
/// let chart = histogram(Lang::En, "Network RTT", ColumnId::NetworkRtt, &[(0, 50, 3), (50, 100, 1), (100, i64::MAX, 2)], &BandThresholds::default(), (1, 0));
/// assert_eq!(chart.table.rows[2], ["≥ 100 ms", "2"]);
/// ```
pub fn histogram(
    lang: Lang,
    title: &str,
    column: ColumnId,
    bins: &[(i64, i64, usize)],
    bands: &BandThresholds,
    skipped: (usize, usize),
) -> ChartModel {
    let total: usize = bins.iter().map(|b| b.2).sum();
    if total == 0 {
        return ChartModel::empty(title, t::HISTOGRAM_EMPTY.fill(lang, &[title]));
    }
    let mut chart = ChartModel::new(title);
    let max = bins.iter().map(|b| b.2).max().unwrap_or(1) as f64;
    let ticks = nice_ticks(0.0, max, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&max), PLOT_BOTTOM, PLOT_TOP);
    let logins = t::LOGINS.get(lang);
    value_axis(lang, &mut chart.marks, &y, &ticks, logins);
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
            tip: t::LABELLED.fill(
                lang,
                &[&range, &plural(lang, count, t::LOGIN_ONE, t::LOGIN_MANY)],
            ),
            // The overflow bar stops at the largest valid RTT: the histogram skipped larger
            // (invalid) values, so its filter must not bring them back.
            action: Some(TableAction::Filter(ColumnFilter::Range {
                column,
                min: Some(lo),
                max: Some(if hi == i64::MAX { MAX_RTT_MS } else { hi - 1 }),
            })),
            raw: false,
        });
        if i % label_every == 0 {
            chart.marks.push(Mark::Text {
                x,
                y: PLOT_BOTTOM + 14.0,
                text: lo.to_string(),
                anchor: Anchor::Middle,
                class: "tick",
                raw: false,
            });
        }
        chart.table.rows.push(vec![range, count.to_string()]);
    }
    let axis = t::IN_MS.fill(lang, &[title]);
    x_axis_title(&mut chart.marks, &axis);
    chart.table.headers = vec![axis, logins.to_owned()];
    chart.legend = band_legend(lang, bands);
    let (missing, invalid) = skipped;
    chart.summary = t::HISTOGRAM_SUMMARY.fill(
        lang,
        &[
            &plural(lang, total, t::LOGIN_ONE, t::LOGIN_MANY),
            title,
            &missing.to_string(),
            &invalid.to_string(),
        ],
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

fn band_legend(lang: Lang, bands: &BandThresholds) -> Vec<LegendItem> {
    let (good, fair) = (bands.good_max_ms.to_string(), bands.fair_max_ms.to_string());
    vec![
        LegendItem {
            raw: false,
            label: t::GOOD_UP_TO.fill(lang, &[&good]),
            class: "mark-good",
        },
        LegendItem {
            raw: false,
            label: t::FAIR_UP_TO.fill(lang, &[&fair]),
            class: "mark-fair",
        },
        LegendItem {
            raw: false,
            label: t::POOR_ABOVE.fill(lang, &[&fair]),
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
        let chart = histogram(
            Lang::En,
            "Network RTT",
            ColumnId::NetworkRtt,
            &bins,
            &bands,
            (3, 1),
        );
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
    fn histogram_words_in_each_language() {
        let bands = BandThresholds::default();
        let bins = [(0, 100, 5), (100, 200, 1), (300, i64::MAX, 2)];
        let draw = |lang: Lang, title: &str| {
            histogram(lang, title, ColumnId::NetworkRtt, &bins, &bands, (3, 1))
        };
        let en = draw(Lang::En, "Network RTT");
        assert_eq!(en.table.headers, ["Network RTT (ms)", "Logins"]);
        assert_eq!(
            en.summary,
            "How 8 logins are spread over Network RTT; 3 without a value and 1 with an invalid one are not counted."
        );
        assert_eq!(en.legend[0].label, "good (≤ 100 ms)");
        assert_eq!(axis_titles(&en), ["Logins", "Network RTT (ms)"]);

        let zh = draw(Lang::Zh, "网络时延");
        assert_eq!(zh.title, "网络时延");
        assert_eq!(
            rects(&zh),
            [
                ("mark-good", "0–99 ms：5 次登录"),
                ("mark-good", "100–199 ms：1 次登录"),
                ("mark-poor", "≥ 300 ms：2 次登录"),
            ]
        );
        assert_eq!(zh.table.headers, ["网络时延 (ms)", "登录次数"]);
        assert_eq!(zh.table.rows[2], ["≥ 300 ms", "2"]);
        assert_eq!(
            zh.summary,
            "网络时延的分布（8 次登录）；另有 3 次没有值、1 次值无效，未计入。"
        );
        assert_eq!(
            zh.legend
                .iter()
                .map(|l| l.label.as_str())
                .collect::<Vec<_>>(),
            ["良好（≤ 100 ms）", "一般（≤ 200 ms）", "较差（> 200 ms）"]
        );
        assert_eq!(axis_titles(&zh), ["登录次数", "网络时延 (ms)"]);
        let empty = histogram(
            Lang::Zh,
            "端到端时延",
            ColumnId::E2eRtt,
            &[],
            &bands,
            (0, 0),
        );
        assert_eq!(empty.empty.as_deref(), Some("没有可绘制的端到端时延数值。"));
    }

    fn axis_titles(chart: &ChartModel) -> Vec<&str> {
        chart
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text {
                    text,
                    class: "axis-title",
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(histogram(
            Lang::En,
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
