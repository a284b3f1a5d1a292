//! One call of a cloud API through the proxy: send the signed plan, read the answer, and turn
//! any failure into data (`FailedRequest`) with the engine's `FailureKind`. The login records
//! (`runner`) and the logon phases (`logon_phases`) both call through here, so they classify a
//! failure, and check the browser's Local Network Access permission, the same way.

use logins_core::api::address_space::permission_space;
use logins_core::api::error_report::FailedRequest;
use logins_core::api::proxy_url::ProxyUrl;
use logins_core::api::request::RequestPlan;
use logins_core::api::response::ResponseProblem;
use logins_core::paging::FailureKind;
use web_sys::{AbortSignal, PermissionState};

use crate::fetch::{self, HttpAnswer, NoAnswer};
use crate::{clock, local_network};

/// Why a call gave no usable answer.
#[derive(Clone, Debug, PartialEq)]
pub enum CallFailure {
    /// Cancelled on purpose: nothing to report.
    Aborted,
    /// What the engine needs to decide (retry, stop), and what the user is told.
    Failed(FailureKind, FailedRequest),
}

/// Sends `plan` through `proxy` and reads the answer with `read` (which parses a page, or a
/// login's phases).
///
/// ```ignore
/// let page = api_call::call(&plan, proxy, Some(&signal), |a| read_response(a.status, &a.body, a.request_id.as_deref())).await;
/// ```
pub async fn call<T>(
    plan: &RequestPlan,
    proxy: Option<&ProxyUrl>,
    signal: Option<&AbortSignal>,
    read: impl FnOnce(&HttpAnswer) -> Result<T, ResponseProblem>,
) -> Result<T, CallFailure> {
    let proxy_url = proxy.map(|p| p.as_str().to_owned());
    match fetch::send(plan, proxy, signal).await {
        Ok(answer) => read(&answer).map_err(|problem| {
            let kind = problem.failure_kind();
            CallFailure::Failed(
                kind,
                FailedRequest::Answer {
                    problem,
                    proxy_url,
                    browser_now: clock::now(),
                    server_date: answer.date.clone(),
                },
            )
        }),
        Err(NoAnswer::Aborted) => Err(CallFailure::Aborted),
        Err(NoAnswer::Network(detail)) => {
            // The browser hides why; for a proxy on this computer or network, its Local Network
            // Access permission may be the reason, and then no retry can help.
            if let Some((proxy, space)) = proxy.and_then(|p| Some((p, permission_space(p)?))) {
                if local_network::permission_state(space).await == Some(PermissionState::Denied) {
                    return Err(CallFailure::Failed(
                        FailureKind::LocalNetworkBlocked,
                        FailedRequest::LocalNetworkBlocked {
                            proxy_url: proxy.as_str().to_owned(),
                            space,
                            detail,
                        },
                    ));
                }
            }
            Err(CallFailure::Failed(
                FailureKind::Network,
                FailedRequest::NoAnswer { proxy_url, detail },
            ))
        }
    }
}
