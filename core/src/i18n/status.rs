//! The run controls (Run query, Fetch all, Cancel, Resume, Previous/Next page), the status line
//! and the progress of a run (pages, retries), and what the run panel announces.

crate::catalog! {
    RUN_QUERY = "Run query" / "查询";
    /// The status sentence (a fixed accessible name in both languages).
    LOADED = "Loaded {0} of {1} records" / "已加载 {0} / {1} 条记录";
}
