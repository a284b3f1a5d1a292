//! The root component: page layout and the context every view shares.

use leptos::prelude::*;
use logins_core::product::document_title;

use crate::components::shell::{AppFooter, AppHeader};

/// The whole page. Views are added as their capabilities land; the shell gives them landmarks
/// (banner, main, contentinfo) so assistive technology can jump between them.
#[component]
pub fn App() -> impl IntoView {
    // The static <title> in index.html says the same; setting it here keeps one source of truth
    // once views start naming themselves.
    document().set_title(&document_title(None));

    view! {
        <AppHeader/>
        <main id="main" class="app-main">
            <section class="panel intro" aria-labelledby="intro-heading">
                <h2 id="intro-heading">"Who connected, from where, and how fast"</h2>
                <p>
                    "This app queries the Huawei Cloud Workspace login records API from your browser. "
                    "It signs each request itself with your access key (or uses an IAM token), sends it "
                    "through a CORS proxy you choose, and keeps your secrets in this tab's memory only."
                </p>
            </section>
        </main>
        <AppFooter/>
    }
}
