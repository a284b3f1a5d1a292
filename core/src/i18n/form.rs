//! The query form: connection settings, credentials, filters, time presets, the run controls,
//! and what validation says under each field.

crate::catalog! {
    RUN_QUERY = "Run query" / "查询";
}
