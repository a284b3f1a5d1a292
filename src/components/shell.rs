//! The page frame: header and footer around every view.

use leptos::prelude::*;
use logins_core::product::{API_NAME, API_PATH_TEMPLATE, PRODUCT_NAME};

/// The banner: the product name as the page's only `<h1>`, and the API it reads.
#[component]
pub fn AppHeader() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="app-title">{PRODUCT_NAME}</h1>
            <p class="app-subtitle">
                "Huawei Cloud Workspace · " {API_NAME} " · "
                <code>{API_PATH_TEMPLATE}</code>
            </p>
        </header>
    }
}

/// The footer: where the data goes, said plainly, since administrators will ask.
#[component]
pub fn AppFooter() -> impl IntoView {
    view! {
        <footer class="app-footer">
            <p>
                "Runs entirely in your browser. Requests go only to the proxy URL you set; "
                "nothing is sent anywhere else."
            </p>
        </footer>
    }
}
