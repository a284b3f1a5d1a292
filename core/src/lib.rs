//! Pure logic of the Workspace login records viewer.
//!
//! Everything between the form inputs and the network call (query model, validation, signing),
//! and everything between the parsed response and the DOM (record store, statistics, exports),
//! lives here with no browser types, so it is tested natively with `cargo test`.
//! See ARCHITECTURE.md for the data flow.

pub mod product;
