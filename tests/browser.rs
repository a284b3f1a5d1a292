//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium
//! (`cargo test -p logins-viewer --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use logins_core::product::PRODUCT_NAME;
use logins_viewer::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container. The mount handle is leaked
/// on purpose: dropping it would unmount the view before the test looks at it.
fn mount<F, V>(view: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = document();
    let container: web_sys::HtmlElement = document
        .create_element("div")
        .expect("create a container")
        .unchecked_into();
    document
        .body()
        .expect("the test page has a body")
        .append_child(&container)
        .expect("attach the container");
    std::mem::forget(leptos::mount::mount_to(container.clone(), view));
    container
}

#[wasm_bindgen_test]
async fn app_shell_has_title_heading_and_landmarks() {
    let root = mount(App);
    leptos::task::tick().await;

    let headings = root.query_selector_all("h1").unwrap();
    assert_eq!(headings.length(), 1, "exactly one h1");
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some(PRODUCT_NAME)
    );
    for landmark in ["header", "main", "footer"] {
        assert!(
            root.query_selector(landmark).unwrap().is_some(),
            "missing <{landmark}>"
        );
    }
    assert_eq!(document().title(), PRODUCT_NAME);
}
