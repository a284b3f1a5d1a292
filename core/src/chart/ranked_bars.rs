//! Ranked bars: failure reasons, users by p95 RTT.

use super::scale::LinearScale;
use super::{Anchor, ChartModel, Mark, MARGIN_TOP, WIDTH};
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::records::table_action::TableAction;

/// One bar of a ranked chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedBar {
    /// What is ranked: a failure reason, a user.
    pub label: String,
    /// Whether `label` is a record's value (not the app's words, as "(missing)" is).
    pub raw: bool,
    pub value: f64,
    /// The value as shown at the bar's end and in the table.
    pub text: String,
    pub action: Option<TableAction>,
}

/// One ranked bar per item (failure reasons, users by p95 RTT): label on the left, value text
/// at the bar's end, an action per item.
pub fn ranked_bars(
    lang: Lang,
    title: &str,
    value_title: &str,
    items: &[RankedBar],
    class: &'static str,
) -> ChartModel {
    if items.is_empty() {
        return ChartModel::empty(title, t::NOTHING_TO_RANK.fill(lang, &[title]));
    }
    let mut chart = ChartModel::new(title);
    let row_h = 20.0;
    let label_w = 220.0;
    chart.height = MARGIN_TOP + row_h * items.len() as f64 + 8.0;
    let max = items.iter().map(|i| i.value).fold(0.0, f64::max).max(1.0);
    let x = LinearScale::new(0.0, max, label_w, WIDTH - 90.0);
    for (i, item) in items.iter().enumerate() {
        let top = MARGIN_TOP + row_h * i as f64;
        chart.marks.push(Mark::Text {
            x: label_w - 6.0,
            y: top + 14.0,
            text: ellipsize(&item.label, 34),
            anchor: Anchor::End,
            class: "tick",
            raw: item.raw,
        });
        chart.marks.push(Mark::Rect {
            x: label_w,
            y: top + 3.0,
            w: (x.at(item.value) - label_w).max(1.0),
            h: row_h - 6.0,
            class,
            tip: t::LABELLED.fill(lang, &[&item.label, &item.text]),
            action: item.action.clone(),
            raw: item.raw,
        });
        chart.marks.push(Mark::Text {
            x: x.at(item.value) + 6.0,
            y: top + 14.0,
            text: item.text.clone(),
            anchor: Anchor::Start,
            class: "value",
            raw: false,
        });
        if item.raw {
            chart.table.raw_cells.push((i, 0));
        }
        chart
            .table
            .rows
            .push(vec![item.label.clone(), item.text.clone()]);
    }
    chart.table.headers = vec!["".to_owned(), value_title.to_owned()];
    chart.summary = t::RANKED_SUMMARY.fill(lang, &[title, &items.len().to_string(), value_title]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_bars_keep_order_and_long_labels_are_cut_for_the_eye_only() {
        let long = "x".repeat(50);
        let items = vec![bar(&long, 9.0, "9 (90%)"), bar("b", 1.0, "1 (10%)")];
        let chart = ranked_bars(
            Lang::En,
            "Failure reasons",
            "Failures",
            &items,
            "mark-failed",
        );
        assert_eq!(chart.table.rows[0], [long.clone(), "9 (90%)".to_owned()]);
        assert!(chart.marks.iter().any(
            |m| matches!(m, Mark::Text { text, .. } if text.ends_with('…') && text.chars().count() == 34)
        ));
    }

    fn bar(label: &str, value: f64, text: &str) -> RankedBar {
        RankedBar {
            label: label.to_owned(),
            raw: true,
            value,
            text: text.to_owned(),
            action: None,
        }
    }

    #[test]
    fn ranked_bars_in_each_language_mark_record_values_raw() {
        let mut missing = bar("（无值）", 120.0, "120 ms（3 次登录）");
        missing.raw = false;
        let items = [bar("alice", 300.0, "300 ms（5 次登录）"), missing];
        let zh = ranked_bars(
            Lang::Zh,
            t::TOP_USERS_BY_P95.zh,
            t::P95_NETWORK_RTT.zh,
            &items,
            "mark-poor",
        );
        let labels: Vec<(&str, bool)> = zh
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { tip, raw, .. } => Some((tip.as_str(), *raw)),
                _ => None,
            })
            .collect();
        assert_eq!(
            labels,
            [
                ("alice：300 ms（5 次登录）", true),
                ("（无值）：120 ms（3 次登录）", false)
            ]
        );
        assert_eq!(
            zh.summary,
            "p95 网络时延最高的 20 个用户：2 项，按p95 网络时延排序。"
        );
        assert_eq!(zh.table.headers, ["", "p95 网络时延"]);
        assert_eq!(
            zh.table.raw_cells,
            [(0, 0)],
            "only alice is a record's value"
        );
        // The value text at the bar's end is the app's words; the label on the left is not.
        let texts: Vec<(&str, bool)> = zh
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, raw, .. } => Some((text.as_str(), *raw)),
                _ => None,
            })
            .collect();
        assert_eq!(
            &texts[..2],
            [("alice", true), ("300 ms（5 次登录）", false)]
        );

        let en = ranked_bars(
            Lang::En,
            "Failure reasons",
            "Failures (share)",
            &items[..1],
            "c",
        );
        assert_eq!(en.summary, "Failure reasons: 1 ranked by Failures (share).");
        assert_eq!(
            ranked_bars(Lang::Zh, "连接失败原因", "v", &[], "c")
                .empty
                .as_deref(),
            Some("连接失败原因：没有可排名的项。")
        );
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(ranked_bars(Lang::En, "r", "v", &[], "mark-poor")
            .empty
            .is_some());
    }
}
