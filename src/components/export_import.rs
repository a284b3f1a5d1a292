//! Export of the shown or all rows (CSV or JSON) as a download, and import of a JSON file
//! exported earlier, with one status line for both.
//!
//! Language: the CSV's header row and the app's words in it follow the interface's language,
//! as the table shows them; JSON keeps the API's field names. The status line holds what
//! happened (a count, a file, a problem), and says it in the current language, so a switch
//! re-words it; file names are the user's own text and marked `translate="no"`.

use leptos::prelude::*;
use logins_core::i18n::{table as text, Lang, Text};
use logins_core::records::export::{csv_columns, import_table, to_csv_with, to_json, ImportError};
use logins_core::time::format::fixed_time;
use wasm_bindgen::JsCast;

use crate::file_io::{self, FileProblem};
use crate::locale::use_locale;
use crate::runner::Runner;
use crate::table_state::TableState;

/// What the status line says, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Notice {
    Nothing,
    Exported(usize),
    /// `count` entries of `file` were not records.
    Skipped {
        count: usize,
        file: String,
    },
    NotImported {
        file: String,
        error: ImportError,
    },
    File(FileProblem),
}

/// `template` in `lang` with `{i}` replaced by `args[i]`; an argument marked `true` is the
/// user's own text (a file name) and sits in a `translate="no"` span.
fn sentence(lang: Lang, template: Text, args: &[(String, bool)]) -> AnyView {
    let mut parts: Vec<AnyView> = Vec::new();
    let mut rest = template.get(lang);
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let index: usize = after[..close].parse().ok()?;
            Some((args.get(index)?, close))
        });
        match arg {
            Some(((value, user_data), close)) => {
                parts.push(rest[..open].to_owned().into_any());
                if *user_data {
                    parts.push(view! { <span translate="no">{value.clone()}</span> }.into_any());
                } else {
                    parts.push(value.clone().into_any());
                }
                rest = &after[close + 1..];
            }
            None => {
                parts.push(rest[..=open].to_owned().into_any());
                rest = after;
            }
        }
    }
    parts.push(rest.to_owned().into_any());
    parts.into_any()
}

impl Notice {
    fn render(&self, lang: Lang) -> AnyView {
        match self {
            Notice::Nothing => ().into_any(),
            Notice::Exported(n) => text::EXPORTED.fill(lang, &[&n.to_string()]).into_any(),
            Notice::Skipped { count, file } => sentence(
                lang,
                text::IMPORT_SKIPPED,
                &[(count.to_string(), false), (file.clone(), true)],
            ),
            Notice::NotImported { file, error } => sentence(
                lang,
                text::NOT_IMPORTED,
                &[(file.clone(), true), (error.message(lang), false)],
            ),
            Notice::File(problem) => {
                sentence(lang, problem.text(), &[(problem.file().to_owned(), true)])
            }
        }
    }
}

#[component]
pub fn ExportImport() -> impl IntoView {
    let state = expect_context::<TableState>();
    let runner = expect_context::<Runner>();
    let locale = use_locale();
    let notice = RwSignal::new(Notice::Nothing);

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
            // Region and Project too when the rows have them, shown or not.
            let columns = csv_columns(&table, &rows, &state.columns.get_untracked());
            let bands = state.bands.get_untracked();
            // The language on screen now: the file is what the user sees.
            let lang = untrack(|| locale.lang());
            file_io::save(
                &format!("login-records-{scope}-{stamp}.csv"),
                "text/csv;charset=utf-8",
                // "Slowest phase" as the table shows it, from the session's analysis.
                &state.phases.with_untracked(|phases| {
                    to_csv_with(
                        &table,
                        &rows,
                        &columns,
                        &bands,
                        phases,
                        lang,
                        &state.zone_untracked(),
                    )
                }),
            )
        } else {
            file_io::save(
                &format!("login-records-{scope}-{stamp}.json"),
                "application/json",
                &to_json(&table, &rows),
            )
        };
        notice.set(match result {
            Ok(()) => Notice::Exported(rows.len()),
            Err(e) => Notice::File(e),
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
                Err(e) => return notice.set(Notice::File(e)),
            };
            match import_table(&text) {
                Ok(imported) => {
                    notice.set(if imported.skipped > 0 {
                        Notice::Skipped {
                            count: imported.skipped,
                            file: name.clone(),
                        }
                    } else {
                        Notice::Nothing
                    });
                    runner.show_imported(imported.table, &name);
                }
                Err(error) => notice.set(Notice::NotImported { file: name, error }),
            }
        });
    };

    let has_rows = move || state.table.with(|t| !t.is_empty());

    // One view for the four export buttons (each inline button was its own view type).
    let export_button = move |label: Text, csv: bool, all: bool| {
        view! {
            <button type="button" disabled=move || !has_rows() on:click=move |_| export(csv, all)>
                {locale.tr(label)}
            </button>
        }
        .into_any()
    };
    view! {
        <div class="buttons">
            {export_button(text::EXPORT_SHOWN_CSV, true, false)}
            {export_button(text::EXPORT_SHOWN_JSON, false, false)}
            {export_button(text::EXPORT_ALL_CSV, true, true)}
            {export_button(text::EXPORT_ALL_JSON, false, true)}
            <label class="file-button">
                {locale.tr(text::IMPORT_JSON)}
                <input type="file" accept=".json,application/json" on:change=import/>
            </label>
        </div>
        <p class="field-help" role="status">{move || notice.with(|n| n.render(locale.lang()))}</p>
    }
}
