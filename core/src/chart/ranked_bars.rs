//! Ranked bars: failure reasons, users by p95 RTT.

use super::scale::LinearScale;
use super::{Anchor, ChartModel, Mark, MARGIN_TOP, WIDTH};
use crate::records::table_action::TableAction;

/// One ranked bar per item (failure reasons, users by p95 RTT): label on the left, value text
/// at the bar's end, an action per item.
pub fn ranked_bars(
    title: &str,
    value_title: &str,
    items: &[(String, f64, String, Option<TableAction>)],
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn empty_input_says_why_instead_of_drawing() {
        assert!(ranked_bars("r", "v", &[], "mark-poor").empty.is_some());
    }
}
