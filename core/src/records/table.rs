//! The compact row store behind the records table: 100,000 records in about 20 MB instead of the
//! ~100 MB the same records take as [`Record`]s.
//!
//! Why it is compact, and how:
//! - **Strings are interned**: each distinct text is stored once in one string buffer and rows
//!   hold 4-byte [`Sym`]s. Most fields repeat (user, computer, terminal type, versions, IPs).
//! - **Times are integers**: Unix seconds. The API's text is kept only when it is *not* the
//!   canonical `YYYY-MM-DDTHH:MM:SSZ` rendering of that instant (other offsets, fractions, or
//!   text that did not parse), so nothing the API said is lost.
//! - **One fixed-size row per record** (136 bytes); RTTs stay `i64` with presence flags, so a
//!   negative or huge value is kept for the statistics to judge.
//!
//! The table also deduplicates, with exactly the rule of
//! [`dedupe_key`](crate::records::store::dedupe_key) but without storing a key string per record:
//! a key is a handful of symbols, compared exactly (never just a hash), and the index holds only
//! row numbers. That key is a login's identity, so a later copy of a login (an ongoing session
//! that has since ended) can replace the older one in place: [`RecordTable::upsert`], what watch
//! mode's refreshes do. [`RecordTable::retain`] drops rows (the sliding window) and frees what
//! only they used, so a tab left open for days keeps a bounded memory.
//!
//! No panics on any input: an unknown row reads as missing (or an empty record), and a table
//! that would outgrow its 32-bit indexes (billions of strings, far beyond a browser's memory)
//! refuses further records.

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::DateTime;

use crate::records::columns::{Band, BandThresholds, Cell, ColumnId};
use crate::records::record::{Record, Timestamp};
use crate::time::format::{format_unix, unix_text};

/// A row's position in a [`RecordTable`]: rows are numbered 0, 1, 2, … in insertion order. A
/// `RowId` stays valid while rows are only added or updated ([`RecordTable::push`],
/// [`RecordTable::upsert`]); [`RecordTable::retain`] renumbers the rows it keeps and says how
/// ([`Renumbering`]).
pub type RowId = u32;

/// An interned string of a [`RecordTable`]; [`RecordTable::text`] gives its text. Two symbols of
/// the same table are equal exactly when their texts are equal, which is what makes sorting and
/// filtering fast: each distinct text is ranked or matched once, not once per row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// Field absent.
    const NONE: Sym = Sym(u32::MAX);
    /// Time field whose text is the canonical rendering of its instant (not stored).
    const CANONICAL: Sym = Sym(u32::MAX - 1);

    /// Its position in the table's string list, `0..RecordTable::symbol_count()`: lets callers
    /// keep per-symbol data in a plain vector.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Interned text fields, in the order a row stores them.
pub(crate) const TEXT_FIELDS: usize = 19;
const T_TENANT: usize = 0;
const T_SID: usize = 1;
const T_TX: usize = 2;
const T_COMPUTER: usize = 3;
const T_USER: usize = 4;
const T_MAC: usize = 5;
const T_TERMINAL_NAME: usize = 6;
const T_TERMINAL_IP: usize = 7;
const T_CLIENT_VERSION: usize = 8;
const T_TERMINAL_TYPE: usize = 9;
const T_AGENT_VERSION: usize = 10;
const T_DESKTOP_IP: usize = 11;
const T_FAILURE: usize = 12;
const T_SOURCE_IP: usize = 13;
const T_PUBLIC_IP: usize = 14;
const T_PROJECT: usize = 15;
const T_DESKTOP_ID: usize = 16;
const T_REGION: usize = 17;
const T_ORIGIN_PROJECT: usize = 18;

const START: usize = 0;
const SETUP: usize = 1;
const END: usize = 2;

/// `secs` of a time that is absent or did not parse. Parsed times are always far inside i64.
const NO_TIME: i64 = i64::MIN;

const NETWORK_RTT: u8 = 1;
const E2E_RTT: u8 = 2;
const RECONNECT_KNOWN: u8 = 4;
const RECONNECT: u8 = 8;

/// Each new record interns at most this many strings (its texts and 3 times).
const MAX_NEW_STRINGS: usize = TEXT_FIELDS + 3;

/// The slot of a text column in [`Row::text`].
pub(crate) fn text_slot(column: ColumnId) -> Option<usize> {
    use ColumnId as C;
    Some(match column {
        C::UserName => T_USER,
        C::ComputerName => T_COMPUTER,
        C::TerminalType => T_TERMINAL_TYPE,
        C::FailureReason => T_FAILURE,
        C::PublicIp => T_PUBLIC_IP,
        C::SourceIp => T_SOURCE_IP,
        C::TerminalIp => T_TERMINAL_IP,
        C::TerminalName => T_TERMINAL_NAME,
        C::TerminalMac => T_MAC,
        C::ClientVersion => T_CLIENT_VERSION,
        C::AgentVersion => T_AGENT_VERSION,
        C::DesktopIp => T_DESKTOP_IP,
        C::DesktopId => T_DESKTOP_ID,
        C::EnterpriseProjectId => T_PROJECT,
        C::TransactionId => T_TX,
        C::Sid => T_SID,
        C::TenantId => T_TENANT,
        C::Region => T_REGION,
        C::Project => T_ORIGIN_PROJECT,
        _ => return None,
    })
}

fn texts(r: &Record) -> [Option<&str>; TEXT_FIELDS] {
    let mut t = [None; TEXT_FIELDS];
    t[T_TENANT] = r.tenant_id.as_deref();
    t[T_SID] = r.sid.as_deref();
    t[T_TX] = r.transaction_id.as_deref();
    t[T_COMPUTER] = r.computer_name.as_deref();
    t[T_USER] = r.user_name.as_deref();
    t[T_MAC] = r.terminal_mac.as_deref();
    t[T_TERMINAL_NAME] = r.terminal_name.as_deref();
    t[T_TERMINAL_IP] = r.terminal_ip.as_deref();
    t[T_CLIENT_VERSION] = r.client_version.as_deref();
    t[T_TERMINAL_TYPE] = r.terminal_type.as_deref();
    t[T_AGENT_VERSION] = r.agent_version.as_deref();
    t[T_DESKTOP_IP] = r.desktop_ip.as_deref();
    t[T_FAILURE] = r.connection_failure_reason.as_deref();
    t[T_SOURCE_IP] = r.source_ip.as_deref();
    t[T_PUBLIC_IP] = r.public_ip.as_deref();
    t[T_PROJECT] = r.enterprise_project_id.as_deref();
    t[T_DESKTOP_ID] = r.desktop_id.as_deref();
    t[T_REGION] = r.region.as_deref();
    t[T_ORIGIN_PROJECT] = r.project.as_deref();
    t
}

fn times(r: &Record) -> [Option<&Timestamp>; 3] {
    [
        r.connection_start_time.as_ref(),
        r.connection_setup_time.as_ref(),
        r.connection_end_time.as_ref(),
    ]
}

/// The instant of `t` when its text is exactly `format_unix` of that instant (whole seconds):
/// then the text need not be stored.
fn canonical_secs(t: &Timestamp) -> Option<i64> {
    let parsed = t.parsed?;
    let secs = parsed.timestamp();
    (t.raw.len() == 20
        && parsed.timestamp_subsec_nanos() == 0
        && unix_text(secs).is_some_and(|text| text == t.raw.as_bytes()))
    .then_some(secs)
}

/// The row of `record`, its strings turned into symbols by `sym` (`None` when `sym` has none
/// for one of them).
fn make_row(record: &Record, mut sym: impl FnMut(&str) -> Option<Sym>) -> Option<Row> {
    let mut row = Row {
        secs: [NO_TIME; 3],
        rtt: [record.network_rtt.unwrap_or(0), record.e2e_rtt.unwrap_or(0)],
        text: [Sym::NONE; TEXT_FIELDS],
        raw: [Sym::NONE; 3],
        flags: 0,
    };
    for (slot, text) in row.text.iter_mut().zip(texts(record)) {
        if let Some(text) = text {
            *slot = sym(text)?;
        }
    }
    for (i, time) in times(record).into_iter().enumerate() {
        let Some(time) = time else { continue };
        if let Some(secs) = canonical_secs(time) {
            row.secs[i] = secs;
            row.raw[i] = Sym::CANONICAL;
        } else {
            row.secs[i] = time.parsed.map_or(NO_TIME, |t| t.timestamp());
            row.raw[i] = sym(&time.raw)?;
        }
    }
    if record.network_rtt.is_some() {
        row.flags |= NETWORK_RTT;
    }
    if record.e2e_rtt.is_some() {
        row.flags |= E2E_RTT;
    }
    match record.is_reconnect {
        Some(true) => row.flags |= RECONNECT_KNOWN | RECONNECT,
        Some(false) => row.flags |= RECONNECT_KNOWN,
        None => {}
    }
    Some(row)
}

/// The bytes of text `record` could add to the string buffer.
fn new_bytes(record: &Record) -> usize {
    texts(record)
        .iter()
        .flatten()
        .map(|s| s.len())
        .sum::<usize>()
        + times(record)
            .iter()
            .flatten()
            .map(|t| t.raw.len())
            .sum::<usize>()
}

/// What [`RecordTable::upsert`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upsert {
    /// A login not stored before, now in this new row.
    Inserted(RowId),
    /// The stored copy of this login differed and was replaced in place.
    Updated(RowId),
    /// The stored copy is identical.
    Unchanged(RowId),
    /// Not stored: the table holds billions of strings (unreachable in a browser's memory).
    Full,
}

/// How many records of a batch [`RecordTable::upsert_all`] inserted, updated or found unchanged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// [`Upsert::Full`]: in practice never.
    pub refused: usize,
}

/// How [`RecordTable::retain`] renumbered the rows: the new [`RowId`] of each old one it kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renumbering {
    /// By old row: its new row, or `EMPTY` when removed.
    new_of_old: Vec<RowId>,
    removed: usize,
}

impl Renumbering {
    /// The new row of the old `row`; `None` when it was removed (or never existed).
    pub fn row(&self, old: RowId) -> Option<RowId> {
        self.new_of_old
            .get(old as usize)
            .copied()
            .filter(|&r| r != EMPTY)
    }

    /// How many rows were removed.
    pub fn removed(&self) -> usize {
        self.removed
    }

    /// Whether every row kept its number (nothing was removed).
    pub fn is_identity(&self) -> bool {
        self.removed == 0
    }
}

/// One record, 136 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    /// Start, setup, end: Unix seconds, or [`NO_TIME`].
    secs: [i64; 3],
    /// Network, e2e; meaningful only with their presence flag.
    rtt: [i64; 2],
    text: [Sym; TEXT_FIELDS],
    /// The time's text: [`Sym::NONE`] when absent, [`Sym::CANONICAL`] when derivable from
    /// `secs`, else the text as sent.
    raw: [Sym; 3],
    flags: u8,
}

/// A time field as the statistics see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeFact {
    /// Absent or blank.
    Absent,
    /// Unix seconds.
    Parsed(i64),
    /// Present, but the text did not parse.
    Unparsable,
}

/// One row's fields for the statistics: see [`RecordTable::facts`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowFacts<'a> {
    pub(crate) start: TimeFact,
    pub(crate) setup: TimeFact,
    pub(crate) end: TimeFact,
    pub(crate) network_rtt: Option<i64>,
    pub(crate) e2e_rtt: Option<i64>,
    pub(crate) reconnect: Option<bool>,
    /// A non-blank failure reason.
    pub(crate) failed: bool,
    texts: &'a [Sym; TEXT_FIELDS],
}

impl RowFacts<'_> {
    /// The symbol of a text column, as [`RecordTable::sym`] (blank texts included).
    pub(crate) fn sym(&self, column: ColumnId) -> Option<Sym> {
        let sym = *self.texts.get(text_slot(column)?)?;
        (sym != Sym::NONE).then_some(sym)
    }

    /// The parsed connection start.
    pub(crate) fn start_secs(&self) -> Option<i64> {
        match self.start {
            TimeFact::Parsed(s) => Some(s),
            _ => None,
        }
    }
}

/// A login's identity, what makes two rows "the same record sent twice": the parts of
/// [`dedupe_key`](crate::records::store::dedupe_key) as symbols. The start time is its text,
/// represented canonically: `(CANONICAL, secs)` or `(sym of the text, 0)`, so equal texts give
/// equal parts.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    /// The origin (region, project), then the transaction ID.
    Transaction([Sym; 2], Sym),
    /// [`KEY_TEXTS`], then the connection start.
    Composite([Sym; 8], (Sym, i64)),
}

/// Where a record came from: a transaction ID is unique within a project, not across.
const ORIGIN_TEXTS: [usize; 2] = [T_REGION, T_ORIGIN_PROJECT];

const KEY_TEXTS: [usize; 8] = [
    T_REGION,
    T_ORIGIN_PROJECT,
    T_USER,
    T_COMPUTER,
    T_MAC,
    T_TERMINAL_IP,
    T_SID,
    T_DESKTOP_ID,
];

/// A small, fast, deterministic hasher (FxHash's mixing step) for the interner and the key
/// index. Not collision-resistant against crafted input; the worst a crafted import file can do
/// is make its own import slow.
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = FxHasher(0);
    value.hash(&mut h);
    h.finish()
}

/// An open-addressing set of `u32`s whose hashing and equality the owner supplies: 4 bytes per
/// slot, at most half full, linear probing. Used for string → symbol and key → row, so neither
/// the strings nor the keys are stored twice.
#[derive(Clone, Default)]
struct Slots {
    slots: Vec<u32>,
    len: usize,
}

const EMPTY: u32 = u32::MAX;

impl Slots {
    fn start(&self, hash: u64) -> usize {
        // Fibonacci hashing: the top bits of the product depend on every bit of the hash.
        let bits = self.slots.len().trailing_zeros();
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The stored value equal to the probe, or the empty slot where it would go.
    fn find(&self, hash: u64, mut eq: impl FnMut(u32) -> bool) -> Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(usize::MAX);
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(hash);
        loop {
            match self.slots[i] {
                EMPTY => return Err(i),
                v if eq(v) => return Ok(v),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Stores `value` at the slot `find` returned, growing when half full (`rehash` gives the
    /// hash of a stored value).
    fn insert(&mut self, at: usize, hash: u64, value: u32, rehash: impl Fn(u32) -> u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![EMPTY; (old.len() * 2).max(16)];
            for v in old.into_iter().filter(|&v| v != EMPTY) {
                self.put(rehash(v), v);
            }
            self.put(hash, value);
        } else {
            self.slots[at] = value;
        }
        self.len += 1;
    }

    fn put(&mut self, hash: u64, value: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.start(hash);
        while self.slots[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = value;
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4
    }
}

/// Every distinct string once, in one buffer.
#[derive(Clone, Default)]
struct Interner {
    bytes: String,
    /// End offset of each string in `bytes`; string `i` starts where `i - 1` ends.
    ends: Vec<u32>,
    index: Slots,
}

impl Interner {
    fn text(&self, sym: Sym) -> &str {
        let i = sym.index();
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.bytes.get(start as usize..end as usize).unwrap_or("")
    }

    fn get(&self, s: &str) -> Option<Sym> {
        self.index
            .find(hash_of(s), |v| self.text(Sym(v)) == s)
            .ok()
            .map(Sym)
    }

    /// Callers check [`Interner::has_room`] first.
    fn intern(&mut self, s: &str) -> Sym {
        let hash = hash_of(s);
        match self.index.find(hash, |v| self.text(Sym(v)) == s) {
            Ok(v) => Sym(v),
            Err(at) => {
                let sym = self.ends.len() as u32;
                self.bytes.push_str(s);
                self.ends.push(self.bytes.len() as u32);
                let (bytes, ends) = (&self.bytes, &self.ends);
                self.index.insert(at, hash, sym, |v| {
                    let i = v as usize;
                    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
                    hash_of(&bytes[start..ends[i] as usize])
                });
                Sym(sym)
            }
        }
    }

    /// Whether `count` more strings of `bytes` bytes in total keep offsets and symbols within
    /// 32 bits (below the two reserved symbols).
    fn has_room(&self, count: usize, bytes: usize) -> bool {
        self.ends.len() + count < Sym::CANONICAL.index()
            && self.bytes.len().saturating_add(bytes) <= u32::MAX as usize
    }

    fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.ends.capacity() * 4 + self.index.heap_bytes()
    }
}

/// Records stored compactly, deduplicated, in insertion order. See the module docs.
///
/// ```
/// use logins_core::records::columns::{BandThresholds, Cell, ColumnId};
/// use logins_core::time::format::DisplayZone;
/// use logins_core::i18n::Lang;
/// use logins_core::records::record::{Record, Timestamp};
/// use logins_core::records::table::RecordTable;
/// let r = Record {
///     user_name: Some("alice".into()),
///     connection_start_time: Some(Timestamp::parse("2024-01-15T08:30:00Z")),
///     network_rtt: Some(140),
///     ..Record::default()
/// };
/// let mut table = RecordTable::new();
/// let row = table.push(&r).unwrap();
/// assert_eq!(table.push(&r), None); // a duplicate
/// let bands = BandThresholds::default();
/// assert_eq!(table.cell(row, ColumnId::UserName, &bands), Cell::Text("alice"));
/// assert_eq!(table.cell(row, ColumnId::ConnectionStart, &bands), Cell::Time(1_705_307_400));
/// assert_eq!(table.cell(row, ColumnId::NetworkBand, &bands).display(Lang::En, &DisplayZone::Utc), "fair");
/// assert_eq!(table.record(row), r);
/// ```
#[derive(Clone, Default)]
pub struct RecordTable {
    rows: Vec<Row>,
    strings: Interner,
    /// Row numbers, indexed by their [`Key`].
    keys: Slots,
    /// `invalid_fields` of the rare rows that have any, by ascending row.
    invalid: Vec<(RowId, Vec<&'static str>)>,
    duplicates: usize,
}

impl fmt::Debug for RecordTable {
    /// A summary: printing 100,000 rows helps nobody.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordTable")
            .field("len", &self.len())
            .field("duplicates", &self.duplicates)
            .field("strings", &self.symbol_count())
            .finish_non_exhaustive()
    }
}

impl RecordTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// A table of `records`, duplicates dropped (and counted).
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let records = records.into_iter();
        let mut table = RecordTable::new();
        table.rows.reserve(records.size_hint().0);
        for r in records {
            table.push(&r);
        }
        table
    }

    /// Stores `record` and returns its row, or `None` when a record with the same
    /// [`dedupe_key`](crate::records::store::dedupe_key) is already stored (counted in
    /// [`RecordTable::duplicates`]; the stored copy stays as it was). Also `None`, without
    /// counting, in the unreachable case of a table holding billions of strings.
    pub fn push(&mut self, record: &Record) -> Option<RowId> {
        // A duplicate's key strings are all interned already, so look before interning: a
        // refused record leaves nothing behind.
        if self.find_record(record).is_some() {
            self.duplicates += 1;
            return None;
        }
        self.insert_new(record)
    }

    /// Stores `record`, or replaces in place the stored copy of the same login (same
    /// [`dedupe_key`](crate::records::store::dedupe_key)) when the two differ: an ongoing
    /// session that has since ended, an RTT measured late. The row keeps its [`RowId`], and
    /// nothing is counted twice. Unlike [`RecordTable::push`] a copy is not counted in
    /// [`RecordTable::duplicates`]: a watch refresh reads an overlapping window on purpose.
    ///
    /// ```
    /// use logins_core::records::record::{Record, Timestamp};
    /// use logins_core::records::table::{RecordTable, Upsert};
    /// let ongoing = Record {
    ///     transaction_id: Some("tx-1".into()),
    ///     connection_start_time: Some(Timestamp::parse("2024-01-15T08:30:00Z")),
    ///     ..Record::default()
    /// };
    /// let ended = Record {
    ///     connection_end_time: Some(Timestamp::parse("2024-01-15T09:00:00Z")),
    ///     network_rtt: Some(40),
    ///     ..ongoing.clone()
    /// };
    /// let mut table = RecordTable::new();
    /// assert_eq!(table.upsert(&ongoing), Upsert::Inserted(0));
    /// assert_eq!(table.upsert(&ended), Upsert::Updated(0));
    /// assert_eq!(table.upsert(&ended), Upsert::Unchanged(0));
    /// assert_eq!((table.len(), table.duplicates()), (1, 0));
    /// assert_eq!(table.record(0), ended);
    /// ```
    pub fn upsert(&mut self, record: &Record) -> Upsert {
        let Some(row) = self.find_record(record) else {
            return self
                .insert_new(record)
                .map_or(Upsert::Full, Upsert::Inserted);
        };
        let i = row as usize;
        // Compare before interning: an unchanged copy (most of a refresh) leaves nothing behind.
        let same = make_row(record, |s| self.strings.get(s)).is_some_and(|r| r == self.rows[i])
            && self.invalid_fields(row) == record.invalid_fields.as_slice();
        if same {
            return Upsert::Unchanged(row);
        }
        if !self.strings.has_room(MAX_NEW_STRINGS, new_bytes(record)) {
            return Upsert::Full;
        }
        let strings = &mut self.strings;
        let Some(updated) = make_row(record, |s| Some(strings.intern(s))) else {
            return Upsert::Full;
        };
        // Same identity, so the same key: the key index still points at this row.
        self.rows[i] = updated;
        self.set_invalid_fields(row, &record.invalid_fields);
        Upsert::Updated(row)
    }

    /// Adds every row of `other` after this table's, as [`RecordTable::push`] of each of its
    /// records would (a login already stored is refused and counted), but without making the
    /// records: each distinct string of `other` is interned once and rows are copied with their
    /// symbols translated. This is how the tables of several targets become one (about 50 times
    /// faster than pushing 100,000 records). Returns how many rows were added; stops early only
    /// in the unreachable case of a table holding billions of strings.
    ///
    /// ```
    /// use logins_core::records::record::Record;
    /// use logins_core::records::table::RecordTable;
    /// let login = |tx: &str, project: &str| Record {
    ///     transaction_id: Some(tx.into()),
    ///     project: Some(project.into()),
    ///     ..Record::default()
    /// };
    /// let mut beijing = RecordTable::from_records([login("a", "bj"), login("b", "bj")]);
    /// let shanghai = RecordTable::from_records([login("a", "sh"), login("b", "bj")]);
    /// assert_eq!(beijing.append(&shanghai), 1);
    /// assert_eq!((beijing.len(), beijing.duplicates()), (3, 1));
    /// assert_eq!(beijing.record(2), login("a", "sh"));
    /// ```
    pub fn append(&mut self, other: &RecordTable) -> usize {
        let count = other.symbol_count();
        if !self.strings.has_room(count, other.strings.bytes.len())
            || self.rows.len() + other.rows.len() >= EMPTY as usize
        {
            return 0;
        }
        let map: Vec<Sym> = (0..count)
            .map(|i| self.strings.intern(other.strings.text(Sym(i as u32))))
            .collect();
        self.rows.reserve(other.rows.len());
        let mut added = 0;
        for (old_id, row) in other.rows.iter().enumerate() {
            let mut row = row.clone();
            for sym in row.text.iter_mut().chain(&mut row.raw) {
                // NONE and CANONICAL are out of range: they stay.
                if let Some(&m) = map.get(sym.index()) {
                    *sym = m;
                }
            }
            let key = self.key_of_row(&row);
            let Err(at) = self.find_key(&key) else {
                self.duplicates += 1;
                continue;
            };
            let row_id = self.rows.len() as RowId;
            let hash = hash_of(&key);
            self.rows.push(row);
            let (rows, strings) = (&self.rows, &self.strings);
            self.keys.insert(at, hash, row_id, |r| {
                hash_of(&key_of(strings, &rows[r as usize]))
            });
            let fields = other.invalid_fields(old_id as RowId);
            if !fields.is_empty() {
                self.invalid.push((row_id, fields.to_vec()));
            }
            added += 1;
        }
        added
    }

    /// [`RecordTable::upsert`] of each record, counted: a refresh's "12 new, 3 updated".
    ///
    /// ```
    /// use logins_core::records::record::Record;
    /// use logins_core::records::table::{RecordTable, UpsertCounts};
    /// let a = Record { transaction_id: Some("a".into()), ..Record::default() };
    /// let b = Record { transaction_id: Some("b".into()), ..Record::default() };
    /// let b2 = Record { network_rtt: Some(5), ..b.clone() };
    /// let mut table = RecordTable::new();
    /// table.upsert_all([&a, &b]);
    /// let counts = table.upsert_all([&a, &b2]);
    /// assert_eq!(counts, UpsertCounts { new: 0, updated: 1, unchanged: 1, refused: 0 });
    /// ```
    pub fn upsert_all<'a>(
        &mut self,
        records: impl IntoIterator<Item = &'a Record>,
    ) -> UpsertCounts {
        let mut counts = UpsertCounts::default();
        for record in records {
            match self.upsert(record) {
                Upsert::Inserted(_) => counts.new += 1,
                Upsert::Updated(_) => counts.updated += 1,
                Upsert::Unchanged(_) => counts.unchanged += 1,
                Upsert::Full => counts.refused += 1,
            }
        }
        counts
    }

    /// Counts an arrival of a login already stored, merged by [`RecordTable::upsert`] rather
    /// than refused (Fetch all keeps the later copy; see `RecordStore::insert`).
    pub(crate) fn count_duplicate(&mut self) {
        self.duplicates += 1;
    }

    /// Keeps the rows for which `keep(table, row)` holds, in their order, and frees the others:
    /// their rows, their key entries, and (when more than half the string memory is then
    /// unused) the strings no kept row uses. Returns how the kept rows were renumbered: any
    /// [`RowId`] or [`Sym`] held from before is stale, so callers rebuild their views (filtered
    /// and sorted rows, selection) from the table, or map old rows through the [`Renumbering`].
    /// [`RecordTable::duplicates`] is unchanged: it counts what was refused, not what is kept.
    pub fn retain(&mut self, mut keep: impl FnMut(&RecordTable, RowId) -> bool) -> Renumbering {
        let kept: Vec<bool> = self.row_ids().map(|row| keep(self, row)).collect();
        let mut new_of_old = Vec::with_capacity(kept.len());
        let mut next: RowId = 0;
        for &k in &kept {
            if k {
                new_of_old.push(next);
                next += 1;
            } else {
                new_of_old.push(EMPTY);
            }
        }
        let removed = kept.len() - next as usize;
        if removed > 0 {
            let mut flags = kept.iter();
            self.rows.retain(|_| flags.next().copied().unwrap_or(true));
            self.invalid.retain_mut(|(row, _)| {
                match new_of_old.get(*row as usize).filter(|&&n| n != EMPTY) {
                    Some(&n) => {
                        *row = n;
                        true
                    }
                    None => false,
                }
            });
            // A window that slid over most of the rows gives the memory back.
            if self.rows.capacity() > 2 * self.rows.len() + 64 {
                self.rows.shrink_to(self.rows.len() * 5 / 4);
            }
            self.invalid.shrink_to_fit();
        }
        // Updates leave strings behind too, so this looks even when no row left.
        let collected = self.collect_strings();
        if removed > 0 || collected {
            self.rebuild_keys();
        }
        Renumbering {
            new_of_old,
            removed,
        }
    }

    /// The sliding window: keeps the records whose connection started at `cutoff` (Unix
    /// seconds) or later, and those whose start is absent or did not parse (no window can judge
    /// them, and dropping a record silently is worse than keeping one too many). See
    /// [`RecordTable::retain`] for what changes.
    ///
    /// ```
    /// use logins_core::records::record::{Record, Timestamp};
    /// use logins_core::records::table::RecordTable;
    /// let at = |user: &str, start: &str| Record {
    ///     user_name: Some(user.into()),
    ///     connection_start_time: Some(Timestamp::parse(start)),
    ///     ..Record::default()
    /// };
    /// let mut table = RecordTable::from_records([
    ///     at("old", "2024-01-15T08:00:00Z"),
    ///     at("new", "2024-01-15T09:00:00Z"),
    ///     at("undated", "yesterday"),
    /// ]);
    /// let renumbering = table.retain_started_since(1_705_309_200); // 09:00:00Z
    /// assert_eq!((table.len(), renumbering.removed()), (2, 1));
    /// assert_eq!(renumbering.row(1), Some(0));
    /// assert_eq!(renumbering.row(0), None);
    /// assert_eq!(table.record(0).user_name.as_deref(), Some("new"));
    /// ```
    pub fn retain_started_since(&mut self, cutoff_secs: i64) -> Renumbering {
        self.retain(|table, row| {
            let start = table.rows[row as usize].secs[START];
            start == NO_TIME || start >= cutoff_secs
        })
    }

    /// Stores a record known to be new; `None` when the table is full.
    fn insert_new(&mut self, record: &Record) -> Option<RowId> {
        let row_id = RowId::try_from(self.rows.len())
            .ok()
            .filter(|&r| r != EMPTY)?;
        if !self.strings.has_room(MAX_NEW_STRINGS, new_bytes(record)) {
            return None;
        }
        let strings = &mut self.strings;
        let row = make_row(record, |s| Some(strings.intern(s)))?;
        let key = self.key_of_row(&row);
        let hash = hash_of(&key);
        let at = match self.find_key(&key) {
            // Unreachable (callers looked first), but never store a second copy.
            Ok(_) => {
                self.duplicates += 1;
                return None;
            }
            Err(at) => at,
        };
        self.rows.push(row);
        let (rows, strings) = (&self.rows, &self.strings);
        self.keys.insert(at, hash, row_id, |r| {
            hash_of(&key_of(strings, &rows[r as usize]))
        });
        if !record.invalid_fields.is_empty() {
            self.invalid.push((row_id, record.invalid_fields.clone()));
        }
        Some(row_id)
    }

    /// The row holding the same login as `record`, if any.
    fn find_record(&self, record: &Record) -> Option<RowId> {
        let key = self.key_of_record(record)?;
        self.find_key(&key).ok()
    }

    /// `invalid_fields` of `row` as pushed.
    fn invalid_fields(&self, row: RowId) -> &[&'static str] {
        self.invalid
            .binary_search_by_key(&row, |(r, _)| *r)
            .map_or(&[], |i| &self.invalid[i].1[..])
    }

    fn set_invalid_fields(&mut self, row: RowId, fields: &[&'static str]) {
        match self.invalid.binary_search_by_key(&row, |(r, _)| *r) {
            Ok(i) if fields.is_empty() => {
                self.invalid.remove(i);
            }
            Ok(i) => self.invalid[i].1 = fields.to_vec(),
            Err(i) if !fields.is_empty() => self.invalid.insert(i, (row, fields.to_vec())),
            Err(_) => {}
        }
    }

    /// Drops the strings no row uses when they are more than half of the string memory, so
    /// updates and a sliding window cannot make the buffer grow without bound; below that the
    /// copy is not worth it (and the amortized cost stays linear: each collection at least
    /// halves what it copies).
    fn collect_strings(&mut self) -> bool {
        let count = self.strings.ends.len();
        let mut used = vec![false; count];
        for row in &self.rows {
            for sym in row.text.iter().chain(&row.raw) {
                // NONE and CANONICAL are out of range: nothing to mark.
                if let Some(u) = used.get_mut(sym.index()) {
                    *u = true;
                }
            }
        }
        // What a string costs: its bytes, its end offset and (about) two index slots.
        let cost = |i: usize| self.strings.text(Sym(i as u32)).len() + 12;
        let total: usize = (0..count).map(cost).sum();
        let live: usize = (0..count).filter(|&i| used[i]).map(cost).sum();
        if (total - live) * 2 <= total {
            return false;
        }
        let old = std::mem::take(&mut self.strings);
        let mut map = vec![Sym::NONE; count];
        for (i, m) in map.iter_mut().enumerate().filter(|(i, _)| used[*i]) {
            *m = self.strings.intern(old.text(Sym(i as u32)));
        }
        for row in &mut self.rows {
            for sym in row.text.iter_mut().chain(&mut row.raw) {
                if let Some(&m) = map.get(sym.index()) {
                    *sym = m;
                }
            }
        }
        true
    }

    /// The key index anew, for the rows as they are now.
    fn rebuild_keys(&mut self) {
        self.keys = Slots::default();
        for row in 0..self.rows.len() {
            let key = self.key_of_row(&self.rows[row]);
            let hash = hash_of(&key);
            // Keys are distinct (rows were stored by them); a clash would only be skipped.
            let Err(at) = self.find_key(&key) else {
                continue;
            };
            let (rows, strings) = (&self.rows, &self.strings);
            self.keys.insert(at, hash, row as RowId, |r| {
                hash_of(&key_of(strings, &rows[r as usize]))
            });
        }
    }

    /// Whether a record with the same key as `record` is stored.
    pub fn contains(&self, record: &Record) -> bool {
        self.key_of_record(record)
            .is_some_and(|key| self.find_key(&key).is_ok())
    }

    /// The number of stored (unique) records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no record is stored.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many records [`RecordTable::push`] refused as duplicates.
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// Every row, in storage order.
    pub fn row_ids(&self) -> impl ExactSizeIterator<Item = RowId> + DoubleEndedIterator {
        // len() never exceeds u32::MAX (push refuses beyond), so the cast is exact.
        0..self.rows.len() as RowId
    }

    /// The record stored in `row` (for the row detail, the raw JSON and exports), or an empty
    /// record for a row that does not exist.
    ///
    /// It is exactly the record that was pushed, with one documented exception: a time whose
    /// text is not the canonical `YYYY-MM-DDTHH:MM:SSZ` comes back with `parsed` recomputed
    /// from its text by [`Timestamp::parse`]. For every record that came from the API, an
    /// import or the demo generator, that is the same value; only a hand-built `Timestamp`
    /// whose instant disagrees with its own text would differ. `invalid_fields` is kept as
    /// pushed (it cannot be recomputed: the bad value itself is gone).
    pub fn record(&self, row: RowId) -> Record {
        let Some(r) = self.rows.get(row as usize) else {
            return Record::default();
        };
        let t = |slot: usize| self.opt_text(r.text[slot]);
        let time = |i: usize| match r.raw[i] {
            Sym::NONE => None,
            Sym::CANONICAL => Some(Timestamp {
                raw: format_unix(r.secs[i]),
                parsed: DateTime::from_timestamp(r.secs[i], 0),
            }),
            sym => Some(Timestamp::parse(self.strings.text(sym))),
        };
        let invalid_fields = self
            .invalid
            .binary_search_by_key(&row, |(r, _)| *r)
            .map(|i| self.invalid[i].1.clone())
            .unwrap_or_default();
        Record {
            tenant_id: t(T_TENANT),
            sid: t(T_SID),
            transaction_id: t(T_TX),
            computer_name: t(T_COMPUTER),
            user_name: t(T_USER),
            terminal_mac: t(T_MAC),
            terminal_name: t(T_TERMINAL_NAME),
            terminal_ip: t(T_TERMINAL_IP),
            client_version: t(T_CLIENT_VERSION),
            terminal_type: t(T_TERMINAL_TYPE),
            agent_version: t(T_AGENT_VERSION),
            desktop_ip: t(T_DESKTOP_IP),
            connection_start_time: time(START),
            connection_setup_time: time(SETUP),
            connection_end_time: time(END),
            is_reconnect: (r.flags & RECONNECT_KNOWN != 0).then_some(r.flags & RECONNECT != 0),
            connection_failure_reason: t(T_FAILURE),
            network_rtt: (r.flags & NETWORK_RTT != 0).then_some(r.rtt[0]),
            e2e_rtt: (r.flags & E2E_RTT != 0).then_some(r.rtt[1]),
            source_ip: t(T_SOURCE_IP),
            public_ip: t(T_PUBLIC_IP),
            enterprise_project_id: t(T_PROJECT),
            desktop_id: t(T_DESKTOP_ID),
            region: t(T_REGION),
            project: t(T_ORIGIN_PROJECT),
            invalid_fields,
        }
    }

    /// The value of `row` in `column` (see [`crate::records::columns`] for the derived columns);
    /// [`Cell::Missing`] for a row that does not exist.
    pub fn cell(&self, row: RowId, column: ColumnId, bands: &BandThresholds) -> Cell<'_> {
        let Some(r) = self.rows.get(row as usize) else {
            return Cell::Missing;
        };
        if let Some(slot) = text_slot(column) {
            return match self.present_text(r.text[slot]) {
                Some(s) => Cell::Text(s),
                None => Cell::Missing,
            };
        }
        use ColumnId as C;
        let secs = |i: usize| (r.secs[i] != NO_TIME).then_some(r.secs[i]);
        let time = |i: usize| match (secs(i), r.raw[i]) {
            (Some(s), _) => Cell::Time(s),
            (None, Sym::NONE | Sym::CANONICAL) => Cell::Missing,
            (None, sym) => match self.present_text(sym) {
                Some(raw) => Cell::TimeText(raw),
                None => Cell::Missing,
            },
        };
        let span = |from: usize, to: usize| match (secs(from), secs(to)) {
            (Some(a), Some(b)) => b.checked_sub(a).map_or(Cell::Missing, Cell::Duration),
            _ => Cell::Missing,
        };
        let rtt = |i: usize, flag: u8| (r.flags & flag != 0).then_some(r.rtt[i]);
        let band = |v: Option<i64>| match v.and_then(|ms| Band::of(ms, bands)) {
            Some(b) => Cell::Band(b),
            None => Cell::Missing,
        };
        match column {
            C::ConnectionStart => time(START),
            C::ConnectionSetup => time(SETUP),
            C::ConnectionEnd => time(END),
            C::SetupTime => span(START, SETUP),
            C::SessionDuration => {
                let no_end = self.present_text_or_canonical(r.raw[END]).is_none();
                if no_end && secs(START).is_some() && !self.failed(r) {
                    Cell::Ongoing
                } else {
                    span(START, END)
                }
            }
            C::NetworkRtt => rtt(0, NETWORK_RTT).map_or(Cell::Missing, Cell::Ms),
            C::E2eRtt => rtt(1, E2E_RTT).map_or(Cell::Missing, Cell::Ms),
            C::NetworkBand => band(rtt(0, NETWORK_RTT)),
            C::E2eBand => band(rtt(1, E2E_RTT)),
            C::Outcome => Cell::Outcome {
                failed: self.failed(r),
            },
            C::IsReconnect => {
                if r.flags & RECONNECT_KNOWN != 0 {
                    Cell::Bool(r.flags & RECONNECT != 0)
                } else {
                    Cell::Missing
                }
            }
            // Text columns returned above.
            _ => Cell::Missing,
        }
    }

    /// The text of a symbol this table handed out; empty for any other.
    pub fn text(&self, sym: Sym) -> &str {
        self.strings.text(sym)
    }

    /// The symbol of `text` if some record holds it, without adding it: an exact-match filter
    /// ("this user's sessions") compares one symbol per row instead of one string.
    pub fn lookup(&self, text: &str) -> Option<Sym> {
        self.strings.get(text)
    }

    /// The symbol in a text column of `row`; `None` when absent, for a non-text column or an
    /// unknown row. Blank texts have symbols too (unlike their [`Cell`]).
    pub fn sym(&self, row: RowId, column: ColumnId) -> Option<Sym> {
        let slot = text_slot(column)?;
        let sym = self.rows.get(row as usize)?.text[slot];
        (sym != Sym::NONE).then_some(sym)
    }

    /// Whether `field` (an API field name such as `"network_rtt"`) was present in `row`'s record
    /// but unusable (see [`Record::invalid_fields`]): the statistics count such a value as
    /// invalid rather than missing. A binary search over the few rows that have any.
    pub(crate) fn has_invalid_field(&self, row: RowId, field: &str) -> bool {
        self.invalid
            .binary_search_by_key(&row, |(r, _)| *r)
            .is_ok_and(|i| self.invalid[i].1.contains(&field))
    }

    /// Everything the statistics read from `row`, in one call: a [`RecordTable::cell`] per
    /// column costs ~10 ns, and the statistics read several columns of 100,000 rows per
    /// refresh. Same meanings as the cells (see [`crate::records::columns`]); `None` for an unknown row.
    pub(crate) fn facts(&self, row: RowId) -> Option<RowFacts<'_>> {
        let r = self.rows.get(row as usize)?;
        let time = |i: usize| {
            if r.secs[i] != NO_TIME {
                TimeFact::Parsed(r.secs[i])
            } else if r.raw[i] == Sym::NONE || r.raw[i] == Sym::CANONICAL {
                TimeFact::Absent
            } else if self.present_text(r.raw[i]).is_some() {
                TimeFact::Unparsable
            } else {
                TimeFact::Absent
            }
        };
        let rtt = |i: usize, flag: u8| (r.flags & flag != 0).then_some(r.rtt[i]);
        Some(RowFacts {
            start: time(START),
            setup: time(SETUP),
            end: time(END),
            network_rtt: rtt(0, NETWORK_RTT),
            e2e_rtt: rtt(1, E2E_RTT),
            reconnect: (r.flags & RECONNECT_KNOWN != 0).then_some(r.flags & RECONNECT != 0),
            failed: self.failed(r),
            texts: &r.text,
        })
    }

    /// How many distinct strings the table holds: [`Sym::index`] is below this.
    pub fn symbol_count(&self) -> usize {
        self.strings.ends.len()
    }

    /// The memory the table owns on the heap (capacities, not just lengths), for the memory
    /// test and the benchmark. Excludes allocator overhead, which is small here: a handful of
    /// large allocations plus one small one per row with invalid fields.
    pub fn approx_heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<Row>()
            + self.strings.heap_bytes()
            + self.keys.heap_bytes()
            + self.invalid.capacity() * std::mem::size_of::<(RowId, Vec<&'static str>)>()
            + self
                .invalid
                .iter()
                .map(|(_, v)| v.capacity() * std::mem::size_of::<&'static str>())
                .sum::<usize>()
    }

    /// Whether the connection failed: a failure reason that is not blank.
    fn failed(&self, r: &Row) -> bool {
        self.present_text(r.text[T_FAILURE]).is_some()
    }

    fn opt_text(&self, sym: Sym) -> Option<String> {
        (sym != Sym::NONE).then(|| self.strings.text(sym).to_owned())
    }

    /// The text of a present, non-blank field.
    fn present_text(&self, sym: Sym) -> Option<&str> {
        if sym == Sym::NONE || sym == Sym::CANONICAL {
            return None;
        }
        Some(self.strings.text(sym)).filter(|s| !s.trim().is_empty())
    }

    /// For a time's raw symbol: `Some` when the time is present and not blank.
    fn present_text_or_canonical(&self, sym: Sym) -> Option<()> {
        if sym == Sym::CANONICAL {
            Some(())
        } else {
            self.present_text(sym).map(|_| ())
        }
    }

    /// Every text field's symbol of `row` ([`Sym::index`] is out of range for an absent one):
    /// the quick search scans these without going through columns.
    pub(crate) fn row_texts(&self, row: RowId) -> &[Sym] {
        self.rows.get(row as usize).map_or(&[], |r| &r.text[..])
    }

    fn key_of_row(&self, r: &Row) -> Key {
        key_of(&self.strings, r)
    }

    /// The key `record` would have here; `None` when one of its key texts is not interned, in
    /// which case no stored record can have the same key.
    fn key_of_record(&self, record: &Record) -> Option<Key> {
        let all = texts(record);
        if let Some(tx) = record.transaction_id.as_deref() {
            if !tx.trim().is_empty() {
                let mut origin = [Sym::NONE; 2];
                for (sym, slot) in origin.iter_mut().zip(ORIGIN_TEXTS) {
                    if let Some(s) = all[slot] {
                        *sym = self.strings.get(s)?;
                    }
                }
                return self.strings.get(tx).map(|tx| Key::Transaction(origin, tx));
            }
        }
        let mut text = [Sym::NONE; 8];
        for (sym, slot) in text.iter_mut().zip(KEY_TEXTS) {
            if let Some(s) = all[slot] {
                *sym = self.strings.get(s)?;
            }
        }
        let start = match &record.connection_start_time {
            None => (Sym::NONE, 0),
            Some(t) => match canonical_secs(t) {
                Some(secs) => (Sym::CANONICAL, secs),
                None => (self.strings.get(&t.raw)?, 0),
            },
        };
        Some(Key::Composite(text, start))
    }

    fn find_key(&self, key: &Key) -> Result<u32, usize> {
        self.keys.find(hash_of(key), |row| {
            self.key_of_row(&self.rows[row as usize]) == *key
        })
    }
}

fn key_of(strings: &Interner, r: &Row) -> Key {
    let tx = r.text[T_TX];
    if tx != Sym::NONE && !strings.text(tx).trim().is_empty() {
        return Key::Transaction(ORIGIN_TEXTS.map(|slot| r.text[slot]), tx);
    }
    let start = match r.raw[START] {
        Sym::CANONICAL => (Sym::CANONICAL, r.secs[START]),
        sym => (sym, 0),
    };
    Key::Composite(KEY_TEXTS.map(|slot| r.text[slot]), start)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::demo::{DemoData, DemoSpec};
    use crate::records::columns::COLUMNS;
    use crate::records::store::{dedupe_key, DedupeKey as DedupeKeyOf};
    use crate::time::format::DisplayZone;
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// `n` demo records, as the app would load them.
    pub(crate) fn demo_records(n: usize) -> Vec<Record> {
        let data = DemoData::generate(&DemoSpec {
            seed: 42,
            records: n,
            now_unix: 1_720_000_000,
        });
        (0..n).map(|i| data.record(i)).collect()
    }

    fn t(s: &str) -> Option<Timestamp> {
        Some(Timestamp::parse(s))
    }

    fn full() -> Record {
        Record {
            tenant_id: Some("tenant".into()),
            sid: Some("S-1".into()),
            transaction_id: Some("tx-1".into()),
            computer_name: Some("PC-01".into()),
            user_name: Some("alice".into()),
            terminal_mac: Some("00-11".into()),
            terminal_name: Some("LAPTOP".into()),
            terminal_ip: Some("10.0.0.1".into()),
            client_version: Some("1.8".into()),
            terminal_type: Some("Windows 10".into()),
            agent_version: Some("1.8.1".into()),
            desktop_ip: Some("172.16.0.1".into()),
            connection_start_time: t("2024-01-15T08:30:00Z"),
            connection_setup_time: t("2024-01-15T16:30:05+08:00"),
            connection_end_time: t("2024-01-15T09:32:00.5Z"),
            is_reconnect: Some(false),
            connection_failure_reason: Some("".into()),
            network_rtt: Some(-1),
            e2e_rtt: Some(i64::MAX),
            source_ip: Some("1.2.3.4".into()),
            public_ip: Some("5.6.7.8".into()),
            enterprise_project_id: Some("0".into()),
            desktop_id: Some("d-1".into()),
            region: Some("cn-north-4".into()),
            project: Some("Beijing".into()),
            invalid_fields: vec!["sid", "network_rtt"],
        }
    }

    #[test]
    fn appending_a_table_equals_pushing_its_records() {
        let records = demo_records(3000);
        let (a, b) = records.split_at(2000);
        // An overlap (refused as duplicates), and records with invalid fields.
        let mut b: Vec<Record> = b.to_vec();
        b.extend_from_slice(&a[1500..]);
        b[0].invalid_fields = vec!["network_rtt"];
        let mut appended = RecordTable::from_records(a.iter().cloned());
        let other = RecordTable::from_records(b.iter().cloned());
        let added = appended.append(&other);
        let pushed = RecordTable::from_records(a.iter().chain(b.iter()).cloned());
        assert_eq!(added, 1000);
        assert_eq!(appended.len(), pushed.len());
        assert_eq!(appended.duplicates(), pushed.duplicates());
        for row in pushed.row_ids() {
            assert_eq!(appended.record(row), pushed.record(row), "row {row}");
        }
        // The key index works for what was appended.
        assert!(appended.push(&b[10]).is_none());
    }

    #[test]
    fn the_same_login_id_in_two_targets_is_two_records() {
        let beijing = full();
        let shanghai = Record {
            region: Some("cn-east-3".into()),
            project: Some("Shanghai".into()),
            ..full()
        };
        let no_transaction = |r: &Record| Record {
            transaction_id: None,
            ..r.clone()
        };
        let mut table = RecordTable::new();
        assert!(table.push(&beijing).is_some());
        assert!(table.push(&shanghai).is_some());
        assert!(
            table.push(&shanghai).is_none(),
            "a duplicate within a target"
        );
        assert!(table.push(&no_transaction(&beijing)).is_some());
        assert!(table.push(&no_transaction(&shanghai)).is_some());
        assert!(table.push(&no_transaction(&shanghai)).is_none());
        assert_eq!((table.len(), table.duplicates()), (4, 2));
        assert_eq!(table.record(1), shanghai);
    }

    #[test]
    fn records_round_trip_exactly() {
        let mut odd = full();
        odd.transaction_id = None;
        odd.connection_start_time = t("24/01/2020");
        odd.connection_end_time = t("");
        odd.is_reconnect = Some(true);
        odd.invalid_fields = vec!["connection_start_time"];
        let records = vec![full(), odd, Record::default()];
        let table = RecordTable::from_records(records.clone());
        assert_eq!(table.len(), 3);
        for (i, r) in records.iter().enumerate() {
            assert_eq!(&table.record(i as RowId), r);
        }
        assert_eq!(table.record(99), Record::default());
        assert!(format!("{table:?}").contains("len: 3"));
    }

    #[test]
    fn derived_cells() {
        let b = BandThresholds::default();
        let mut table = RecordTable::new();
        let row = table.push(&full()).unwrap();
        let cell = |c| table.cell(row, c, &b);
        assert_eq!(cell(ColumnId::SetupTime), Cell::Duration(5));
        assert_eq!(cell(ColumnId::SessionDuration), Cell::Duration(3720));
        assert_eq!(cell(ColumnId::NetworkRtt), Cell::Ms(-1));
        assert_eq!(cell(ColumnId::NetworkBand), Cell::Missing);
        assert_eq!(cell(ColumnId::E2eBand), Cell::Band(Band::Poor));
        assert_eq!(cell(ColumnId::Outcome), Cell::Outcome { failed: false });
        assert_eq!(cell(ColumnId::FailureReason), Cell::Missing); // blank
        assert_eq!(cell(ColumnId::IsReconnect), Cell::Bool(false));
        assert_eq!(cell(ColumnId::TenantId), Cell::Text("tenant"));

        let ongoing = Record {
            user_name: Some("bob".into()),
            connection_start_time: t("2024-01-15T08:30:00Z"),
            connection_setup_time: t("2024-01-15T08:29:57Z"),
            connection_failure_reason: Some("  ".into()),
            ..Record::default()
        };
        let row = table.push(&ongoing).unwrap();
        let cell = |c| table.cell(row, c, &b);
        assert_eq!(cell(ColumnId::SessionDuration), Cell::Ongoing);
        // Negative setup time is kept visible.
        assert_eq!(cell(ColumnId::SetupTime), Cell::Duration(-3));
        assert_eq!(cell(ColumnId::ConnectionEnd), Cell::Missing);
        assert_eq!(cell(ColumnId::IsReconnect), Cell::Missing);
        assert_eq!(cell(ColumnId::NetworkRtt), Cell::Missing);

        let failed = Record {
            user_name: Some("carol".into()),
            connection_start_time: t("2024-01-15T08:30:00Z"),
            connection_end_time: t("soon"),
            connection_failure_reason: Some("timeout".into()),
            ..Record::default()
        };
        let row = table.push(&failed).unwrap();
        let cell = |c| table.cell(row, c, &b);
        assert_eq!(cell(ColumnId::Outcome), Cell::Outcome { failed: true });
        assert_eq!(cell(ColumnId::SessionDuration), Cell::Missing);
        assert_eq!(cell(ColumnId::ConnectionEnd), Cell::TimeText("soon"));
        assert_eq!(cell(ColumnId::SetupTime), Cell::Missing);
        // Another login (the same one without its end would be that login's older copy).
        let failed_open = Record {
            user_name: Some("dave".into()),
            connection_end_time: None,
            ..failed
        };
        let row = table.push(&failed_open).unwrap();
        assert_eq!(
            table.cell(row, ColumnId::SessionDuration, &b),
            Cell::Missing
        );
        for c in COLUMNS {
            assert_eq!(table.cell(999, c.id, &b), Cell::Missing);
            for lang in crate::i18n::Lang::ALL {
                let _ = table.cell(row, c.id, &b).display(lang, &DisplayZone::Utc);
            }
        }
    }

    #[test]
    fn dedupes_like_dedupe_key() {
        let base = Record {
            user_name: Some("alice".into()),
            computer_name: Some("PC".into()),
            connection_start_time: t("2024-01-15T08:30:00Z"),
            ..Record::default()
        };
        let mut table = RecordTable::new();
        assert_eq!(table.push(&base), Some(0));
        assert_eq!(table.push(&base), None);
        // Same instant, other spelling: distinct, as in dedupe_key.
        let other_spelling = Record {
            connection_start_time: t("2024-01-15T16:30:00+08:00"),
            ..base.clone()
        };
        assert!(table.push(&other_spelling).is_some());
        assert!(table.push(&other_spelling).is_none());
        // A field outside the key does not separate.
        let other_rtt = Record {
            network_rtt: Some(5),
            terminal_name: Some("new".into()),
            ..base.clone()
        };
        assert!(table.contains(&other_rtt));
        assert_eq!(table.push(&other_rtt), None);
        assert_eq!(table.lookup("new"), None, "a refused record leaves nothing");
        let with_tx = Record {
            transaction_id: Some("tx".into()),
            ..base.clone()
        };
        assert!(!table.contains(&with_tx));
        assert!(table.push(&with_tx).is_some());
        let blank_tx = Record {
            transaction_id: Some(" ".into()),
            ..base.clone()
        };
        assert!(
            table.contains(&blank_tx),
            "a blank ID falls back to the composite"
        );
        assert_eq!((table.len(), table.duplicates()), (3, 3));
    }

    fn arb_text() -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop::sample::select(vec![
            "", " ", "a", "b", "1:a", "-", "ä",
        ]))
        .prop_map(|o| o.map(str::to_owned))
    }

    fn arb_time() -> impl Strategy<Value = Option<Timestamp>> {
        prop::option::of(prop::sample::select(vec![
            "2024-01-15T08:30:00Z",
            "2024-01-15T16:30:00+08:00",
            "2024-01-15T08:30:00.250Z",
            "2024-01-15T08:30Z",
            "bad",
            "",
        ]))
        .prop_map(|o| o.map(Timestamp::parse))
    }

    prop_compose! {
        fn arb_record()(
            user in arb_text(), computer in arb_text(), tx in arb_text(), sid in arb_text(),
            mac in arb_text(), name in arb_text(),
            start in arb_time(), end in arb_time(),
            rtt in prop::option::of(any::<i64>()), reconnect in prop::option::of(any::<bool>()),
        ) -> Record {
            Record {
                user_name: user, computer_name: computer, transaction_id: tx, sid,
                terminal_mac: mac, terminal_name: name,
                connection_start_time: start, connection_end_time: end,
                network_rtt: rtt, is_reconnect: reconnect,
                ..Record::default()
            }
        }
    }

    proptest! {
        /// The table keeps exactly the records a `dedupe_key` set keeps, and gives them back.
        #[test]
        fn agrees_with_dedupe_key(records in prop::collection::vec(arb_record(), 0..60)) {
            let mut table = RecordTable::new();
            let mut seen = HashSet::new();
            let mut kept = Vec::new();
            for r in &records {
                let new = seen.insert(dedupe_key(r));
                prop_assert_eq!(table.contains(r), !new);
                prop_assert_eq!(table.push(r).is_some(), new);
                if new {
                    kept.push(r.clone());
                }
            }
            prop_assert_eq!(table.len(), kept.len());
            prop_assert_eq!(table.duplicates(), records.len() - kept.len());
            for (i, r) in kept.iter().enumerate() {
                prop_assert_eq!(&table.record(i as RowId), r);
            }
        }
    }

    /// A login of `user` starting `minute` minutes after 2024-01-15T08:00:00Z, ongoing.
    fn login(tx: Option<&str>, user: &str, minute: i64) -> Record {
        Record {
            transaction_id: tx.map(str::to_owned),
            user_name: Some(user.into()),
            computer_name: Some("PC-01".into()),
            connection_start_time: Some(Timestamp::parse(&format_unix(
                1_705_305_600 + 60 * minute,
            ))),
            ..Record::default()
        }
    }

    fn ended(r: &Record, minute: i64, rtt: i64) -> Record {
        Record {
            connection_end_time: Some(Timestamp::parse(&format_unix(1_705_305_600 + 60 * minute))),
            connection_setup_time: r.connection_start_time.clone(),
            network_rtt: Some(rtt),
            ..r.clone()
        }
    }

    #[test]
    fn an_ongoing_login_is_updated_by_its_later_copy_in_place_and_counted_once() {
        for tx in [Some("tx-7"), None] {
            let open = login(tx, "alice", 0);
            let mut table = RecordTable::new();
            table.upsert(&login(Some("tx-0"), "bob", 0));
            assert_eq!(table.upsert(&open), Upsert::Inserted(1));
            let closed = ended(&open, 30, 45);
            assert_eq!(table.upsert(&closed), Upsert::Updated(1), "{tx:?}");
            assert_eq!((table.len(), table.duplicates()), (2, 0));
            assert_eq!(table.record(1), closed);
            let b = BandThresholds::default();
            assert_eq!(
                table.cell(1, ColumnId::SessionDuration, &b),
                Cell::Duration(1800)
            );
            let k = crate::stats::kpis(&table, &table.row_ids().collect::<Vec<_>>());
            assert_eq!((k.logins, k.unique_users), (2, 2));
            // An older copy read again later (a late page) is still a change: the table holds
            // what the API said last, as a fresh Fetch all would.
            assert_eq!(table.upsert(&open), Upsert::Updated(1));
            assert_eq!(table.record(1), open);
        }
    }

    #[test]
    fn a_late_record_inside_the_overlap_is_inserted_once() {
        let mut table = RecordTable::new();
        let first: Vec<Record> = (0..10)
            .map(|m| login(Some(&format!("tx-{m}")), "u", m))
            .collect();
        table.upsert_all(&first);
        // The next refresh starts 5 minutes before the newest start (minute 9): minutes 4..9
        // come back, with one that started at minute 6 but reached the API late.
        let mut refresh: Vec<Record> = first[4..].to_vec();
        refresh.push(login(Some("tx-late"), "v", 6));
        refresh.push(login(Some("tx-10"), "u", 10));
        let counts = table.upsert_all(&refresh);
        assert_eq!(
            counts,
            UpsertCounts {
                new: 2,
                updated: 0,
                unchanged: 6,
                refused: 0
            }
        );
        assert_eq!(table.upsert_all(&refresh).new, 0, "inserted once");
        assert_eq!((table.len(), table.duplicates()), (12, 0));
    }

    #[test]
    fn a_refresh_returning_everything_again_changes_nothing() {
        let records = demo_records(2000);
        let mut table = RecordTable::new();
        table.upsert_all(&records);
        let (len, strings, bytes) = (table.len(), table.symbol_count(), table.approx_heap_bytes());
        let before: Vec<Record> = table.row_ids().map(|r| table.record(r)).collect();
        for (i, r) in records.iter().enumerate().rev() {
            assert!(
                matches!(table.upsert(r), Upsert::Unchanged(_)),
                "record {i} changed"
            );
        }
        assert_eq!(
            (table.len(), table.symbol_count(), table.approx_heap_bytes()),
            (len, strings, bytes)
        );
        let after: Vec<Record> = table.row_ids().map(|r| table.record(r)).collect();
        assert_eq!(before, after);
        assert_eq!(table.duplicates(), 0);
    }

    #[test]
    fn invalid_fields_follow_updates_and_renumbering() {
        let mut r = login(Some("a"), "u", 0);
        r.invalid_fields = vec!["network_rtt"];
        let mut table = RecordTable::new();
        table.upsert(&login(Some("z"), "u", 0));
        table.upsert(&r);
        assert!(matches!(table.upsert(&r), Upsert::Unchanged(1)));
        // Only the invalid fields differ: still an update.
        let fixed = Record {
            invalid_fields: vec![],
            ..r.clone()
        };
        assert_eq!(table.upsert(&fixed), Upsert::Updated(1));
        assert!(!table.has_invalid_field(1, "network_rtt"));
        assert_eq!(table.upsert(&r), Upsert::Updated(1));
        assert!(table.has_invalid_field(1, "network_rtt"));
        // Row 0 leaves: row 1 becomes 0 and keeps its invalid field.
        let renumbering =
            table.retain(|t, row| t.record(row).transaction_id.as_deref() != Some("z"));
        assert_eq!(renumbering.row(1), Some(0));
        assert!(table.has_invalid_field(0, "network_rtt"));
        assert_eq!(table.record(0), r);
    }

    #[test]
    fn the_sliding_window_removes_exactly_the_logins_before_the_cutoff() {
        let records = demo_records(5000);
        let mut table = RecordTable::from_records(records.iter().cloned());
        let mut undated = login(None, "nobody", 0);
        undated.connection_start_time = t("not a time");
        table.push(&undated);
        let starts: Vec<Option<i64>> = table
            .row_ids()
            .map(|r| table.facts(r).and_then(|f| f.start_secs()))
            .collect();
        let mut sorted: Vec<i64> = starts.iter().flatten().copied().collect();
        sorted.sort_unstable();
        let cutoff = sorted[sorted.len() / 3];
        let expected: Vec<Record> = table
            .row_ids()
            .filter(|&r| starts[r as usize].is_none_or(|s| s >= cutoff))
            .map(|r| table.record(r))
            .collect();
        let before: Vec<Record> = table.row_ids().map(|r| table.record(r)).collect();

        let renumbering = table.retain_started_since(cutoff);
        assert_eq!(renumbering.removed(), before.len() - expected.len());
        assert!(renumbering.removed() > 1000);
        let kept: Vec<Record> = table.row_ids().map(|r| table.record(r)).collect();
        assert_eq!(
            kept, expected,
            "exactly the logins from the cutoff, in order"
        );
        assert_eq!(kept.last(), Some(&undated), "no start: kept");
        for (old, r) in before.iter().enumerate() {
            match renumbering.row(old as RowId) {
                Some(new) => assert_eq!(&table.record(new), r),
                None => assert!(starts[old].is_some_and(|s| s < cutoff)),
            }
        }

        // The statistics equal those of a table built fresh from the remaining records.
        let fresh = RecordTable::from_records(expected.iter().cloned());
        let all = |t: &RecordTable| t.row_ids().collect::<Vec<_>>();
        assert_eq!(
            crate::stats::kpis(&table, &all(&table)),
            crate::stats::kpis(&fresh, &all(&fresh))
        );
        // Every key still finds its row, and what left can come back as new.
        for (i, r) in expected.iter().enumerate() {
            assert_eq!(table.upsert(r), Upsert::Unchanged(i as RowId));
        }
        let gone = before.iter().find(|r| !expected.contains(r)).unwrap();
        assert!(!table.contains(gone));
        assert_eq!(
            table.upsert(gone),
            Upsert::Inserted(expected.len() as RowId)
        );
    }

    #[test]
    fn a_window_sliding_for_many_days_keeps_memory_bounded() {
        // A day of 1000 logins, each with its own transaction ID and, every day, new user
        // names: without freeing, the strings alone would grow by ~40 kB a day.
        let day = 86_400;
        let mut table = RecordTable::new();
        let mut sizes = Vec::new();
        for d in 0..60i64 {
            let records: Vec<Record> = (0..1000i64)
                .map(|i| Record {
                    transaction_id: Some(format!("tx-{d}-{i}")),
                    user_name: Some(format!("user-{d}-{}", i % 40)),
                    terminal_type: Some("Windows 10".into()),
                    connection_start_time: t(&format_unix(1_700_000_000 + d * day + i * 80)),
                    ..Record::default()
                })
                .collect();
            // Ongoing logins of the day end later the same day.
            table.upsert_all(&records);
            let ended: Vec<Record> = records
                .iter()
                .map(|r| Record {
                    connection_end_time: t(&format_unix(1_700_000_000 + d * day + 86_000)),
                    ..r.clone()
                })
                .collect();
            assert_eq!(table.upsert_all(&ended).updated, 1000);
            table.retain_started_since(1_700_000_000 + (d - 1) * day);
            assert!(table.len() <= 2000);
            sizes.push(table.approx_heap_bytes());
        }
        let early = *sizes[2..5].iter().max().unwrap();
        let late = *sizes[10..].iter().max().unwrap();
        assert!(late <= early * 3 / 2, "{sizes:?}");
        // The strings held: those of the two days kept (plus the shared terminal type), and at
        // most as many again of unused ones, since a collection runs once they are half.
        let live = 2 * (1000 + 40) + 1;
        assert!(table.symbol_count() <= 2 * live, "{}", table.symbol_count());
    }

    /// Copies of a few logins: the identity (`id`) and the fields that change as a session goes
    /// on (`version`).
    fn copy_of(id: usize, version: usize) -> Record {
        let tx = match id % 3 {
            0 => Some(format!("tx-{id}")),
            1 => Some(" ".to_owned()), // blank: the composite
            _ => None,
        };
        let mut r = login(tx.as_deref(), &format!("u{}", id / 2), id as i64 % 4);
        r.terminal_mac = id.is_multiple_of(2).then(|| "00-11".to_owned());
        if version % 2 == 1 {
            r = ended(&r, 40 + version as i64, version as i64 * 10);
        }
        if version % 3 == 2 {
            r.connection_failure_reason = Some(format!("reason {version}"));
            r.invalid_fields = vec!["e2e_rtt"];
        }
        r.terminal_name = Some(format!("T{}", version % 2));
        r
    }

    #[derive(Clone, Debug)]
    enum Op {
        Upsert(usize, usize),
        Retain(i64),
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0usize..12, 0usize..6).prop_map(|(id, v)| Op::Upsert(id, v)),
            1 => (-1i64..5).prop_map(Op::Retain),
        ]
    }

    proptest! {
        /// Any sequence of upserts of copies (and of sliding windows) gives the table built
        /// fresh from the last copy of each identity still in the window, in first-arrival
        /// order, with the same statistics.
        #[test]
        fn upserts_equal_a_table_of_the_last_copies(ops in prop::collection::vec(arb_op(), 0..80)) {
            let mut table = RecordTable::new();
            let mut model: Vec<(DedupeKeyOf, Record)> = Vec::new();
            for op in ops {
                match op {
                    Op::Upsert(id, v) => {
                        let r = copy_of(id, v);
                        let key = dedupe_key(&r);
                        let outcome = table.upsert(&r);
                        match model.iter().position(|(k, _)| *k == key) {
                            Some(i) => {
                                let same = model[i].1 == r;
                                prop_assert_eq!(
                                    outcome,
                                    if same { Upsert::Unchanged(i as RowId) } else { Upsert::Updated(i as RowId) }
                                );
                                model[i].1 = r;
                            }
                            None => {
                                prop_assert_eq!(outcome, Upsert::Inserted(model.len() as RowId));
                                model.push((key, r));
                            }
                        }
                    }
                    Op::Retain(minute) => {
                        let cutoff = 1_705_305_600 + 60 * minute;
                        table.retain_started_since(cutoff);
                        model.retain(|(_, r)| {
                            r.connection_start_time.as_ref().and_then(|t| t.parsed)
                                .is_none_or(|p| p.timestamp() >= cutoff)
                        });
                    }
                }
            }
            prop_assert_eq!(table.duplicates(), 0);
            let fresh = RecordTable::from_records(model.iter().map(|(_, r)| r.clone()));
            prop_assert_eq!(table.len(), fresh.len());
            for row in table.row_ids() {
                prop_assert_eq!(table.record(row), fresh.record(row));
            }
            let all = |t: &RecordTable| t.row_ids().collect::<Vec<_>>();
            prop_assert_eq!(
                crate::stats::kpis(&table, &all(&table)),
                crate::stats::kpis(&fresh, &all(&fresh))
            );
        }
    }

    #[test]
    fn text_fields_are_exactly_the_text_columns() {
        // The quick search relies on this: it scans a row's text fields, not its columns.
        let slots: HashSet<usize> = COLUMNS
            .iter()
            .filter(|c| c.kind == crate::records::columns::ColumnKind::Text)
            .map(|c| text_slot(c.id).unwrap())
            .collect();
        assert_eq!(slots.len(), TEXT_FIELDS);
        for c in COLUMNS {
            assert_eq!(
                text_slot(c.id).is_some(),
                c.kind == crate::records::columns::ColumnKind::Text
            );
        }
        assert!(RecordTable::new().row_texts(0).is_empty());
    }

    #[test]
    fn interning_shares_strings() {
        let mut table = RecordTable::new();
        for i in 0..1000 {
            table.push(&Record {
                user_name: Some(format!("user{}", i % 10)),
                terminal_type: Some("Windows 10".into()),
                connection_start_time: Some(Timestamp::parse(&format_unix(1_700_000_000 + i))),
                ..Record::default()
            });
        }
        // Ten users and one terminal type; canonical times store no text.
        assert_eq!(table.symbol_count(), 11);
        let sym = table.lookup("user3").unwrap();
        assert_eq!(table.text(sym), "user3");
        assert_eq!(table.sym(3, ColumnId::UserName), Some(sym));
        assert_eq!(table.sym(3, ColumnId::Sid), None);
        assert_eq!(table.sym(3, ColumnId::NetworkRtt), None);
        assert_eq!(table.text(Sym::NONE), "");
        assert_eq!(table.row_ids().len(), 1000);
    }

    #[test]
    fn demo_records_round_trip_and_100k_fit_in_40_mb() {
        let records = demo_records(100_000);
        let table = RecordTable::from_records(records.iter().cloned());
        assert_eq!(table.len() + table.duplicates(), 100_000);
        for i in (0..table.len()).step_by(997) {
            assert_eq!(table.record(i as RowId), records[i]);
        }
        let bytes = table.approx_heap_bytes();
        assert!(bytes < 40 << 20, "{bytes} bytes");
        eprintln!(
            "100k demo records: {} bytes ({:.1} MB), {} strings",
            bytes,
            bytes as f64 / (1 << 20) as f64,
            table.symbol_count()
        );
    }
}
