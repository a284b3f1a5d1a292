//! Export of the shown rows as CSV or JSON, and import of JSON for offline analysis.
//!
//! CSV is for spreadsheets, so it holds what the table shows: the chosen columns, in the
//! chosen order, each cell's [`Cell::display`](crate::records::columns::Cell::display) text, with the header row and the app's words in
//! the language of the screen (a Chinese reader gets 网络时延 and 进行中, as on screen). JSON is
//! for tools and for re-import, so it holds whole records in the API's own shape and field
//! names (times as the API wrote them), the same in every language.
//!
//! Import accepts what people actually have on disk: a file this app exported, one saved API
//! response, a list of saved responses, a bare list of records, or responses one after another
//! (JSON lines). It streams: each record becomes a [`Record`] as it is read, so a large file
//! never exists as a whole JSON tree in memory.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::i18n::{table as text, Lang};
use crate::records::columns::{column, BandThresholds, ColumnId, ColumnKind};
use crate::records::record::{Record, FIELD_NAMES};
use crate::records::table::{RecordTable, RowId};
use crate::stages::PhaseIndex;
use crate::time::format::{file_zone_name, DisplayZone};

/// `rows` × `columns` as CSV text: UTF-8 with a byte-order mark (without it, Excel reads UTF-8
/// as the local code page and garbles every non-ASCII name), RFC 4180 quoting (fields holding
/// `,` `"` CR or LF are quoted, quotes doubled), CRLF after every line, one header line.
///
/// Headers are the column headers in `lang`; time columns add their zone, `(UTC)` or
/// `(local time)` (`(本地时间)`), because a CSV file outlives the screen that said which zone it
/// was in. Cells are as the table shows them in `lang`.
///
/// Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in
/// some programs, a tab or carriage return before one). Cells whose text comes from the data
/// (text columns and unparsable times) and start with one of those are prefixed with `'`,
/// which spreadsheets treat as "this is text", as OWASP recommends. Cells the app writes itself
/// (`-5 ms`, `-3 s`, times, yes/no) are left alone: they contain only digits, units and
/// punctuation we chose, so at worst a spreadsheet shows `-5 ms` as text; prefixing them would
/// change what the user sees for no safety gain.
///
/// ```
/// use logins_core::records::columns::{BandThresholds, ColumnId};
/// use logins_core::time::format::DisplayZone;
/// use logins_core::records::export::to_csv;
/// use logins_core::records::record::Record;
/// use logins_core::records::table::RecordTable;
/// let table = RecordTable::from_records([Record {
///     user_name: Some("=cmd()".into()), network_rtt: Some(-5), ..Record::default()
/// }]);
/// use logins_core::i18n::Lang;
/// let columns = [ColumnId::UserName, ColumnId::NetworkRtt];
/// let bands = BandThresholds::default();
/// let csv = to_csv(&table, &[0], &columns, &bands, Lang::En, &DisplayZone::Utc);
/// assert_eq!(csv, "\u{feff}User name,Network RTT\r\n'=cmd(),-5 ms\r\n");
/// let csv = to_csv(&table, &[0], &columns, &bands, Lang::Zh, &DisplayZone::Utc);
/// assert_eq!(csv, "\u{feff}用户名,网络时延\r\n'=cmd(),-5 ms\r\n");
/// ```
pub fn to_csv(
    table: &RecordTable,
    rows: &[RowId],
    columns: &[ColumnId],
    bands: &BandThresholds,
    lang: Lang,
    zone: &DisplayZone,
) -> String {
    to_csv_with(table, rows, columns, bands, &PhaseIndex::new(), lang, zone)
}

/// [`to_csv`], with the slowest logon phases of the analyzed logins: the "Slowest phase"
/// column reads as the table shows it ("not analyzed" for the others).
pub fn to_csv_with(
    table: &RecordTable,
    rows: &[RowId],
    columns: &[ColumnId],
    bands: &BandThresholds,
    phases: &PhaseIndex,
    lang: Lang,
    zone: &DisplayZone,
) -> String {
    let mut out = String::from('\u{feff}');
    let zone_label = file_zone_name(lang, zone);
    for (i, &c) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let spec = column(c);
        let header = spec.header.get(lang);
        if spec.kind == ColumnKind::Time {
            push_field(&mut out, &format!("{header} ({zone_label})"));
        } else {
            push_field(&mut out, header);
        }
    }
    out.push_str("\r\n");
    for &row in rows {
        for (i, &c) in columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let (text, from_data) = if column(c).kind == ColumnKind::Phase {
                // An unknown phase is named by the API: guarded like the records' own text.
                (phases.row_text(lang, table, row), true)
            } else {
                let cell = table.cell(row, c, bands);
                (cell.display(lang, zone), cell.is_from_data())
            };
            if from_data && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                push_field(&mut out, &format!("'{text}"));
            } else {
                push_field(&mut out, &text);
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// The columns of a CSV export of `rows`: the `visible` ones, after Region and Project when a
/// row has either and they are not among them. A file of several projects' records mixed
/// without saying which project each came from would be ambiguous however the screen was set.
///
/// ```
/// use logins_core::records::columns::ColumnId as C;
/// use logins_core::records::export::csv_columns;
/// use logins_core::records::record::Record;
/// use logins_core::records::table::RecordTable;
/// let table = RecordTable::from_records([
///     Record { user_name: Some("a".into()), ..Record::default() },
///     Record { user_name: Some("a".into()), project: Some("bj".into()), ..Record::default() },
/// ]);
/// assert_eq!(csv_columns(&table, &[0], &[C::UserName]), [C::UserName]);
/// assert_eq!(csv_columns(&table, &[0, 1], &[C::UserName]), [C::Region, C::Project, C::UserName]);
/// assert_eq!(csv_columns(&table, &[1], &[C::Project, C::UserName]), [C::Region, C::Project, C::UserName]);
/// ```
pub fn csv_columns(table: &RecordTable, rows: &[RowId], visible: &[ColumnId]) -> Vec<ColumnId> {
    use crate::records::column_choice::ORIGIN_COLUMNS;
    let has_origin = rows.iter().any(|&row| {
        ORIGIN_COLUMNS.iter().any(|&c| {
            table
                .sym(row, c)
                .is_some_and(|s| !table.text(s).trim().is_empty())
        })
    });
    let mut columns: Vec<ColumnId> = if has_origin {
        ORIGIN_COLUMNS
            .into_iter()
            .filter(|c| !visible.contains(c))
            .collect()
    } else {
        Vec::new()
    };
    columns.extend_from_slice(visible);
    columns
}

/// Appends one field, quoted when RFC 4180 requires it.
fn push_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// `rows` as one API response, `{"total_count": n, "records": [...]}` with the API's field
/// names and the times as the API wrote them, compact (the file is for tools, and 100,000
/// pretty-printed records would be several times larger). [`import_json`] reads it back.
pub fn to_json(table: &RecordTable, rows: &[RowId]) -> String {
    let mut out = format!("{{\"total_count\":{},\"records\":[", rows.len());
    for (i, &row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Serializing a Record cannot fail (string keys, no maps of other keys, no floats).
        if let Ok(json) = serde_json::to_string(&table.record(row)) {
            out.push_str(&json);
        }
    }
    out.push_str("]}");
    out
}

/// One record as indented JSON, exactly as `serde_json::to_string_pretty` writes it (two spaces,
/// `": "`), for reading on screen. Made by re-indenting the compact form, so the wasm carries
/// one JSON serializer, not a second, pretty one (see bench/BUNDLE.md).
pub fn record_json_pretty(table: &RecordTable, row: RowId) -> String {
    serde_json::to_string(&table.record(row))
        .map(|json| indent_json(&json))
        .unwrap_or_default()
}

/// Re-indents compact JSON (no whitespace between tokens) the way serde_json's pretty printer
/// does: empty objects and arrays stay `{}` and `[]`.
fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// Why a file could not be imported. Its `Display` is the message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing but whitespace.
    Empty,
    /// Not valid JSON (or nested too deeply); where it went wrong, never the file's content.
    NotJson {
        line: usize,
        column: usize,
        /// The parser's own words ("EOF while parsing a list"), for English.
        reason: String,
        /// The text ends inside a value (a file cut short), which other languages say in
        /// their own words instead of the parser's.
        cut_short: bool,
    },
    /// Valid JSON with nothing that looks like a record or a response.
    NoRecords,
    /// A response whose `records` is not a list.
    RecordsNotAList,
}

impl ImportError {
    /// The message for the user in `lang`. The API's field names stay as the API spells them;
    /// English gives the JSON parser's own words for what it found, Chinese a short finding
    /// of its own (the parser speaks English only).
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::records::export::import_json;
    /// let e = import_json("[1,").unwrap_err();
    /// assert_eq!(e.message(Lang::En), "The file is not valid JSON (line 1, column 3: EOF while parsing a value).");
    /// assert_eq!(e.message(Lang::Zh), "文件不是有效的 JSON（第 1 行第 3 列：文件在中途结束）。");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Empty => text::IMPORT_EMPTY.get(lang).to_owned(),
            ImportError::NotJson {
                line,
                column,
                reason,
                cut_short,
            } => {
                let finding = match (lang, cut_short) {
                    (Lang::En, _) => reason.as_str(),
                    (_, true) => text::IMPORT_JSON_CUT_SHORT.get(lang),
                    (_, false) => text::IMPORT_JSON_SYNTAX.get(lang),
                };
                text::IMPORT_NOT_JSON.fill(lang, &[&line.to_string(), &column.to_string(), finding])
            }
            ImportError::NoRecords => {
                text::IMPORT_NO_RECORDS.fill(lang, &["{\"total_count\", \"records\"}"])
            }
            ImportError::RecordsNotAList => text::IMPORT_NOT_A_LIST.fill(lang, &["\"records\""]),
        }
    }
}

impl fmt::Display for ImportError {
    /// The English message (see [`ImportError::message`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// A file imported into a fresh table.
#[derive(Clone, Debug)]
pub struct ImportedTable {
    /// The records, deduplicated like fetched ones (saved pages often overlap);
    /// `table.duplicates()` says how many were dropped.
    pub table: RecordTable,
    /// Entries of record lists that were not objects, so not records at all.
    pub skipped: usize,
}

/// Reads records from JSON text: see [`import_table`] for the accepted shapes. Never panics.
///
/// ```
/// use logins_core::records::export::import_json;
/// let saved = r#"{"total_count":2,"records":[{"user_name":"a"}]}
///                {"total_count":2,"records":[{"user_name":"b"}]}"#;
/// let names: Vec<_> = import_json(saved).unwrap().into_iter().map(|r| r.user_name.unwrap()).collect();
/// assert_eq!(names, ["a", "b"]);
/// assert!(import_json("[1,").is_err());
/// ```
pub fn import_json(text: &str) -> Result<Vec<Record>, ImportError> {
    let mut records = Vec::new();
    read_json(text, &mut |r| records.push(r))?;
    Ok(records)
}

/// Reads records from JSON text straight into a new [`RecordTable`], without holding them all
/// as [`Record`]s: the way to open a large export.
///
/// Accepted, and combinable:
/// - one API response `{"total_count": …, "records": [...]}` (what [`to_json`] writes);
/// - a list of responses (saved pages);
/// - a bare list of records, or a single record object;
/// - several of the above one after another, separated by whitespace or newlines (JSON lines).
///
/// An object is a response when it has a `records` field, and a record when it has at least
/// one of the API's record fields; anything else in a list (numbers, unrelated objects) is
/// skipped and counted. A leading byte-order mark is ignored. The whole text is checked to be
/// JSON before anything is read, so a truncated file is refused, not half imported.
pub fn import_table(text: &str) -> Result<ImportedTable, ImportError> {
    let mut table = RecordTable::new();
    let skipped = read_json(text, &mut |r| {
        table.push(&r);
    })?;
    Ok(ImportedTable { table, skipped })
}

/// Streams every record of `text` into `emit`; returns the number of skipped entries.
fn read_json(text: &str, emit: &mut dyn FnMut(Record)) -> Result<usize, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // First pass: find each top-level value's extent, and refuse invalid JSON before any
    // record is emitted. Text that JSON allows but serde_json refuses (a lone surrogate escape,
    // a number beyond f64) is rewritten first, so it costs one value, never the import.
    let (ends, text) =
        crate::records::json_text::parse_repairing(text, value_ends).map_err(not_json)?;
    let text: &str = &text;
    let mut sink = Sink {
        emit,
        records: 0,
        skipped: 0,
        problem: None,
    };
    let mut start = 0;
    for end in ends {
        let part = text.get(start..end).unwrap_or("");
        start = end;
        let mut de = serde_json::Deserializer::from_str(part);
        let seed = Entry {
            sink: &mut sink,
            top: true,
        };
        if let Err(e) = seed.deserialize(&mut de) {
            return Err(sink.problem.take().unwrap_or_else(|| not_json(e)));
        }
    }
    if sink.records == 0 && sink.skipped > 0 {
        return Err(ImportError::NoRecords);
    }
    Ok(sink.skipped)
}

/// Where each top-level value of `text` ends. Strict where IgnoredAny is not (surrogate
/// escapes, the range of numbers), so that text this accepts is also read by the second pass.
fn value_ends(text: &str) -> serde_json::Result<Vec<usize>> {
    let mut ends = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Checked>();
    while let Some(value) = stream.next() {
        value?;
        ends.push(stream.byte_offset());
    }
    Ok(ends)
}

/// Any JSON value, checked as a `Value` would be and kept as nothing (borrowed strings, so no
/// allocation but serde_json's scratch buffer for escapes).
struct Checked;

impl<'de> de::Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

fn not_json(e: serde_json::Error) -> ImportError {
    ImportError::NotJson {
        line: e.line(),
        column: e.column(),
        // The parser's own words ("EOF while parsing a list", "expected value"); it never
        // quotes the input.
        reason: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or("")
            .to_owned(),
        cut_short: e.is_eof(),
    }
}

struct Sink<'a> {
    emit: &'a mut dyn FnMut(Record),
    records: usize,
    skipped: usize,
    /// The user-facing reason behind a deserializer error we raised ourselves.
    problem: Option<ImportError>,
}

impl Sink<'_> {
    fn fail<E: de::Error>(&mut self, problem: ImportError) -> E {
        let e = E::custom(&problem);
        self.problem = Some(problem);
        e
    }

    fn record(&mut self, object: &Map<String, Value>) {
        self.records += 1;
        (self.emit)(Record::from_json(object));
    }
}

/// A top-level value or an entry of a list: a response, a record, or a list of those.
struct Entry<'s, 'a> {
    sink: &'s mut Sink<'a>,
    /// At the top level, something that is no record is an error; in a list it is skipped.
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Entry<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Entry<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a response, a record, or a list of them")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Entry {
                sink: &mut *self.sink,
                top: false,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut fields = Map::new();
        let mut response = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "records" {
                response = true;
                map.next_value_seed(Records {
                    sink: &mut *self.sink,
                })?;
            } else if response {
                // A response's other fields (total_count) are not needed.
                map.next_value::<IgnoredAny>()?;
            } else {
                fields.insert(key, map.next_value()?);
            }
        }
        if response {
            return Ok(());
        }
        if FIELD_NAMES.iter().any(|f| fields.contains_key(*f)) {
            self.sink.record(&fields);
        } else if self.top {
            return Err(self.sink.fail(ImportError::NoRecords));
        } else {
            self.sink.skipped += 1;
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.other()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.other()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.other()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.other()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.other()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.other()
    }
}

impl Entry<'_, '_> {
    /// A scalar where a response or record was expected.
    fn other<E: de::Error>(self) -> Result<(), E> {
        if self.top {
            Err(self.sink.fail(ImportError::NoRecords))
        } else {
            self.sink.skipped += 1;
            Ok(())
        }
    }
}

/// A response's `records`: a list of record objects (or null).
struct Records<'s, 'a> {
    sink: &'s mut Sink<'a>,
}

impl<'de> DeserializeSeed<'de> for Records<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Records<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // One record object at a time: never the whole list as a JSON tree.
        while let Some(item) = seq.next_element::<Value>()? {
            match item {
                Value::Object(object) => self.sink.record(&object),
                _ => self.sink.skipped += 1,
            }
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.sink.fail(ImportError::RecordsNotAList))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::columns::COLUMNS;
    use crate::records::record::{parse_page, Timestamp};
    use crate::records::table::tests::demo_records;
    use proptest::prelude::*;
    use ColumnId as C;

    fn table_of(users: &[&str]) -> RecordTable {
        RecordTable::from_records(users.iter().enumerate().map(|(i, u)| Record {
            transaction_id: Some(format!("tx-{i}")),
            user_name: Some((*u).to_owned()),
            ..Record::default()
        }))
    }

    fn csv_users(users: &[&str]) -> String {
        let table = table_of(users);
        let rows: Vec<RowId> = table.row_ids().collect();
        let csv = to_csv(
            &table,
            &rows,
            &[C::UserName],
            &BandThresholds::default(),
            Lang::En,
            &DisplayZone::Utc,
        );
        csv.strip_prefix("\u{feff}User name\r\n")
            .unwrap()
            .to_owned()
    }

    #[test]
    fn pretty_json_is_serde_jsons_pretty_form() {
        let table = RecordTable::from_records(demo_records(200));
        let tricky = table_of(&["a \"q\" {x}, [y]: \\", "", "ä 😀\n"]);
        for row in table.row_ids() {
            let expected = serde_json::to_string_pretty(&table.record(row)).unwrap();
            assert_eq!(record_json_pretty(&table, row), expected);
        }
        for row in tricky.row_ids() {
            let expected = serde_json::to_string_pretty(&tricky.record(row)).unwrap();
            assert_eq!(record_json_pretty(&tricky, row), expected);
        }
        for json in ["{}", "[]", "{\"a\":[],\"b\":{},\"c\":[1,{\"d\":null}]}"] {
            let value: Value = serde_json::from_str(json).unwrap();
            assert_eq!(
                indent_json(json),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        assert_eq!(
            csv_users(&["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "ä 😀"]),
            "plain\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\r\"\r\nä 😀\r\n"
        );
    }

    #[test]
    fn csv_neutralizes_formulas_in_data_cells() {
        assert_eq!(
            csv_users(&["=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\r=x", "a=b", "'q"]),
            "'=1+1\r\n'+1\r\n'-5\r\n'@SUM(A1)\r\n'\tx\r\n\"'\r=x\"\r\na=b\r\n'q\r\n"
        );
        // A formula that also needs quoting gets both.
        assert_eq!(
            csv_users(&["=HYPERLINK(\"x\",\"y\")"]),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n"
        );
        // An unparsable time is data too.
        let table = RecordTable::from_records([Record {
            connection_start_time: Some(Timestamp::parse("-1 day")),
            network_rtt: Some(-5),
            connection_setup_time: Some(Timestamp::parse("2024-01-01T00:00:00Z")),
            connection_end_time: Some(Timestamp::parse("2024-01-01T00:00:00Z")),
            ..Record::default()
        }]);
        let csv = to_csv(
            &table,
            &[0],
            &[C::ConnectionStart, C::NetworkRtt, C::ConnectionEnd],
            &BandThresholds::default(),
            Lang::En,
            &DisplayZone::Utc,
        );
        assert_eq!(
            csv,
            "\u{feff}Connection start (UTC),Network RTT,Connection end (UTC)\r\n\
             '-1 day,-5 ms,2024-01-01 00:00:00\r\n"
        );
    }

    #[test]
    fn csv_is_what_the_table_shows() {
        let table = RecordTable::from_records(demo_records(300));
        let columns: Vec<ColumnId> = COLUMNS.iter().map(|c| c.id).collect();
        let rows: Vec<RowId> = table.row_ids().rev().step_by(7).collect();
        let bands = BandThresholds::default();
        let plus_two = |_: i64| 120;
        let zone = DisplayZone::Local(&plus_two);
        for lang in Lang::ALL {
            let csv = to_csv(&table, &rows, &columns, &bands, lang, &zone);
            assert!(csv.ends_with("\r\n"));
            let parsed = parse_csv(&csv);
            assert_eq!(parsed.len(), rows.len() + 1);
            for (fields, &row) in parsed[1..].iter().zip(&rows) {
                // The grid shows the "Slowest phase" from the session's analysis: none here.
                let expected: Vec<String> = columns
                    .iter()
                    .map(|&c| match column(c).kind {
                        ColumnKind::Phase => PhaseIndex::new().row_text(lang, &table, row),
                        _ => table.cell(row, c, &bands).display(lang, &zone),
                    })
                    .collect();
                assert_eq!(fields, &expected);
            }
            let empty = to_csv(&table, &[], &[], &bands, lang, &DisplayZone::Utc);
            assert_eq!(empty, "\u{feff}\r\n");
        }
        let en = to_csv(&table, &rows, &columns, &bands, Lang::En, &zone);
        assert!(en.contains(",Connection start (local time),"));
    }

    #[test]
    fn csv_headers_and_words_follow_the_language_json_does_not() {
        let table = RecordTable::from_records([Record {
            transaction_id: Some("tx-1".into()),
            user_name: Some("王伟".into()),
            terminal_type: Some("Windows".into()),
            network_rtt: Some(150),
            is_reconnect: Some(true),
            connection_start_time: Some(Timestamp::parse("2024-01-01T10:00:00Z")),
            connection_setup_time: Some(Timestamp::parse("2024-01-01T10:00:04Z")),
            ..Record::default()
        }]);
        let columns = [
            C::UserName,
            C::TerminalType,
            C::ConnectionStart,
            C::SetupTime,
            C::SessionDuration,
            C::NetworkRtt,
            C::NetworkBand,
            C::Outcome,
            C::IsReconnect,
        ];
        let bands = BandThresholds::default();
        let csv = |lang, zone: &DisplayZone| to_csv(&table, &[0], &columns, &bands, lang, zone);
        assert_eq!(
            csv(Lang::Zh, &DisplayZone::Utc),
            "\u{feff}用户名,终端系统类型,开始连接时间 (UTC),建立连接耗时,会话时长,网络时延,网络质量,\
             连接结果,是否重连\r\n\
             王伟,Windows,2024-01-01 10:00:00,4秒,进行中,150 ms,一般,成功,是\r\n"
        );
        assert_eq!(
            csv(Lang::En, &DisplayZone::Utc),
            "\u{feff}User name,Terminal type,Connection start (UTC),Setup time,Session duration,\
             Network RTT,Network quality,Outcome,Reconnect\r\n\
             王伟,Windows,2024-01-01 10:00:00,4 s,ongoing,150 ms,fair,Succeeded,yes\r\n"
        );
        let plus_eight = |_: i64| 480;
        let local = csv(Lang::Zh, &DisplayZone::Local(&plus_eight));
        assert!(local.contains(",开始连接时间 (本地时间),"), "{local}");
        assert!(local.contains(",2024-01-01 18:00:00,"), "{local}");
        // JSON keeps the API's field names and values, whatever the language on screen.
        let json = to_json(&table, &[0]);
        assert!(json.contains("\"user_name\":\"王伟\"") && json.contains("\"network_rtt\":150"));
        assert!(!json.contains("网络时延") && !json.contains("进行中"));
    }

    #[test]
    fn json_round_trip_export_then_import() {
        let mut records = demo_records(500);
        records[3].tenant_id = Some("t-1".into());
        records[4].connection_start_time = Some(Timestamp::parse("2024-01-15T16:30:00+08:00"));
        records[5].connection_end_time = Some(Timestamp::parse("soon"));
        records[6].network_rtt = Some(-1);
        records[7].user_name = Some("\"quoted\" ä 😀\n".into());
        let table = RecordTable::from_records(records.clone());
        let rows: Vec<RowId> = table.row_ids().collect();
        let json = to_json(&table, &rows);
        assert!(json.starts_with("{\"total_count\":500,\"records\":[{"));
        assert!(json.contains("\"tenantId\":\"t-1\""));
        // The app's own parser reads the export as an API response.
        let page = parse_page(&json).unwrap();
        assert_eq!(page.total_count, Some(500));
        let mut imported = import_json(&json).unwrap();
        // The export's unparsable time is reported invalid again on the way in.
        assert_eq!(imported[5].invalid_fields, ["connection_end_time"]);
        imported[5].invalid_fields.clear();
        assert_eq!(imported, records);
        assert_eq!(page.records, import_json(&json).unwrap());
        let again = import_table(&json).unwrap();
        assert_eq!((again.table.len(), again.skipped), (500, 0));
        assert_eq!(again.table.record(7), records[7]);
        // A subset, in the shown order.
        let subset = to_json(&table, &[9, 2]);
        let back = import_json(&subset).unwrap();
        assert_eq!(back, [records[9].clone(), records[2].clone()]);
        assert_eq!(to_json(&table, &[]), r#"{"total_count":0,"records":[]}"#);
    }

    #[test]
    fn records_of_several_projects_keep_their_origin_in_every_export() {
        let mut records = demo_records(6);
        let origins = [
            ("cn-north-4", "beijing"),
            ("cn-north-4", "beijing-dev"),
            ("cn-east-3", "shanghai"),
        ];
        for (i, r) in records.iter_mut().enumerate() {
            let (region, project) = origins[i % 3];
            r.region = Some(region.into());
            r.project = Some(project.into());
            // The same login ID in each project: three logins, not one.
            r.transaction_id = Some(format!("tx-{}", i / 3));
        }
        let table = RecordTable::from_records(records.clone());
        assert_eq!(table.len(), 6);
        let rows: Vec<RowId> = table.row_ids().collect();
        // JSON: the keys "region" and "project", read back as they were, in a fresh table of
        // the same six logins.
        let json = to_json(&table, &rows);
        assert!(json.contains("\"region\":\"cn-east-3\",\"project\":\"shanghai\""));
        assert_eq!(import_json(&json).unwrap(), records);
        let again = import_table(&json).unwrap().table;
        assert_eq!(again.len(), 6);
        assert_eq!((0..6).map(|r| again.record(r)).collect::<Vec<_>>(), records);
        // CSV: the two columns, headers in the screen's language, values as sent.
        let visible = [ColumnId::UserName];
        let columns = csv_columns(&table, &rows, &visible);
        assert_eq!(
            columns,
            [ColumnId::Region, ColumnId::Project, ColumnId::UserName]
        );
        let bands = BandThresholds::default();
        for (lang, headers) in [
            (Lang::En, ["Region", "Project", "User name"]),
            (Lang::Zh, ["区域", "项目", "用户名"]),
        ] {
            let csv = parse_csv(&to_csv(
                &table,
                &rows,
                &columns,
                &bands,
                lang,
                &DisplayZone::Utc,
            ));
            assert_eq!(csv[0], headers);
            assert_eq!(csv.len(), 7);
            for (i, line) in csv[1..].iter().enumerate() {
                let (region, project) = origins[i % 3];
                assert_eq!(line[..2], [region, project]);
                assert_eq!(Some(&line[2]), records[i].user_name.as_ref());
            }
        }
        // Records without an origin (one target, demo data, old files): the CSV is as before.
        let plain = RecordTable::from_records(demo_records(3));
        let all: Vec<RowId> = plain.row_ids().collect();
        assert_eq!(csv_columns(&plain, &all, &visible), visible);
        assert!(!to_json(&plain, &all).contains("\"region\""));
    }

    /// A strict RFC 4180 reader (BOM, CRLF line ends, quoted fields), to check what a
    /// spreadsheet would read.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{feff}').unwrap();
        let mut rows = Vec::new();
        let (mut row, mut field) = (Vec::new(), String::new());
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') if field.is_empty() => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(
            !quoted && field.is_empty() && row.is_empty(),
            "unterminated"
        );
        rows
    }

    #[test]
    fn import_accepts_every_saved_shape() {
        let names = |text: &str| -> Vec<String> {
            import_json(text)
                .unwrap()
                .into_iter()
                .map(|r| r.user_name.unwrap_or_default())
                .collect()
        };
        assert_eq!(
            names(r#"{"total_count":1,"records":[{"user_name":"a"}]}"#),
            ["a"]
        );
        assert_eq!(
            names(
                r#"[{"records":[{"user_name":"a"}],"total_count":2},{"records":[{"user_name":"b"}]}]"#
            ),
            ["a", "b"]
        );
        assert_eq!(
            names(r#"[{"user_name":"a"},{"user_name":"b"}]"#),
            ["a", "b"]
        );
        assert_eq!(names(r#"{"user_name":"solo","network_rtt":"5"}"#), ["solo"]);
        assert_eq!(
            names("\u{feff}{\"records\":[{\"user_name\":\"a\"}]}\n{\"records\":[{\"user_name\":\"b\"}]}\n"),
            ["a", "b"]
        );
        assert_eq!(
            names(r#"{"records":[{"user_name":"a"}]}{"records":null}"#),
            ["a"]
        );
        assert_eq!(names("[]"), Vec::<String>::new());
        assert_eq!(
            names(r#"{"total_count":0,"records":[]}"#),
            Vec::<String>::new()
        );
        // Junk entries inside lists are skipped and counted.
        let t = import_table(
            r#"[1, "x", {"foo":1}, {"records":[2, {"user_name":"a"}, {"user_name":"a"}]}]"#,
        )
        .unwrap();
        assert_eq!((t.table.len(), t.table.duplicates(), t.skipped), (1, 1, 4));
    }

    #[test]
    fn import_keeps_records_with_lone_surrogates_and_numbers_beyond_f64() {
        let page = r#"{"total_count":3,"records":[
            {"user_name":"a\ud800","x\udc00":"\udc00\ud800"},
            {"user_name":"\ud83d\ude00","network_rtt":1e400},
            {"computer_name":"c\udc00","e2e_rtt":5}]}"#;
        let saved = format!("{page}\n[{{\"user_name\":\"\\ud800\"}}]\n{{\"sid\":\"\\udc00\"}}");
        let records = import_json(&saved).unwrap();
        let names: Vec<_> = records.iter().map(|r| r.user_name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("a\u{FFFD}"), Some("😀"), None, Some("\u{FFFD}"), None]
        );
        assert_eq!(records[0].invalid_fields, ["user_name"]);
        assert_eq!(records[1].invalid_fields, ["network_rtt"]);
        assert_eq!(records[2].computer_name.as_deref(), Some("c\u{FFFD}"));
        assert_eq!(records[4].sid.as_deref(), Some("\u{FFFD}"));
        // The same page, imported or fetched, gives the same records.
        let fetched = crate::records::record::parse_page(page).unwrap().records;
        assert_eq!(records[..3], fetched[..]);
        assert_eq!(import_table(&saved).unwrap().table.len(), 5);
        // Still refused: a lone surrogate in a file cut short.
        assert!(matches!(
            import_json(r#"{"records":[{"user_name":"\ud800"}"#),
            Err(ImportError::NotJson { line: 1, .. })
        ));
    }

    #[test]
    fn import_errors_are_human_and_never_panic() {
        assert_eq!(import_json(""), Err(ImportError::Empty));
        // A byte-order mark counts only at the very start.
        assert!(matches!(
            import_json(" \n\u{feff}"),
            Err(ImportError::NotJson { line: 2, .. })
        ));
        assert_eq!(import_json("\u{feff} "), Err(ImportError::Empty));
        let truncated = import_json(r#"{"records":[{"user_name":"a"}"#).unwrap_err();
        assert!(
            matches!(truncated, ImportError::NotJson { line: 1, .. }),
            "{truncated:?}"
        );
        assert!(truncated
            .to_string()
            .starts_with("The file is not valid JSON (line 1, column"));
        // A truncated second part refuses the whole file: nothing is half imported.
        assert!(import_json("{\"user_name\":\"a\"}\n{\"user_name\":").is_err());
        assert_eq!(
            import_json(r#"{"error_code":"WKS.0001"}"#),
            Err(ImportError::NoRecords)
        );
        assert_eq!(import_json("42"), Err(ImportError::NoRecords));
        assert_eq!(import_json("[1, 2]"), Err(ImportError::NoRecords));
        assert_eq!(
            import_json(r#"{"records":{}}"#),
            Err(ImportError::RecordsNotAList)
        );
        assert_eq!(
            import_json(r#"{"records":"x"}"#),
            Err(ImportError::RecordsNotAList)
        );
        let deep = "[".repeat(100_000);
        assert!(matches!(
            import_json(&deep),
            Err(ImportError::NotJson { .. })
        ));
        let deep_valid = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(import_json(&deep_valid).is_err());
        for e in [
            ImportError::Empty,
            ImportError::NoRecords,
            ImportError::RecordsNotAList,
        ] {
            assert!(e.to_string().ends_with('.'));
            assert_eq!(e.to_string(), e.message(Lang::En));
            assert!(e.message(Lang::Zh).ends_with('。'));
        }
        assert_eq!(
            ImportError::NoRecords.to_string(),
            "The file holds no login records: expected an API response ({\"total_count\", \
             \"records\"}), a list of responses, or a list of records."
        );
        assert_eq!(
            ImportError::RecordsNotAList.message(Lang::Zh),
            "文件的 \"records\" 字段不是列表。"
        );
        assert_eq!(
            ImportError::RecordsNotAList.to_string(),
            "The file's \"records\" field is not a list."
        );
        let garbage = import_json("{\"a\" 1}").unwrap_err();
        assert_eq!(
            garbage.message(Lang::Zh),
            "文件不是有效的 JSON（第 1 行第 6 列：语法错误）。"
        );
        assert!(truncated.message(Lang::Zh).contains("文件在中途结束"));
    }

    proptest! {
        #[test]
        fn import_never_panics(text in "[\\[\\]{}\":,0-9a-z_ \n]{0,80}") {
            let _ = import_json(&text);
        }

        /// Whatever the text, a spreadsheet reads back the cell (with the `'` prefix when the
        /// text could start a formula) and every row has every field.
        #[test]
        fn csv_cells_read_back(users in prop::collection::vec("[a-c,\"=+@\t\r\n -]{0,8}", 1..6)) {
            let table = RecordTable::from_records(users.iter().enumerate().map(|(i, u)| Record {
                transaction_id: Some(i.to_string()),
                user_name: Some(u.clone()),
                is_reconnect: Some(true),
                ..Record::default()
            }));
            let rows: Vec<RowId> = table.row_ids().collect();
            let csv = to_csv(&table, &rows, &[C::IsReconnect, C::UserName, C::Sid],
                &BandThresholds::default(), Lang::En, &DisplayZone::Utc);
            let parsed = parse_csv(&csv);
            prop_assert_eq!(parsed.len(), users.len() + 1);
            for (fields, user) in parsed[1..].iter().zip(&users) {
                let shown = if user.trim().is_empty() { String::new() } else { user.clone() };
                let expected = if shown.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{shown}")
                } else {
                    shown
                };
                prop_assert_eq!(fields, &vec!["yes".to_owned(), expected, String::new()]);
            }
        }
    }
}
