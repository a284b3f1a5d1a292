//! Which columns the table shows, in which order: the column chooser's operations on the list
//! of visible columns.

use crate::records::columns::{ColumnId, COLUMNS};
use crate::records::table::RecordTable;

/// The default visible columns, in the default order.
pub fn default_columns() -> Vec<ColumnId> {
    COLUMNS
        .iter()
        .filter(|c| c.default_visible)
        .map(|c| c.id)
        .collect()
}

/// Shows `id` (at the end) or hides it; showing a shown column keeps it where it is.
pub fn show(visible: &mut Vec<ColumnId>, id: ColumnId, on: bool) {
    if on {
        if !visible.contains(&id) {
            visible.push(id);
        }
    } else {
        visible.retain(|c| *c != id);
    }
}

/// Moves a visible column `by` places (negative: towards the start); a move past either end,
/// or of a hidden column, changes nothing.
pub fn shift(visible: &mut [ColumnId], id: ColumnId, by: isize) {
    let Some(i) = visible.iter().position(|c| *c == id) else {
        return;
    };
    if let Some(j) = i.checked_add_signed(by).filter(|&j| j < visible.len()) {
        visible.swap(i, j);
    }
}

/// The chooser's list: the visible columns in their order, then the hidden ones in the
/// table's order.
pub fn chooser_order(visible: &[ColumnId]) -> Vec<ColumnId> {
    let mut ordered = visible.to_vec();
    ordered.extend(
        COLUMNS
            .iter()
            .map(|c| c.id)
            .filter(|id| !visible.contains(id)),
    );
    ordered
}

/// The columns that say where a record came from when several targets are fetched together.
pub const ORIGIN_COLUMNS: [ColumnId; 2] = [ColumnId::Region, ColumnId::Project];

/// How many distinct regions and projects the table's records come from (blank or absent
/// values not counted: a single target, demo data and old imports have none).
///
/// ```
/// use logins_core::records::column_choice::origins;
/// use logins_core::records::record::Record;
/// use logins_core::records::table::RecordTable;
/// let at = |region: &str, project: &str, tx: &str| Record {
///     region: Some(region.into()), project: Some(project.into()),
///     transaction_id: Some(tx.into()), ..Record::default()
/// };
/// let table = RecordTable::from_records([at("cn-north-4", "a", "1"), at("cn-north-4", "b", "1")]);
/// assert_eq!(origins(&table), (1, 2));
/// assert_eq!(origins(&RecordTable::new()), (0, 0));
/// ```
pub fn origins(table: &RecordTable) -> (usize, usize) {
    let count = |column: ColumnId| {
        // Per symbol, not per row: a table has few regions and projects.
        let mut seen = vec![false; table.symbol_count()];
        let mut distinct = 0;
        for row in table.row_ids() {
            let Some(sym) = table.sym(row, column) else {
                continue;
            };
            if let Some(slot) = seen.get_mut(sym.index()) {
                if !*slot {
                    *slot = true;
                    distinct += usize::from(!table.text(sym).trim().is_empty());
                }
            }
        }
        distinct
    };
    (count(ColumnId::Region), count(ColumnId::Project))
}

/// Whether the Region and Project columns follow the data or the user.
///
/// The rule: when a table with records of more than one project is loaded, both columns are
/// shown (first, where a comparison starts), because rows of several projects side by side are
/// ambiguous without them; unless the user hid one of them after that, which is their answer
/// and stays. Columns shown this way are hidden again when a table of one project (or none)
/// replaces it, so a single target's table looks exactly as before.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OriginColumns {
    /// The user hid Region or Project themselves.
    dismissed: bool,
    /// Which of [`ORIGIN_COLUMNS`] are visible because of this rule, not the user.
    shown_by_rule: [bool; 2],
}

impl OriginColumns {
    /// The user showed or hid `id` in the column chooser: for an origin column, their choice
    /// wins over the rule from now on.
    pub fn user_chose(&mut self, id: ColumnId, on: bool) {
        if ORIGIN_COLUMNS.contains(&id) {
            self.dismissed = !on;
            self.shown_by_rule = [false; 2];
        }
    }

    /// Whether `id` is visible because of the rule (a saved column choice leaves it out: it
    /// follows the next data, not the last one).
    pub fn shown_by_rule(&self, id: ColumnId) -> bool {
        ORIGIN_COLUMNS
            .iter()
            .zip(self.shown_by_rule)
            .any(|(c, by_rule)| *c == id && by_rule)
    }

    /// Applies the rule to `visible` for a table of `projects` distinct projects; returns
    /// whether `visible` changed.
    ///
    /// ```
    /// use logins_core::records::column_choice::OriginColumns;
    /// use logins_core::records::columns::ColumnId as C;
    /// let mut rule = OriginColumns::default();
    /// let mut cols = vec![C::UserName];
    /// assert!(rule.table_loaded(&mut cols, 3));
    /// assert_eq!(cols, [C::Region, C::Project, C::UserName]);
    /// assert!(rule.table_loaded(&mut cols, 1));
    /// assert_eq!(cols, [C::UserName]);
    /// ```
    pub fn table_loaded(&mut self, visible: &mut Vec<ColumnId>, projects: usize) -> bool {
        let before = visible.clone();
        if projects > 1 && !self.dismissed {
            let mut at = 0;
            for (c, by_rule) in ORIGIN_COLUMNS.iter().zip(&mut self.shown_by_rule) {
                if !visible.contains(c) {
                    visible.insert(at, *c);
                    at += 1;
                    *by_rule = true;
                }
            }
        } else if projects <= 1 {
            for (c, by_rule) in ORIGIN_COLUMNS.iter().zip(&mut self.shown_by_rule) {
                if std::mem::take(by_rule) {
                    visible.retain(|v| v != c);
                }
            }
        }
        *visible != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnId as C;

    #[test]
    fn show_and_hide() {
        let mut cols = vec![C::UserName, C::Outcome];
        show(&mut cols, C::NetworkRtt, true);
        assert_eq!(cols, [C::UserName, C::Outcome, C::NetworkRtt]);
        show(&mut cols, C::UserName, true);
        assert_eq!(cols, [C::UserName, C::Outcome, C::NetworkRtt]);
        show(&mut cols, C::Outcome, false);
        assert_eq!(cols, [C::UserName, C::NetworkRtt]);
        show(&mut cols, C::Outcome, false);
        assert_eq!(cols, [C::UserName, C::NetworkRtt]);
    }

    #[test]
    fn shift_stays_in_bounds() {
        let mut cols = vec![C::UserName, C::Outcome, C::NetworkRtt];
        shift(&mut cols, C::Outcome, -1);
        assert_eq!(cols, [C::Outcome, C::UserName, C::NetworkRtt]);
        shift(&mut cols, C::Outcome, -1);
        assert_eq!(cols, [C::Outcome, C::UserName, C::NetworkRtt]);
        shift(&mut cols, C::NetworkRtt, 1);
        assert_eq!(cols, [C::Outcome, C::UserName, C::NetworkRtt]);
        shift(&mut cols, C::UserName, 1);
        assert_eq!(cols, [C::Outcome, C::NetworkRtt, C::UserName]);
        shift(&mut cols, C::TenantId, 1);
        assert_eq!(cols, [C::Outcome, C::NetworkRtt, C::UserName]);
    }

    #[test]
    fn the_chooser_lists_every_column_once_visible_first() {
        let visible = [C::Outcome, C::UserName];
        let order = chooser_order(&visible);
        assert_eq!(order.len(), COLUMNS.len());
        assert_eq!(order[..2], visible);
        let mut sorted = order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), COLUMNS.len());
        assert!(default_columns()
            .iter()
            .all(|c| crate::records::columns::column(*c).default_visible));
    }

    fn origin(region: &str, project: &str, tx: &str) -> crate::records::record::Record {
        crate::records::record::Record {
            region: Some(region.into()),
            project: Some(project.into()),
            transaction_id: Some(tx.into()),
            ..Default::default()
        }
    }

    #[test]
    fn origins_count_distinct_present_values() {
        let table = RecordTable::from_records([
            origin("cn-north-4", "bj", "1"),
            origin("cn-north-4", "bj", "2"),
            origin("cn-east-3", "sh", "1"),
            origin("cn-east-3", "sh-2", "1"),
            origin(" ", "", "9"),
            crate::records::record::Record::default(),
        ]);
        assert_eq!(origins(&table), (2, 3));
        let single = RecordTable::from_records([crate::records::record::Record {
            user_name: Some("a".into()),
            ..Default::default()
        }]);
        assert_eq!(origins(&single), (0, 0));
    }

    #[test]
    fn origin_columns_follow_the_data_until_the_user_hides_them() {
        let mut rule = OriginColumns::default();
        let mut cols = default_columns();
        // One project (or none): the table is exactly as before.
        assert!(!rule.table_loaded(&mut cols, 1));
        assert!(!rule.table_loaded(&mut cols, 0));
        assert_eq!(cols, default_columns());
        // Several: both shown, first, once.
        assert!(rule.table_loaded(&mut cols, 2));
        assert_eq!(cols[..2], [C::Region, C::Project]);
        assert!(rule.shown_by_rule(C::Region) && rule.shown_by_rule(C::Project));
        assert!(!rule.shown_by_rule(C::UserName));
        assert!(!rule.table_loaded(&mut cols, 3));
        assert_eq!(cols.len(), default_columns().len() + 2);
        // Back to one project: hidden again.
        assert!(rule.table_loaded(&mut cols, 1));
        assert_eq!(cols, default_columns());
        // The user hides Project after the rule showed it: it stays hidden, and Region too is
        // not forced back.
        rule.table_loaded(&mut cols, 2);
        show(&mut cols, C::Project, false);
        rule.user_chose(C::Project, false);
        assert!(!rule.table_loaded(&mut cols, 4));
        assert!(!cols.contains(&C::Project) && cols.contains(&C::Region));
        // The user's own choice is not undone by a one-project table either.
        assert!(!rule.table_loaded(&mut cols, 1));
        assert!(cols.contains(&C::Region));
        // Showing one again hands the columns back to the user, not to the rule.
        show(&mut cols, C::Project, true);
        rule.user_chose(C::Project, true);
        assert!(!rule.shown_by_rule(C::Project));
        assert!(!rule.table_loaded(&mut cols, 1));
        assert!(cols.contains(&C::Project));
        // A column the user chose is never moved, nor hidden, by the rule.
        let mut rule = OriginColumns::default();
        let mut cols = vec![C::UserName, C::Project];
        rule.user_chose(C::Project, true);
        assert!(rule.table_loaded(&mut cols, 2));
        assert_eq!(cols, [C::Region, C::UserName, C::Project]);
        assert!(rule.table_loaded(&mut cols, 1));
        assert_eq!(cols, [C::UserName, C::Project]);
        // Other columns do not touch the rule.
        let mut rule = OriginColumns::default();
        rule.user_chose(C::UserName, false);
        assert_eq!(rule, OriginColumns::default());
    }
}
