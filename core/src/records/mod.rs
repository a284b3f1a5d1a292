//! The records once received: tolerant parsing, the compact table they are stored in
//! (deduplicated), its columns, sorting, filtering, what a click does to the view, and exports.

pub mod column_choice;
pub mod columns;
pub mod export;
pub mod filter;
pub mod json_text;
pub mod record;
pub mod sort;
pub mod store;
pub mod table;
pub mod table_action;
