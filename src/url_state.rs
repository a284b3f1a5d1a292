//! Shareable state: filters, region/endpoint, project and proxy URL live in the page URL (never
//! secrets), so a link reopens the same query and the browser's Back button works.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use logins_core::api::share_link::{SharedState, SharedTarget};
use logins_core::i18n::Lang;
use logins_core::time::window::{api_to_local_input, TimePreset};
use wasm_bindgen::prelude::*;

use crate::clock::local_offset_at_utc;
use crate::form_state::FormState;

/// The form's shareable part. Custom times are written in the API's UTC form, so a link means
/// the same instant in every time zone.
pub fn shared_state(form: &FormState, now: DateTime<Utc>) -> SharedState {
    let preset = form.preset.get_untracked();
    let query = form
        .query_form(now)
        .unwrap_or_else(|_| logins_core::api::query::QueryForm {
            project_id: form.project_id.get_untracked(),
            ..Default::default()
        });
    let mut state = SharedState {
        region: form.region.get_untracked(),
        endpoint: form.endpoint.get_untracked(),
        project_id: form.project_id.get_untracked(),
        proxy_url: form.proxy_url.get_untracked(),
        preset: preset.id().to_owned(),
        form: query,
        auth: form.auth.get_untracked().id().to_owned(),
        lang: CARRIED_LANG.get(),
        label: form.first_label().get_untracked(),
        more_targets: form
            .more_targets
            .get_untracked()
            .iter()
            .map(|t| SharedTarget {
                region: t.region.get_untracked(),
                endpoint: t.endpoint.get_untracked(),
                project_id: t.project_id.get_untracked(),
                label: t.label.get_untracked(),
            })
            .collect(),
    };
    // A preset is relative ("last 24 h"): its computed times would freeze it.
    if preset != TimePreset::Custom {
        state.form.start_time.clear();
        state.form.end_time.clear();
    }
    state
}

/// Puts a link's state into the form. Only fields the link has are changed; credentials are
/// never read from a link (the parser drops secret-looking keys).
pub fn apply(form: &FormState, state: &SharedState, now: DateTime<Utc>) {
    let set = |signal: RwSignal<String>, value: &str| {
        if !value.is_empty() {
            signal.set(value.to_owned());
        }
    };
    if !state.endpoint.is_empty() {
        form.edit_endpoint(state.endpoint.clone());
    } else if !state.region.is_empty() {
        form.choose_region(&state.region);
    }
    set(form.project_id, &state.project_id);
    // The target list is the link's: a link of one target leaves one target.
    form.first_label().set(state.label.clone());
    form.set_more_targets(&state.more_targets);
    set(form.proxy_url, &state.proxy_url);
    if let Some(method) = AuthMethod::from_id(&state.auth) {
        form.auth.set(method);
    }
    let f = &state.form;
    set(form.user_name, &f.user_name);
    set(form.computer_name, &f.computer_name);
    set(form.terminal_type, &f.terminal_type);
    set(form.min_network_rtt, &f.min_network_rtt);
    set(form.max_network_rtt, &f.max_network_rtt);
    set(form.enterprise_project_id, &f.enterprise_project_id);
    set(form.public_ip, &f.public_ip);
    set(form.page_size, &f.limit);
    match TimePreset::from_id(&state.preset) {
        Some(TimePreset::Custom) => {
            form.preset.set(TimePreset::Custom);
            let local =
                |api: &str| api_to_local_input(api, local_offset_at_utc).unwrap_or_default();
            form.start_local.set(local(&f.start_time));
            form.end_local.set(local(&f.end_time));
        }
        Some(preset) => form.choose_preset(preset, now),
        None => {}
    }
}

/// The state in the current page URL, if it has any.
pub fn read_location() -> Option<SharedState> {
    let search = web_sys::window()?.location().search().ok()?;
    let search = search.trim_start_matches('?');
    (!search.is_empty()).then(|| SharedState::from_query_string(search))
}

/// Records the form in the URL as a new history entry (one per run, so Back returns to the
/// previous query), keeping the section fragment (`#records`). Nothing is pushed when the URL
/// already says the same.
pub fn push(form: &FormState) {
    let query = shared_state(form, crate::clock::now()).to_query_string();
    let Some(window) = web_sys::window() else {
        return;
    };
    let current = window.location().search().unwrap_or_default();
    if current.trim_start_matches('?') == query {
        return;
    }
    if let Ok(history) = window.history() {
        let hash = window.location().hash().unwrap_or_default();
        let url = if query.is_empty() {
            window.location().pathname().unwrap_or_default() + &hash
        } else {
            format!("?{query}{hash}")
        };
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
        remember_search();
    }
}

thread_local! {
    /// The language the URLs this page writes carry (`lang=`): the interface's, once known.
    static CARRIED_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets the language that the URLs written from now on carry (see `locale`).
pub fn carry_lang(lang: Lang) {
    CARRIED_LANG.set(Some(lang));
}

/// Writes `lang` into the current URL in place (no new history entry: a language is not a
/// query), keeping every other key and the fragment.
pub fn replace_lang(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut state = read_location().unwrap_or_default();
    state.lang = Some(lang);
    let hash = window.location().hash().unwrap_or_default();
    let url = format!("?{}{hash}", state.to_query_string());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        remember_search();
    }
}

thread_local! {
    /// The query part of the URL the form was last in step with (set, pushed or re-applied).
    static LAST_SEARCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Remembers the URL's query part; true when it differs from the one remembered before.
fn remember_search() -> bool {
    let now = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    LAST_SEARCH.with(|last| {
        let mut last = last.borrow_mut();
        let changed = *last != now;
        *last = now;
        changed
    })
}

/// Re-applies the URL's state when the user goes Back or Forward to another query. Entries
/// that differ only in the fragment (moving between the page's sections) leave the form as it
/// is: re-applying the URL there would undo edits made since the last run.
pub fn follow_history(form: FormState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    remember_search();
    let on_pop = Closure::<dyn Fn()>::new(move || {
        if !remember_search() {
            return;
        }
        if let Some(state) = read_location() {
            apply(&form, &state, crate::clock::now());
        }
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    // The listener lives as long as the page: there is one app and it is never unmounted.
    on_pop.forget();
}
