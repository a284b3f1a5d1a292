//! logins-proxy: a CORS proxy with a host allowlist for real use, and a stand-in Workspace API
//! for the demo, tests and benchmarks. See proxy/README.md.
//!
//! One capability per module; the pure ones (`allowlist`, `cors`, `header_filter`,
//! `standin::{params, filter, faults, auth, incident, live}`) have their own unit tests, and
//! `tests/` drives the whole server over loopback.

pub mod access_log;
pub mod allowlist;
pub mod app;
pub mod config;
pub mod cors;
pub mod error;
pub mod forward;
pub mod header_filter;
pub mod request_id;
pub mod resolver;
pub mod server;
pub mod standin;
pub mod target;
