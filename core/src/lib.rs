//! Pure logic of the Workspace login records viewer.
//!
//! Everything between the form inputs and the network call (query model, validation, signing),
//! and everything between the parsed response and the DOM (record store, statistics, exports),
//! lives here with no browser types, so it is tested natively with `cargo test`.
//! See ARCHITECTURE.md for the data flow and where each kind of change goes.
//!
//! There is no clock in this crate: whoever signs passes the time in, so signatures are
//! reproducible in tests and the same code runs in the browser and in the stand-in server.

pub mod api;
pub mod chart;
pub mod demo;
pub mod i18n;
pub mod page_sections;
pub mod paging;
pub mod product;
pub mod records;
pub mod stages;
pub mod stats;
pub mod text;
pub mod time;
pub mod watch;
