//! New-location flags: a login from a public IP or terminal the user had not used before.

use super::{chronological, IntSet, NonBlank};
use crate::records::columns::ColumnId;
use crate::records::table::{RecordTable, RowId, Sym};
use std::collections::HashMap;

/// A login that came from somewhere new for its user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NewLocation {
    pub row: RowId,
    pub user: String,
    /// Connection start, Unix seconds.
    pub start: i64,
    /// The public IP, when it is one the user had not logged in from before.
    pub new_public_ip: Option<String>,
    /// The terminal MAC, when it is one the user had not logged in from before.
    pub new_terminal_mac: Option<String>,
}

/// Logins whose public IP or terminal MAC is the first of its kind for that user among `rows`,
/// in chronological order (by connection start, ties by row): a simple security signal, "this
/// account was used from a new place".
///
/// What counts as new, and why:
/// - On a user's very first login everything is new, so it is never flagged. More precisely,
///   each attribute's baseline is the first value seen for the user: a first login without a
///   MAC followed by one with a MAC does not flag that MAC either. Only a value that differs
///   from every earlier one of the same user is flagged.
/// - "Before" means earlier in `rows` (the loaded data after filtering), not in all history:
///   the flags are relative to what is loaded, and narrowing the time range changes them.
/// - Rows without a user, or without a parsed start (no place in the order), are skipped, as
///   are blank IPs and MACs (nothing to compare).
pub fn new_locations(table: &RecordTable, rows: &[RowId]) -> Vec<NewLocation> {
    // Per user symbol: whether an IP / a MAC has been seen (bits 1 and 2).
    let mut baseline: Vec<u8> = vec![0; table.symbol_count()];
    // (user, value) pairs seen, as one integer each.
    let mut ips: IntSet<u64> = IntSet::default();
    let mut macs: IntSet<u64> = IntSet::default();
    let mut present = NonBlank::new(table);
    let mut flagged = Vec::new();
    for (start, row) in chronological(table, rows) {
        let Some(f) = table.facts(row) else {
            continue;
        };
        let Some(user) = present.get(table, f.sym(ColumnId::UserName)) else {
            continue;
        };
        let Some(bits) = baseline.get_mut(user.index()) else {
            continue;
        };
        let mut check = |value: Option<Sym>, seen: &mut IntSet<u64>, bit: u8| -> Option<Sym> {
            let value = value?;
            let first_of_kind = *bits & bit == 0;
            *bits |= bit;
            let new = seen.insert((user.index() as u64) << 32 | value.index() as u64);
            (new && !first_of_kind).then_some(value)
        };
        let ip = check(present.get(table, f.sym(ColumnId::PublicIp)), &mut ips, 1);
        let mac = check(
            present.get(table, f.sym(ColumnId::TerminalMac)),
            &mut macs,
            2,
        );
        if ip.is_some() || mac.is_some() {
            flagged.push(NewLocation {
                row,
                user: table.text(user).to_owned(),
                start,
                new_public_ip: ip.map(|s| table.text(s).to_owned()),
                new_terminal_mac: mac.map(|s| table.text(s).to_owned()),
            });
        }
    }
    flagged
}

/// The users with flagged logins and how many each, most first, then by name: the "per user"
/// list of issue 7.
pub fn new_locations_by_user(flags: &[NewLocation]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for f in flags {
        *counts.entry(f.user.as_str()).or_insert(0) += 1;
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(user, n)| (user.to_owned(), n))
        .collect();
    crate::records::sort::sort_stable_by(&mut out, &|a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    #[test]
    fn flags_by_hand() {
        let table = table_of(vec![
            R::at(300).user("alice").ip("1.1.1.1").mac("m1"), // old IP, old MAC
            R::at(100).user("alice").ip("1.1.1.1").mac("m1"), // first: baseline
            R::at(200).user("alice").ip("2.2.2.2").mac("m1"), // new IP
            R::at(400).user("alice").ip("2.2.2.2").mac("m2"), // new MAC
            R::at(150).user("bob").ip("2.2.2.2"),             // bob's first
            R::at(250).user("bob").ip("3.3.3.3").mac("m9"),   // new IP; first MAC: baseline
            R::at(260).user("bob").ip(" ").mac("m8"),         // blank IP ignored; new MAC
            R::none().user("bob").ip("9.9.9.9"),              // no start: skipped
            R::at(50).ip("4.4.4.4"),                          // no user: skipped
            R::at(500).user("alice").ip("5.5.5.5").mac("m3"), // both new
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let flags = new_locations(&table, &rows);
        type Flag<'a> = (RowId, &'a str, i64, Option<&'a str>, Option<&'a str>);
        let got: Vec<Flag> = flags
            .iter()
            .map(|f| {
                (
                    f.row,
                    f.user.as_str(),
                    f.start,
                    f.new_public_ip.as_deref(),
                    f.new_terminal_mac.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (2, "alice", 200, Some("2.2.2.2"), None),
                (5, "bob", 250, Some("3.3.3.3"), None),
                (6, "bob", 260, None, Some("m8")),
                (3, "alice", 400, None, Some("m2")),
                (9, "alice", 500, Some("5.5.5.5"), Some("m3")),
            ]
        );
        assert_eq!(
            new_locations_by_user(&flags),
            [("alice".to_owned(), 3), ("bob".to_owned(), 2)]
        );
        // Relative to the given rows: without alice's first login, her 1.1.1.1 at 300 is the
        // baseline and 2.2.2.2 at 200 comes first.
        let flags = new_locations(&table, &[0, 2]);
        assert_eq!(flags.len(), 1);
        assert_eq!(
            (flags[0].row, flags[0].new_public_ip.as_deref()),
            (0, Some("1.1.1.1"))
        );
        assert!(new_locations(&table, &[]).is_empty());
        assert!(new_locations_by_user(&[]).is_empty());
    }

    #[test]
    fn ties_break_by_row() {
        let table = table_of(vec![
            R::at(100).user("u").ip("b"),
            R::at(100).user("u").ip("a"),
        ]);
        let flags = new_locations(&table, &[1, 0]);
        assert_eq!(flags.len(), 1);
        assert_eq!(
            (flags[0].row, flags[0].new_public_ip.as_deref()),
            (1, Some("a"))
        );
    }
}
