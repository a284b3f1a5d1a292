//! The query form: connection settings, credentials, filters, time presets, and what
//! validation says under each field.

crate::catalog! {
    PROJECT_ID = "Project ID" / "项目ID";
}
