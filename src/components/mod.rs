//! UI components, one component family per file.

pub mod shell;
