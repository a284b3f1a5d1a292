//! Controls of the records table: quick search, column filters, time zone, RTT bands, the column
//! chooser, and export/import.

use leptos::prelude::*;
use logins_core::records::columns::{column, Band, BandThresholds, ColumnId, ColumnKind, COLUMNS};
use logins_core::records::export::{import_table, to_csv, to_json};
use logins_core::records::filter::ColumnFilter;
use logins_core::time::format::{fixed_time, DisplayZone};
use wasm_bindgen::JsCast;

use crate::clock::{local_offset_at, local_offset_at_unix};
use crate::file_io;
use crate::runner::Runner;
use crate::table_state::{default_columns, TableState};

#[component]
pub fn TableToolbar() -> impl IntoView {
    let state = expect_context::<TableState>();
    let runner = expect_context::<Runner>();
    let message = RwSignal::new(String::new());

    let set_quick = move |text: String| state.filter.update(|f| f.quick = text);

    let export = move |csv: bool, all: bool| {
        let table = state.table.get_untracked();
        let rows: Vec<u32> = if all {
            (0..table.len() as u32).collect()
        } else {
            state.view.get_untracked().to_vec()
        };
        let stamp = fixed_time(&chrono::Utc::now().naive_utc(), "", "-", "", true);
        let scope = if all { "all" } else { "shown" };
        let result = if csv {
            let columns = state.columns.get_untracked();
            let bands = state.bands.get_untracked();
            let offset = local_offset_at_unix;
            let zone = if state.utc.get_untracked() {
                DisplayZone::Utc
            } else {
                DisplayZone::Local(&offset)
            };
            file_io::save(
                &format!("login-records-{scope}-{stamp}.csv"),
                "text/csv;charset=utf-8",
                &to_csv(&table, &rows, &columns, &bands, &zone),
            )
        } else {
            file_io::save(
                &format!("login-records-{scope}-{stamp}.json"),
                "application/json",
                &to_json(&table, &rows),
            )
        };
        message.set(match result {
            Ok(()) => format!("Exported {} rows.", rows.len()),
            Err(e) => e,
        });
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = match file_io::read_text(&file).await {
                Ok(text) => text,
                Err(e) => return message.set(e),
            };
            match import_table(&text) {
                Ok(imported) => {
                    message.set(if imported.skipped > 0 {
                        format!(
                            "{} entries of {name} were not records and were skipped.",
                            imported.skipped
                        )
                    } else {
                        String::new()
                    });
                    runner.show_imported(imported.table, &name);
                }
                Err(e) => message.set(format!("{name} was not imported: {e}")),
            }
        });
    };

    let has_rows = move || state.table.with(|t| !t.is_empty());

    // One view for the four export buttons (each inline button was its own view type).
    let export_button = move |label: &'static str, csv: bool, all: bool| {
        view! {
            <button type="button" disabled=move || !has_rows() on:click=move |_| export(csv, all)>
                {label}
            </button>
        }
        .into_any()
    };
    view! {
        <div class="panel table-toolbar">
            <div class="grid">
                <div class="field">
                    <label for="quick-search">"Search records"</label>
                    <input
                        id="quick-search"
                        type="search"
                        placeholder="user, computer, IP, version…"
                        prop:value=move || state.filter.with(|f| f.quick.clone())
                        on:input=move |ev| set_quick(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <span class="label">"Times"</span>
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || state.utc.get()
                            on:change=move |ev| state.utc.set(event_target_checked(&ev))
                        />
                        "Show times in UTC"
                    </label>
                </div>
                <BandInputs/>
            </div>
            <div class="buttons">
                {export_button("Export shown rows (CSV)", true, false)}
                {export_button("Export shown rows (JSON)", false, false)}
                {export_button("Export all rows (CSV)", true, true)}
                {export_button("Export all rows (JSON)", false, true)}
                <label class="file-button">
                    "Import JSON file"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
            </div>
            <p class="field-help" role="status">{move || message.get()}</p>
            <ColumnFilters/>
            <ColumnChooser/>
        </div>
    }
}

/// The RTT quality thresholds, editable: what counts as good or fair differs per site.
#[component]
fn BandInputs() -> impl IntoView {
    view! {
        {band_input("band-good", "Good RTT up to (ms)", |b| &mut b.good_max_ms)}
        {band_input("band-fair", "Fair RTT up to (ms)", |b| &mut b.fair_max_ms)}
    }
}

/// The input of one threshold (`field` of the bands): shows its value, and stores a whole
/// number on change (negative as 0; text that is not a number is ignored).
fn band_input(
    id: &'static str,
    label: &'static str,
    field: fn(&mut BandThresholds) -> &mut i64,
) -> impl IntoView {
    let state = expect_context::<TableState>();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                inputmode="numeric"
                prop:value=move || {
                    let mut bands = state.bands.get();
                    field(&mut bands).to_string()
                }
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).trim().parse::<i64>() {
                        state.bands.update(|b| *field(b) = value.max(0));
                    }
                }
            />
        </div>
    }
}

/// Replaces the filters of one column by `filter` (or removes them).
fn set_column_filter(state: TableState, id: ColumnId, filter: Option<ColumnFilter>) {
    state.filter.update(|f| {
        f.columns.retain(|c| c.column() != id);
        f.columns.extend(filter);
    });
}

/// One filter input per visible column, by what the column holds.
#[component]
fn ColumnFilters() -> impl IntoView {
    let state = expect_context::<TableState>();
    let active = move || state.filter.with(|f| f.columns.len());
    view! {
        <details class="column-filters">
            <summary>{move || match active() {
                0 => "Column filters".to_owned(),
                n => format!("Column filters ({n} active)"),
            }}</summary>
            <div class="grid">
                {move || state.columns.get().into_iter().map(|id| column_filter(state, id)).collect_view().into_any()}
            </div>
            <button
                type="button"
                disabled=move || active() == 0
                on:click=move |_| state.filter.update(|f| f.columns.clear())
            >
                "Clear column filters"
            </button>
        </details>
    }
}

fn current(state: TableState, id: ColumnId) -> Option<ColumnFilter> {
    state
        .filter
        .with_untracked(|f| f.columns.iter().find(|c| c.column() == id).cloned())
}

/// The filter on column `id`, tracked: the inputs show what is in force, however it was set
/// (typed here, or by a click on a chart or breakdown), and empty out when it is cleared.
fn tracked(state: TableState, id: ColumnId) -> Option<ColumnFilter> {
    state
        .filter
        .with(|f| f.columns.iter().find(|c| c.column() == id).cloned())
}

/// A Unix time as a `datetime-local` value in the browser's zone.
fn unix_to_local_input(unix: i64) -> String {
    let local = unix.saturating_add(i64::from(local_offset_at_unix(unix)) * 60);
    chrono::DateTime::from_timestamp(local, 0)
        .map(|t| fixed_time(&t.naive_utc(), "-", "T", ":", false))
        .unwrap_or_default()
}

fn column_filter(state: TableState, id: ColumnId) -> AnyView {
    let spec = column(id);
    let input_id = format!("filter-{}", spec.key);
    match spec.kind {
        ColumnKind::Text => {
            view! {
                <div class="field">
                    <label for=input_id.clone()>{format!("{} contains", spec.header)}</label>
                    <input
                        id=input_id
                        type="search"
                        prop:value=move || match tracked(state, id) {
                            Some(ColumnFilter::Contains { needle: text, .. })
                            | Some(ColumnFilter::Equals { value: text, .. })
                            | Some(ColumnFilter::StartsWith { prefix: text, .. }) => text,
                            _ => String::new(),
                        }
                        on:input=move |ev| {
                            let needle = event_target_value(&ev);
                            let filter = (!needle.trim().is_empty())
                                .then_some(ColumnFilter::Contains { column: id, needle });
                            set_column_filter(state, id, filter);
                        }
                    />
                </div>
            }
            .into_any()
        }
        ColumnKind::Milliseconds | ColumnKind::Duration | ColumnKind::Time => {
            range_filter(state, id, input_id).into_any()
        }
        ColumnKind::Bool | ColumnKind::Outcome => {
            let (yes, no) = if spec.kind == ColumnKind::Outcome {
                ("Failed", "Succeeded")
            } else {
                ("Yes", "No")
            };
            view! {
                <div class="field">
                    <label for=input_id.clone()>{spec.header}</label>
                    <select
                        id=input_id
                        prop:value=move || match tracked(state, id) {
                            Some(ColumnFilter::Is { value: true, .. }) => "yes",
                            Some(ColumnFilter::Is { value: false, .. }) => "no",
                            _ => "",
                        }
                        on:change=move |ev| {
                            let filter = match event_target_value(&ev).as_str() {
                                "yes" => Some(ColumnFilter::Is { column: id, value: true }),
                                "no" => Some(ColumnFilter::Is { column: id, value: false }),
                                _ => None,
                            };
                            set_column_filter(state, id, filter);
                        }
                    >
                        <option value="">"Any"</option>
                        <option value="yes">{yes}</option>
                        <option value="no">{no}</option>
                    </select>
                </div>
            }
            .into_any()
        }
        ColumnKind::Band => view! {
            <div class="field">
                <label for=input_id.clone()>{spec.header}</label>
                <select
                    id=input_id
                    prop:value=move || match tracked(state, id) {
                        Some(ColumnFilter::Band { band, .. }) => band.label(),
                        _ => "",
                    }
                    on:change=move |ev| {
                        let band = match event_target_value(&ev).as_str() {
                            "good" => Some(Band::Good),
                            "fair" => Some(Band::Fair),
                            "poor" => Some(Band::Poor),
                            _ => None,
                        };
                        set_column_filter(state, id, band.map(|band| ColumnFilter::Band { column: id, band }));
                    }
                >
                    <option value="">"Any"</option>
                    <option value="good">"Good"</option>
                    <option value="fair">"Fair"</option>
                    <option value="poor">"Poor"</option>
                </select>
            </div>
        }
        .into_any(),
    }
}

/// From/to inputs: milliseconds, seconds, or local date-times, by the column's kind.
fn range_filter(state: TableState, id: ColumnId, input_id: String) -> impl IntoView {
    let spec = column(id);
    let (unit, input_type) = match spec.kind {
        ColumnKind::Milliseconds => (" (ms)", "text"),
        ColumnKind::Duration => (" (s)", "text"),
        _ => ("", "datetime-local"),
    };
    let parse = move |text: &str| -> Option<i64> {
        let text = text.trim();
        if spec.kind == ColumnKind::Time {
            let naive = logins_core::time::text::parse_datetime_local(text)?;
            Some(naive.and_utc().timestamp() - i64::from(local_offset_at(naive)) * 60)
        } else {
            text.parse().ok()
        }
    };
    let update = move |is_min: bool, text: String| {
        let (mut min, mut max) = match current(state, id) {
            Some(ColumnFilter::Range { min, max, .. }) => (min, max),
            _ => (None, None),
        };
        let value = parse(&text);
        if is_min {
            min = value;
        } else {
            max = value;
        }
        let filter = (min.is_some() || max.is_some()).then_some(ColumnFilter::Range {
            column: id,
            min,
            max,
        });
        set_column_filter(state, id, filter);
    };
    let from_id = format!("{input_id}-from");
    let to_id = format!("{input_id}-to");
    let shown = move |is_min: bool| match tracked(state, id) {
        Some(ColumnFilter::Range { min, max, .. }) => {
            let bound = if is_min { min } else { max };
            match (bound, spec.kind) {
                (Some(v), ColumnKind::Time) => unix_to_local_input(v),
                (Some(v), _) => v.to_string(),
                (None, _) => String::new(),
            }
        }
        _ => String::new(),
    };
    view! {
        <div class="field range">
            <label for=from_id.clone()>{format!("{} from{unit}", spec.header)}</label>
            <input
                id=from_id
                type=input_type
                inputmode="numeric"
                prop:value=move || shown(true)
                on:change=move |ev| update(true, event_target_value(&ev))
            />
            <label for=to_id.clone()>{format!("{} to{unit}", spec.header)}</label>
            <input
                id=to_id
                type=input_type
                inputmode="numeric"
                prop:value=move || shown(false)
                on:change=move |ev| update(false, event_target_value(&ev))
            />
        </div>
    }
}

/// Puts keyboard focus back on the control named `label` once the list has been redrawn:
/// moving a list item moves its DOM node, and the browser drops focus from a moved node.
fn refocus(label: String) {
    request_animation_frame(move || {
        let selector = format!("[aria-label=\"{}\"]", label.replace('"', "\\\""));
        if let Some(element) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Show/hide and reorder columns; the choice is saved on this device.
#[component]
fn ColumnChooser() -> impl IntoView {
    let state = expect_context::<TableState>();
    let toggle = move |id: ColumnId, on: bool| {
        state.columns.update(|cols| {
            cols.retain(|c| *c != id);
            if on {
                cols.push(id);
            }
        });
        refocus(format!("Show the {} column", column(id).header));
    };
    let shift = move |id: ColumnId, by: isize| {
        state.columns.update(|cols| {
            if let Some(i) = cols.iter().position(|c| *c == id) {
                let j = i as isize + by;
                if (0..cols.len() as isize).contains(&j) {
                    cols.swap(i, j as usize);
                }
            }
        });
        let direction = if by < 0 { "up" } else { "down" };
        refocus(format!("Move {} {direction}", column(id).header));
    };
    view! {
        <details class="column-chooser">
            <summary>"Columns"</summary>
            <ul class="column-list">
                // Keyed by column, so moving or hiding one moves its DOM node too and keyboard
                // focus stays on the control the user just used.
                <For
                    each=move || {
                        let visible = state.columns.get();
                        // Visible columns in their order first, then the hidden ones.
                        let mut ordered = visible.clone();
                        ordered.extend(COLUMNS.iter().map(|c| c.id).filter(|id| !visible.contains(id)));
                        ordered
                    }
                    key=|id| *id
                    children=move |id| {
                        let spec = column(id);
                        let shown = move || state.columns.with(|cols| cols.contains(&id));
                        // Named "Show the … column" rather than by the bare header, so the query
                        // form's fields ("User name", ...) keep unique labels.
                        view! {
                            <li>
                                <input
                                    type="checkbox"
                                    aria-label=format!("Show the {} column", spec.header)
                                    prop:checked=move || state.columns.with(|cols| cols.contains(&id))
                                    on:change=move |ev| toggle(id, event_target_checked(&ev))
                                />
                                <span class="column-name" aria-hidden="true">{spec.header}</span>
                                <button
                                    type="button"
                                    class="small"
                                    aria-label=format!("Move {} up", spec.header)
                                    disabled=move || !shown()
                                    on:click=move |_| shift(id, -1)
                                >
                                    "Move up"
                                </button>
                                <button
                                    type="button"
                                    class="small"
                                    aria-label=format!("Move {} down", spec.header)
                                    disabled=move || !shown()
                                    on:click=move |_| shift(id, 1)
                                >
                                    "Move down"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <button type="button" on:click=move |_| state.columns.set(default_columns())>
                "Reset columns"
            </button>
        </details>
    }
}
