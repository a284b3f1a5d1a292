//! Watch mode, sans-IO: which window a refresh asks for (`window`), when refreshes happen
//! (`schedule`), one refresh around the table: its window, the merge, the sliding range, the
//! status line and the rules' input (`refresh`), which alert rules fire (`rules`), and the
//! bounded alert log (`log`).
//!
//! The app's driver performs the requests and timers these decide; everything here takes the
//! time as an argument and is tested natively with a fake clock.

pub mod log;
pub mod refresh;
pub mod rule_edit;
pub mod rules;
pub mod schedule;
pub mod window;
