//! The shareable part of the app's state, kept in the page URL's query string, so a link
//! reopens the same query and the browser's back button steps through earlier queries.
//!
//! Never secrets: [`SharedState`] has no field that could hold a key or token, and reading a
//! link ignores every key that looks like one, so a crafted link can neither leak credentials
//! (by being copied) nor plant them (by being opened).
//!
//! A link can still choose where requests go (endpoint and proxy URL). Whoever opens a link
//! that sets them should see them before typing credentials: see
//! [`SharedState::sets_destination`].

use crate::api::encoding::{percent_decode, percent_encode};
use crate::api::query::QueryForm;
use crate::i18n::Lang;

/// The URL keys, in the order they are written. Short but readable, since people see them.
pub const KEYS: [&str; 19] = [
    "region",
    "endpoint",
    "project",
    "proxy",
    "preset",
    "start",
    "end",
    "user",
    "computer",
    "terminal",
    "min_rtt",
    "max_rtt",
    "eps",
    "public_ip",
    "domain",
    "limit",
    "offset",
    "auth",
    "lang",
];

/// The values of `auth`: which sign-in method the form shows, never the credential itself.
pub const AUTH_METHODS: [&str; 2] = ["aksk", "token"];

/// Everything a link carries. Strings exactly as in the form, valid or not: the form validates
/// them when the link is opened, and shows what is wrong under each field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedState {
    pub region: String,
    pub endpoint: String,
    pub project_id: String,
    pub proxy_url: String,
    /// A [`crate::time::window::TimePreset`] id (`"24h"`, `"custom"`, ...).
    pub preset: String,
    /// All filters. Its `project_id` mirrors [`SharedState::project_id`] (the link carries it
    /// once, as `project`).
    pub form: QueryForm,
    /// `"aksk"` or `"token"`: which method, not the secret. Other values are not written or read.
    pub auth: String,
    /// The interface's language, when the link names one (`lang=zh-CN`).
    pub lang: Option<Lang>,
    /// The first target's label (`label`); its region, endpoint and project are the fields
    /// above, so a one-target link reads as it always has.
    pub label: String,
    /// Targets 2, 3, ...: `region2`, `endpoint2`, `project2`, `label2`, and so on up to
    /// [`MAX_TARGETS`]. Never credentials: a target's own credentials stay in memory.
    pub more_targets: Vec<SharedTarget>,
}

/// Where one target's requests go, and its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedTarget {
    pub region: String,
    pub endpoint: String,
    pub project_id: String,
    pub label: String,
}

impl SharedTarget {
    fn is_empty(&self) -> bool {
        self.region.is_empty()
            && self.endpoint.is_empty()
            && self.project_id.is_empty()
            && self.label.is_empty()
    }
}

/// The most targets a link carries (the app's limit too).
pub const MAX_TARGETS: usize = 20;

/// The per-target keys of targets 2 and up, before their number.
const TARGET_KEYS: [&str; 4] = ["region", "endpoint", "project", "label"];

impl SharedState {
    /// The query string, without the leading `?`: non-empty fields only, always in the order
    /// of [`KEYS`] (so the same state gives the same link, and history entries compare equal),
    /// keys and values percent-encoded with the crate's encoder (space as `%20`, never `+`).
    ///
    /// ```
    /// use logins_core::api::share_link::SharedState;
    /// let mut s = SharedState { region: "cn-north-4".into(), auth: "aksk".into(), ..Default::default() };
    /// s.form.user_name = "张 三".into();
    /// assert_eq!(s.to_query_string(), "region=cn-north-4&user=%E5%BC%A0%20%E4%B8%89&auth=aksk");
    /// ```
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (key, value) in KEYS.into_iter().zip(self.values()) {
            if value.is_empty() {
                continue;
            }
            if key == "auth" && !AUTH_METHODS.contains(&value) {
                continue;
            }
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(&percent_encode(key));
            out.push('=');
            out.push_str(&percent_encode(value));
        }
        let mut push = |key: &str, value: &str| {
            if value.is_empty() {
                return;
            }
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(&percent_encode(key));
            out.push('=');
            out.push_str(&percent_encode(value));
        };
        push("label", &self.label);
        for (i, t) in self.more_targets.iter().take(MAX_TARGETS - 1).enumerate() {
            let n = i + 2;
            for (key, value) in
                TARGET_KEYS
                    .iter()
                    .zip([&t.region, &t.endpoint, &t.project_id, &t.label])
            {
                push(&format!("{key}{n}"), value);
            }
        }
        out
    }

    /// Reads a query string (`location.search`, with or without the `?`), tolerantly: unknown
    /// keys are ignored, a key without `=` is empty, `+` is a space (as forms and
    /// `URLSearchParams` write it), malformed escapes are kept as text, a repeated key keeps
    /// its first value (as `URLSearchParams.get`), anything after `#` is ignored, and nothing
    /// panics. Keys that look like secrets are ignored (see [`is_secret_looking_key`]), and
    /// `auth` is read only when it names a method.
    ///
    /// ```
    /// use logins_core::api::share_link::SharedState;
    /// let s = SharedState::from_query_string("?project=p1&sk=LEAKED&user=a+b&auth=token&x=1");
    /// assert_eq!((s.project_id.as_str(), s.form.project_id.as_str()), ("p1", "p1"));
    /// assert_eq!(s.form.user_name, "a b");
    /// assert_eq!(s.auth, "token");
    /// assert!(!format!("{s:?}").contains("LEAKED"));
    /// ```
    pub fn from_query_string(q: &str) -> SharedState {
        let q = q.strip_prefix('?').unwrap_or(q);
        let q = q.split('#').next().unwrap_or_default();
        let mut state = SharedState::default();
        let mut seen = [false; KEYS.len()];
        let mut seen_targets = std::collections::HashSet::new();
        for piece in q.split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
            let key = decode(raw_key).trim().to_ascii_lowercase();
            if is_secret_looking_key(&key) {
                continue;
            }
            if state.set_target_key(&key, &mut seen_targets, || decode(raw_value)) {
                continue;
            }
            let Some(index) = KEYS.iter().position(|k| *k == key) else {
                continue;
            };
            if seen[index] {
                continue;
            }
            let value = decode(raw_value);
            if key == "auth" && !AUTH_METHODS.contains(&value.as_str()) {
                continue;
            }
            if key == "lang" && Lang::from_tag(&value).is_none() {
                continue;
            }
            seen[index] = true;
            state.set(index, value);
        }
        while state
            .more_targets
            .last()
            .is_some_and(SharedTarget::is_empty)
        {
            state.more_targets.pop();
        }
        state
    }

    /// Every target, the first one included, in order.
    pub fn targets(&self) -> Vec<SharedTarget> {
        let first = SharedTarget {
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            project_id: if self.project_id.is_empty() {
                self.form.project_id.clone()
            } else {
                self.project_id.clone()
            },
            label: self.label.clone(),
        };
        std::iter::once(first)
            .chain(self.more_targets.iter().cloned())
            .collect()
    }

    /// Reads `label` and the numbered keys of targets 2 and up (`project3`); true when `key`
    /// was one of them (used or, when repeated or out of range, ignored).
    fn set_target_key(
        &mut self,
        key: &str,
        seen: &mut std::collections::HashSet<String>,
        value: impl FnOnce() -> String,
    ) -> bool {
        if key == "label" {
            if seen.insert(key.to_owned()) {
                self.label = value();
            }
            return true;
        }
        let numbered = TARGET_KEYS.iter().enumerate().find_map(|(field, name)| {
            let digits = key.strip_prefix(name)?;
            let canonical = (1..=2).contains(&digits.len())
                && !digits.starts_with('0')
                && digits.bytes().all(|b| b.is_ascii_digit());
            canonical.then(|| (field, digits.parse::<usize>().unwrap_or(0)))
        });
        let Some((field, n)) = numbered else {
            return false;
        };
        if !(2..=MAX_TARGETS).contains(&n) || !seen.insert(key.to_owned()) {
            return true;
        }
        if self.more_targets.len() < n - 1 {
            self.more_targets.resize(n - 1, SharedTarget::default());
        }
        let target = &mut self.more_targets[n - 2];
        let slot = match field {
            0 => &mut target.region,
            1 => &mut target.endpoint,
            2 => &mut target.project_id,
            _ => &mut target.label,
        };
        *slot = value();
        true
    }

    /// Whether the state says where requests go (endpoint or proxy URL). Requests carry
    /// signatures or tokens, so when a *link* sets these, the app should show them and let the
    /// user confirm before any credential is used with them.
    pub fn sets_destination(&self) -> bool {
        !self.endpoint.is_empty()
            || !self.proxy_url.is_empty()
            || self.more_targets.iter().any(|t| !t.endpoint.is_empty())
    }

    /// The values in the order of [`KEYS`].
    fn values(&self) -> [&str; 19] {
        let f = &self.form;
        let project = if self.project_id.is_empty() {
            &f.project_id
        } else {
            &self.project_id
        };
        [
            &self.region,
            &self.endpoint,
            project,
            &self.proxy_url,
            &self.preset,
            &f.start_time,
            &f.end_time,
            &f.user_name,
            &f.computer_name,
            &f.terminal_type,
            &f.min_network_rtt,
            &f.max_network_rtt,
            &f.enterprise_project_id,
            &f.public_ip,
            &f.domain,
            &f.limit,
            &f.offset,
            &self.auth,
            self.lang.map(Lang::tag).unwrap_or_default(),
        ]
    }

    /// Sets the field of `KEYS[index]`.
    fn set(&mut self, index: usize, value: String) {
        let f = &mut self.form;
        let slot = match index {
            0 => &mut self.region,
            1 => &mut self.endpoint,
            2 => {
                f.project_id = value.clone();
                &mut self.project_id
            }
            3 => &mut self.proxy_url,
            4 => &mut self.preset,
            5 => &mut f.start_time,
            6 => &mut f.end_time,
            7 => &mut f.user_name,
            8 => &mut f.computer_name,
            9 => &mut f.terminal_type,
            10 => &mut f.min_network_rtt,
            11 => &mut f.max_network_rtt,
            12 => &mut f.enterprise_project_id,
            13 => &mut f.public_ip,
            14 => &mut f.domain,
            15 => &mut f.limit,
            16 => &mut f.offset,
            17 => &mut self.auth,
            18 => {
                self.lang = Lang::from_tag(&value);
                return;
            }
            _ => return,
        };
        *slot = value;
    }
}

/// Whether a URL key names a credential: `sk`, `ak`, `secret`, `token`, `access_key`,
/// `password`, `x-auth-token`, `security_token`, and any key containing `secret`, `token`,
/// `password` or `credential` (`auth` itself is the method, and allowed). Case-insensitive.
///
/// [`SharedState`] reads only its own keys anyway; this is the second lock, and lets the app
/// strip such keys from the address bar (e.g. with `history.replaceState`) so they do not
/// linger in the history.
///
/// ```
/// use logins_core::api::share_link::is_secret_looking_key;
/// assert!(is_secret_looking_key("X-Auth-Token"));
/// assert!(is_secret_looking_key("client_secret"));
/// assert!(!is_secret_looking_key("auth"));
/// ```
pub fn is_secret_looking_key(key: &str) -> bool {
    let key = key.trim().to_ascii_lowercase();
    const EXACT: [&str; 10] = [
        "sk",
        "ak",
        "secret",
        "token",
        "access_key",
        "accesskey",
        "password",
        "passwd",
        "x-auth-token",
        "security_token",
    ];
    const PARTS: [&str; 4] = ["secret", "token", "password", "credential"];
    key != "auth" && (EXACT.contains(&key.as_str()) || PARTS.iter().any(|p| key.contains(p)))
}

/// `+` means space in query strings; then `%XX` escapes, leniently.
fn decode(raw: &str) -> String {
    percent_decode(&raw.replace('+', " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full() -> SharedState {
        SharedState {
            region: "cn-north-4".into(),
            endpoint: "https://workspace.cn-north-4.myhuaweicloud.com".into(),
            project_id: "p1".into(),
            proxy_url: "http://127.0.0.1:8787".into(),
            preset: "custom".into(),
            form: QueryForm {
                project_id: "p1".into(),
                start_time: "2024-01-15T08:30Z".into(),
                end_time: "2024-01-16T08:30Z".into(),
                user_name: "alice@example.com".into(),
                computer_name: "PC 01".into(),
                terminal_type: "WI".into(),
                offset: "0".into(),
                limit: "1000".into(),
                min_network_rtt: "10".into(),
                max_network_rtt: "250".into(),
                enterprise_project_id: "0".into(),
                public_ip: "203.0.113.7".into(),
                domain: "corp.example.com".into(),
            },
            auth: "aksk".into(),
            lang: Some(Lang::Zh),
            label: String::new(),
            more_targets: vec![],
        }
    }

    #[test]
    fn keys_are_written_in_a_fixed_order() {
        let q = full().to_query_string();
        assert_eq!(
            q,
            "region=cn-north-4&endpoint=https%3A%2F%2Fworkspace.cn-north-4.myhuaweicloud.com\
             &project=p1&proxy=http%3A%2F%2F127.0.0.1%3A8787&preset=custom\
             &start=2024-01-15T08%3A30Z&end=2024-01-16T08%3A30Z&user=alice%40example.com\
             &computer=PC%2001&terminal=WI&min_rtt=10&max_rtt=250&eps=0&public_ip=203.0.113.7\
             &domain=corp.example.com&limit=1000&offset=0&auth=aksk&lang=zh-CN"
        );
        // Reading a shuffled link and writing it again gives the canonical order.
        let mut pieces: Vec<&str> = q.split('&').collect();
        pieces.reverse();
        let shuffled = pieces.join("&");
        assert_eq!(
            SharedState::from_query_string(&shuffled).to_query_string(),
            q
        );
        assert_eq!(SharedState::from_query_string(&q), full());
        assert_eq!(SharedState::default().to_query_string(), "");
    }

    #[test]
    fn secret_looking_keys_are_ignored() {
        let link = "?sk=S1&SK=S2&ak=A&secret=S3&token=T&access_key=A2&password=P\
                    &x-auth-token=T2&security_token=T3&my_secret_thing=S4&X-Security-Token=T4\
                    &region=r&auth=token";
        let s = SharedState::from_query_string(link);
        let shown = format!("{s:?}");
        for leaked in ["S1", "S2", "S3", "S4", "T2", "T3", "T4", "P\"", "A2"] {
            assert!(!shown.contains(leaked), "{leaked} in {shown}");
        }
        assert_eq!(s.to_query_string(), "region=r&auth=token");
        for key in ["auth", "region", "user", "project", "public_ip"] {
            assert!(!is_secret_looking_key(key), "{key}");
        }
        // `auth` names a method; a link cannot smuggle a value through it.
        let s = SharedState::from_query_string("auth=MIIE-some-token&auth=aksk");
        assert_eq!(s.auth, "aksk");
        let s = SharedState {
            auth: "hunter2".into(),
            ..SharedState::default()
        };
        assert_eq!(s.to_query_string(), "");
    }

    #[test]
    fn tolerant_reading() {
        let s = SharedState::from_query_string(
            "?&&user=a%zz%&computer&region=x%2&unknown=1&=v&user=second&domain=a+b%2Bc#frag=1",
        );
        assert_eq!(s.form.user_name, "a%zz%");
        assert_eq!(s.form.computer_name, "");
        assert_eq!(s.region, "x%2");
        assert_eq!(s.form.domain, "a b+c");
        assert_eq!(
            SharedState::from_query_string("%FF=%FF"),
            SharedState::default()
        );
        assert_eq!(
            SharedState::from_query_string("user=%FF").form.user_name,
            "\u{FFFD}"
        );
        assert_eq!(SharedState::from_query_string(" REGION =x").region, "x");
        assert_eq!(SharedState::from_query_string("?"), SharedState::default());
    }

    #[test]
    fn several_targets_travel_with_numbered_keys() {
        let mut s = full();
        s.label = "Beijing".into();
        s.more_targets = vec![
            SharedTarget {
                region: "ap-southeast-1".into(),
                project_id: "p2".into(),
                label: "香港".into(),
                ..SharedTarget::default()
            },
            SharedTarget {
                region: "ap-southeast-3".into(),
                endpoint: "https://workspace.ap-southeast-3.myhuaweicloud.com".into(),
                project_id: "p3".into(),
                ..SharedTarget::default()
            },
        ];
        let q = s.to_query_string();
        assert!(q.ends_with(
            "&label=Beijing&region2=ap-southeast-1&project2=p2&label2=%E9%A6%99%E6%B8%AF\
             &region3=ap-southeast-3&endpoint3=https%3A%2F%2Fworkspace.ap-southeast-3.myhuaweicloud.com\
             &project3=p3"
        ), "{q}");
        let back = SharedState::from_query_string(&q);
        assert_eq!(back, s);
        let targets = back.targets();
        assert_eq!(targets.len(), 3);
        assert_eq!(
            (targets[0].project_id.as_str(), targets[0].label.as_str()),
            ("p1", "Beijing")
        );
        assert_eq!(targets[2].project_id, "p3");
    }

    #[test]
    fn target_keys_out_of_range_repeated_or_odd_are_ignored() {
        // A gap keeps its place (target 2 empty, target 3 set); trailing empties are dropped.
        let s = SharedState::from_query_string(
            "project3=p3&project3=again&project21=x&project1=y&project02=z&label4=",
        );
        assert_eq!(s.more_targets.len(), 2);
        assert_eq!(s.more_targets[0], SharedTarget::default());
        assert_eq!(s.more_targets[1].project_id, "p3");
        assert_eq!(s.project_id, "", "project1 is not the first target's key");
        // An endpoint of any target is a destination the user must see before signing.
        assert!(
            SharedState::from_query_string("endpoint2=https%3A%2F%2Fevil.example")
                .sets_destination()
        );
    }

    #[test]
    fn lang_is_read_only_when_it_names_a_language() {
        assert_eq!(
            SharedState::from_query_string("lang=zh").lang,
            Some(Lang::Zh)
        );
        assert_eq!(
            SharedState::from_query_string("lang=en-US").lang,
            Some(Lang::En)
        );
        // An unknown language does not hide a later valid one, and is never written back.
        let s = SharedState::from_query_string("lang=fr&lang=zh-CN");
        assert_eq!(s.lang, Some(Lang::Zh));
        assert_eq!(
            SharedState::from_query_string("lang=klingon").to_query_string(),
            ""
        );
    }

    #[test]
    fn project_falls_back_to_the_form() {
        let mut s = SharedState::default();
        s.form.project_id = "from-form".into();
        assert_eq!(s.to_query_string(), "project=from-form");
        assert!(!s.sets_destination());
        assert!(full().sets_destination());
    }

    fn state() -> impl Strategy<Value = SharedState> {
        let text = || any::<String>();
        (
            proptest::collection::vec(text(), 16),
            prop_oneof![Just(""), Just("aksk"), Just("token")],
            prop_oneof![Just(None), Just(Some(Lang::En)), Just(Some(Lang::Zh))],
            proptest::collection::vec(
                (text(), text(), text(), text()).prop_map(
                    |(region, endpoint, project_id, label)| SharedTarget {
                        region,
                        endpoint,
                        project_id,
                        label,
                    },
                ),
                0..4,
            ),
        )
            .prop_map(|(v, auth, lang, more)| {
                let form = QueryForm {
                    project_id: v[2].clone(),
                    start_time: v[5].clone(),
                    end_time: v[6].clone(),
                    user_name: v[7].clone(),
                    computer_name: v[8].clone(),
                    terminal_type: v[9].clone(),
                    min_network_rtt: v[10].clone(),
                    max_network_rtt: v[11].clone(),
                    enterprise_project_id: v[12].clone(),
                    public_ip: v[13].clone(),
                    domain: v[14].clone(),
                    limit: v[15].clone(),
                    offset: v[0].clone() + &v[1],
                };
                SharedState {
                    region: v[0].clone(),
                    endpoint: v[1].clone(),
                    project_id: v[2].clone(),
                    proxy_url: v[3].clone(),
                    preset: v[4].clone(),
                    form,
                    auth: auth.to_owned(),
                    lang,
                    label: v[3].clone(),
                    more_targets: more
                        .into_iter()
                        .filter(|t: &SharedTarget| !t.is_empty())
                        .collect(),
                }
            })
    }

    proptest! {
        #[test]
        fn round_trip(s in state()) {
            let q = s.to_query_string();
            prop_assert!(q.is_ascii());
            prop_assert!(!q.contains(['+', '#', ' ']));
            let back = SharedState::from_query_string(&q);
            prop_assert_eq!(&back, &s);
            prop_assert_eq!(back.to_query_string(), q);
        }

        #[test]
        fn any_text_is_read_without_panicking(q in any::<String>()) {
            let s = SharedState::from_query_string(&q);
            // Whatever was read writes out and reads back the same.
            prop_assert_eq!(SharedState::from_query_string(&s.to_query_string()), s);
        }
    }
}
