//! One call to the Workspace API, from the form to the answer: validation of the inputs,
//! the query string, endpoints and proxy URLs, credentials and signing, the request plan, and
//! what a response means (a page, or an error report for the user).

pub mod address_space;
pub mod app_config;
pub mod connection;
pub mod credentials;
pub mod curl;
pub mod encoding;
pub mod endpoint;
pub mod error_body;
pub mod error_report;
pub mod field_error;
pub mod proxy_url;
pub mod query;
pub mod request;
pub mod response;
pub mod secret;
pub mod share_link;
pub mod sign;
pub mod target;
pub mod web_url;
