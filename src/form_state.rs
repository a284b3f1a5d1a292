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

use logins_core::api::share_link::{SharedTarget, MAX_TARGETS};
use logins_core::api::target::Origin;

use crate::clock::{local_offset_at, local_offset_at_utc, Clock};
use crate::locale::Locale;
pub use crate::target_inputs::CUSTOM_REGION;
use crate::target_inputs::{CredentialInputs, TargetInputs};

/// The region preselected on a blank form: the one most tenants use.
pub const DEFAULT_REGION: &str = "cn-north-4";

/// One target of a run, validated at the click.
#[derive(Clone, Debug)]
pub struct RunTarget {
    /// The target's [`TargetInputs::key`]: its errors are shown on its group.
    pub key: u32,
    pub connection: Connection,
    pub query: Query,
    /// Where its records come from; `None` when the run has one target (its records are
    /// tagged with nothing, exactly as a single project's).
    pub origin: Option<Origin>,
    /// The label as typed (the target's name is this, else "Target N").
    pub label: String,
}

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
    /// The first target's label and own credentials (its location is `region`, `endpoint` and
    /// `project_id` above).
    first_label: RwSignal<String>,
    first_own_credentials: RwSignal<bool>,
    first_credentials: CredentialInputs,
    /// Targets 2, 3, ...
    pub more_targets: RwSignal<Vec<TargetInputs>>,
    next_target_key: StoredValue<u32>,
    /// The key of the target "Run query" and Previous/Next page act on.
    pub page_target: RwSignal<u32>,
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
            first_label: RwSignal::new(String::new()),
            first_own_credentials: RwSignal::new(false),
            first_credentials: CredentialInputs::new(),
            more_targets: RwSignal::new(Vec::new()),
            next_target_key: StoredValue::new(1),
            page_target: RwSignal::new(0),
        }
    }

    /// The first target's inputs (key 0).
    pub fn first_target(&self) -> TargetInputs {
        TargetInputs {
            key: 0,
            region: self.region,
            endpoint: self.endpoint,
            project_id: self.project_id,
            label: self.first_label,
            own_credentials: self.first_own_credentials,
            credentials: self.first_credentials,
        }
    }

    /// Every target, the first first. Reactive (tracks the list, not the inputs).
    pub fn targets(&self) -> Vec<TargetInputs> {
        std::iter::once(self.first_target())
            .chain(self.more_targets.get())
            .collect()
    }

    /// Whether the form has more than one target. Reactive.
    pub fn has_several_targets(&self) -> bool {
        self.more_targets.with(|t| !t.is_empty())
    }

    /// The credentials every target uses unless it has its own.
    pub fn shared_credentials(&self) -> CredentialInputs {
        CredentialInputs {
            auth: self.auth,
            access_key_id: self.access_key_id,
            secret_key: self.secret_key,
            security_token: self.security_token,
            iam_token: self.iam_token,
        }
    }

    /// "Add target": a new target in the last target's region (a project list usually grows
    /// within a region before it spans another). Nothing beyond [`MAX_TARGETS`].
    pub fn add_target(&self) {
        let count = self.more_targets.with_untracked(Vec::len) + 1;
        if count >= MAX_TARGETS {
            return;
        }
        let last = self
            .more_targets
            .with_untracked(|t| t.last().copied())
            .unwrap_or_else(|| self.first_target());
        let target = self.new_target();
        target.copy_location(&last);
        self.more_targets.update(|t| t.push(target));
    }

    fn new_target(&self) -> TargetInputs {
        let key = self.next_target_key.get_value();
        self.next_target_key.set_value(key + 1);
        TargetInputs::new(key, DEFAULT_REGION)
    }

    /// "Remove target": the target with `key` goes; removing the first moves the second up.
    pub fn remove_target(&self, key: u32) {
        if key == 0 {
            let Some(second) = self.more_targets.with_untracked(|t| t.first().copied()) else {
                return;
            };
            self.first_target().copy_from(&second);
            self.more_targets.update(|t| {
                t.remove(0);
            });
        } else {
            self.more_targets
                .update(|t| t.retain(|target| target.key != key));
        }
        if self.page_target.get_untracked() == key {
            self.page_target.set(0);
        }
    }

    /// The targets of a share link (the first in the form's own fields): targets 2 and up
    /// replace the form's.
    pub fn set_more_targets(&self, targets: &[SharedTarget]) {
        let targets: Vec<TargetInputs> = targets
            .iter()
            .take(MAX_TARGETS - 1)
            .map(|shared| {
                let target = self.new_target();
                if !shared.endpoint.is_empty() {
                    target.edit_endpoint(shared.endpoint.clone());
                } else if !shared.region.is_empty() {
                    target.choose_region(&shared.region);
                }
                target.project_id.set(shared.project_id.clone());
                target.label.set(shared.label.clone());
                target
            })
            .collect();
        self.more_targets.set(targets);
    }

    /// The first target's label.
    pub fn first_label(&self) -> RwSignal<String> {
        self.first_label
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

    /// Picks the first target's region and puts its endpoint in the endpoint field.
    pub fn choose_region(&self, id: &str) {
        self.first_target().choose_region(id);
    }

    /// Sets the first target's endpoint by hand; its region picker follows.
    pub fn edit_endpoint(&self, text: String) {
        self.first_target().edit_endpoint(text);
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

    /// The first target's connection settings (reactive: tracks every input it reads).
    pub fn connection_form(&self) -> ConnectionForm {
        self.first_target()
            .connection_form(&self.shared_credentials(), self.proxy_url.get())
    }

    /// Every target as it would be sent at `now`, read without tracking (for a click); `None`
    /// when any input of any target is invalid. With one target, its records carry no origin.
    pub fn validate_targets_now(&self, now: DateTime<Utc>) -> Option<Vec<RunTarget>> {
        untrack(|| {
            let targets = self.targets();
            let several = targets.len() > 1;
            targets
                .iter()
                .map(|target| {
                    let (connection, query) = self.validate_target(target, now).ok()?;
                    let label = target.label.get();
                    let origin = several.then(|| {
                        Origin::of(&connection.endpoint, &target.project_id.get(), &label)
                    });
                    Some(RunTarget {
                        key: target.key,
                        connection,
                        query,
                        origin,
                        label,
                    })
                })
                .collect()
        })
    }

    /// The target "Run query" acts on, as it would be sent at `now` (untracked).
    pub fn validate_page_target_now(&self, now: DateTime<Utc>) -> Option<(Connection, Query)> {
        untrack(|| {
            let key = self.page_target.get();
            let target = self
                .targets()
                .into_iter()
                .find(|t| t.key == key)
                .unwrap_or_else(|| self.first_target());
            self.validate_target(&target, now).ok()
        })
    }

    /// The connection of the target whose records carry `origin` (the first target's when the
    /// records carry none), as it would be sent at `now` (untracked): a record's logon phases
    /// are asked of its own project.
    pub fn validate_origin_now(
        &self,
        origin: Option<(&str, &str)>,
        now: DateTime<Utc>,
    ) -> Option<(Connection, Query)> {
        let Some((region, project)) = origin else {
            return self.validate_now(now);
        };
        self.validate_targets_now(now)?
            .into_iter()
            .find(|t| {
                t.origin
                    .as_ref()
                    .is_some_and(|o| o.region == region && o.project == project)
            })
            .map(|t| (t.connection, t.query))
    }

    /// One target's connection and query for a request at `now`: the shared filters with its
    /// project. Reactive.
    pub fn validate_target(
        &self,
        target: &TargetInputs,
        now: DateTime<Utc>,
    ) -> Result<(Connection, Query), ValidationErrors> {
        let connection = target
            .connection_form(&self.shared_credentials(), self.proxy_url.get())
            .validate();
        let query = self.query_form(now).and_then(|mut form| {
            form.project_id = target.project_id.get();
            form.validate()
        });
        join(connection, query)
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
        self.validate_target(&self.first_target(), now)
    }
}

/// Both results, or every problem of both.
fn join(
    connection: Result<Connection, ValidationErrors>,
    query: Result<Query, ValidationErrors>,
) -> Result<(Connection, Query), ValidationErrors> {
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

/// The validation of the whole form, recomputed when any input changes and at each clock tick.
/// Shared through context so each field shows its own messages and the run buttons know whether
/// they may run. A run never sends this memo's query: its window is as old as the last tick, so
/// each run validates again at its click ([`FormState::validate_now`]).
#[derive(Clone, Copy)]
pub struct Validation(
    pub Memo<Validated>,
    /// Targets 2 and up, by key: only their own fields (location, credentials) can differ.
    Memo<Vec<(u32, Validated)>>,
);

/// A target's validation: what would be sent, or every problem.
pub type Validated = Result<(Connection, Query), ValidationErrors>;

impl Validation {
    pub fn new(form: FormState, clock: Clock) -> Self {
        Validation(
            Memo::new(move |_| form.validate(clock.tick())),
            Memo::new(move |_| {
                let now = clock.tick();
                form.more_targets
                    .get()
                    .iter()
                    .map(|t| (t.key, form.validate_target(t, now)))
                    .collect()
            }),
        )
    }

    /// The messages of one field of the target with `key` (0: the first, whose messages are
    /// [`Validation::messages`]).
    pub fn target_messages(self, key: u32, field: Field, locale: Locale) -> Signal<Option<String>> {
        if key == 0 {
            return self.messages(field, locale);
        }
        Signal::derive(move || {
            let lang = locale.lang();
            self.1.with(|targets| {
                targets
                    .iter()
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, result)| {
                        crate::components::field::messages_for(result, field, lang)
                    })
            })
        })
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

    /// Whether the form can be run: every target valid.
    pub fn is_valid(self) -> bool {
        self.0.with(Result::is_ok) && self.1.with(|t| t.iter().all(|(_, r)| r.is_ok()))
    }
}

/// Sets `signal` to `value` unless it already holds it (a set always notifies its readers).
fn set_if_changed(signal: RwSignal<String>, value: String) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
