//! The analytics: KPI names, chart titles, axes, legends, tooltips and their tables, the
//! breakdowns, and the users' section (timeline, new locations).

crate::catalog! {
    HEADING = "Analytics" / "分析";
}
