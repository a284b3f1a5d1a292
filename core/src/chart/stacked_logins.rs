//! Logins over time, succeeded and failed stacked.

use super::axes::{
    bucket_name, time_axis, value_axis, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use super::scale::{nice_ticks, LinearScale};
use super::{ChartModel, LegendItem, Mark};
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::records::columns::ColumnId;
use crate::records::filter::ColumnFilter;
use crate::records::table_action::TableAction;
use crate::time::format::{format_time, DisplayZone};

/// Logins over time, succeeded and failed stacked. Clicking a bar filters to its time bucket.
pub fn stacked_logins(
    lang: Lang,
    title: &str,
    points: &[(i64, usize, usize)],
    bucket: i64,
    zone: &DisplayZone<'_>,
) -> ChartModel {
    let max = points.iter().map(|p| p.1 + p.2).max().unwrap_or(0);
    if max == 0 {
        return ChartModel::empty(title, t::NO_LOGINS.get(lang));
    }
    let mut chart = ChartModel::new(title);
    let start = points.first().map(|p| p.0).unwrap_or(0);
    let end = points.last().map(|p| p.0).unwrap_or(0) + bucket.max(1);
    let ticks = nice_ticks(0.0, max as f64, 4);
    let y = LinearScale::new(0.0, *ticks.last().unwrap_or(&1.0), PLOT_BOTTOM, PLOT_TOP);
    let x = LinearScale::new(start as f64, end as f64, PLOT_LEFT, PLOT_RIGHT);
    value_axis(lang, &mut chart.marks, &y, &ticks, t::LOGINS.get(lang));
    time_axis(lang, &mut chart.marks, &x, start, end, zone);
    let w = (x.at((start + bucket) as f64) - x.at(start as f64) - 1.0).max(1.0);
    let (mut ok_total, mut failed_total) = (0, 0);
    for &(t, ok, failed) in points {
        let action = Some(TableAction::Filter(ColumnFilter::Range {
            column: ColumnId::ConnectionStart,
            min: Some(t),
            max: Some(t + bucket - 1),
        }));
        let when = format_time(t, zone);
        let counts = [when.as_str(), &ok.to_string(), &failed.to_string()];
        let px = x.at(t as f64);
        let ok_top = y.at(ok as f64);
        if ok > 0 {
            chart.marks.push(Mark::Rect {
                x: px,
                y: ok_top,
                w,
                h: PLOT_BOTTOM - ok_top,
                class: "mark-ok",
                tip: t::SUCCEEDED_THEN_FAILED.fill(lang, &counts),
                action: action.clone(),
                raw: false,
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
                tip: t::FAILED_THEN_SUCCEEDED.fill(lang, &counts),
                action,
                raw: false,
            });
        }
        ok_total += ok;
        failed_total += failed;
        chart
            .table
            .rows
            .push(vec![when, ok.to_string(), failed.to_string()]);
    }
    chart.table.headers = [t::TIME, t::SUCCEEDED_HEADER, t::FAILED_HEADER]
        .map(|h| h.get(lang).to_owned())
        .into();
    chart.legend = vec![
        LegendItem {
            raw: false,
            label: t::SUCCEEDED.get(lang).into(),
            class: "mark-ok",
        },
        LegendItem {
            raw: false,
            label: t::FAILED.get(lang).into(),
            class: "mark-failed",
        },
    ];
    chart.summary = t::LOGINS_SUMMARY.fill(
        lang,
        &[
            &ok_total.to_string(),
            &failed_total.to_string(),
            &bucket_name(lang, bucket),
        ],
    );
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::rects;

    #[test]
    fn stacked_bars_put_failures_on_top_and_filter_to_the_bucket() {
        let chart = stacked_logins(
            Lang::En,
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
        assert_eq!(chart.table.headers, ["Time", "Succeeded", "Failed"]);
    }

    #[test]
    fn stacked_bars_in_chinese() {
        let chart = stacked_logins(
            Lang::Zh,
            "登录趋势",
            &[(3600, 4, 1), (7200, 0, 2)],
            3600,
            &DisplayZone::Utc,
        );
        assert_eq!(
            rects(&chart),
            [
                ("mark-ok", "1970-01-01 01:00:00：成功 4 次，失败 1 次"),
                ("mark-failed", "1970-01-01 01:00:00：失败 1 次，成功 4 次"),
                ("mark-failed", "1970-01-01 02:00:00：失败 2 次，成功 0 次"),
            ]
        );
        assert_eq!(chart.table.headers, ["时间", "成功", "失败"]);
        assert_eq!(chart.summary, "按小时统计的登录：成功 4 次，失败 3 次。");
        assert_eq!(
            chart
                .legend
                .iter()
                .map(|l| l.label.as_str())
                .collect::<Vec<_>>(),
            ["成功", "失败"]
        );
        let axis: Vec<&str> = chart
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
            .collect();
        assert_eq!(axis, ["登录次数", "时间 (UTC)"]);
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(
            stacked_logins(Lang::En, "s", &[(0, 0, 0)], 60, &DisplayZone::Utc)
                .empty
                .is_some()
        );
    }
}
