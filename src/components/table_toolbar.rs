//! The controls above the records table, composed: quick search, time zone and RTT bands in
//! one row, then export/import, the column filters and the column chooser. Each lives in its
//! own file.

use leptos::prelude::*;

use crate::components::band_thresholds::BandThresholds;
use crate::components::column_chooser::ColumnChooser;
use crate::components::column_filters::ColumnFilters;
use crate::components::export_import::ExportImport;
use crate::components::quick_search::QuickSearch;
use crate::components::zone_toggle::ZoneToggle;

#[component]
pub fn TableToolbar() -> impl IntoView {
    view! {
        <div class="panel table-toolbar">
            <div class="grid">
                <QuickSearch/>
                <ZoneToggle/>
                <BandThresholds/>
            </div>
            <ExportImport/>
            <ColumnFilters/>
            <ColumnChooser/>
        </div>
    }
}
