//! What the user is told when a request fails (the error report and its advice), and the
//! request inspector's words around the wire text (which stays as it is).

crate::catalog! {
    REQUEST_ID = "Request ID" / "请求ID";
}
