//! Export of the shown or all rows (CSV or JSON) as a download, and import of a JSON file
//! exported earlier, with one status line for both.

use leptos::prelude::*;
use logins_core::records::export::{import_table, to_csv, to_json};
use logins_core::time::format::fixed_time;
use wasm_bindgen::JsCast;

use crate::file_io;
use crate::runner::Runner;
use crate::table_state::TableState;

#[component]
pub fn ExportImport() -> impl IntoView {
    let state = expect_context::<TableState>();
    let runner = expect_context::<Runner>();
    let message = RwSignal::new(String::new());

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
            file_io::save(
                &format!("login-records-{scope}-{stamp}.csv"),
                "text/csv;charset=utf-8",
                &to_csv(&table, &rows, &columns, &bands, &state.zone_untracked()),
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
    }
}
