//! Show/hide and reorder the table's columns; the choice is saved on this device (by column
//! keys, so it holds in every language). Names follow the interface's language.

use leptos::prelude::*;
use logins_core::i18n::table as text;
use logins_core::records::column_choice::chooser_order;
use logins_core::records::columns::{column, ColumnId};
use wasm_bindgen::JsCast;

use crate::locale::use_locale;
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
    let locale = use_locale();
    // An accessible name in the current language: `template` filled with the column's header.
    let name = move |template: logins_core::i18n::Text, id: ColumnId| {
        let lang = locale.lang();
        template.fill(lang, &[column(id).header.get(lang)])
    };
    let toggle = move |id: ColumnId, on: bool| {
        state.show_column(id, on);
        refocus(untrack(|| name(text::SHOW_COLUMN, id)));
    };
    let shift = move |id: ColumnId, by: isize| {
        state.move_column(id, by);
        let direction = if by < 0 {
            text::MOVE_NAMED_UP
        } else {
            text::MOVE_NAMED_DOWN
        };
        refocus(untrack(|| name(direction, id)));
    };
    view! {
        <details class="column-chooser">
            <summary>{locale.tr(text::COLUMNS)}</summary>
            <ul class="column-list">
                // Keyed by column, so moving or hiding one moves its DOM node too and keyboard
                // focus stays on the control the user just used.
                <For
                    each=move || state.columns.with(|visible| chooser_order(visible))
                    key=|id| *id
                    children=move |id| {
                        let shown = move || state.columns.with(|cols| cols.contains(&id));
                        // Named "Show the … column" rather than by the bare header, so the query
                        // form's fields ("User name", ...) keep unique labels.
                        view! {
                            <li>
                                <input
                                    type="checkbox"
                                    aria-label=move || name(text::SHOW_COLUMN, id)
                                    prop:checked=move || state.columns.with(|cols| cols.contains(&id))
                                    on:change=move |ev| toggle(id, event_target_checked(&ev))
                                />
                                <span class="column-name" aria-hidden="true">
                                    {move || column(id).header.get(locale.lang())}
                                </span>
                                <button
                                    type="button"
                                    class="small"
                                    aria-label=move || name(text::MOVE_NAMED_UP, id)
                                    disabled=move || !shown()
                                    on:click=move |_| shift(id, -1)
                                >
                                    {locale.tr(text::MOVE_UP)}
                                </button>
                                <button
                                    type="button"
                                    class="small"
                                    aria-label=move || name(text::MOVE_NAMED_DOWN, id)
                                    disabled=move || !shown()
                                    on:click=move |_| shift(id, 1)
                                >
                                    {locale.tr(text::MOVE_DOWN)}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <button type="button" on:click=move |_| state.reset_columns()>
                {locale.tr(text::RESET_COLUMNS)}
            </button>
        </details>
    }
}
