//! Logins by hour of day and weekday, in the viewer's time zone.

use super::{start_of, IntMap};
use crate::records::table::{RecordTable, RowId};

/// Logins per weekday (`[0]` is Monday … `[6]` Sunday) and local hour (0..=23), by connection
/// start; rows without a parsed start are left out. `offset_minutes_at(unix_seconds)` gives the
/// viewer's offset east of UTC at that instant (in the browser `-Date.getTimezoneOffset()`),
/// so each login lands in the hour its own date had, daylight saving time included.
///
/// The offset is asked once per quarter hour of UTC that has logins, not once per row (a call
/// into JavaScript per row would dominate): every zone's offset is a whole number of quarter
/// hours, so its changes fall on quarter-hour boundaries of UTC.
///
/// ```
/// use logins_core::records::record::{Record, Timestamp};
/// use logins_core::stats::hour_weekday;
/// use logins_core::records::table::RecordTable;
/// // 2024-01-15 was a Monday; 23:30 UTC is Tuesday 01:30 at UTC+2.
/// let table = RecordTable::from_records([Record {
///     connection_start_time: Some(Timestamp::parse("2024-01-15T23:30:00Z")),
///     ..Record::default()
/// }]);
/// assert_eq!(hour_weekday(&table, &[0], &|_| 0)[0][23], 1);
/// assert_eq!(hour_weekday(&table, &[0], &|_| 120)[1][1], 1);
/// ```
pub fn hour_weekday(
    table: &RecordTable,
    rows: &[RowId],
    offset_minutes_at: &dyn Fn(i64) -> i32,
) -> [[usize; 24]; 7] {
    let mut grid = [[0; 24]; 7];
    let mut offsets: IntMap<i64, i64> = IntMap::default();
    // Rows usually come in time order: the previous row's quarter hour is the likeliest.
    let mut last: Option<(i64, i64)> = None;
    for &row in rows {
        let Some(t) = start_of(table, row) else {
            continue;
        };
        let quarter = t.div_euclid(900);
        let offset = match last {
            Some((q, offset)) if q == quarter => offset,
            _ => {
                let offset = *offsets
                    .entry(quarter)
                    .or_insert_with(|| i64::from(offset_minutes_at(t)) * 60);
                last = Some((quarter, offset));
                offset
            }
        };
        let local = t.saturating_add(offset);
        let days = local.div_euclid(86_400);
        // 1970-01-01 was a Thursday: day 0 is weekday 3 when Monday is 0.
        let weekday = (days.rem_euclid(7) + 3) % 7;
        let hour = local.rem_euclid(86_400) / 3600;
        grid[weekday as usize][hour as usize] += 1;
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    const MON_2024_01_15: i64 = 1_705_276_800;

    #[test]
    fn cells_by_hand() {
        let table = table_of(vec![
            R::at(MON_2024_01_15),                          // Mon 00 UTC
            R::at(MON_2024_01_15 + 3599),                   // Mon 00
            R::at(MON_2024_01_15 + 6 * 86_400 + 23 * 3600), // Sun 23
            R::at(0),                                       // Thu 1970-01-01 00
            R::at(-1),                                      // Wed 1969-12-31 23
            R::none(),
            R::start_text("bad"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let g = hour_weekday(&table, &rows, &|_| 0);
        assert_eq!(g[0][0], 2);
        assert_eq!(g[6][23], 1);
        assert_eq!(g[3][0], 1);
        assert_eq!(g[2][23], 1);
        assert_eq!(g.iter().flatten().sum::<usize>(), 5);
        // New York in January (UTC-5): Monday 00:00 UTC is Sunday 19:00.
        let g = hour_weekday(&table, &rows[..1], &|_| -300);
        assert_eq!(g[6][19], 1);
        // India (UTC+5:30): Monday 00:59:59 UTC is 06:29:59.
        let g = hour_weekday(&table, &rows[1..2], &|_| 330);
        assert_eq!(g[0][6], 1);
    }

    #[test]
    fn offset_changes_are_followed_and_absurd_ones_survive() {
        // A DST-like switch at Monday 01:00 UTC: before it +60, after it +120.
        let switch = MON_2024_01_15 + 3600;
        let table = table_of(vec![R::at(switch - 1), R::at(switch)]);
        let g = hour_weekday(&table, &[0, 1], &|t| if t < switch { 60 } else { 120 });
        assert_eq!((g[0][1], g[0][3]), (1, 1));
        let g = hour_weekday(&table, &[0, 1], &|_| i32::MAX);
        assert_eq!(g.iter().flatten().sum::<usize>(), 2);
        let g = hour_weekday(&table, &[0, 1], &|_| i32::MIN);
        assert_eq!(g.iter().flatten().sum::<usize>(), 2);
        assert_eq!(hour_weekday(&table, &[], &|_| 0), [[0; 24]; 7]);
    }
}
