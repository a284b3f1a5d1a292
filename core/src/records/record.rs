//! The response of `GET /v2/{project_id}/connections/desktops`: `{ total_count, records }`.
//!
//! Parsing is deliberately forgiving. The API's own example omits most fields, different
//! service versions add fields, and a single odd value (an RTT of -1, a time in another format,
//! a number sent as a string) must not throw away a page of otherwise good records. So:
//! every field is optional, unknown fields are ignored, a value of the wrong type becomes `None`
//! and its field name is listed in [`Record::invalid_fields`] (so statistics can skip and count
//! it), times keep their original text next to the parsed instant, and nothing here panics on
//! any input (the JSON parser's depth limit turns hostile nesting into an error).
//!
//! Text that JSON allows but serde_json refuses (a lone UTF-16 surrogate escape, a number
//! beyond `f64`) is read as [`crate::records::json_text`] rewrites it, so it costs one value, never the
//! page. A text field holding U+FFFD is kept as sent but listed as invalid too: U+FFFD is what
//! a lone surrogate becomes, and what bytes that were not UTF-8 became when the body was
//! decoded, so it marks text that was damaged before it arrived.

use chrono::{DateTime, Utc};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// A time as the API sent it, and the UTC instant when the text could be understood.
///
/// Why both: a time in an unexpected format is still worth showing (and exporting) verbatim,
/// even though it cannot be sorted or charted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    pub raw: String,
    pub parsed: Option<DateTime<Utc>>,
}

impl Timestamp {
    /// Parses RFC 3339 (`2020-04-24T03:02:47Z`, any offset, fractions), `+0800`-style offsets,
    /// the API's minute form (`2020-04-24T03:02Z`), and zone-less `T`/space forms, which are
    /// taken as UTC because the API reports UTC.
    ///
    /// ```
    /// use logins_core::records::record::Timestamp;
    /// let t = Timestamp::parse("2020-04-24T11:02:47+08:00");
    /// assert_eq!(t.parsed.unwrap().to_rfc3339(), "2020-04-24T03:02:47+00:00");
    /// let odd = Timestamp::parse("yesterday");
    /// assert_eq!((odd.raw.as_str(), odd.parsed), ("yesterday", None));
    /// ```
    pub fn parse(raw: &str) -> Timestamp {
        Timestamp {
            raw: raw.to_owned(),
            parsed: parse_instant(raw.trim()),
        }
    }
}

impl Serialize for Timestamp {
    /// Exports the original text: nothing the API said is lost or reformatted.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    use crate::time::text::*;
    // The formats, in order: `%Y-%m-%dT%H:%M:%S%.f%z`, `%Y-%m-%d %H:%M:%S%.f%z`, then UTC
    // `%Y-%m-%dT%H:%MZ`, `%Y-%m-%dT%H:%M:%S%.f`, `%Y-%m-%d %H:%M:%S%.f`, `%Y-%m-%dT%H:%M`.
    for format in [T_SECONDS_OFFSET, SPACE_SECONDS_OFFSET] {
        if let Some(t) = parse_with_offset(text, format) {
            return Some(t);
        }
    }
    [T_MINUTES_Z, T_SECONDS, SPACE_SECONDS, T_MINUTES]
        .into_iter()
        .find_map(|format| parse_naive(text, format))
        .map(|t| t.and_utc())
}

/// One login record. Field names follow the API (`tenantId` is the API's spelling of
/// `tenant_id`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Record {
    #[serde(rename = "tenantId", skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_mac: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desktop_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_start_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_setup_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_end_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_reconnect: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_failure_reason: Option<String>,
    /// Milliseconds. Kept as sent even when negative or absurd; statistics decide what to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_rtt: Option<i64>,
    /// Milliseconds, same policy as `network_rtt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e2e_rtt: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desktop_id: Option<String>,
    /// Not an API field: the region of the target (project) the record was fetched from, when
    /// several are fetched together. Exports write it and imports read it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Not an API field: the target's label, else its project ID (see `region`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// API names of fields that were present but unusable (wrong type, unparsable time, text
    /// with U+FFFD); their value is `None` (or kept as sent: a time's raw text with
    /// `parsed: None`, a damaged text with its U+FFFD).
    #[serde(skip)]
    pub invalid_fields: Vec<&'static str>,
}

impl Record {
    /// Reads one record object, never failing: see the module docs.
    pub fn from_json(object: &Map<String, Value>) -> Record {
        let mut fields = no_fields();
        for (name, value) in object {
            if let Some(i) = field_index(name) {
                fields[i] = Some(Scalar::from_value(value));
            }
        }
        Record::from_fields(fields)
    }

    /// The record from its known fields (by [`field_index`]), by the rules of the module docs.
    fn from_fields(fields: Fields) -> Record {
        let mut reader = Reader {
            fields,
            invalid: Vec::new(),
        };
        let mut record = Record {
            tenant_id: reader.text("tenantId").or_else(|| reader.text("tenant_id")),
            sid: reader.text("sid"),
            transaction_id: reader.text("transaction_id"),
            computer_name: reader.text("computer_name"),
            user_name: reader.text("user_name"),
            terminal_mac: reader.text("terminal_mac"),
            terminal_name: reader.text("terminal_name"),
            terminal_ip: reader.text("terminal_ip"),
            client_version: reader.text("client_version"),
            terminal_type: reader.text("terminal_type"),
            agent_version: reader.text("agent_version"),
            desktop_ip: reader.text("desktop_ip"),
            connection_start_time: reader.time("connection_start_time"),
            connection_setup_time: reader.time("connection_setup_time"),
            connection_end_time: reader.time("connection_end_time"),
            is_reconnect: reader.boolean("is_reconnect"),
            connection_failure_reason: reader.text("connection_failure_reason"),
            network_rtt: reader.integer("network_rtt"),
            e2e_rtt: reader.integer("e2e_rtt"),
            source_ip: reader.text("source_ip"),
            public_ip: reader.text("public_ip"),
            enterprise_project_id: reader.text("enterprise_project_id"),
            desktop_id: reader.text("desktop_id"),
            region: reader.text("region"),
            project: reader.text("project"),
            invalid_fields: Vec::new(),
        };
        record.invalid_fields = reader.invalid;
        record
    }
}

/// The record fields the reader knows, in the API's spelling (an object with one of them is
/// taken for a record when importing a file).
pub(crate) const FIELD_NAMES: [&str; 26] = [
    "tenantId",
    "tenant_id",
    "sid",
    "transaction_id",
    "computer_name",
    "user_name",
    "terminal_mac",
    "terminal_name",
    "terminal_ip",
    "client_version",
    "terminal_type",
    "agent_version",
    "desktop_ip",
    "connection_start_time",
    "connection_setup_time",
    "connection_end_time",
    "is_reconnect",
    "connection_failure_reason",
    "network_rtt",
    "e2e_rtt",
    "source_ip",
    "public_ip",
    "enterprise_project_id",
    "desktop_id",
    "region",
    "project",
];

/// The position of a known field name in [`FIELD_NAMES`]; `None` for any other name.
fn field_index(name: &str) -> Option<usize> {
    FIELD_NAMES.iter().position(|known| *known == name)
}

/// The values of one record's known fields, by [`field_index`]; `None` when absent.
type Fields = [Option<Scalar>; FIELD_NAMES.len()];

fn no_fields() -> Fields {
    std::array::from_fn(|_| None)
}

/// One JSON value as the reader needs it: scalars kept, arrays and objects only noted (no
/// field of a record is one, so their content is never needed).
#[derive(Clone, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Text(String),
    Structure,
}

impl Scalar {
    fn from_value(value: &Value) -> Scalar {
        match value {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Number(n) => Scalar::Number(n.clone()),
            Value::String(s) => Scalar::Text(s.clone()),
            Value::Array(_) | Value::Object(_) => Scalar::Structure,
        }
    }
}

/// Reads fields of one record, remembering which ones were unusable.
struct Reader {
    fields: Fields,
    invalid: Vec<&'static str>,
}

impl Reader {
    /// A present, non-null value (taken: each field is read once).
    fn take(&mut self, name: &'static str) -> Option<Scalar> {
        let index = field_index(name);
        debug_assert!(
            index.is_some(),
            "{name} is read but missing from FIELD_NAMES"
        );
        let slot = self.fields.get_mut(index?)?;
        slot.take().filter(|v| !matches!(v, Scalar::Null))
    }

    fn text(&mut self, name: &'static str) -> Option<String> {
        match self.take(name)? {
            Scalar::Text(s) => {
                // `is_ascii` first: it reads a word at a time, and most values are ASCII.
                if !s.is_ascii() && s.contains(char::REPLACEMENT_CHARACTER) {
                    self.invalid.push(name);
                }
                Some(s)
            }
            // A number or boolean where text was expected is still meaningful as text.
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Null | Scalar::Structure => {
                self.invalid.push(name);
                None
            }
        }
    }

    fn time(&mut self, name: &'static str) -> Option<Timestamp> {
        let raw = match self.take(name)? {
            // An empty time means "not yet" (an open session has no end time), not an error.
            Scalar::Text(s) if s.trim().is_empty() => return None,
            Scalar::Text(s) => s,
            Scalar::Number(n) => n.to_string(),
            Scalar::Null | Scalar::Bool(_) | Scalar::Structure => {
                self.invalid.push(name);
                return None;
            }
        };
        let parsed = parse_instant(raw.trim());
        if parsed.is_none() {
            self.invalid.push(name);
        }
        Some(Timestamp { raw, parsed })
    }

    fn boolean(&mut self, name: &'static str) -> Option<bool> {
        let value = match self.take(name)? {
            Scalar::Bool(b) => Some(b),
            Scalar::Text(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Scalar::Text(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Scalar::Number(n) if n.as_u64() == Some(1) => Some(true),
            Scalar::Number(n) if n.as_u64() == Some(0) => Some(false),
            _ => None,
        };
        if value.is_none() {
            self.invalid.push(name);
        }
        value
    }

    fn integer(&mut self, name: &'static str) -> Option<i64> {
        let value = integer_of(self.take(name)?);
        if value.is_none() {
            self.invalid.push(name);
        }
        value
    }
}

/// A present value as an integer (numbers, rounded; numeric text); `None` when unusable.
fn integer_of(value: Scalar) -> Option<i64> {
    match value {
        Scalar::Number(n) => number_to_i64(&n),
        Scalar::Text(s) => s.trim().parse::<i64>().ok(),
        Scalar::Null | Scalar::Bool(_) | Scalar::Structure => None,
    }
}

pub(crate) fn number_to_i64(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    // A fractional RTT is still a measurement: round it. Values beyond i64 (or u64 above
    // i64::MAX) are not representable and count as invalid. The bounds are exact powers of two,
    // so the comparison is exact in f64.
    let f = n.as_f64()?;
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if (-LIMIT..LIMIT).contains(&f) {
        Some(f.round() as i64)
    } else {
        None
    }
}

/// One page of the response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The total number of matching records on the server, if sent and usable. It may be
    /// negative or change between pages; the pager decides what to trust.
    pub total_count: Option<i64>,
    pub records: Vec<Record>,
    /// Entries of `records` that were not objects (so not records at all): skipped and counted.
    pub skipped_records: usize,
    /// Whether `total_count` was present but unusable.
    pub invalid_total_count: bool,
}

/// Why a response body is not a page at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageError {
    /// Not valid JSON (or nested beyond the parser's limit). Carries the parser's message, which
    /// names a line and column but never quotes the body.
    NotJson(String),
    /// Valid JSON, but not an object.
    NotAnObject,
    /// `records` is present but is not a list.
    RecordsNotAList,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::NotJson(why) => write!(f, "the response is not JSON ({why})"),
            PageError::NotAnObject => f.write_str("the response is not a JSON object"),
            PageError::RecordsNotAList => f.write_str("the response's records field is not a list"),
        }
    }
}

impl std::error::Error for PageError {}

/// Parses a 200 response body into a [`Page`].
///
/// ```
/// use logins_core::records::record::parse_page;
/// let page = parse_page(r#"{"total_count": 2, "records": [
///     {"user_name": "jy01@local.com", "network_rtt": -1, "connection_start_time": "2020-04-24T03:02:47Z"},
///     {"user_name": 42, "network_rtt": "n/a", "new_field": {"x": 1}}
/// ]}"#).unwrap();
/// assert_eq!(page.total_count, Some(2));
/// assert_eq!(page.records[0].network_rtt, Some(-1));
/// assert_eq!(page.records[1].user_name.as_deref(), Some("42"));
/// assert_eq!(page.records[1].invalid_fields, ["network_rtt"]);
/// ```
pub fn parse_page(body: &str) -> Result<Page, PageError> {
    let top: TopLevel =
        crate::records::json_text::from_str(body).map_err(|e| PageError::NotJson(e.to_string()))?;
    let TopLevel::Object {
        total_count,
        records,
    } = top
    else {
        return Err(PageError::NotAnObject);
    };
    let (total_count, invalid_total_count) =
        match total_count.filter(|v| !matches!(v, Scalar::Null)) {
            None => (None, false),
            Some(value) => {
                let n = integer_of(value);
                (n, n.is_none())
            }
        };
    let (records, skipped_records) = match records {
        RecordsField::Absent => (Vec::new(), 0),
        RecordsField::List { records, skipped } => (records, skipped),
        RecordsField::NotAList => return Err(PageError::RecordsNotAList),
    };
    Ok(Page {
        total_count,
        records,
        skipped_records,
        invalid_total_count,
    })
}

// Reading a page straight from the JSON text, with the same rules as `Record::from_json` over
// a parsed `Value`. Why not through `Value`: building (and dropping) a map per record was
// more than half of the parsing time, ~0.5 s of main thread per 100,000 records in the
// browser. Every visitor below accepts any JSON type, so a body that is valid JSON never
// fails here, whatever its shape: it only fails where `Value` would, on invalid JSON.

/// A page body: an object (with what it says about `total_count` and `records`) or not.
enum TopLevel {
    Object {
        total_count: Option<Scalar>,
        records: RecordsField,
    },
    NotAnObject,
}

/// The `records` field of a page.
enum RecordsField {
    /// Missing or null: no records.
    Absent,
    List {
        records: Vec<Record>,
        /// Entries that were not objects.
        skipped: usize,
    },
    NotAList,
}

/// One entry of `records`.
// Not boxed: each item is moved straight into the page's Vec, and a box would be one more
// allocation per record.
#[allow(clippy::large_enum_variant)]
enum RecordItem {
    Record(Record),
    NotAnObject,
}

/// A key of a record object: the index of a known field, or `None`.
struct FieldKey(Option<usize>);

/// A key of the page object.
enum PageKey {
    TotalCount,
    Records,
    Other,
}

/// The `visit_*` methods for every JSON scalar but null, each answering `other`: what a
/// visitor says when handed a scalar instead of the structure it wanted.
macro_rules! other_scalars_are {
    ($other:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(n.into()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Scalar, E> {
                // As `Value` does: a float JSON cannot hold would be null.
                Ok(serde_json::Number::from_f64(n).map_or(Scalar::Null, Scalar::Number))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Structure)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Structure)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for FieldKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = FieldKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<FieldKey, E> {
                Ok(FieldKey(field_index(name)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for PageKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = PageKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<PageKey, E> {
                Ok(match name {
                    "total_count" => PageKey::TotalCount,
                    "records" => PageKey::Records,
                    _ => PageKey::Other,
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RecordItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = RecordItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RecordItem, E> {
                Ok(RecordItem::NotAnObject)
            }
            other_scalars_are!(RecordItem::NotAnObject);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(RecordItem::NotAnObject)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RecordItem, A::Error> {
                let mut fields = no_fields();
                while let Some(FieldKey(known)) = map.next_key()? {
                    match known {
                        // A repeated key keeps its last value, as a parsed `Value` map does.
                        Some(i) => fields[i] = Some(map.next_value()?),
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(RecordItem::Record(Record::from_fields(fields)))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

impl<'de> Deserialize<'de> for RecordsField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordsVisitor;
        impl<'de> Visitor<'de> for RecordsVisitor {
            type Value = RecordsField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of records")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RecordsField, E> {
                Ok(RecordsField::Absent)
            }
            other_scalars_are!(RecordsField::NotAList);
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RecordsField, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(RecordsField::NotAList)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RecordsField, A::Error> {
                let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1000));
                let mut skipped = 0;
                while let Some(item) = seq.next_element()? {
                    match item {
                        RecordItem::Record(record) => records.push(record),
                        RecordItem::NotAnObject => skipped += 1,
                    }
                }
                Ok(RecordsField::List { records, skipped })
            }
        }
        deserializer.deserialize_any(RecordsVisitor)
    }
}

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = TopLevel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a page object")
            }
            fn visit_unit<E: de::Error>(self) -> Result<TopLevel, E> {
                Ok(TopLevel::NotAnObject)
            }
            other_scalars_are!(TopLevel::NotAnObject);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TopLevel::NotAnObject)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                let mut total_count = None;
                let mut records = RecordsField::Absent;
                while let Some(key) = map.next_key()? {
                    match key {
                        PageKey::TotalCount => total_count = Some(map.next_value()?),
                        PageKey::Records => records = map.next_value()?,
                        PageKey::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(TopLevel::Object {
                    total_count,
                    records,
                })
            }
        }
        deserializer.deserialize_any(TopVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record's fields are written in three places that must agree: the struct (its serde
    /// names are what exports write), [`FIELD_NAMES`] (what the reader and the import know)
    /// and the reader in `Record::from_fields`. A field added to one and not the others fails
    /// here.
    #[test]
    fn the_struct_the_field_list_and_the_reader_name_the_same_fields() {
        let object: Map<String, Value> = FIELD_NAMES
            .iter()
            .filter(|name| **name != "tenant_id") // the reader's alias of `tenantId`
            .map(|name| {
                let value = match *name {
                    "is_reconnect" => Value::Bool(true),
                    "network_rtt" | "e2e_rtt" => Value::from(7),
                    n if n.ends_with("_time") => Value::from("2024-01-01T00:00:00Z"),
                    _ => Value::from("x"),
                };
                (name.to_string(), value)
            })
            .collect();
        let record = Record::from_json(&object);
        assert!(
            record.invalid_fields.is_empty(),
            "{:?}",
            record.invalid_fields
        );
        let written = serde_json::to_value(&record).unwrap();
        let mut written: Vec<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut known: Vec<&str> = object.keys().map(String::as_str).collect();
        known.sort_unstable();
        written.sort_unstable();
        assert_eq!(written, known, "every known field is read and written back");
    }

    const DOC_EXAMPLE: &str = r#"{
      "total_count" : 4,
      "records" : [ {
        "computer_name" : "JY011",
        "user_name" : "jy01@local.com",
        "terminal_mac" : "00-ac-9c-c7-9a-df",
        "terminal_name" : "DESKTOP-EG0P3TR",
        "terminal_ip" : "8.5.60.58",
        "client_version" : "1.8.00005",
        "terminal_type" : "Windows 10",
        "agent_version" : "1.8.00005.10546",
        "desktop_ip" : "172.16.148.250",
        "connection_start_time" : "2020-04-24T03:02:47Z",
        "connection_setup_time" : "2020-04-24T03:02:49Z",
        "connection_end_time" : "2020-04-24T03:36:43Z",
        "is_reconnect" : false,
        "public_ip" : "0.0.0.0"
      } ]
    }"#;

    #[test]
    fn the_documented_example_parses_completely() {
        let page = parse_page(DOC_EXAMPLE).unwrap();
        assert_eq!(page.total_count, Some(4));
        let r = &page.records[0];
        assert_eq!(r.user_name.as_deref(), Some("jy01@local.com"));
        assert_eq!(r.is_reconnect, Some(false));
        assert_eq!(
            r.connection_end_time
                .as_ref()
                .and_then(|t| t.parsed)
                .map(|t| t.to_rfc3339()),
            Some("2020-04-24T03:36:43+00:00".to_owned())
        );
        assert_eq!(r.network_rtt, None);
        assert!(r.invalid_fields.is_empty());
        assert_eq!(page.skipped_records, 0);
    }

    #[test]
    fn every_documented_field_and_the_sdk_extras_are_read() {
        let body = r#"{"records":[{"tenantId":"t","sid":"S-1","transaction_id":"tx","computer_name":"c",
            "user_name":"u","terminal_mac":"m","terminal_name":"tn","terminal_ip":"1.2.3.4",
            "client_version":"cv","terminal_type":"tt","agent_version":"av","desktop_ip":"5.6.7.8",
            "connection_start_time":"2024-01-15T08:30:00.123Z","connection_setup_time":"2024-01-15 08:30:05",
            "connection_end_time":"2024-01-15T16:30:00+0800","is_reconnect":"TRUE",
            "connection_failure_reason":"timeout","network_rtt":12.6,"e2e_rtt":"40","source_ip":"9.9.9.9",
            "public_ip":"203.0.113.1","enterprise_project_id":"0","desktop_id":"d-1"}]}"#;
        let r = parse_page(body).unwrap().records.remove(0);
        assert_eq!(r.tenant_id.as_deref(), Some("t"));
        assert_eq!(r.desktop_id.as_deref(), Some("d-1"));
        assert_eq!(r.enterprise_project_id.as_deref(), Some("0"));
        assert_eq!(r.is_reconnect, Some(true));
        assert_eq!((r.network_rtt, r.e2e_rtt), (Some(13), Some(40)));
        let end = r.connection_end_time.unwrap().parsed.unwrap();
        let setup = r.connection_setup_time.unwrap().parsed.unwrap();
        assert_eq!(end.to_rfc3339(), "2024-01-15T08:30:00+00:00");
        assert_eq!(setup.to_rfc3339(), "2024-01-15T08:30:05+00:00");
        assert!(r.invalid_fields.is_empty(), "{:?}", r.invalid_fields);
        let json = serde_json::to_string(&Record {
            tenant_id: Some("t".into()),
            ..Record::default()
        })
        .unwrap();
        assert_eq!(json, r#"{"tenantId":"t"}"#);
    }

    #[test]
    fn bad_values_are_kept_or_counted_without_losing_the_record() {
        let body = r#"{"total_count":"many","records":[
            {"user_name":["x"],"network_rtt":-5,"e2e_rtt":1e300,"is_reconnect":"maybe",
             "connection_start_time":"24/01/2020","connection_end_time":"","connection_setup_time":{},
             "desktop_ip":null},
            7, "text", null,
            {"network_rtt": 99999999999999}
        ]}"#;
        let page = parse_page(body).unwrap();
        assert_eq!(page.total_count, None);
        assert!(page.invalid_total_count);
        assert_eq!(page.skipped_records, 3);
        assert_eq!(page.records.len(), 2);
        let r = &page.records[0];
        assert_eq!(r.network_rtt, Some(-5));
        assert_eq!(r.e2e_rtt, None);
        assert_eq!(
            r.connection_start_time.as_ref().map(|t| t.raw.as_str()),
            Some("24/01/2020")
        );
        assert_eq!(r.connection_end_time, None);
        assert_eq!(
            r.invalid_fields,
            [
                "user_name",
                "connection_start_time",
                "connection_setup_time",
                "is_reconnect",
                "e2e_rtt"
            ]
        );
        assert_eq!(page.records[1].network_rtt, Some(99_999_999_999_999));
    }

    /// What `JSON.parse` and a UTF-8 encoder make of a string's escapes: one U+FFFD per lone
    /// surrogate, a character per valid pair.
    const SURROGATE_CASES: [(&str, &str); 9] = [
        (r#"\ud800"#, "\u{FFFD}"),
        (r#"\udc00"#, "\u{FFFD}"),
        (r#"\udc00\ud800"#, "\u{FFFD}\u{FFFD}"),
        (r#"\ud83d\ude00"#, "😀"),
        (r#"\uD83D\uDE00"#, "😀"),
        (r#"end \ud800"#, "end \u{FFFD}"),
        (r#"\ud800\n\u0041\"\\"#, "\u{FFFD}\nA\"\\"),
        (r#"\ud800\ud83d\ude00\udfff"#, "\u{FFFD}😀\u{FFFD}"),
        (r#"a\\ud800"#, "a\\ud800"),
    ];

    #[test]
    fn a_surrogate_escape_in_a_known_field_is_read_and_counted_invalid() {
        for (escaped, expected) in SURROGATE_CASES {
            let body = format!(
                r#"{{"total_count":2,"records":[{{"user_name":"{escaped}","network_rtt":"{escaped}"}},{{"user_name":"ok"}}]}}"#
            );
            let page = parse_page(&body).unwrap_or_else(|e| panic!("{escaped}: {e}"));
            assert_eq!(page.records.len(), 2, "{escaped}");
            let r = &page.records[0];
            assert_eq!(r.user_name.as_deref(), Some(expected), "{escaped}");
            assert_eq!(r.network_rtt, None, "{escaped}");
            let damaged = expected.contains('\u{FFFD}');
            let invalid: &[&str] = if damaged {
                &["user_name", "network_rtt"]
            } else {
                &["network_rtt"]
            };
            assert_eq!(r.invalid_fields, invalid, "{escaped}");
            let value: Value = crate::records::json_text::from_str(&body).unwrap();
            let from_value = Record::from_json(value["records"][0].as_object().unwrap());
            assert_eq!(&from_value, r, "{escaped}");
        }
    }

    #[test]
    fn a_surrogate_escape_anywhere_else_costs_nothing() {
        for (escaped, _) in SURROGATE_CASES {
            // In an unknown field, a key, a nested value, the page's other keys, and
            // total_count as text.
            let body = format!(
                r#"{{"note":"{escaped}","{escaped}":1,"total_count":"{escaped}","records":[
                    {{"x_{escaped}":"{escaped}","extra":["{escaped}",{{"{escaped}":"{escaped}"}}],
                      "user_name":"u","connection_start_time":"{escaped}","is_reconnect":"{escaped}"}}]}}"#
            );
            let page = parse_page(&body).unwrap_or_else(|e| panic!("{escaped}: {e}"));
            assert_eq!((page.total_count, page.invalid_total_count), (None, true));
            let r = &page.records[0];
            assert_eq!(r.user_name.as_deref(), Some("u"), "{escaped}");
            assert_eq!(
                r.invalid_fields,
                ["connection_start_time", "is_reconnect"],
                "{escaped}"
            );
        }
    }

    #[test]
    fn a_number_beyond_f64_is_an_invalid_value_not_a_failed_page() {
        let body = r#"{"total_count":1e400,"records":[{"network_rtt":1e400,"e2e_rtt":-1E+999,
            "user_name":1e999,"is_reconnect":1e400,"connection_start_time":1e400,"x":[1e400]}]}"#;
        let page = parse_page(body).unwrap();
        assert_eq!((page.total_count, page.invalid_total_count), (None, true));
        let r = &page.records[0];
        assert_eq!((r.network_rtt, r.e2e_rtt), (None, None));
        assert_eq!(r.user_name.as_deref(), Some("1e999"));
        assert_eq!(r.is_reconnect, None);
        assert_eq!(
            r.invalid_fields,
            [
                "connection_start_time",
                "is_reconnect",
                "network_rtt",
                "e2e_rtt"
            ]
        );
    }

    #[test]
    fn a_body_cut_short_is_still_not_json() {
        for body in [
            r#"{"total_count":1,"records":[{"user_name":"\ud800"#,
            r#"{"total_count":1,"records":[{"user_name":"\ud800"},"#,
            r#"{"total_count":1e400,"records":[{"user_name":"\ud8"#,
        ] {
            assert!(
                matches!(parse_page(body), Err(PageError::NotJson(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn not_a_page() {
        assert!(matches!(parse_page(""), Err(PageError::NotJson(_))));
        assert!(matches!(parse_page("<html>"), Err(PageError::NotJson(_))));
        assert_eq!(parse_page("[]"), Err(PageError::NotAnObject));
        assert_eq!(
            parse_page(r#"{"records":{}}"#),
            Err(PageError::RecordsNotAList)
        );
        assert_eq!(parse_page("{}").unwrap(), Page::default());
        let deep = "[".repeat(100_000);
        assert!(matches!(parse_page(&deep), Err(PageError::NotJson(_))));
    }
}
