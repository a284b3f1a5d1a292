//! The records table: column headers (Huawei's own terms), cell words, the toolbar (search,
//! zone, bands, export and import, column filters and chooser), the row detail, the CSV header.

crate::catalog! {
    ONGOING = "ongoing" / "进行中";
}
