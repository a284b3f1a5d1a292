//! Units and counts in sentences: durations ("11 min 30 s" / "11分30秒") and counted nouns.

crate::catalog! {
    SECONDS = "{0} s" / "{0}秒";
    MINUTES_SECONDS = "{0} min {1} s" / "{0}分{1}秒";
    HOURS_MINUTES = "{0} h {1} min" / "{0}小时{1}分";
    DAYS_HOURS = "{0} d {1} h" / "{0}天{1}小时";
    MILLISECONDS = "{0} ms" / "{0} ms";
}
