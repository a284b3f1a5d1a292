//! The inputs of one target (a project in a region) and of a set of credentials, as typed.
//!
//! The form holds one target's inputs for every target; the first target's location fields are
//! the form's own `region`, `endpoint` and `project_id`, so that with one target the form, its
//! share links and its tests are exactly those of a single project.

use leptos::prelude::*;
use logins_core::api::connection::{AuthMethod, ConnectionForm};
use logins_core::api::endpoint::{region, Endpoint};

/// The value of the region picker when the endpoint matches no region.
pub const CUSTOM_REGION: &str = "custom";

/// Credentials as typed: the shared ones, or a target's own.
#[derive(Clone, Copy)]
pub struct CredentialInputs {
    pub auth: RwSignal<AuthMethod>,
    pub access_key_id: RwSignal<String>,
    pub secret_key: RwSignal<String>,
    pub security_token: RwSignal<String>,
    pub iam_token: RwSignal<String>,
}

impl CredentialInputs {
    /// Empty, AK/SK.
    pub fn new() -> Self {
        CredentialInputs {
            auth: RwSignal::new(AuthMethod::AccessKey),
            access_key_id: RwSignal::new(String::new()),
            secret_key: RwSignal::new(String::new()),
            security_token: RwSignal::new(String::new()),
            iam_token: RwSignal::new(String::new()),
        }
    }

    /// The connection settings of `endpoint` through `proxy_url` with these credentials.
    /// Reactive.
    pub fn connection_form(&self, endpoint: String, proxy_url: String) -> ConnectionForm {
        ConnectionForm {
            endpoint,
            proxy_url,
            auth: self.auth.get(),
            access_key_id: self.access_key_id.get(),
            secret_key: self.secret_key.get(),
            security_token: self.security_token.get(),
            iam_token: self.iam_token.get(),
        }
    }

    fn copy_from(&self, other: &CredentialInputs) {
        self.auth.set(other.auth.get_untracked());
        for (to, from) in [
            (self.access_key_id, other.access_key_id),
            (self.secret_key, other.secret_key),
            (self.security_token, other.security_token),
            (self.iam_token, other.iam_token),
        ] {
            to.set(from.get_untracked());
        }
    }
}

impl Default for CredentialInputs {
    fn default() -> Self {
        Self::new()
    }
}

/// One target's inputs. `key` tells targets apart while they are added and removed (their
/// inputs' ids and their errors follow it, not their position).
#[derive(Clone, Copy)]
pub struct TargetInputs {
    pub key: u32,
    pub region: RwSignal<String>,
    pub endpoint: RwSignal<String>,
    pub project_id: RwSignal<String>,
    pub label: RwSignal<String>,
    /// "Use other credentials for this target".
    pub own_credentials: RwSignal<bool>,
    pub credentials: CredentialInputs,
}

impl TargetInputs {
    /// A blank target in region `region_id` (its endpoint filled in).
    pub fn new(key: u32, region_id: &str) -> Self {
        let target = TargetInputs {
            key,
            region: RwSignal::new(String::new()),
            endpoint: RwSignal::new(String::new()),
            project_id: RwSignal::new(String::new()),
            label: RwSignal::new(String::new()),
            own_credentials: RwSignal::new(false),
            credentials: CredentialInputs::new(),
        };
        target.choose_region(region_id);
        target
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
        let matching = Endpoint::custom(&text)
            .ok()
            .and_then(|e| e.region())
            .map(|r| r.id.to_owned());
        self.region
            .set(matching.unwrap_or_else(|| CUSTOM_REGION.to_owned()));
        self.endpoint.set(text);
    }

    /// Takes `other`'s region and endpoint ("Add target" starts where the last target is).
    pub fn copy_location(&self, other: &TargetInputs) {
        self.region.set(other.region.get_untracked());
        self.endpoint.set(other.endpoint.get_untracked());
    }

    /// Takes every input of `other` (removing a target moves the next one up).
    pub fn copy_from(&self, other: &TargetInputs) {
        for (to, from) in [
            (self.region, other.region),
            (self.endpoint, other.endpoint),
            (self.project_id, other.project_id),
            (self.label, other.label),
        ] {
            to.set(from.get_untracked());
        }
        self.own_credentials
            .set(other.own_credentials.get_untracked());
        self.credentials.copy_from(&other.credentials);
    }

    /// The connection settings of this target: its own credentials when it has them, else
    /// `shared`. Reactive.
    pub fn connection_form(&self, shared: &CredentialInputs, proxy_url: String) -> ConnectionForm {
        let credentials = if self.own_credentials.get() {
            &self.credentials
        } else {
            shared
        };
        credentials.connection_form(self.endpoint.get(), proxy_url)
    }
}
