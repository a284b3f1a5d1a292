//! Validation errors that name the form field they belong to.
//!
//! The form shows each message under its own input, and shows all of them at once: a user who
//! fixes one field at a time and resubmits five times would give up. So validation collects
//! every [`FieldError`] into one [`ValidationErrors`] instead of stopping at the first.

use std::fmt;

use crate::i18n::{form, Lang, Text};

/// An input of the query form (or the connection settings) that a message can be attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    ProjectId,
    StartTime,
    EndTime,
    UserName,
    ComputerName,
    TerminalType,
    Offset,
    Limit,
    MinNetworkRtt,
    MaxNetworkRtt,
    EnterpriseProjectId,
    PublicIp,
    Domain,
    Endpoint,
    ProxyUrl,
    AccessKey,
    SecretKey,
    SecurityToken,
    AuthToken,
}

impl Field {
    /// The field's name in messages ("Start time" / "开始时间"), as a catalog message.
    pub fn name(self) -> Text {
        match self {
            Field::ProjectId => form::PROJECT_ID,
            Field::StartTime => form::START_TIME,
            Field::EndTime => form::END_TIME,
            Field::UserName => form::USER_NAME,
            Field::ComputerName => form::COMPUTER_NAME,
            Field::TerminalType => form::TERMINAL_TYPE,
            Field::Offset => form::OFFSET,
            Field::Limit => form::LIMIT,
            Field::MinNetworkRtt => form::MIN_NETWORK_RTT_NAME,
            Field::MaxNetworkRtt => form::MAX_NETWORK_RTT_NAME,
            Field::EnterpriseProjectId => form::ENTERPRISE_PROJECT_ID,
            Field::PublicIp => form::PUBLIC_IP,
            Field::Domain => form::DOMAIN,
            Field::Endpoint => form::ENDPOINT,
            Field::ProxyUrl => form::PROXY_URL,
            Field::AccessKey => form::ACCESS_KEY_ID,
            Field::SecretKey => form::SECRET_ACCESS_KEY,
            Field::SecurityToken => form::SECURITY_TOKEN,
            Field::AuthToken => form::IAM_TOKEN,
        }
    }

    /// A short human label for messages, in `lang` ("Start time", "开始时间").
    pub fn label(self, lang: Lang) -> &'static str {
        self.name().get(lang)
    }
}

/// What is wrong with a field, typed so tests and the UI can match on it without parsing text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty but needed.
    Required,
    /// Needed because another field is set (start time without end time, and the reverse).
    RequiredWith(Field),
    /// Not a time in the form `YYYY-MM-DDTHH:MMZ`.
    BadTimeFormat,
    /// The start of the range is after its end.
    StartAfterEnd,
    /// Not a whole number written with digits only.
    NotAWholeNumber,
    /// A whole number outside the allowed range.
    OutOfRange { min: u64, max: u64 },
    /// The minimum bound is greater than the maximum bound.
    MinAboveMax,
    /// Longer than the cap, in Unicode characters.
    TooLong { max_chars: usize },
    /// A character that would change the URL's structure (path separators, `?`, `#`, `%`, ...).
    ForbiddenCharacter(char),
    /// A dot segment (`.` or `..`), which URL parsers would resolve away.
    DotSegment,
    /// Not an absolute `http(s)` URL.
    BadUrl,
    /// Plain `http` to a host that is not this machine: secrets would cross the network in clear.
    InsecureScheme,
    /// User name or password inside the URL.
    HasUserInfo,
    /// A path, query or fragment where only scheme, host and port belong.
    UnexpectedUrlPart,
    /// A character a header value cannot carry (non-ASCII, control, or space inside the value).
    NotHeaderSafe,
    /// Not a local date and time as the browser's picker writes it (`YYYY-MM-DDTHH:MM`), or
    /// one the API's four-digit-year format cannot express once converted to UTC.
    BadLocalTime,
    /// The browser reported a time zone offset no real zone has, so the local time cannot be
    /// converted reliably.
    BadTimeZoneOffset,
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    /// Pairs a field with its problem.
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    /// The sentence shown under the field, in `lang`. It never repeats the field's value: the
    /// value may be a secret, and the user can see what they typed anyway. Errors are kept as
    /// data and put into words only here, so a message already showing follows a language
    /// switch.
    pub fn message(&self, lang: Lang) -> String {
        let label = self.field.label(lang);
        let with_label = |text: Text| text.fill(lang, &[label]);
        match &self.problem {
            Problem::Required => with_label(form::REQUIRED),
            Problem::RequiredWith(other) => {
                // Mid-sentence in English; Chinese has no case.
                let other = match lang {
                    Lang::En => other.label(lang).to_lowercase(),
                    Lang::Zh => other.label(lang).to_owned(),
                };
                form::REQUIRED_WITH.fill(lang, &[label, &other])
            }
            Problem::BadTimeFormat => with_label(form::BAD_TIME_FORMAT),
            Problem::StartAfterEnd => form::START_AFTER_END.get(lang).to_owned(),
            Problem::NotAWholeNumber => with_label(form::NOT_A_WHOLE_NUMBER),
            Problem::OutOfRange { min, max } => {
                form::OUT_OF_RANGE.fill(lang, &[label, &min.to_string(), &max.to_string()])
            }
            Problem::MinAboveMax => form::MIN_ABOVE_MAX.get(lang).to_owned(),
            Problem::TooLong { max_chars } => {
                form::TOO_LONG.fill(lang, &[label, &max_chars.to_string()])
            }
            Problem::ForbiddenCharacter(ch) => {
                if ch.is_control() || ch.is_whitespace() {
                    let code_point = format!("{:04X}", u32::from(*ch));
                    form::FORBIDDEN_INVISIBLE.fill(lang, &[label, &code_point])
                } else {
                    form::FORBIDDEN_CHARACTER.fill(lang, &[label, &ch.to_string()])
                }
            }
            Problem::DotSegment => with_label(form::DOT_SEGMENT),
            Problem::BadUrl => with_label(form::BAD_URL),
            Problem::InsecureScheme => with_label(form::INSECURE_SCHEME),
            Problem::HasUserInfo => with_label(form::HAS_USER_INFO),
            Problem::UnexpectedUrlPart => with_label(form::UNEXPECTED_URL_PART),
            Problem::NotHeaderSafe => with_label(form::NOT_HEADER_SAFE),
            Problem::BadLocalTime => with_label(form::BAD_LOCAL_TIME),
            Problem::BadTimeZoneOffset => with_label(form::BAD_TIME_ZONE_OFFSET),
        }
    }
}

/// English, for logs and tests; the page shows [`FieldError::message`] in its language.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FieldError {}

/// Every problem found in one validation pass, in field order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<FieldError>,
}

impl ValidationErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one more problem.
    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// Moves every problem of `other` into `self`, so several validators can report together.
    pub fn extend(&mut self, other: ValidationErrors) {
        self.errors.extend(other.errors);
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// All problems, in the order they were found.
    pub fn all(&self) -> &[FieldError] {
        &self.errors
    }

    /// The problems of one field, for the message under that input.
    ///
    /// ```
    /// use logins_core::api::field_error::{Field, FieldError, Problem, ValidationErrors};
    /// let mut errors = ValidationErrors::new();
    /// errors.push(FieldError::new(Field::Limit, Problem::NotAWholeNumber));
    /// assert_eq!(errors.for_field(Field::Limit).count(), 1);
    /// assert_eq!(errors.for_field(Field::Offset).count(), 0);
    /// ```
    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().filter(move |e| e.field == field)
    }

    /// `Ok(value)` when nothing was reported, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(error: FieldError) -> Self {
        ValidationErrors {
            errors: vec![error],
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every problem, with its sentence in English (as it was before there was a
    /// second language: tests and users know these words) and in Chinese.
    fn every_problem() -> Vec<(FieldError, &'static str, &'static str)> {
        use Field::*;
        let e = FieldError::new;
        vec![
            (
                e(ProjectId, Problem::Required),
                "Project ID is required.",
                "项目ID为必填项。",
            ),
            (
                e(StartTime, Problem::RequiredWith(EndTime)),
                "Start time is required when end time is set.",
                "设置了结束时间时，开始时间为必填项。",
            ),
            (
                e(StartTime, Problem::BadTimeFormat),
                "Start time must be a UTC time like 2024-01-15T08:30Z.",
                "开始时间必须是接口要求的 UTC 时间格式（精确到分钟）。",
            ),
            (
                e(EndTime, Problem::StartAfterEnd),
                "End time must not be before start time.",
                "结束时间不能早于开始时间。",
            ),
            (
                e(Limit, Problem::NotAWholeNumber),
                "Limit must be a whole number (digits only).",
                "每页条数必须是整数（只能包含数字）。",
            ),
            (
                e(Limit, Problem::OutOfRange { min: 0, max: 1000 }),
                "Limit must be between 0 and 1000.",
                "每页条数必须介于 0 和 1000 之间。",
            ),
            (
                e(MaxNetworkRtt, Problem::MinAboveMax),
                "Maximum network RTT must not be below the minimum.",
                "最大网络时延不能小于最小网络时延。",
            ),
            (
                e(UserName, Problem::TooLong { max_chars: 255 }),
                "User name must be at most 255 characters.",
                "用户名最多 255 个字符。",
            ),
            (
                e(ComputerName, Problem::ForbiddenCharacter('/')),
                "Computer name must not contain \"/\".",
                "计算机名不能包含“/”。",
            ),
            (
                e(TerminalType, Problem::ForbiddenCharacter('\t')),
                "Terminal type must not contain U+0009.",
                "终端类型不能包含空白或控制字符（十六进制码位 0009）。",
            ),
            (
                e(EnterpriseProjectId, Problem::DotSegment),
                "Enterprise project ID must not be \".\" or contain \"..\".",
                "企业项目ID不能是“.”，也不能包含“..”。",
            ),
            (
                e(Endpoint, Problem::BadUrl),
                "Endpoint must be a full URL such as https://example.com.",
                "终端节点必须是包含协议和主机名的完整 URL。",
            ),
            (
                e(ProxyUrl, Problem::InsecureScheme),
                "Proxy URL must use https (plain http only for 127.0.0.1, ::1 or localhost).",
                "代理地址必须使用 HTTPS（仅 127.0.0.1、::1 或 localhost 可以使用不加密的 HTTP）。",
            ),
            (
                e(ProxyUrl, Problem::HasUserInfo),
                "Proxy URL must not contain a user name or password.",
                "代理地址不能包含用户名或密码。",
            ),
            (
                e(Endpoint, Problem::UnexpectedUrlPart),
                "Endpoint must not have a path, query or fragment.",
                "终端节点不能包含路径、查询参数或片段。",
            ),
            (
                e(SecurityToken, Problem::NotHeaderSafe),
                "Security token may contain only visible ASCII characters.",
                "安全令牌只能包含可见的 ASCII 字符。",
            ),
            (
                e(EndTime, Problem::BadLocalTime),
                "End time must be a date and time like 2024-01-15T08:30 (years 0001 to 9999).",
                "结束时间必须是完整的日期和时间，例如 2024-01-15 08:30（年份 0001 至 9999）。",
            ),
            (
                e(StartTime, Problem::BadTimeZoneOffset),
                "Start time cannot be converted to UTC: this browser reported an impossible time \
                 zone offset.",
                "开始时间无法转换为 UTC：此浏览器报告了不存在的时区偏移。",
            ),
        ]
    }

    #[test]
    fn every_problem_reads_in_both_languages() {
        let cases = every_problem();
        // Every variant (the forbidden character twice: visible and not). A new Problem gets
        // its sentences here, or this count fails.
        let variants: std::collections::HashSet<_> = cases
            .iter()
            .map(|(e, _, _)| std::mem::discriminant(&e.problem))
            .collect();
        assert_eq!(variants.len(), 17);
        for (error, en, zh) in cases {
            assert_eq!(error.message(Lang::En), en, "{error:?}");
            assert_eq!(error.message(Lang::Zh), zh, "{error:?}");
            assert_eq!(error.to_string(), en, "Display stays English");
            // The page in Chinese shows no English word (the catalog's test checks the
            // templates; this checks what they become).
            let untranslated = crate::i18n::untranslated_words(zh);
            assert!(untranslated.is_empty(), "{zh}: {untranslated:?}");
        }
    }

    #[test]
    fn labels_are_the_fields_names_in_each_language() {
        let zh = [
            (Field::ProxyUrl, "代理地址"),
            (Field::Endpoint, "终端节点"),
            (Field::ProjectId, "项目ID"),
            (Field::AccessKey, "访问密钥ID"),
            (Field::SecretKey, "秘密访问密钥"),
            (Field::SecurityToken, "安全令牌"),
            (Field::AuthToken, "IAM令牌"),
            (Field::StartTime, "开始时间"),
            (Field::EndTime, "结束时间"),
            (Field::UserName, "用户名"),
            (Field::ComputerName, "计算机名"),
            (Field::TerminalType, "终端类型"),
            (Field::MinNetworkRtt, "最小网络时延"),
            (Field::MaxNetworkRtt, "最大网络时延"),
            (Field::Limit, "每页条数"),
            (Field::EnterpriseProjectId, "企业项目ID"),
            (Field::PublicIp, "终端出口IP"),
            (Field::Domain, "域名"),
            (Field::Offset, "偏移量"),
        ];
        for (field, name) in zh {
            assert_eq!(field.label(Lang::Zh), name);
        }
        assert_eq!(Field::MinNetworkRtt.label(Lang::En), "Minimum network RTT");
        assert_eq!(Field::Limit.label(Lang::En), "Limit");
        // Chinese is not lower-cased mid-sentence ("IAM令牌" would become "iam令牌").
        let e = FieldError::new(Field::SecretKey, Problem::RequiredWith(Field::AuthToken));
        assert_eq!(
            e.message(Lang::Zh),
            "设置了IAM令牌时，秘密访问密钥为必填项。"
        );
        assert_eq!(
            e.message(Lang::En),
            "Secret access key is required when iam token is set."
        );
    }
}
