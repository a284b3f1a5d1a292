//! Pure logic of the Workspace login records viewer.
//!
//! Everything between the form inputs and the network call (query model, validation, signing),
//! and everything between the parsed response and the DOM (record store, statistics, exports),
//! lives here with no browser types, so it is tested natively with `cargo test`.
//! See ARCHITECTURE.md for the data flow.
//!
//! There is no clock in this crate: whoever signs passes the time in, so signatures are
//! reproducible in tests and the same code runs in the browser and in the stand-in server.

pub mod chart;
pub mod columns;
pub mod connection;
pub mod credentials;
pub mod curl;
pub mod demo;
pub mod encoding;
pub mod endpoint;
pub mod error_body;
pub mod error_report;
pub mod export;
pub mod field_error;
pub mod json_text;
pub mod num_text;
pub mod paging;
pub mod product;
pub mod proxy_url;
pub mod query;
pub mod record;
pub mod record_store;
pub mod request;
pub mod response;
pub mod row_filter;
pub mod secret;
pub mod share_link;
pub mod sign;
pub mod sort;
pub mod stats;
pub mod table;
pub mod time_text;
pub mod time_window;
mod web_url;
