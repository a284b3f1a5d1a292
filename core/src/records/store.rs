//! The deduplicated record store that fetch-all fills: records in arrival order, each kept once.
//!
//! Why deduplicate at all: the API pages by offset, so when records are added or removed on the
//! server while we page through, a record can slide from one page to the next and arrive twice.
//! Showing it twice would skew every count and percentile; dropping a *different* record that
//! merely looks similar would be worse, because nobody would notice. So the key is exact
//! (owned text, compared in full, never just a hash) and errs towards "distinct".
//!
//! [`dedupe_key`] states the rule, which is a login's identity; the store applies it through its
//! [`RecordTable`], which compares the same parts as interned symbols so that it need not keep a
//! key string per record. When a login arrives twice, the later copy is kept (it is the newer
//! state of that login) and the arrival is counted as a duplicate.

use crate::records::record::{Record, Timestamp};
use crate::records::table::{RecordTable, Upsert};

/// What makes two records "the same record sent twice": the identity of a login.
///
/// It owns its text and is compared in full: a hash alone would let a collision silently drop a
/// record. The composite form is one length-prefixed string (one allocation per record), which
/// is injective: no two different tuples of parts encode to the same text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DedupeKey {
    /// The server's own ID of the connection, when it sent a non-blank one, within its origin
    /// (the encoded region and project of the target it came from, when known).
    TransactionId { origin: Box<str>, id: Box<str> },
    /// The encoded composite of the fields listed in [`dedupe_key`].
    Composite(Box<str>),
}

/// The key of one record, its identity: its `transaction_id` when present and not blank, else a
/// composite of the fields that identify a login and never change as the session goes on.
///
/// Both forms include the record's origin (`region`, `project`: the target it was fetched
/// from), because a transaction ID is unique within a project, not across projects.
///
/// The composite's parts, and why each is there (together they say "this person, on this
/// desktop, from this device, started this connection at this second"; none of them changes
/// after the login started):
/// - `user_name`: who logged in; different users are different records.
/// - `computer_name`: which desktop they logged into.
/// - `connection_start_time` (raw text): when the connection began; the API reports seconds.
///   The raw text is used, not the parsed instant, so two records whose times are written
///   differently are kept apart: a false "distinct" shows one extra row, a false "duplicate"
///   loses a record without anyone noticing.
/// - `terminal_mac`, `terminal_ip`: the client device; one user can connect from two devices
///   at the same second.
/// - `sid`: the session ID, when the service sends one.
/// - `desktop_id`: the desktop's ID, which survives renaming the computer.
///
/// Left out, because they change while the same login goes on, and a later copy of it must be
/// recognized (watch mode re-reads an overlapping window and replaces the older copy):
/// - `connection_end_time`: absent while the session is ongoing, set when it ends.
/// - `connection_setup_time`: set once the connection is established, possibly after the
///   first copy was read.
/// - the RTTs (measured during the session) and `connection_failure_reason` (set when the
///   attempt is given up), like every other field outside the list.
///
/// Fetch all uses the same identity, for the same reason: a session that ends while we page
/// through is sent once open and once closed, and is one login. Keeping both (the old rule,
/// with the setup and end times in the key) showed two rows for one login and more loaded
/// than the server's total; now it is one record, the later copy, and the other arrival is
/// counted as a duplicate, so the reconciliation still accounts for every record sent. The
/// price: two connections by one user, to one desktop, from one device, within the same
/// second and without transaction IDs (the API sends them) are taken for one login; that
/// shows as a duplicate in the status, never silently.
///
/// A missing part and an empty part are encoded differently, for the same "keep apart" reason.
///
/// ```
/// use logins_core::records::record::Record;
/// use logins_core::records::store::{dedupe_key, DedupeKey};
/// let a = Record { transaction_id: Some("tx-1".into()), user_name: Some("a".into()), ..Record::default() };
/// let b = Record { transaction_id: Some("tx-1".into()), user_name: Some("b".into()), ..Record::default() };
/// assert_eq!(dedupe_key(&a), dedupe_key(&b));
/// assert_eq!(dedupe_key(&a), DedupeKey::TransactionId { origin: "--".into(), id: "tx-1".into() });
/// // The same ID in another project is another login.
/// let c = Record { project: Some("shanghai".into()), ..a.clone() };
/// assert_ne!(dedupe_key(&a), dedupe_key(&c));
/// ```
pub fn dedupe_key(r: &Record) -> DedupeKey {
    let origin = [r.region.as_deref(), r.project.as_deref()];
    if let Some(id) = r.transaction_id.as_deref() {
        if !id.trim().is_empty() {
            return DedupeKey::TransactionId {
                origin: encode(&origin),
                id: id.into(),
            };
        }
    }
    fn raw(t: &Option<Timestamp>) -> Option<&str> {
        t.as_ref().map(|t| t.raw.as_str())
    }
    DedupeKey::Composite(encode(&[
        origin[0],
        origin[1],
        r.user_name.as_deref(),
        r.computer_name.as_deref(),
        raw(&r.connection_start_time),
        r.terminal_mac.as_deref(),
        r.terminal_ip.as_deref(),
        r.sid.as_deref(),
        r.desktop_id.as_deref(),
    ]))
}

/// Parts as one injective text: each present part length-prefixed, an absent one as `-`.
fn encode(parts: &[Option<&str>]) -> Box<str> {
    let mut encoded = String::with_capacity(parts.iter().flatten().map(|p| p.len() + 4).sum());
    for part in parts {
        match part {
            // '-' cannot start a length prefix, so "absent" never reads as a present part.
            None => encoded.push('-'),
            Some(text) => {
                encoded.push_str(&text.len().to_string());
                encoded.push(':');
                encoded.push_str(text);
            }
        }
    }
    encoded.into_boxed_str()
}

/// Records in arrival order, each kept once, with a count of the duplicates turned away.
///
/// Backed by a [`RecordTable`], so fetching 100,000 records never holds 100,000 full
/// [`Record`]s: each page's records are folded into the compact table as the page arrives.
///
/// ```
/// use logins_core::records::record::Record;
/// use logins_core::records::store::RecordStore;
/// let r = Record { transaction_id: Some("tx-1".into()), ..Record::default() };
/// let mut store = RecordStore::new();
/// assert!(store.insert(&r));
/// assert!(!store.insert(&r));
/// assert_eq!((store.len(), store.duplicates()), (1, 1));
/// assert_eq!(store.table().record(0), r);
/// ```
#[derive(Clone, Debug, Default)]
pub struct RecordStore {
    table: RecordTable,
}

impl RecordStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record unless one with the same [`dedupe_key`] is already stored; returns whether
    /// it was added. A record already stored is counted in [`RecordStore::duplicates`], so the
    /// status can account for every record the server sent, and its copy replaces the stored
    /// one in place when they differ: the later copy is the login's newer state (a session that
    /// ended while we paged). Takes a reference: the table copies only the strings it has not
    /// seen yet.
    pub fn insert(&mut self, r: &Record) -> bool {
        match self.table.upsert(r) {
            Upsert::Inserted(_) => true,
            Upsert::Updated(_) | Upsert::Unchanged(_) => {
                self.table.count_duplicate();
                false
            }
            Upsert::Full => false,
        }
    }

    /// Whether a record with the same key is stored.
    pub fn contains(&self, r: &Record) -> bool {
        self.table.contains(r)
    }

    /// The number of unique records.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether no record is stored.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The unique records, in the order they arrived (row 0 first).
    pub fn table(&self) -> &RecordTable {
        &self.table
    }

    /// How many records were refused as duplicates since the store was created or cleared.
    pub fn duplicates(&self) -> usize {
        self.table.duplicates()
    }

    /// Empties the store and resets the duplicate count, for a new query. The memory is
    /// released, not kept for reuse: the next query may be much smaller.
    pub fn clear(&mut self) {
        self.table = RecordTable::new();
    }

    /// The records, giving up the store (e.g. to hand them to the views).
    pub fn into_table(self) -> RecordTable {
        self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn composite(user: &str, start: &str) -> Record {
        Record {
            user_name: Some(user.into()),
            computer_name: Some("PC-01".into()),
            connection_start_time: Some(Timestamp::parse(start)),
            ..Record::default()
        }
    }

    #[test]
    fn transaction_id_wins_when_present() {
        let mut a = composite("alice", "2024-01-15T08:30:00Z");
        a.transaction_id = Some("tx".into());
        let mut b = composite("bob", "2024-01-16T08:30:00Z");
        b.transaction_id = Some("tx".into());
        assert_eq!(dedupe_key(&a), dedupe_key(&b));
    }

    #[test]
    fn blank_transaction_id_falls_back_to_the_composite() {
        let mut a = composite("alice", "2024-01-15T08:30:00Z");
        a.transaction_id = Some("  ".into());
        let mut b = composite("bob", "2024-01-15T08:30:00Z");
        b.transaction_id = Some(String::new());
        assert!(matches!(dedupe_key(&a), DedupeKey::Composite(_)));
        assert_ne!(dedupe_key(&a), dedupe_key(&b));
        let mut store = RecordStore::new();
        assert!(store.insert(&a));
        assert!(store.insert(&b));
    }

    #[test]
    fn every_composite_part_separates_records() {
        let base = composite("alice", "2024-01-15T08:30:00Z");
        let t = |s: &str| Some(Timestamp::parse(s));
        let variants: Vec<Record> = vec![
            Record {
                user_name: Some("bob".into()),
                ..base.clone()
            },
            Record {
                computer_name: Some("PC-02".into()),
                ..base.clone()
            },
            Record {
                connection_start_time: t("2024-01-15T08:30:01Z"),
                ..base.clone()
            },
            // Same instant, other spelling: kept apart on purpose.
            Record {
                connection_start_time: t("2024-01-15T16:30:00+08:00"),
                ..base.clone()
            },
            Record {
                terminal_mac: Some("00-11".into()),
                ..base.clone()
            },
            Record {
                terminal_ip: Some("10.0.0.1".into()),
                ..base.clone()
            },
            Record {
                sid: Some("S-1".into()),
                ..base.clone()
            },
            Record {
                desktop_id: Some("d-1".into()),
                ..base.clone()
            },
            // Present-but-empty differs from absent.
            Record {
                sid: Some(String::new()),
                ..base.clone()
            },
        ];
        let mut store = RecordStore::new();
        assert!(store.insert(&base));
        for v in variants {
            assert!(store.insert(&v), "{v:?} was taken for a duplicate");
        }
        // Fields outside the key do not separate records.
        let other_rtt = Record {
            network_rtt: Some(5),
            ..base.clone()
        };
        assert!(!store.insert(&other_rtt));
        // Nor do the times that change as the session goes on: the same login, set up and then
        // ended, is one record, the latest copy, and the arrivals count as duplicates.
        let set_up = Record {
            connection_setup_time: t("2024-01-15T08:30:05Z"),
            ..other_rtt
        };
        let ended = Record {
            connection_end_time: t("2024-01-15T09:30:05Z"),
            ..set_up.clone()
        };
        assert!(!store.insert(&set_up));
        assert!(!store.insert(&ended));
        assert_eq!((store.len(), store.duplicates()), (10, 3));
        assert_eq!(store.table().record(0), ended);
    }

    #[test]
    fn a_session_that_ends_while_we_page_is_one_record_the_later_copy() {
        let open = Record {
            transaction_id: None,
            network_rtt: None,
            ..composite("alice", "2024-01-15T08:30:00Z")
        };
        let closed = Record {
            connection_end_time: Some(Timestamp::parse("2024-01-15T09:00:00Z")),
            network_rtt: Some(35),
            ..open.clone()
        };
        assert_eq!(dedupe_key(&open), dedupe_key(&closed));
        let mut store = RecordStore::new();
        assert!(store.insert(&open));
        assert!(store.insert(&composite("bob", "2024-01-15T08:31:00Z")));
        assert!(!store.insert(&closed));
        // The second copy is accounted for (unique + duplicates = records sent) and the row
        // keeps its place.
        assert_eq!((store.len(), store.duplicates()), (2, 1));
        assert_eq!(store.table().record(0), closed);
    }

    #[test]
    fn composite_encoding_is_not_fooled_by_separators_in_values() {
        // Without length prefixes, ("a:b", "c") and ("a", "b:c") could encode alike.
        let a = Record {
            user_name: Some("1:a".into()),
            computer_name: Some("b".into()),
            ..Record::default()
        };
        let b = Record {
            user_name: Some("1".into()),
            computer_name: Some("a1:b".into()),
            ..Record::default()
        };
        let c = Record {
            user_name: Some("-".into()),
            ..Record::default()
        };
        let d = Record::default();
        let keys: HashSet<_> = [&a, &b, &c, &d].into_iter().map(dedupe_key).collect();
        assert_eq!(keys.len(), 4);
    }

    #[test]
    fn order_is_arrival_order_and_clear_resets() {
        let mut store = RecordStore::new();
        for (i, user) in ["c", "a", "b", "a"].into_iter().enumerate() {
            let added = store.insert(&composite(user, "2024-01-15T08:30:00Z"));
            assert_eq!(added, i != 3);
        }
        let table = store.table();
        let users: Vec<_> = table
            .row_ids()
            .filter_map(|r| table.record(r).user_name)
            .collect();
        assert_eq!(users, ["c", "a", "b"]);
        assert!(store.contains(&composite("a", "2024-01-15T08:30:00Z")));
        store.clear();
        assert!(store.is_empty());
        assert_eq!(store.duplicates(), 0);
        assert!(store.insert(&composite("a", "2024-01-15T08:30:00Z")));
    }
}
