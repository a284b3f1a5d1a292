//! The records once received: tolerant parsing, the compact table they are stored in
//! (deduplicated), its columns, sorting, filtering, and exports.

pub mod columns;
pub mod export;
pub mod filter;
pub mod json_text;
pub mod record;
pub mod sort;
pub mod store;
pub mod table;
