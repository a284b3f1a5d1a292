//! UI components, one component family per file.

pub mod alerts;
pub mod analytics;
pub mod band_thresholds;
pub mod breakdowns;
pub mod chart;
pub mod column_chooser;
pub mod column_filters;
pub mod connection_settings;
pub mod error_panel;
pub mod export_import;
pub mod field;
pub mod filter_form;
pub mod inspector;
pub mod logon_phases;
pub mod phase_analysis;
pub mod quick_search;
pub mod records_grid;
pub mod row_detail;
pub mod run_panel;
pub mod section_nav;
pub mod shell;
pub mod show_more;
pub mod table_toolbar;
pub mod user_insights;
pub mod zone_toggle;
