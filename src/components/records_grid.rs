//! The records table: virtualized, so 100,000 rows cost the DOM only the ~40 rows in view.
//!
//! Written by hand rather than with a table crate: leptos-struct-table would add ~70 kB gzip to
//! a bundle with a 250 kB budget, and it keeps rows as structs, while our rows live in the
//! compact `RecordTable` and are sorted and filtered there (see ARCHITECTURE.md).
//!
//! Accessibility: ARIA table roles on a div grid (`table`, `row`, `columnheader`, `cell`), with
//! `aria-rowcount` for the whole filtered set and `aria-rowindex` on each rendered row, so
//! assistive technology knows where it is even though most rows are not in the DOM.
//!
//! Language: headers, the app's words in cells and the counts follow the interface's language;
//! a switch re-renders them and keeps the sort, the filter, the scroll position's rows and the
//! open row (all data in `TableState`). The records' own values are marked `translate="no"`.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use logins_core::i18n::{table as text, Lang};
use logins_core::records::columns::{column, Band, Cell, ColumnId, ColumnKind};
use logins_core::records::sort::{toggle_sort, SortKey};
use logins_core::records::table::{RecordTable, RowId};
use logins_core::stages::{slowest_text, Phase, SlowestPhase};
use logins_core::text::num::shortest;

use crate::locale::{use_locale, Locale};
use crate::memo::memo;
use crate::table_state::TableState;

/// Every row has this height (px), so the visible range follows from the scroll offset alone.
pub const ROW_HEIGHT: f64 = 36.0;

/// Rows rendered above and below the viewport, so fast scrolling never shows a gap.
pub const OVERSCAN: usize = 10;

/// The viewport height assumed before the first measurement.
const INITIAL_VIEWPORT: f64 = 600.0;

/// The CSS width of a column, by what it holds.
fn width(id: ColumnId) -> &'static str {
    match column(id).kind {
        ColumnKind::Time => "12.5rem",
        ColumnKind::Duration => "8.5rem",
        ColumnKind::Milliseconds => "7.5rem",
        ColumnKind::Band => "8rem",
        ColumnKind::Bool | ColumnKind::Outcome => "7rem",
        ColumnKind::Phase => "11rem",
        ColumnKind::Text => match id {
            ColumnId::UserName | ColumnId::FailureReason => "15rem",
            _ => "11rem",
        },
    }
}

fn is_numeric(id: ColumnId) -> bool {
    matches!(
        column(id).kind,
        ColumnKind::Milliseconds | ColumnKind::Duration
    )
}

/// The range of view positions to render for a scroll offset.
pub fn visible_range(scroll_top: f64, viewport: f64, total: usize) -> std::ops::Range<usize> {
    let first = (scroll_top.max(0.0) / ROW_HEIGHT).floor() as usize;
    let count = (viewport.max(0.0) / ROW_HEIGHT).ceil() as usize;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + count + OVERSCAN).min(total);
    start..end
}

#[component]
pub fn RecordsGrid() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(INITIAL_VIEWPORT);
    let scroller = NodeRef::<html::Div>::new();

    let template = memo(move || {
        state
            .columns
            .with(|cols| cols.iter().map(|c| width(*c)).collect::<Vec<_>>().join(" "))
    });
    let total_rows = move || state.view.with(|v| v.len());
    let loaded = move || state.table.with(|t| t.len());

    // Back to the top when the rows change under the user (new sort, filter or data).
    Effect::new(move |_| {
        state.view.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });

    let on_scroll = move |_: ev::Event| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };

    // (view position, row id) pairs in view; keyed by both, so rows that stay in view while
    // scrolling are kept, and a new order re-renders them.
    let window = move || {
        let range = visible_range(scroll_top.get(), viewport.get(), total_rows());
        state
            .view
            .with(|v| range.map(|pos| (pos, v[pos])).collect::<Vec<_>>())
    };

    let header = move || {
        let keys = state.sort.get();
        state
            .columns
            .get()
            .into_iter()
            .map(|id| header_cell(state, locale, id, &keys))
            .collect_view()
            .into_any()
    };

    view! {
        <section class="panel records" aria-labelledby="records-heading">
            <h2 id="records-heading">{locale.tr(text::RECORDS_HEADING)}</h2>
            <p class="row-count" aria-live="polite">
                {move || {
                    text::ROW_COUNT.fill(
                        locale.lang(),
                        &[&total_rows().to_string(), &loaded().to_string()],
                    )
                }}
            </p>
            <div
                class="vtable-scroll"
                node_ref=scroller
                on:scroll=on_scroll
                tabindex="-1"
            >
                <div
                    class="vtable"
                    role="table"
                    aria-label=locale.tr(text::LOGIN_RECORDS)
                    aria-rowcount=move || (total_rows() + 1).to_string()
                    aria-colcount=move || state.columns.with(Vec::len).to_string()
                >
                    <div role="rowgroup" class="vtable-head">
                        <div
                            role="row"
                            aria-rowindex="1"
                            class="vrow"
                            style:grid-template-columns=move || template.get()
                        >
                            {move || header()}
                        </div>
                    </div>
                    <div
                        role="rowgroup"
                        class="vtable-body"
                        style:height=move || format!("{}px", shortest(total_rows() as f64 * ROW_HEIGHT))
                    >
                        <For
                            each=window
                            key=|(pos, row)| (*pos, *row)
                            children=move |(pos, row)| data_row(state, locale, template, pos, row)
                        />
                    </div>
                </div>
            </div>
            <Show when=move || loaded() == 0>
                <p class="field-help">{locale.tr(text::NO_RECORDS)}</p>
            </Show>
        </section>
    }
}

/// A sortable header: click sorts by this column, shift-click adds it as a further key. The
/// button's name is the header (with the zone of a time column) in the current language.
fn header_cell(state: TableState, locale: Locale, id: ColumnId, keys: &[SortKey]) -> impl IntoView {
    let spec = column(id);
    let position = keys.iter().position(|k| k.column == id);
    let aria_sort = position.map(|i| {
        if keys[i].descending {
            "descending"
        } else {
            "ascending"
        }
    });
    let marker = match position {
        Some(i) => {
            let arrow = if keys[i].descending { "▼" } else { "▲" };
            if keys.len() > 1 {
                format!("{arrow}{}", i + 1)
            } else {
                arrow.to_owned()
            }
        }
        None => String::new(),
    };
    let name = move || {
        let lang = locale.lang();
        let header = spec.header.get(lang);
        if spec.kind == ColumnKind::Time {
            format!("{header} ({})", state.zone_name(lang))
        } else {
            header.to_owned()
        }
    };
    view! {
        <div
            role="columnheader"
            class="vcell head"
            class:num=is_numeric(id)
            aria-sort=aria_sort
        >
            <button
                type="button"
                class="sort"
                title=locale.tr(text::SORT_HINT)
                on:click=move |ev: ev::MouseEvent| {
                    state.sort.update(|keys| *keys = toggle_sort(keys, id, ev.shift_key()));
                }
            >
                {name}
                <span class="sort-marker" aria-hidden="true">{marker}</span>
            </button>
        </div>
    }
}

fn data_row(
    state: TableState,
    locale: Locale,
    template: Memo<String>,
    pos: usize,
    row: RowId,
) -> impl IntoView {
    let open = move || state.selected.set(Some(row));
    let cells = move || {
        let lang = locale.lang();
        let zone = state.zone();
        let bands = state.bands.get();
        state.table.with(|table| {
            state
                .columns
                .get()
                .into_iter()
                .map(|id| {
                    if column(id).kind == ColumnKind::Phase {
                        return phase_cell(state, lang, table, row).into_any();
                    }
                    let cell = table.cell(row, id, &bands);
                    let text = cell.display(lang, &zone);
                    let title = text.clone();
                    let class = cell_class(&cell);
                    // The record's own value: never translated (by a browser either).
                    let user_data = cell.is_from_data().then_some("no");
                    view! {
                        <div role="cell" class=format!("vcell {class}") class:num=is_numeric(id) title=title translate=user_data>
                            {text}
                        </div>
                    }
                    .into_any()
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <div
            role="row"
            class="vrow"
            class:selected=move || state.selected.get() == Some(row)
            aria-rowindex=(pos + 2).to_string()
            tabindex="0"
            style:top=format!("{}px", shortest(pos as f64 * ROW_HEIGHT))
            style:grid-template-columns=move || template.get()
            on:click=move |_| open()
            on:keydown=move |ev: ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    open();
                }
            }
        >
            {move || cells()}
        </div>
    }
}

/// A "Slowest phase" cell: looked up in the session's analysis (tracked only while the column
/// is shown), "not analyzed" for a login without one.
fn phase_cell(state: TableState, lang: Lang, table: &RecordTable, row: RowId) -> impl IntoView {
    let (text, class, user_data) = state.phases.with(|phases| {
        let slowest = phases.of_row(table, row);
        // An unknown phase is named by the API: never translated.
        let user_data =
            matches!(slowest, Some(SlowestPhase::Phase(Phase::Other(_)))).then_some("no");
        let class = if slowest.is_none() { "missing" } else { "" };
        (slowest_text(lang, slowest), class, user_data)
    });
    let title = text.clone();
    view! {
        <div role="cell" class=format!("vcell {class}") title=title translate=user_data>
            {text}
        </div>
    }
}

fn cell_class(cell: &Cell<'_>) -> &'static str {
    match cell {
        Cell::Band(Band::Good) => "band-good",
        Cell::Band(Band::Fair) => "band-fair",
        Cell::Band(Band::Poor) => "band-poor",
        Cell::Outcome { failed: true } => "band-poor",
        Cell::Missing => "missing",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_covers_the_viewport_plus_overscan_and_stays_in_bounds() {
        assert_eq!(visible_range(0.0, 360.0, 100_000), 0..20);
        let r = visible_range(36_000.0, 360.0, 100_000);
        assert_eq!(r, 990..1020);
        assert_eq!(visible_range(1e9, 360.0, 50), 50..50);
        assert_eq!(visible_range(0.0, 360.0, 5), 0..5);
        assert_eq!(visible_range(-50.0, 0.0, 5), 0..5);
    }
}
