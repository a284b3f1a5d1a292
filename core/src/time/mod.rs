//! Time as the app reads and writes it: fixed-format parsing and formatting, and the time
//! windows of the query form (presets, local time <-> the API's UTC).

pub mod format;
pub mod text;
pub mod window;
