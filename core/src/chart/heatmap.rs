//! Logins by weekday and hour of day.

use super::axes::{plural, x_axis_title, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP};
use super::{Anchor, ChartModel, LegendItem, Mark};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Logins by hour of day (columns) and weekday (rows), darker for more.
pub fn heatmap(title: &str, grid: &[[usize; 24]; 7]) -> ChartModel {
    let max = grid.iter().flatten().copied().max().unwrap_or(0);
    if max == 0 {
        return ChartModel::empty(title, "No logins to chart.");
    }
    let mut chart = ChartModel::new(title);
    let cell_w = (PLOT_RIGHT - PLOT_LEFT) / 24.0;
    let cell_h = (PLOT_BOTTOM - PLOT_TOP) / 7.0;
    for (d, row) in grid.iter().enumerate() {
        chart.marks.push(Mark::Text {
            x: PLOT_LEFT - 6.0,
            y: PLOT_TOP + cell_h * (d as f64 + 0.6),
            text: WEEKDAYS[d].to_owned(),
            anchor: Anchor::End,
            class: "tick",
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
                tip: format!(
                    "{} {h:02}:00–{h:02}:59: {}",
                    WEEKDAYS[d],
                    plural(count, "login", "logins")
                ),
                action: None,
            });
        }
        let mut table_row = vec![WEEKDAYS[d].to_owned()];
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
        });
    }
    x_axis_title(&mut chart.marks, "Hour of day (local)");
    chart.table.headers = std::iter::once("Day".to_owned())
        .chain((0..24).map(|h| format!("{h:02}")))
        .collect();
    chart.legend = (1..5)
        .map(|l| LegendItem {
            label: format!("up to {}", (max * l).div_ceil(4)),
            class: HEAT[l],
        })
        .collect();
    chart.summary = format!("Logins per weekday and hour of day; the busiest hour has {max}.");
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
        let chart = heatmap("Logins by hour", &grid);
        let r = rects(&chart);
        assert_eq!(r.len(), 7 * 24);
        assert_eq!(r[9], ("heat-4", "Mon 09:00–09:59: 8 logins"));
        assert_eq!(r[4 * 24 + 17], ("heat-1", "Fri 17:00–17:59: 1 login"));
        assert_eq!(r[0].0, "heat-0");
    }

    #[test]
    fn empty_input_says_why_instead_of_drawing() {
        assert!(heatmap("h", &[[0; 24]; 7]).empty.is_some());
    }
}
