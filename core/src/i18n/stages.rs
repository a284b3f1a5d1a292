//! Logon phases (the access-stages API): the row detail's waterfall and table, the analysis
//! across records, its chart and the "Slowest phase" column. Phase names are Huawei's.

crate::catalog! {
    LOGON_PHASES = "Logon phases" / "登录阶段";
}
