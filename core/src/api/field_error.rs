//! Validation errors that name the form field they belong to.
//!
//! The form shows each message under its own input, and shows all of them at once: a user who
//! fixes one field at a time and resubmits five times would give up. So validation collects
//! every [`FieldError`] into one [`ValidationErrors`] instead of stopping at the first.

use std::fmt;

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
    /// A short human label for messages ("Start time"), in the UI's language (English for now).
    pub fn label(self) -> &'static str {
        match self {
            Field::ProjectId => "Project ID",
            Field::StartTime => "Start time",
            Field::EndTime => "End time",
            Field::UserName => "User name",
            Field::ComputerName => "Computer name",
            Field::TerminalType => "Terminal type",
            Field::Offset => "Offset",
            Field::Limit => "Limit",
            Field::MinNetworkRtt => "Minimum network RTT",
            Field::MaxNetworkRtt => "Maximum network RTT",
            Field::EnterpriseProjectId => "Enterprise project ID",
            Field::PublicIp => "Public IP",
            Field::Domain => "Domain",
            Field::Endpoint => "Endpoint",
            Field::ProxyUrl => "Proxy URL",
            Field::AccessKey => "Access key ID",
            Field::SecretKey => "Secret access key",
            Field::SecurityToken => "Security token",
            Field::AuthToken => "IAM token",
        }
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

    /// The sentence shown under the field. It never repeats the field's value: the value may be
    /// a secret, and the user can see what they typed anyway.
    pub fn message(&self) -> String {
        match &self.problem {
            Problem::Required => format!("{} is required.", self.field.label()),
            Problem::RequiredWith(other) => format!(
                "{} is required when {} is set.",
                self.field.label(),
                other.label().to_lowercase()
            ),
            Problem::BadTimeFormat => format!(
                "{} must be a UTC time like 2024-01-15T08:30Z.",
                self.field.label()
            ),
            Problem::StartAfterEnd => "End time must not be before start time.".to_owned(),
            Problem::NotAWholeNumber => {
                format!(
                    "{} must be a whole number (digits only).",
                    self.field.label()
                )
            }
            Problem::OutOfRange { min, max } => {
                format!("{} must be between {min} and {max}.", self.field.label())
            }
            Problem::MinAboveMax => "Maximum network RTT must not be below the minimum.".to_owned(),
            Problem::TooLong { max_chars } => format!(
                "{} must be at most {max_chars} characters.",
                self.field.label()
            ),
            Problem::ForbiddenCharacter(ch) => {
                let shown = if ch.is_control() || ch.is_whitespace() {
                    format!("U+{:04X}", u32::from(*ch))
                } else {
                    format!("\"{ch}\"")
                };
                format!("{} must not contain {shown}.", self.field.label())
            }
            Problem::DotSegment => format!(
                "{} must not be \".\" or contain \"..\".",
                self.field.label()
            ),
            Problem::BadUrl => format!(
                "{} must be a full URL such as https://example.com.",
                self.field.label()
            ),
            Problem::InsecureScheme => format!(
                "{} must use https (plain http only for 127.0.0.1, ::1 or localhost).",
                self.field.label()
            ),
            Problem::HasUserInfo => format!(
                "{} must not contain a user name or password.",
                self.field.label()
            ),
            Problem::UnexpectedUrlPart => format!(
                "{} must not have a path, query or fragment.",
                self.field.label()
            ),
            Problem::NotHeaderSafe => format!(
                "{} may contain only visible ASCII characters.",
                self.field.label()
            ),
            Problem::BadLocalTime => format!(
                "{} must be a date and time like 2024-01-15T08:30 (years 0001 to 9999).",
                self.field.label()
            ),
            Problem::BadTimeZoneOffset => format!(
                "{} cannot be converted to UTC: this browser reported an impossible time zone \
                 offset.",
                self.field.label()
            ),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
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
