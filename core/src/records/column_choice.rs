//! Which columns the table shows, in which order: the column chooser's operations on the list
//! of visible columns.

use crate::records::columns::{ColumnId, COLUMNS};

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
}
