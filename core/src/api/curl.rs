//! A `curl` command that repeats a planned request, for the request inspector's copy button.
//!
//! Administrators debug with curl and send commands to colleagues and support; the command must
//! be exactly what the app sent (same URL through the same proxy, same headers), or it proves
//! nothing. Secrets are masked unless the caller asks for the real values, because a command on
//! screen (or pasted into a ticket) should not carry a token by default.

use crate::api::proxy_url::ProxyUrl;
use crate::api::request::RequestPlan;
use crate::i18n::Lang;

/// Whether the command carries the real secret header values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrets {
    /// Secret values replaced by a mask worded in this language: safe to show and share, but
    /// it will fail with 401.
    Masked(Lang),
    /// The real values: the command works (until the signature's date expires).
    Revealed,
}

/// The `curl` command for `plan`, sent through `proxy` when one is set (the proxy sets the
/// target's `Host`, so the command, like the browser, does not send one).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::{api::credentials::Credentials, api::endpoint::region, api::query::QueryForm};
/// use logins_core::api::request::{plan_request, HeaderSet};
/// use logins_core::api::curl::{curl_command, Secrets};
/// use logins_core::i18n::Lang;
/// let query = QueryForm { project_id: "p1".into(), ..Default::default() }.validate().unwrap();
/// let creds = Credentials::token("tok'en").unwrap();
/// let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
/// let plan = plan_request(&region("cn-north-4").unwrap().endpoint(), &query, &creds, HeaderSet::Default, now);
/// let shown = curl_command(&plan, None, Secrets::Masked(Lang::En));
/// assert!(!shown.contains("tok"));
/// let real = curl_command(&plan, None, Secrets::Revealed);
/// assert!(real.contains(r"-H 'X-Auth-Token: tok'\''en'"));
/// ```
pub fn curl_command(plan: &RequestPlan, proxy: Option<&ProxyUrl>, secrets: Secrets) -> String {
    let mut command = format!(
        "curl --silent --show-error --include {}",
        shell_quote(&plan.fetch_url(proxy))
    );
    for header in plan.headers().iter().filter(|h| h.settable_by_browser()) {
        let value = match secrets {
            Secrets::Revealed => header.value().to_owned(),
            Secrets::Masked(lang) => header.display_value(lang),
        };
        command.push_str(" \\\n  -H ");
        command.push_str(&shell_quote(&format!("{}: {value}", header.name)));
    }
    command
}

/// POSIX single-quoting: everything literal, a `'` written as `'\''`.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::credentials::Credentials;
    use crate::api::endpoint::region;
    use crate::api::query::QueryForm;
    use crate::api::request::{plan_request, HeaderSet};
    use chrono::{TimeZone, Utc};

    fn plan(credentials: &Credentials) -> RequestPlan {
        let query = QueryForm {
            project_id: "p1".into(),
            user_name: "o'brien@example.com".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
        plan_request(
            &region("cn-north-4").unwrap().endpoint(),
            &query,
            credentials,
            HeaderSet::Default,
            now,
        )
    }

    #[test]
    fn goes_through_the_proxy_with_every_header_but_host() {
        let creds = Credentials::access_key("AK", "SK-value", "sts-token").unwrap();
        let plan = plan(&creds);
        let proxy = ProxyUrl::parse("http://127.0.0.1:8787").unwrap();
        let command = curl_command(&plan, proxy.as_ref(), Secrets::Revealed);
        assert!(command.starts_with(
            "curl --silent --show-error --include 'http://127.0.0.1:8787/https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/connections/desktops?user_name=o%27brien%40example.com'"
        ), "{command}");
        for name in [
            "Content-Type",
            "X-Project-Id",
            "X-Sdk-Date",
            "X-Security-Token: sts-token",
            "Authorization: SDK-HMAC-SHA256 Access=AK",
        ] {
            assert!(
                command.contains(&format!("-H '{name}")),
                "{name} in {command}"
            );
        }
        assert!(!command.contains("Host:"));
        assert!(!command.contains("SK-value"), "the SK is never sent");
    }

    #[test]
    fn masked_commands_hide_tokens() {
        let creds = Credentials::access_key("AK", "SK", "sts-token").unwrap();
        let command = curl_command(&plan(&creds), None, Secrets::Masked(Lang::En));
        assert!(!command.contains("sts-token"), "{command}");
        assert!(command.contains("-H 'X-Security-Token: ••••• (9 characters)'"));
        let zh = curl_command(&plan(&creds), None, Secrets::Masked(Lang::Zh));
        assert!(
            zh.contains("-H 'X-Security-Token: •••••（9 个字符）'"),
            "{zh}"
        );
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
        assert_eq!(shell_quote(""), "''");
    }
}
