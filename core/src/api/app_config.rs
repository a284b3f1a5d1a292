//! `/app-config.json`: what a deployment may serve next to the app to fill in its first screen
//! (proxy URL, region, endpoint, project, and for the local stand-in its demo credentials). The
//! stand-in writes it and the app reads it with this one type, so the two cannot drift apart.
//! A plain static host serves none, and the app starts with a blank form.

use serde::{Deserialize, Serialize};

/// Where the app looks for it, relative to its own URL.
pub const APP_CONFIG_PATH: &str = "/app-config.json";

/// The file's fields; every one may be missing or empty (then the form keeps its own value),
/// and fields the app does not know are ignored.
///
/// ```
/// use logins_core::api::app_config::AppConfig;
/// let c: AppConfig = serde_json::from_str(r#"{"region": "cn-east-3", "extra": 1}"#).unwrap();
/// assert_eq!((c.region.as_str(), c.project_id.as_str()), ("cn-east-3", ""));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    /// Where it came from ("stand-in"), shown so nobody mistakes demo data for their tenant's.
    pub source: String,
    pub proxy_url: String,
    pub region: String,
    pub endpoint: String,
    pub project_id: String,
    /// `AuthMethod::id`: "aksk" or "token".
    pub auth: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub iam_token: String,
}
