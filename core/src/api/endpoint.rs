//! Where requests go: the Workspace regions, or a validated custom endpoint (for the stand-in
//! server, or a region added after this list was written).

use crate::api::field_error::{Field, FieldError, Problem};
use crate::api::web_url::{self, Scheme, UrlError, WebUrl};
use crate::i18n::{form, Lang, Text};

/// A Huawei Cloud region that hosts the Workspace API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The region ID, as in the endpoint host and the console (`cn-north-4`).
    pub id: &'static str,
    /// The console's name in each language (English "CN North-Beijing4", Chinese "华北-北京四"),
    /// where it is known for certain; `None` rather than a guess, because a wrong city name
    /// would send an administrator to the wrong project.
    pub name: Option<Text>,
}

impl Region {
    /// What a region picker shows: in English `"CN North-Beijing4 (cn-north-4)"`; in Chinese
    /// the name alone, `"华北-北京四"`, as Huawei's Chinese console lists regions (the ID is in
    /// the endpoint beside the picker); the ID alone for a region without a known name.
    ///
    /// ```
    /// use logins_core::api::endpoint::region;
    /// use logins_core::i18n::Lang;
    /// assert_eq!(region("ap-southeast-3").unwrap().label(Lang::Zh), "亚太-新加坡");
    /// assert_eq!(region("ap-southeast-3").unwrap().label(Lang::En), "AP-Singapore (ap-southeast-3)");
    /// ```
    pub fn label(&self, lang: Lang) -> String {
        match (self.name, lang) {
            (Some(name), Lang::En) => format!("{} ({})", name.en, self.id),
            (Some(name), Lang::Zh) => name.zh.to_owned(),
            (None, _) => self.id.to_owned(),
        }
    }

    /// The region's Workspace endpoint.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint {
            scheme: Scheme::Https,
            host: format!("workspace.{}.myhuaweicloud.com", self.id),
            port: None,
        }
    }
}

/// The regions of the official SDK's `WorkspaceRegion` (huaweicloudsdkworkspace 3.1.219), in its
/// order. All use `https://workspace.{id}.myhuaweicloud.com`, eu-west-101 included (other
/// services use `.myhuaweicloud.eu` there; the Workspace SDK does not).
pub const REGIONS: [Region; 18] = [
    Region {
        id: "cn-east-3",
        name: Some(form::REGION_CN_EAST_3),
    },
    Region {
        id: "cn-north-4",
        name: Some(form::REGION_CN_NORTH_4),
    },
    Region {
        id: "cn-south-1",
        name: Some(form::REGION_CN_SOUTH_1),
    },
    Region {
        id: "cn-southwest-2",
        name: Some(form::REGION_CN_SOUTHWEST_2),
    },
    Region {
        id: "la-south-2",
        name: Some(form::REGION_LA_SOUTH_2),
    },
    Region {
        id: "sa-brazil-1",
        name: Some(form::REGION_SA_BRAZIL_1),
    },
    Region {
        id: "la-north-2",
        name: Some(form::REGION_LA_NORTH_2),
    },
    Region {
        id: "ap-southeast-3",
        name: Some(form::REGION_AP_SOUTHEAST_3),
    },
    Region {
        id: "cn-north-9",
        name: Some(form::REGION_CN_NORTH_9),
    },
    Region {
        id: "ap-southeast-1",
        name: Some(form::REGION_AP_SOUTHEAST_1),
    },
    Region {
        id: "cn-east-5",
        name: None,
    },
    Region {
        id: "me-east-1",
        name: Some(form::REGION_ME_EAST_1),
    },
    Region {
        id: "af-south-1",
        name: Some(form::REGION_AF_SOUTH_1),
    },
    Region {
        id: "tr-west-1",
        name: Some(form::REGION_TR_WEST_1),
    },
    Region {
        id: "cn-north-11",
        name: None,
    },
    Region {
        id: "af-north-1",
        name: Some(form::REGION_AF_NORTH_1),
    },
    Region {
        id: "ap-southeast-2",
        name: Some(form::REGION_AP_SOUTHEAST_2),
    },
    Region {
        id: "eu-west-101",
        name: Some(form::REGION_EU_WEST_101),
    },
];

/// Looks a region up by ID (exact, lowercase).
///
/// ```
/// use logins_core::api::endpoint::region;
/// let r = region("cn-north-4").unwrap();
/// assert_eq!(r.endpoint().base_url(), "https://workspace.cn-north-4.myhuaweicloud.com");
/// assert!(region("us-east-1").is_none());
/// ```
pub fn region(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// A validated API endpoint: scheme, host and optional port, nothing else.
///
/// Why so strict: the endpoint's authority is what gets signed as `host`, and the credentials
/// travel in headers. Plain `http` is allowed only to loopback (the stand-in server), so secrets
/// never cross a network unencrypted; a path or query would silently change the signed request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Endpoint {
    scheme: Scheme,
    /// Lowercase host; IPv6 in brackets, in its canonical form.
    host: String,
    /// `None` when it is the scheme's default port.
    port: Option<u16>,
}

impl Endpoint {
    /// Validates a custom endpoint such as `https://workspace.example.com` or
    /// `http://127.0.0.1:8788`.
    ///
    /// ```
    /// use logins_core::api::endpoint::Endpoint;
    /// let local = Endpoint::custom(" http://127.0.0.1:8788/ ").unwrap();
    /// assert_eq!(local.authority(), "127.0.0.1:8788");
    /// assert!(Endpoint::custom("http://example.com").is_err());
    /// assert!(Endpoint::custom("https://user:pw@example.com").is_err());
    /// ```
    pub fn custom(input: &str) -> Result<Endpoint, FieldError> {
        let url = parse_web_url(Field::Endpoint, input)?;
        if !matches!(url.path, "" | "/") || url.has_query || url.has_fragment {
            return Err(FieldError::new(Field::Endpoint, Problem::UnexpectedUrlPart));
        }
        Ok(Endpoint {
            scheme: url.scheme,
            host: url.host,
            port: url.port,
        })
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The host without port (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, when it is not the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// `host[:port]`: the value of the `Host` header the target receives, hence what is signed.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// `scheme://host[:port]`, without a trailing slash, ready for a path to be appended.
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme.as_str(), self.authority())
    }

    /// The region this endpoint belongs to, if it is one of [`REGIONS`].
    pub fn region(&self) -> Option<&'static Region> {
        REGIONS.iter().find(|r| {
            self.scheme == Scheme::Https && self.port.is_none() && r.endpoint().host == self.host
        })
    }
}

/// Parses an absolute `http(s)` URL and applies the rules shared by endpoints and proxy URLs:
/// no user info, and `http` only for loopback hosts. The grammar, and why it is not the `url`
/// crate's WHATWG parser, are in [`web_url`].
pub(crate) fn parse_web_url(field: Field, input: &str) -> Result<WebUrl<'_>, FieldError> {
    let error = |problem| FieldError::new(field, problem);
    let text = input.trim();
    if text.is_empty() {
        return Err(error(Problem::Required));
    }
    let url = web_url::parse(text).map_err(|e| match e {
        UrlError::Syntax => error(Problem::BadUrl),
        UrlError::UserInfo => error(Problem::HasUserInfo),
    })?;
    if url.scheme == Scheme::Http && !url.is_loopback() {
        return Err(error(Problem::InsecureScheme));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(input: &str) -> Problem {
        Endpoint::custom(input).unwrap_err().problem
    }

    #[test]
    fn all_regions_map_to_workspace_hosts() {
        assert_eq!(REGIONS.len(), 18);
        for r in REGIONS {
            let e = r.endpoint();
            assert_eq!(
                e.base_url(),
                format!("https://workspace.{}.myhuaweicloud.com", r.id)
            );
            assert_eq!(e.region(), Some(region(r.id).unwrap()));
        }
        assert_eq!(region("cn-east-5").unwrap().label(Lang::En), "cn-east-5");
        assert_eq!(
            region("cn-north-4").unwrap().label(Lang::En),
            "CN North-Beijing4 (cn-north-4)"
        );
    }

    #[test]
    fn regions_have_huaweis_names_in_each_language() {
        let label = |id, lang| region(id).unwrap().label(lang);
        assert_eq!(label("cn-north-4", Lang::Zh), "华北-北京四");
        assert_eq!(label("ap-southeast-1", Lang::Zh), "中国-香港");
        assert_eq!(label("ap-southeast-3", Lang::Zh), "亚太-新加坡");
        assert_eq!(label("cn-east-3", Lang::Zh), "华东-上海一");
        assert_eq!(label("eu-west-101", Lang::Zh), "欧洲-都柏林");
        assert_eq!(
            label("ap-southeast-1", Lang::En),
            "CN-Hong Kong (ap-southeast-1)"
        );
        // A region without a certain name is shown by its ID in both languages.
        assert_eq!(label("cn-north-11", Lang::Zh), "cn-north-11");
        for r in REGIONS {
            let zh = r.label(Lang::Zh);
            match r.name {
                Some(_) => assert!(crate::i18n::untranslated_words(&zh).is_empty(), "{zh}"),
                None => assert_eq!(zh, r.id),
            }
        }
    }

    #[test]
    fn custom_https_endpoints_are_normalized() {
        let e = Endpoint::custom("HTTPS://Workspace.Example.COM:443").unwrap();
        assert_eq!(e.base_url(), "https://workspace.example.com");
        let e = Endpoint::custom("https://example.com:8443/").unwrap();
        assert_eq!(e.authority(), "example.com:8443");
        let e = Endpoint::custom("https://workspace.cn-north-4.myhuaweicloud.com").unwrap();
        assert_eq!(e.region().map(|r| r.id), Some("cn-north-4"));
    }

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8788",
            "http://127.9.8.7",
            "http://[::1]:8788",
            "http://localhost:1",
            "http://LOCALHOST",
        ] {
            assert!(Endpoint::custom(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Endpoint::custom("http://[::1]:8788").unwrap().authority(),
            "[::1]:8788"
        );
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "http://128.0.0.1",
            "http://localhost.example.com",
            "http://[::2]",
        ] {
            assert_eq!(problem(bad), Problem::InsecureScheme, "{bad}");
        }
    }

    #[test]
    fn only_scheme_host_and_port() {
        assert_eq!(problem(""), Problem::Required);
        assert_eq!(problem("workspace.example.com"), Problem::BadUrl);
        assert_eq!(problem("localhost:8788"), Problem::BadUrl);
        assert_eq!(problem("ftp://example.com"), Problem::BadUrl);
        assert_eq!(problem("https://"), Problem::BadUrl);
        assert_eq!(problem("https://u@example.com"), Problem::HasUserInfo);
        assert_eq!(problem("https://:p@example.com"), Problem::HasUserInfo);
        for bad in [
            "https://example.com/v2",
            "https://example.com/?a=1",
            "https://example.com/#x",
            "https://example.com?",
        ] {
            assert_eq!(problem(bad), Problem::UnexpectedUrlPart, "{bad}");
        }
    }

    #[test]
    fn strict_where_a_browser_would_rewrite() {
        // Accepted by the WHATWG parser but requested differently from how they are written
        // (see web_url.rs): refused rather than silently rewritten.
        for bad in [
            "http://127.1",
            "http://0x7f.0.0.1",
            "http://2130706433",
            "https://bücher.example",
            "https://exa%6Dple.com",
            "https://example.com.",
            "https:example.com",
            "https://example.com\\",
            "https://example.com:65536",
        ] {
            assert_eq!(problem(bad), Problem::BadUrl, "{bad}");
        }
        assert_eq!(problem("https://@example.com"), Problem::HasUserInfo);
        // Syntax first, then user info, then the scheme rule, then the extra parts.
        assert_eq!(problem("http://u@[::1"), Problem::BadUrl);
        assert_eq!(problem("http://u@example.com/v2"), Problem::HasUserInfo);
        assert_eq!(problem("http://example.com/v2"), Problem::InsecureScheme);
        assert_eq!(problem("https://example.com/."), Problem::UnexpectedUrlPart);
    }

    #[test]
    fn hosts_and_ports_are_normalized() {
        let e = Endpoint::custom("https://xn--bcher-kva.Example:0443").unwrap();
        assert_eq!(e.base_url(), "https://xn--bcher-kva.example");
        let e = Endpoint::custom("https://[2001:DB8:0:0:1:0:0:1]:8443").unwrap();
        assert_eq!(e.host(), "[2001:db8::1:0:0:1]");
        assert_eq!(e.authority(), "[2001:db8::1:0:0:1]:8443");
        let e = Endpoint::custom("http://localhost:80/").unwrap();
        assert_eq!(e.base_url(), "http://localhost");
        assert_eq!(
            Endpoint::custom("https://example.com:").unwrap().port(),
            None
        );
    }
}
