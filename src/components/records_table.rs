//! The loaded records as a plain table: the first rows only, so a Fetch all of 100,000 records
//! does not put 100,000 rows in the DOM.

use leptos::prelude::*;
use logins_core::record::{Record, Timestamp};

use crate::runner::Runner;

/// Rows rendered at most. Enough to read a page of results; the full set is in the status and
/// the exports.
pub const MAX_ROWS: usize = 500;

#[component]
pub fn RecordsTable() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let records = Memo::new(move |_| runner.results.with(|r| r.records()));

    let rows = move || {
        records.with(|records| records.iter().take(MAX_ROWS).map(record_row).collect_view())
    };
    let note = move || {
        let count = records.with(|r| r.len());
        (count > MAX_ROWS).then(|| format!("Showing the first {MAX_ROWS} of {count} records."))
    };

    view! {
        <section class="panel" aria-labelledby="records-heading">
            <h2 id="records-heading">"Records"</h2>
            <Show
                when=move || records.with(|r| !r.is_empty())
                fallback=|| view! { <p class="field-help">"No records loaded."</p> }
            >
                <p class="field-help">{note}</p>
                <div class="table-scroll">
                    <table aria-label="Login records">
                        <thead>
                            <tr>
                                <th scope="col">"User name"</th>
                                <th scope="col">"Computer name"</th>
                                <th scope="col">"Terminal type"</th>
                                <th scope="col">"Connection start (UTC)"</th>
                                <th scope="col">"Connection end (UTC)"</th>
                                <th scope="col" class="num">"Network RTT (ms)"</th>
                                <th scope="col" class="num">"E2E RTT (ms)"</th>
                                <th scope="col">"Public IP"</th>
                                <th scope="col">"Outcome"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

fn record_row(record: &Record) -> impl IntoView {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let time = |value: &Option<Timestamp>| match value {
        Some(Timestamp {
            parsed: Some(t), ..
        }) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Some(Timestamp { raw, .. }) => raw.clone(),
        None => String::new(),
    };
    let number = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
    let outcome = match record.connection_failure_reason.as_deref() {
        Some(reason) if !reason.trim().is_empty() => format!("Failed: {reason}"),
        _ => "Succeeded".to_owned(),
    };
    view! {
        <tr>
            <td>{text(&record.user_name)}</td>
            <td>{text(&record.computer_name)}</td>
            <td>{text(&record.terminal_type)}</td>
            <td>{time(&record.connection_start_time)}</td>
            <td>{time(&record.connection_end_time)}</td>
            <td class="num">{number(record.network_rtt)}</td>
            <td class="num">{number(record.e2e_rtt)}</td>
            <td>{text(&record.public_ip)}</td>
            <td>{outcome}</td>
        </tr>
    }
}
