//! What a click asks of the records' view: a bar of a chart, a row of a breakdown, a record's
//! or a timeline's shortcut. One type for all of them, so the app applies every click through
//! one entry point, and what a click means (which filter) is decided here, not in the views.

use crate::records::columns::ColumnId;
use crate::records::filter::ColumnFilter;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableAction {
    /// Narrow the one filter state that the table and every chart follow: this filter replaces
    /// any on its column ([`crate::records::filter::RowFilter::narrow`]).
    Filter(ColumnFilter),
    /// Open one user's timeline.
    UserTimeline(String),
}

impl TableAction {
    /// Only the sessions of `user` (the user name exactly as sent): "Show this user's sessions".
    ///
    /// ```
    /// use logins_core::records::filter::ColumnFilter;
    /// use logins_core::records::table_action::TableAction;
    /// let TableAction::Filter(ColumnFilter::Equals { value, .. }) = TableAction::only_user("bob")
    /// else { panic!() };
    /// assert_eq!(value, "bob");
    /// ```
    pub fn only_user(user: &str) -> TableAction {
        TableAction::Filter(ColumnFilter::Equals {
            column: ColumnId::UserName,
            value: user.to_owned(),
        })
    }

    /// Only the logins with these transaction IDs: a click on a logon phase (the logins where it
    /// was the slowest or failed, [`crate::stages::logins_slowest_or_failed_in`]).
    pub fn only_logins(transaction_ids: Vec<String>) -> TableAction {
        TableAction::Filter(ColumnFilter::AnyOf {
            column: ColumnId::TransactionId,
            values: transaction_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::columns::BandThresholds;
    use crate::records::filter::{filter_rows, RowFilter};
    use crate::records::record::Record;
    use crate::records::table::RecordTable;

    #[test]
    fn only_user_keeps_that_users_rows_exactly() {
        let table =
            RecordTable::from_records(["bob", "Bob", "bobby", "bob"].iter().enumerate().map(
                |(i, u)| Record {
                    user_name: Some((*u).to_owned()),
                    transaction_id: Some(i.to_string()),
                    ..Record::default()
                },
            ));
        let TableAction::Filter(only_bob) = TableAction::only_user("bob") else {
            panic!("a user's sessions are a filter");
        };
        let mut filter = RowFilter::default();
        filter.narrow(only_bob);
        assert_eq!(
            filter_rows(&table, &filter, &BandThresholds::default()),
            [0, 3]
        );
    }

    #[test]
    fn only_logins_keeps_exactly_the_rows_of_those_transaction_ids() {
        let ids = ["a", "b", "A", "ab", "c"];
        let table = RecordTable::from_records(ids.iter().enumerate().map(|(i, id)| Record {
            transaction_id: Some((*id).to_owned()),
            user_name: Some(i.to_string()),
            ..Record::default()
        }));
        let keep = |wanted: &[&str]| {
            let TableAction::Filter(f) =
                TableAction::only_logins(wanted.iter().map(|s| (*s).to_owned()).collect())
            else {
                panic!("a filter");
            };
            let mut filter = RowFilter::default();
            filter.narrow(f);
            filter_rows(&table, &filter, &BandThresholds::default())
        };
        // Exact and case-sensitive; an ID no record has matches nothing; none keeps no row.
        assert_eq!(keep(&["b", "zz", "c"]), [1, 4]);
        assert_eq!(keep(&["a", "ab"]), [0, 3]);
        assert!(keep(&[]).is_empty());
    }
}
