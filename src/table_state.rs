//! The records on screen and how they are viewed: one filter state, one sort order, the visible
//! columns, the time zone, the RTT band thresholds and the selected row.
//!
//! One filter state drives the table, the counts (and the analytics built on the same rows), so
//! what is shown, counted and exported never disagree.
//!
//! It owns the operations the user performs on the view (as todomvc's `Todos` does): the
//! components bind inputs and call these; the rules are `core`'s, tested natively there.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::i18n::Lang;
use logins_core::records::column_choice::{self, default_columns, origins, OriginColumns};
use logins_core::records::columns::{column_by_key, BandThresholds, ColumnId};
use logins_core::records::filter::{filter_rows_with, ColumnFilter, RangeEnd, RowFilter};
use logins_core::records::sort::{sort_rows_with, SortKey};
use logins_core::records::table::{RecordTable, Renumbering, RowId};
use logins_core::records::table_action::TableAction;
use logins_core::stages::PhaseIndex;
use logins_core::time::format::{zone_name, DisplayZone};
use serde::{Deserialize, Serialize};

use crate::clock::{local_offset_at_unix, local_zone_name, now};
use crate::storage;

/// The `localStorage` key of the column choice (order and visibility; never anything secret).
pub const COLUMNS_STORAGE_KEY: &str = "logins-viewer.columns";

#[derive(Clone, Copy)]
pub struct TableState {
    /// The loaded records, compact. Replaced as a whole when a run or an import finishes.
    pub table: RwSignal<Arc<RecordTable>>,
    pub filter: RwSignal<RowFilter>,
    pub sort: RwSignal<Vec<SortKey>>,
    /// Visible columns, in display order.
    pub columns: RwSignal<Vec<ColumnId>>,
    /// Whether Region and Project are shown by the data (several projects loaded) or by the
    /// user; core's rule, applied when a table replaces the last one.
    origin_columns: StoredValue<OriginColumns>,
    /// Times in UTC (true) or the browser's zone (false); read it as a zone through
    /// [`TableState::zone`].
    pub utc: RwSignal<bool>,
    pub bands: RwSignal<BandThresholds>,
    /// The row whose details are open.
    pub selected: RwSignal<Option<RowId>>,
    /// The user whose timeline is open.
    pub timeline_user: RwSignal<Option<String>>,
    /// The slowest logon phase of every login analyzed in this session, by transaction ID: the
    /// "Slowest phase" column. Filled by `LogonPhases` as answers arrive; kept when new records
    /// are loaded (a transaction ID names the same login in any query).
    pub phases: RwSignal<PhaseIndex>,
    /// The rows that pass the filter, in storage order: what the analytics count. Apart from
    /// `view` so that a sort does not recompute every statistic (their results do not depend on
    /// the order), and a filter change that lets the same rows through stops here.
    pub filtered: Memo<Arc<Vec<RowId>>>,
    /// The rows to show: `filtered`, sorted. Recomputed only when one of its inputs changes.
    pub view: Memo<Arc<Vec<RowId>>>,
    /// What the analytics (KPIs, charts, breakdowns, new locations, timeline) are computed
    /// over: `filtered`, handed over after the table has been painted. See [`Analyzed`].
    analyzed: RwSignal<Analyzed>,
}

/// A snapshot of the filtered rows with the table, filter and thresholds they came from.
///
/// Why the analytics do not read `filtered` directly: recomputing every statistic and chart for
/// 100,000 rows takes a few hundred milliseconds in the browser, and doing it in the same task
/// as the table would hold back the table's response to every keystroke and click by that
/// much. So a change of the filtered rows is shown in the table first, and the analytics
/// follow after that frame is painted; changes that come in before then (fast typing) are
/// coalesced into one recomputation.
#[derive(Clone)]
pub struct Analyzed {
    pub table: Arc<RecordTable>,
    pub filter: RowFilter,
    pub bands: BandThresholds,
    pub rows: Arc<Vec<RowId>>,
}

impl PartialEq for Analyzed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.table, &other.table)
            && Arc::ptr_eq(&self.rows, &other.rows)
            && self.filter == other.filter
            && self.bands == other.bands
    }
}

impl Default for TableState {
    fn default() -> Self {
        Self::new()
    }
}

impl TableState {
    pub fn new() -> Self {
        let table = RwSignal::new(Arc::new(RecordTable::new()));
        let filter = RwSignal::new(RowFilter::default());
        let sort = RwSignal::new(Vec::new());
        let bands = RwSignal::new(BandThresholds::default());
        let phases = RwSignal::new(PhaseIndex::new());
        // The phases are read (and tracked) only while a filter or the sort is on their column:
        // otherwise each answer of an analysis would refilter and resort every row for nothing.
        let filtered = Memo::new(move |_| {
            let table = table.get();
            let bands = bands.get();
            Arc::new(filter.with(|f| {
                if f.on(ColumnId::SlowestPhase).is_some() {
                    phases.with(|p| filter_rows_with(&table, f, &bands, p))
                } else {
                    filter_rows_with(&table, f, &bands, &PhaseIndex::new())
                }
            }))
        });
        let view = Memo::new(move |_| {
            let table = table.get();
            let bands = bands.get();
            let mut rows = filtered.with(|rows| Vec::clone(rows));
            sort.with(|keys: &Vec<SortKey>| {
                if keys.iter().any(|k| k.column == ColumnId::SlowestPhase) {
                    phases.with(|p| sort_rows_with(&table, &mut rows, keys, &bands, p));
                } else {
                    sort_rows_with(&table, &mut rows, keys, &bands, &PhaseIndex::new());
                }
            });
            Arc::new(rows)
        });
        let analyzed = RwSignal::new(Analyzed {
            table: table.get_untracked(),
            filter: RowFilter::default(),
            bands: bands.get_untracked(),
            rows: Arc::new(Vec::new()),
        });
        hand_over_after_paint(filtered, table, filter, bands, analyzed);
        TableState {
            table,
            filter,
            sort,
            columns: RwSignal::new(load_columns().unwrap_or_else(default_columns)),
            origin_columns: StoredValue::new(OriginColumns::default()),
            utc: RwSignal::new(false),
            bands,
            selected: RwSignal::new(None),
            timeline_user: RwSignal::new(None),
            phases,
            filtered,
            view,
            analyzed,
        }
    }

    /// Runs `f` over the analyzed table and rows (tracked: a reactive caller re-runs when they
    /// are handed over anew).
    pub fn analyze<T>(&self, f: impl FnOnce(&Analyzed) -> T) -> T {
        self.analyzed.with(f)
    }

    /// Shows a new set of records: the filters and sort stay (they are the user's question), the
    /// selection goes (it pointed into the old rows). Records of several projects show the
    /// Region and Project columns (see `OriginColumns`).
    pub fn replace(&self, table: RecordTable) {
        self.selected.set(None);
        self.apply_origin_rule(&table);
        self.table.set(Arc::new(table));
    }

    /// Changes the records in place (a watch refresh merging and sliding): `change` returns
    /// how rows were renumbered, and the open row follows its record (closed if it left).
    pub fn change_records<T>(
        &self,
        change: impl FnOnce(&mut RecordTable) -> (T, Renumbering),
    ) -> T {
        let mut records = self.table.get_untracked();
        let (result, renumbering) = change(Arc::make_mut(&mut records));
        if !renumbering.is_identity() {
            let selected = self.selected.get_untracked();
            self.selected
                .set(selected.and_then(|row| renumbering.row(row)));
        }
        self.table.set(records);
        result
    }

    fn apply_origin_rule(&self, table: &RecordTable) {
        let (_, projects) = origins(table);
        let mut columns = self.columns.get_untracked();
        let changed = self
            .origin_columns
            .try_update_value(|rule| rule.table_loaded(&mut columns, projects))
            .unwrap_or(false);
        if changed {
            self.columns.set(columns);
        }
    }

    /// Applies a click on a chart, a breakdown, a record's or a timeline's shortcut: a filter
    /// replaces the one on its column; a user opens their timeline.
    pub fn apply(&self, action: TableAction) {
        match action {
            TableAction::Filter(filter) => self.filter.update(|f| f.narrow(filter)),
            TableAction::UserTimeline(user) => self.timeline_user.set(Some(user)),
        }
    }

    /// Replaces the filter on `column` (`None`, or one that excludes nothing, clears it).
    pub fn set_column_filter(&self, column: ColumnId, filter: Option<ColumnFilter>) {
        self.filter.update(|f| f.set(column, filter));
    }

    /// Sets one end of the range filter on `column`, keeping the other.
    pub fn set_range_end(&self, column: ColumnId, end: RangeEnd, value: Option<i64>) {
        self.filter.update(|f| f.set_range_end(column, end, value));
    }

    /// The filter on `column`, tracked: inputs show what is in force however it was set
    /// (typed, or by a click on a chart or breakdown), and empty out when it is cleared.
    pub fn column_filter(&self, column: ColumnId) -> Option<ColumnFilter> {
        self.filter.with(|f| f.on(column).cloned())
    }

    /// The quick search text.
    pub fn set_quick(&self, text: String) {
        self.filter.update(|f| f.quick = text);
    }

    /// Removes every column filter; the quick search stays.
    pub fn clear_column_filters(&self) {
        self.filter.update(RowFilter::clear_columns);
    }

    pub fn close_timeline(&self) {
        self.timeline_user.set(None);
    }

    /// The zone times are shown in, tracked: every view that shows or buckets times asks here,
    /// so they all follow the one UTC/local choice.
    pub fn zone(&self) -> DisplayZone<'static> {
        zone_of(self.utc.get())
    }

    /// [`TableState::zone`] for a one-off use outside reactive tracking (an export).
    pub fn zone_untracked(&self) -> DisplayZone<'static> {
        zone_of(self.utc.get_untracked())
    }

    /// The zone's name in `lang`, tracked: `UTC`, or the browser's zone ("Europe/Berlin"; in
    /// Chinese "本地时间 UTC+01:00", see `core::time::format::zone_name`).
    pub fn zone_name(&self, lang: Lang) -> String {
        let zone = self.zone();
        let local_id = match zone {
            DisplayZone::Utc => None,
            DisplayZone::Local(_) => Some(local_zone_name()),
        };
        zone_name(lang, &zone, now().timestamp(), local_id.as_deref())
    }

    /// Shows or hides a column (a shown one goes last).
    pub fn show_column(&self, id: ColumnId, on: bool) {
        self.origin_columns
            .update_value(|rule| rule.user_chose(id, on));
        self.columns
            .update(|cols| column_choice::show(cols, id, on));
    }

    /// Moves a visible column `by` places (negative: left).
    pub fn move_column(&self, id: ColumnId, by: isize) {
        self.columns
            .update(|cols| column_choice::shift(cols, id, by));
    }

    /// The default columns; with records of several projects, Region and Project too (the
    /// user's earlier choice about them is forgotten with the rest).
    pub fn reset_columns(&self) {
        self.origin_columns.set_value(OriginColumns::default());
        self.columns.set(default_columns());
        self.table
            .with_untracked(|table| self.apply_origin_rule(table));
    }

    /// Sets one RTT band threshold (`field` of the thresholds) from typed text; text that is
    /// not a whole number leaves it as it was.
    pub fn set_band_limit(&self, field: fn(&mut BandThresholds) -> &mut i64, text: &str) {
        if let Some(ms) = BandThresholds::parse_limit(text) {
            self.bands.update(|b| *field(b) = ms);
        }
    }

    /// Saves the column choice whenever it changes.
    pub fn persist_columns(&self) {
        let columns = self.columns;
        let origin_columns = self.origin_columns;
        Effect::new(move |_| {
            // Columns shown only because of the loaded data are not the user's choice.
            let rule = origin_columns.get_value();
            let keys: Vec<&'static str> = columns.with(|c| {
                c.iter()
                    .filter(|id| !rule.shown_by_rule(**id))
                    .map(|id| logins_core::records::columns::column(*id).key)
                    .collect()
            });
            let stored = StoredColumns { visible: keys };
            storage::save(COLUMNS_STORAGE_KEY, &stored);
        });
    }
}

/// Keeps `analyzed` following `filtered`, one painted frame behind (see [`Analyzed`]).
fn hand_over_after_paint(
    filtered: Memo<Arc<Vec<RowId>>>,
    table: RwSignal<Arc<RecordTable>>,
    filter: RwSignal<RowFilter>,
    bands: RwSignal<BandThresholds>,
    analyzed: RwSignal<Analyzed>,
) {
    let scheduled = StoredValue::new(false);
    Effect::new(move |_| {
        // Everything `Analyzed` holds, not only the rows: a new table can have the same row ids
        // (every row of an unfiltered table of the same size), and a new filter or new
        // thresholds can let the same rows through yet change the previous period or the bands.
        filtered.track();
        table.track();
        filter.track();
        bands.track();
        if scheduled.get_value() {
            return;
        }
        scheduled.set_value(true);
        crate::frame::after_next_paint(move || {
            scheduled.set_value(false);
            // The latest state, not the one that scheduled this: coalesces fast changes.
            let next = Analyzed {
                table: table.get_untracked(),
                filter: filter.get_untracked(),
                bands: bands.get_untracked(),
                rows: filtered.get_untracked(),
            };
            let _ = analyzed.try_set(next);
        });
    });
}

/// The zone of the UTC/local choice. Local offsets are the browser's at each instant.
fn zone_of(utc: bool) -> DisplayZone<'static> {
    if utc {
        DisplayZone::Utc
    } else {
        DisplayZone::Local(&local_offset_at_unix)
    }
}

#[derive(Serialize)]
struct StoredColumns {
    visible: Vec<&'static str>,
}

#[derive(Deserialize)]
struct LoadedColumns {
    visible: Vec<String>,
}

/// The saved column choice; unknown keys (from an older version) are skipped.
fn load_columns() -> Option<Vec<ColumnId>> {
    let loaded: LoadedColumns = storage::load(COLUMNS_STORAGE_KEY)?;
    let columns: Vec<ColumnId> = loaded
        .visible
        .iter()
        .filter_map(|key| column_by_key(key).map(|c| c.id))
        .collect();
    (!columns.is_empty()).then_some(columns)
}
