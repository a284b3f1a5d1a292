//! One filter input per visible column, by what the column holds: text, a range (ms, seconds
//! or local date-times), yes/no, or a quality band.
//!
//! Language: labels and option texts follow the interface's language; the filters are data
//! (`ColumnFilter`: text typed, a bound, `true`/`false`, a `Band` whose option value is its
//! key), so a switch re-labels the inputs and keeps every filter and the rows it lets through.

use leptos::prelude::*;
use logins_core::i18n::{stages, table as text, Text};
use logins_core::paging::FailureKind;
use logins_core::records::columns::{column, Band, ColumnId, ColumnKind};
use logins_core::records::filter::{ColumnFilter, RangeEnd};
use logins_core::stages::{phase_name, slowest_key, Phase, SlowestPhase};
use logins_core::time::format::fixed_time;

use crate::clock::{local_offset_at, local_offset_at_unix};
use crate::locale::{use_locale, Locale};
use crate::table_state::TableState;

#[component]
pub fn ColumnFilters() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let active = move || state.filter.with(|f| f.columns.len());
    view! {
        <details class="column-filters">
            <summary>{move || match active() {
                0 => text::COLUMN_FILTERS.get(locale.lang()).to_owned(),
                n => text::COLUMN_FILTERS_ACTIVE.fill(locale.lang(), &[&n.to_string()]),
            }}</summary>
            <div class="grid">
                {move || state.columns.get().into_iter().map(|id| column_filter(state, locale, id)).collect_view().into_any()}
            </div>
            <button
                type="button"
                disabled=move || active() == 0
                on:click=move |_| state.clear_column_filters()
            >
                {locale.tr(text::CLEAR_COLUMN_FILTERS)}
            </button>
        </details>
    }
}

/// A Unix time as a `datetime-local` value: such an input is always in the browser's zone,
/// whatever the UTC/local choice.
fn unix_to_local_input(unix: i64) -> String {
    let local = unix.saturating_add(i64::from(local_offset_at_unix(unix)) * 60);
    chrono::DateTime::from_timestamp(local, 0)
        .map(|t| fixed_time(&t.naive_utc(), "-", "T", ":", false))
        .unwrap_or_default()
}

fn column_filter(state: TableState, locale: Locale, id: ColumnId) -> AnyView {
    let spec = column(id);
    let input_id = format!("filter-{}", spec.key);
    let header = move || spec.header.get(locale.lang());
    match spec.kind {
        ColumnKind::Text => {
            view! {
                <div class="field">
                    <label for=input_id.clone()>{move || text::CONTAINS.fill(locale.lang(), &[header()])}</label>
                    <input
                        id=input_id
                        type="search"
                        prop:value=move || match state.column_filter(id) {
                            Some(ColumnFilter::Contains { needle: text, .. })
                            | Some(ColumnFilter::Equals { value: text, .. }) => text,
                            Some(ColumnFilter::Subnet16 { network: [a, b], .. }) => format!("{a}.{b}.0.0/16"),
                            _ => String::new(),
                        }
                        on:input=move |ev| {
                            let needle = event_target_value(&ev);
                            state.set_column_filter(id, Some(ColumnFilter::Contains { column: id, needle }));
                        }
                    />
                </div>
            }
            .into_any()
        }
        ColumnKind::Milliseconds | ColumnKind::Duration | ColumnKind::Time => {
            range_filter(state, locale, id, input_id).into_any()
        }
        ColumnKind::Bool | ColumnKind::Outcome => {
            let (yes, no) = if spec.kind == ColumnKind::Outcome {
                (text::FAILED, text::SUCCEEDED)
            } else {
                (text::YES_OPTION, text::NO_OPTION)
            };
            view! {
                <div class="field">
                    <label for=input_id.clone()>{header}</label>
                    <select
                        id=input_id
                        prop:value=move || match state.column_filter(id) {
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
                            state.set_column_filter(id, filter);
                        }
                    >
                        <option value="">{locale.tr(text::ANY)}</option>
                        <option value="yes">{locale.tr(yes)}</option>
                        <option value="no">{locale.tr(no)}</option>
                    </select>
                </div>
            }
            .into_any()
        }
        ColumnKind::Band => view! {
            <div class="field">
                <label for=input_id.clone()>{header}</label>
                <select
                    id=input_id
                    prop:value=move || match state.column_filter(id) {
                        Some(ColumnFilter::Band { band, .. }) => band.label(),
                        _ => "",
                    }
                    on:change=move |ev| {
                        let band = Band::parse(&event_target_value(&ev));
                        state.set_column_filter(id, band.map(|band| ColumnFilter::Band { column: id, band }));
                    }
                >
                    <option value="">{locale.tr(text::ANY)}</option>
                    {Band::ALL.into_iter().map(|band| view! { <option value=band.label()>{move || band.name(locale.lang())}</option> }).collect_view()}
                </select>
            </div>
        }
        .into_any(),
        ColumnKind::Phase => phase_filter(state, locale, id, input_id).into_any(),
    }
}

/// "Slowest phase": one of the known phases, an unknown one an answer named, or "not analyzed",
/// "no phases", "no phase durations", "analysis failed". The option values are the keys of
/// `logins_core::stages::slowest_key`, the same in every language.
fn phase_filter(
    state: TableState,
    locale: Locale,
    id: ColumnId,
    input_id: String,
) -> impl IntoView {
    let spec = column(id);
    let unknown = move || state.phases.with(|p| p.unknown_phase_names());
    let word = move |slowest: Option<SlowestPhase>, words: Text| {
        let key = slowest_key(slowest.as_ref()).to_owned();
        view! { <option value=key>{locale.tr(words)}</option> }
    };
    view! {
        <div class="field">
            <label for=input_id.clone()>{move || spec.header.get(locale.lang())}</label>
            <select
                id=input_id
                prop:value=move || match state.column_filter(id) {
                    Some(ColumnFilter::Equals { value, .. }) => value,
                    _ => String::new(),
                }
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let filter = (!value.is_empty()).then_some(ColumnFilter::Equals { column: id, value });
                    state.set_column_filter(id, filter);
                }
            >
                <option value="">{locale.tr(text::ANY)}</option>
                {Phase::KNOWN.into_iter().map(|phase| {
                    let key = phase.api_name().to_owned();
                    view! { <option value=key>{move || phase_name(locale.lang(), &phase)}</option> }
                }).collect_view()}
                {move || unknown().into_iter().map(|name| {
                    let value = name.clone();
                    view! { <option value=value translate="no">{name}</option> }
                }).collect_view()}
                {word(None, stages::NOT_ANALYZED)}
                {word(Some(SlowestPhase::NoPhases), stages::NO_PHASES)}
                {word(Some(SlowestPhase::NoDurations), stages::NO_PHASE_DURATIONS)}
                {word(Some(SlowestPhase::Failed(FailureKind::Network)), stages::ANALYSIS_FAILED)}
            </select>
        </div>
    }
}

/// From/to inputs: milliseconds, seconds, or local date-times, by the column's kind.
fn range_filter(
    state: TableState,
    locale: Locale,
    id: ColumnId,
    input_id: String,
) -> impl IntoView {
    let spec = column(id);
    let input_type = match spec.kind {
        ColumnKind::Milliseconds | ColumnKind::Duration => "text",
        _ => "datetime-local",
    };
    // "Network RTT from (ms)": the header, the end, and the unit after a space (none for times).
    let label = move |end: RangeEnd| {
        let lang = locale.lang();
        let unit = match spec.kind {
            ColumnKind::Milliseconds => " (ms)".to_owned(),
            ColumnKind::Duration => format!(" {}", text::UNIT_SECONDS.get(lang)),
            _ => String::new(),
        };
        let template = match end {
            RangeEnd::From => text::RANGE_FROM,
            RangeEnd::To => text::RANGE_TO,
        };
        template.fill(lang, &[spec.header.get(lang), &unit])
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
    let update = move |end: RangeEnd, text: String| state.set_range_end(id, end, parse(&text));
    let from_id = format!("{input_id}-from");
    let to_id = format!("{input_id}-to");
    let shown = move |end: RangeEnd| {
        let (min, max) = state.filter.with(|f| f.range_on(id));
        let bound = if end == RangeEnd::From { min } else { max };
        match (bound, spec.kind) {
            (Some(v), ColumnKind::Time) => unix_to_local_input(v),
            (Some(v), _) => v.to_string(),
            (None, _) => String::new(),
        }
    };
    view! {
        <div class="field range">
            <label for=from_id.clone()>{move || label(RangeEnd::From)}</label>
            <input
                id=from_id
                type=input_type
                inputmode="numeric"
                prop:value=move || shown(RangeEnd::From)
                on:change=move |ev| update(RangeEnd::From, event_target_value(&ev))
            />
            <label for=to_id.clone()>{move || label(RangeEnd::To)}</label>
            <input
                id=to_id
                type=input_type
                inputmode="numeric"
                prop:value=move || shown(RangeEnd::To)
                on:change=move |ev| update(RangeEnd::To, event_target_value(&ev))
            />
        </div>
    }
}
