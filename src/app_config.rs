//! Start-up configuration served next to the app (`./app-config.json`). The README's run
//! command serves one from the local stand-in, so a newcomer's first screen is filled in for
//! it; a plain static host has none, and the form starts blank.

use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use serde::Deserialize;

use crate::form_state::FormState;

/// The fields the app reads; anything else in the file is ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// Where it came from ("stand-in"), shown so nobody mistakes demo data for their tenant's.
    pub source: String,
    pub proxy_url: String,
    pub region: String,
    pub endpoint: String,
    pub project_id: String,
    pub auth: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub iam_token: String,
}

impl AppConfig {
    /// Fills the form with the configuration's values.
    pub fn apply(&self, form: &FormState) {
        if !self.region.is_empty() {
            form.choose_region(&self.region);
        }
        if !self.endpoint.is_empty() {
            form.edit_endpoint(self.endpoint.clone());
        }
        let set = |signal: RwSignal<String>, value: &str| {
            if !value.is_empty() {
                signal.set(value.to_owned());
            }
        };
        set(form.proxy_url, &self.proxy_url);
        set(form.project_id, &self.project_id);
        set(form.access_key_id, &self.access_key_id);
        set(form.secret_key, &self.secret_access_key);
        set(form.iam_token, &self.iam_token);
        if let Some(method) = AuthMethod::from_id(&self.auth) {
            form.auth.set(method);
        }
    }
}
