//! The status line and progress of a run (Fetch all, pages, retries), and what the run panel
//! announces.

crate::catalog! {
    /// The status sentence (a fixed accessible name in both languages).
    LOADED = "Loaded {0} of {1} records" / "已加载 {0} / {1} 条记录";
}
