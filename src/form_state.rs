//! Every input of the page as a signal, and their validation through `logins-core`.
//!
//! The form is the single source of truth: the inspector, the run buttons and the page URL all
//! derive from it, so nothing can disagree about what will be sent.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use logins_core::api::app_config::AppConfig;
use logins_core::api::connection::{AuthMethod, Connection, ConnectionForm};
use logins_core::api::endpoint::region;
use logins_core::api::field_error::{Field, FieldError, Problem, ValidationErrors};
use logins_core::api::query::{Query, QueryForm};
use logins_core::time::window::{api_to_local_input, local_input_to_api, TimePreset};

use crate::clock::{local_offset_at, local_offset_at_utc, Clock};
use crate::locale::Locale;

/// The region preselected on a blank form: the one most tenants use.
pub const DEFAULT_REGION: &str = "cn-north-4";

/// The value of the region picker when the endpoint matches no region.
pub const CUSTOM_REGION: &str = "custom";

/// Every input, as typed. `Copy`, so event handlers capture it freely.
#[derive(Clone, Copy)]
pub struct FormState {
    pub region: RwSignal<String>,
    pub endpoint: RwSignal<String>,
    pub proxy_url: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub auth: RwSignal<AuthMethod>,
    pub access_key_id: RwSignal<String>,
    pub secret_key: RwSignal<String>,
    pub security_token: RwSignal<String>,
    pub iam_token: RwSignal<String>,
    /// "Remember on this device": the only way credentials reach storage.
    pub remember: RwSignal<bool>,
    pub preset: RwSignal<TimePreset>,
    /// `<input type="datetime-local">` values, in the browser's time zone.
    pub start_local: RwSignal<String>,
    pub end_local: RwSignal<String>,
    /// The browser holds a half-typed start/end time (its value reads as empty).
    pub start_bad: RwSignal<bool>,
    pub end_bad: RwSignal<bool>,
    pub user_name: RwSignal<String>,
    pub computer_name: RwSignal<String>,
    pub terminal_type: RwSignal<String>,
    pub min_network_rtt: RwSignal<String>,
    pub max_network_rtt: RwSignal<String>,
    pub enterprise_project_id: RwSignal<String>,
    pub public_ip: RwSignal<String>,
    pub page_size: RwSignal<String>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    /// A blank form: default region and endpoint, AK/SK, last 7 days, the API's page size.
    pub fn new() -> Self {
        let endpoint = region(DEFAULT_REGION)
            .map(|r| r.endpoint().base_url())
            .unwrap_or_default();
        FormState {
            region: RwSignal::new(DEFAULT_REGION.to_owned()),
            endpoint: RwSignal::new(endpoint),
            proxy_url: RwSignal::new(String::new()),
            project_id: RwSignal::new(String::new()),
            auth: RwSignal::new(AuthMethod::AccessKey),
            access_key_id: RwSignal::new(String::new()),
            secret_key: RwSignal::new(String::new()),
            security_token: RwSignal::new(String::new()),
            iam_token: RwSignal::new(String::new()),
            remember: RwSignal::new(false),
            preset: RwSignal::new(TimePreset::Last7Days),
            start_local: RwSignal::new(String::new()),
            end_local: RwSignal::new(String::new()),
            start_bad: RwSignal::new(false),
            end_bad: RwSignal::new(false),
            user_name: RwSignal::new(String::new()),
            computer_name: RwSignal::new(String::new()),
            terminal_type: RwSignal::new(String::new()),
            min_network_rtt: RwSignal::new(String::new()),
            max_network_rtt: RwSignal::new(String::new()),
            enterprise_project_id: RwSignal::new(String::new()),
            public_ip: RwSignal::new(String::new()),
            page_size: RwSignal::new(logins_core::api::query::DEFAULT_LIMIT.to_string()),
        }
    }

    /// Fills the form with what a deployment's `/app-config.json` says; empty values leave the
    /// form's own.
    pub fn prefill(&self, config: &AppConfig) {
        if !config.region.is_empty() {
            self.choose_region(&config.region);
        }
        if !config.endpoint.is_empty() {
            self.edit_endpoint(config.endpoint.clone());
        }
        let set = |signal: RwSignal<String>, value: &str| {
            if !value.is_empty() {
                signal.set(value.to_owned());
            }
        };
        set(self.proxy_url, &config.proxy_url);
        set(self.project_id, &config.project_id);
        set(self.access_key_id, &config.access_key_id);
        set(self.secret_key, &config.secret_access_key);
        set(self.iam_token, &config.iam_token);
        if let Some(method) = AuthMethod::from_id(&config.auth) {
            self.auth.set(method);
        }
    }

    /// Picks a region and puts its endpoint in the endpoint field.
    pub fn choose_region(&self, id: &str) {
        self.region.set(id.to_owned());
        if let Some(r) = region(id) {
            self.endpoint.set(r.endpoint().base_url());
        }
    }

    /// Sets the endpoint by hand; the region picker follows (a region's endpoint, or "custom").
    pub fn edit_endpoint(&self, text: String) {
        let matching = logins_core::api::endpoint::Endpoint::custom(&text)
            .ok()
            .and_then(|e| e.region())
            .map(|r| r.id.to_owned());
        self.region
            .set(matching.unwrap_or_else(|| CUSTOM_REGION.to_owned()));
        self.endpoint.set(text);
    }

    /// Chooses a time preset and shows its range in the start/end pickers (in local time).
    pub fn choose_preset(&self, preset: TimePreset, now: DateTime<Utc>) {
        self.preset.set(preset);
        if preset != TimePreset::Custom {
            self.start_bad.set(false);
            self.end_bad.set(false);
        }
        match preset {
            TimePreset::Custom => {}
            TimePreset::AllTime => {
                self.start_local.set(String::new());
                self.end_local.set(String::new());
            }
            _ => {
                if let Some((start, end)) = preset.range(now) {
                    self.start_local
                        .set(api_to_local_input(&start, local_offset_at_utc).unwrap_or_default());
                    self.end_local
                        .set(api_to_local_input(&end, local_offset_at_utc).unwrap_or_default());
                }
            }
        }
    }

    /// Moves a relative preset's window ("Last 24 h") in the start/end pickers to `now`; a
    /// custom range and "All time" stay as they are.
    pub fn follow_clock(&self, now: DateTime<Utc>) {
        let preset = self.preset.get_untracked();
        if preset.span().is_none() {
            return;
        }
        // Written only when the minute shown changes: a tick within the same minute must not
        // wake everything that reads the pickers (validation, the UTC hints).
        if let Some((start, end)) = preset.range(now) {
            let local =
                |api: &str| api_to_local_input(api, local_offset_at_utc).unwrap_or_default();
            set_if_changed(self.start_local, local(&start));
            set_if_changed(self.end_local, local(&end));
        }
    }

    /// The connection and the query as they would be sent at `now`, read without tracking: for
    /// a click, which must use the inputs and the clock of that moment.
    pub fn validate_now(&self, now: DateTime<Utc>) -> Option<(Connection, Query)> {
        untrack(|| self.validate(now)).ok()
    }

    /// The connection settings (reactive: tracks every input it reads).
    pub fn connection_form(&self) -> ConnectionForm {
        ConnectionForm {
            endpoint: self.endpoint.get(),
            proxy_url: self.proxy_url.get(),
            auth: self.auth.get(),
            access_key_id: self.access_key_id.get(),
            secret_key: self.secret_key.get(),
            security_token: self.security_token.get(),
            iam_token: self.iam_token.get(),
        }
    }

    /// The query form for a request made at `now`. A preset range is computed from `now`, so a
    /// shared "last 24 h" link means the last 24 hours whenever it is opened; a custom range is
    /// converted from local time. Reactive.
    pub fn query_form(&self, now: DateTime<Utc>) -> Result<QueryForm, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let (start_time, end_time) = match self.preset.get() {
            TimePreset::Custom => {
                // A half-typed time is an error, not "no time filter".
                for (bad, field) in [
                    (self.start_bad, Field::StartTime),
                    (self.end_bad, Field::EndTime),
                ] {
                    if bad.get() {
                        errors.push(FieldError::new(field, Problem::BadLocalTime));
                    }
                }
                let start =
                    local_input_to_api(&self.start_local.get(), Field::StartTime, local_offset_at)
                        .map_err(|e| errors.push(e))
                        .unwrap_or_default();
                let end =
                    local_input_to_api(&self.end_local.get(), Field::EndTime, local_offset_at)
                        .map_err(|e| errors.push(e))
                        .unwrap_or_default();
                (start, end)
            }
            preset => preset.range(now).unwrap_or_default(),
        };
        let form = QueryForm {
            project_id: self.project_id.get(),
            start_time,
            end_time,
            user_name: self.user_name.get(),
            computer_name: self.computer_name.get(),
            terminal_type: self.terminal_type.get(),
            offset: String::new(),
            limit: self.page_size.get(),
            min_network_rtt: self.min_network_rtt.get(),
            max_network_rtt: self.max_network_rtt.get(),
            enterprise_project_id: self.enterprise_project_id.get(),
            public_ip: self.public_ip.get(),
            domain: String::new(),
        };
        errors.into_result(form)
    }

    /// Validates everything for a request at `now`: the connection and the query, with every
    /// problem of both on its field. Reactive.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(Connection, Query), ValidationErrors> {
        let connection = self.connection_form().validate();
        let query = self.query_form(now).and_then(|form| form.validate());
        match (connection, query) {
            (Ok(c), Ok(q)) => Ok((c, q)),
            (c, q) => {
                let mut errors = ValidationErrors::new();
                if let Err(e) = c {
                    errors.extend(e);
                }
                if let Err(e) = q {
                    errors.extend(e);
                }
                Err(errors)
            }
        }
    }
}

/// The validation of the whole form, recomputed when any input changes and at each clock tick.
/// Shared through context so each field shows its own messages and the run buttons know whether
/// they may run. A run never sends this memo's query: its window is as old as the last tick, so
/// each run validates again at its click ([`FormState::validate_now`]).
#[derive(Clone, Copy)]
pub struct Validation(pub Memo<Result<(Connection, Query), ValidationErrors>>);

impl Validation {
    pub fn new(form: FormState, clock: Clock) -> Self {
        Validation(Memo::new(move |_| form.validate(clock.tick())))
    }

    /// The messages of one field in the current language, as a signal for
    /// [`crate::components::field::TextField`]. The memo holds the errors as data, so a switch
    /// of language rewords the messages showing without validating again.
    pub fn messages(self, field: Field, locale: Locale) -> Signal<Option<String>> {
        Signal::derive(move || {
            let lang = locale.lang();
            self.0
                .with(|result| crate::components::field::messages_for(result, field, lang))
        })
    }

    /// Whether the form can be run.
    pub fn is_valid(self) -> bool {
        self.0.with(Result::is_ok)
    }
}

/// Sets `signal` to `value` unless it already holds it (a set always notifies its readers).
fn set_if_changed(signal: RwSignal<String>, value: String) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
