//! The request `GET /v2/{project_id}/statistics/metrics/access-stages?transaction_id=...`: how
//! long each phase of one login took. Planned and signed by [`crate::api::request::plan_request`]
//! like the login-records query, through the same proxy, with a token or AK/SK.

use std::fmt;

use crate::api::encoding::percent_encode;
use crate::api::query::{Query, MAX_TEXT_CHARS};
use crate::api::request::ApiCall;

/// The access stages of one login, keyed by the login record's `transaction_id`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::api::{credentials::Credentials, endpoint::region, query::QueryForm};
/// use logins_core::api::request::{plan_request, HeaderSet};
/// use logins_core::stages::AccessStagesRequest;
/// let query = QueryForm { project_id: "p1".into(), ..Default::default() }.validate().unwrap();
/// let call = AccessStagesRequest::new(&query, "tx-1").unwrap();
/// let endpoint = region("cn-north-4").unwrap().endpoint();
/// let creds = Credentials::access_key("AK", "SK", "").unwrap();
/// let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
/// let plan = plan_request(&endpoint, &call, &creds, HeaderSet::Default, now);
/// assert_eq!(
///     plan.url(),
///     "https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/statistics/metrics/access-stages?transaction_id=tx-1"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AccessStagesRequest {
    project_id: String,
    transaction_id: String,
}

/// Why a login cannot be asked about: its record has no usable `transaction_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionIdProblem {
    /// Missing, empty or only spaces: the record cannot be joined to its stages.
    Missing,
    /// Longer than [`MAX_TEXT_CHARS`] characters: no real ID is, and the URL stays bounded.
    TooLong,
}

impl fmt::Display for TransactionIdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransactionIdProblem::Missing => f.write_str("the record has no transaction ID"),
            TransactionIdProblem::TooLong => write!(
                f,
                "the record's transaction ID is longer than {MAX_TEXT_CHARS} characters"
            ),
        }
    }
}

impl AccessStagesRequest {
    /// The stages of `transaction_id` in the project of `query` (the query whose records carry
    /// the ID; a validated `Query` guarantees a valid project). The ID is sent exactly as the
    /// record has it, percent-encoded like any query value.
    pub fn new(query: &Query, transaction_id: &str) -> Result<Self, TransactionIdProblem> {
        if transaction_id.trim().is_empty() {
            return Err(TransactionIdProblem::Missing);
        }
        if transaction_id.chars().count() > MAX_TEXT_CHARS {
            return Err(TransactionIdProblem::TooLong);
        }
        Ok(AccessStagesRequest {
            project_id: query.project_id().to_owned(),
            transaction_id: transaction_id.to_owned(),
        })
    }

    /// The login's `transaction_id`.
    pub fn transaction_id(&self) -> &str {
        &self.transaction_id
    }
}

impl ApiCall for AccessStagesRequest {
    fn project_id(&self) -> &str {
        &self.project_id
    }

    fn path(&self) -> String {
        format!(
            "/v2/{}/statistics/metrics/access-stages",
            percent_encode(&self.project_id)
        )
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![("transaction_id", self.transaction_id.clone())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::credentials::Credentials;
    use crate::api::endpoint::region;
    use crate::api::query::QueryForm;
    use crate::api::request::{plan_request, HeaderSet};
    use chrono::{TimeZone, Utc};

    fn query() -> Query {
        QueryForm {
            project_id: "0e69423d4400f4a82f67c0059a1e4cc8".into(),
            user_name: "alice".into(),
            limit: "1000".into(),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn the_plan_has_the_stages_path_only_the_transaction_id_and_signs_like_the_records_query() {
        let endpoint = region("cn-north-4").unwrap().endpoint();
        let creds = Credentials::access_key("AK", "SK", "TOKEN-1").unwrap();
        let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
        let call = AccessStagesRequest::new(&query(), "5f1c a+b/é").unwrap();
        let plan = plan_request(&endpoint, &call, &creds, HeaderSet::Default, now);
        assert_eq!(plan.method(), "GET");
        assert_eq!(
            plan.path(),
            "/v2/0e69423d4400f4a82f67c0059a1e4cc8/statistics/metrics/access-stages"
        );
        // The records query's own filters (user_name, limit) are not carried over.
        assert_eq!(plan.query_string(), "transaction_id=5f1c%20a%2Bb%2F%C3%A9");
        assert_eq!(
            plan.url(),
            format!(
                "https://workspace.cn-north-4.myhuaweicloud.com{}?{}",
                plan.path(),
                plan.query_string()
            )
        );
        assert_eq!(
            plan.signed_headers(),
            [
                "content-type",
                "host",
                "x-project-id",
                "x-sdk-date",
                "x-security-token"
            ]
        );
        assert_eq!(
            plan.header("X-Project-Id"),
            Some("0e69423d4400f4a82f67c0059a1e4cc8")
        );
        let canonical = plan.canonical_request().unwrap();
        assert!(canonical.starts_with(
            "GET\n/v2/0e69423d4400f4a82f67c0059a1e4cc8/statistics/metrics/access-stages/\ntransaction_id=5f1c%20a%2Bb%2F%C3%A9\ncontent-type:application/json\nhost:workspace.cn-north-4.myhuaweicloud.com\n"
        ), "{canonical}");

        let token = Credentials::token("MIIToken").unwrap();
        let plan = plan_request(&endpoint, &call, &token, HeaderSet::Default, now);
        assert!(!plan.is_signed());
        assert_eq!(plan.header("X-Auth-Token"), Some("MIIToken"));
        assert!(plan
            .url()
            .ends_with("/access-stages?transaction_id=5f1c%20a%2Bb%2F%C3%A9"));
    }

    #[test]
    fn a_record_without_a_usable_transaction_id_cannot_be_asked_about() {
        assert_eq!(
            AccessStagesRequest::new(&query(), " "),
            Err(TransactionIdProblem::Missing)
        );
        assert_eq!(
            AccessStagesRequest::new(&query(), &"x".repeat(256)),
            Err(TransactionIdProblem::TooLong)
        );
        assert!(AccessStagesRequest::new(&query(), &"界".repeat(255)).is_ok());
    }
}
