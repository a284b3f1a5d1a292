//! An instant given on the command line or to the test clock: Unix seconds or RFC 3339.

/// `1720000000` or `2024-07-03T09:46:40Z` (any offset) as Unix seconds.
///
/// ```
/// use logins_proxy::standin::instant::parse_instant;
/// assert_eq!(parse_instant("1720000000"), Ok(1_720_000_000));
/// assert_eq!(parse_instant("2024-07-03T17:46:40+08:00"), Ok(1_720_000_000));
/// assert!(parse_instant("yesterday").is_err());
/// ```
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        .map_err(|_| format!("{text:?} is neither Unix seconds nor an RFC 3339 time"))
}
