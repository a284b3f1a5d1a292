//! Logins by weekday and hour of day.

use super::axes::{plural, x_axis_title, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP};
use super::{Anchor, ChartModel, LegendItem, Mark};
use crate::i18n::analytics as t;
use crate::i18n::{Lang, Text};

/// The weekdays, Monday first (the grid's row order).
pub const WEEKDAYS: [Text; 7] = [t::MON, t::TUE, t::WED, t::THU, t::FRI, t::SAT, t::SUN];

/// Logins by hour of day (columns) and weekday (rows), darker for more.
pub fn heatmap(lang: Lang, title: &str, grid: &[[usize; 24]; 7]) -> ChartModel {
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    if max == 0 {
        return ChartModel::empty(title, t::NO_LOGINS.get(lang));
    }
    let mut chart = ChartModel::new(title);
    let cell_w = (PLOT_RIGHT - PLOT_LEFT) / 24.0;
    let cell_h = (PLOT_BOTTOM - PLOT_TOP) / 7.0;
    for (d, row) in grid.iter().enumerate() {
        let day = WEEKDAYS[d].get(lang);
        chart.marks.push(Mark::Text {
            x: PLOT_LEFT - 6.0,
            y: PLOT_TOP + cell_h * (d as f64 + 0.6),
            text: day.to_owned(),
            anchor: Anchor::End,
            class: "tick",
            raw: false,
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
                tip: t::HEAT_CELL.fill(
                    lang,
                    &[
                        day,
                        &format!("{h:02}:00–{h:02}:59"),
                        &plural(lang, count, t::LOGIN_ONE, t::LOGIN_MANY),
                    ],
                ),
                action: None,
                raw: false,
            });
        }
        let mut table_row = vec![day.to_owned()];
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
            raw: false,
        });
    }
    x_axis_title(&mut chart.marks, t::HOUR_OF_DAY.get(lang));
    chart.table.headers = std::iter::once(t::DAY.get(lang).to_owned())
        .chain((0..24).map(|h| format!("{h:02}")))
        .collect();
    chart.legend = (1..5)
        .map(|l| LegendItem {
            raw: false,
            label: t::UP_TO.fill(lang, &[&(max * l).div_ceil(4).to_string()]),
            class: HEAT[l],
        })
        .collect();
    chart.summary = t::HEATMAP_SUMMARY.fill(lang, &[&max.to_string()]);
    chart
}

const HEAT: [&str; 5] = ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::rects;

    #[test]
    fn heatmap_shades_by_share_of_the_busiest_hour() {
        let mut grid = [[0; 24]; 7];
        grid[0][9] = 8;
        grid[4][17] = 1;
        let chart = heatmap(Lang::En, "Logins by hour", &grid);
        let r = rects(&chart);
        assert_eq!(r.len(), 7 * 24);
        assert_eq!(r[9], ("heat-4", "Mon 09:00–09:59: 8 logins"));
        assert_eq!(r[4 * 24 + 17], ("heat-1", "Fri 17:00–17:59: 1 login"));
        assert_eq!(r[0].0, "heat-0");
        assert_eq!(chart.table.rows[0][0], "Mon");
        assert_eq!(chart.table.headers[0], "Day");
    }

    #[test]
    fn heatmap_in_chinese_names_weekdays_and_counts() {
        let mut grid = [[0; 24]; 7];
        grid[0][9] = 8;
        grid[6][23] = 1;
        let chart = heatmap(Lang::Zh, "按星期和时段的登录次数", &grid);
        let r = rects(&chart);
        assert_eq!(r[9], ("heat-4", "周一 09:00–09:59：8 次登录"));
        assert_eq!(r[6 * 24 + 23], ("heat-1", "周日 23:00–23:59：1 次登录"));
        let days: Vec<&str> = chart.table.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            days,
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        );
        assert_eq!(chart.table.headers[0], "星期");
        assert_eq!(chart.legend[0].label, "至多 2");
        assert_eq!(
            chart.summary,
            "每个星期几各时段的登录次数；最繁忙的时段有 8 次。"
        );
        assert!(chart.marks.iter().any(
            |m| matches!(m, Mark::Text { text, class: "axis-title", .. } if text == "时段（本地时间）")
        ));
        assert_eq!(
            heatmap(Lang::Zh, "h", &[[0; 24]; 7]).empty.as_deref(),
            Some("没有可绘制的登录。")
        );
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(heatmap(Lang::En, "h", &[[0; 24]; 7]).empty.is_some());
    }
}
