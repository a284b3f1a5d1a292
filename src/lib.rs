//! The Leptos app (client-side rendering) of the Workspace login records viewer.
//!
//! Pure logic lives in `logins-core`; this crate only turns it into DOM and browser I/O.
//! See ARCHITECTURE.md for where each piece goes.

pub mod alerts;
pub mod api_call;
pub mod app;
pub mod clock;
pub mod components;
pub mod fetch;
pub mod file_io;
pub mod form_state;
pub mod frame;
pub mod local_network;
pub mod locale;
pub mod logon_phases;
pub mod memo;
pub mod perf;
pub mod remembered;
pub mod runner;
pub mod section_scroll;
pub mod storage;
pub mod table_state;
pub mod target_inputs;
pub mod timer;
pub mod url_state;
pub mod watcher;

pub use app::App;

/// Mounts the app on `<body>`. Panics become readable console errors instead of the bare
/// `unreachable` that WebAssembly reports by default.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    perf::mark("logins:interactive");
}
