//! Show/hide and reorder the table's columns; the choice is saved on this device.

use leptos::prelude::*;
use logins_core::records::column_choice::chooser_order;
use logins_core::records::columns::{column, ColumnId};
use wasm_bindgen::JsCast;

use crate::table_state::TableState;

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

#[component]
pub fn ColumnChooser() -> impl IntoView {
    let state = expect_context::<TableState>();
    let toggle = move |id: ColumnId, on: bool| {
        state.show_column(id, on);
        refocus(format!("Show the {} column", column(id).header));
    };
    let shift = move |id: ColumnId, by: isize| {
        state.move_column(id, by);
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
                    each=move || state.columns.with(|visible| chooser_order(visible))
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
            <button type="button" on:click=move |_| state.reset_columns()>
                "Reset columns"
            </button>
        </details>
    }
}
