//! Chrome's Local Network Access at the browser edge: the page's own origin, declaring a
//! fetch's `targetAddressSpace`, and reading the permission's state after a failure. What the
//! spaces are and when to declare one is decided in `logins_core::api::address_space`.

use js_sys::{Object, Reflect};
use logins_core::api::address_space::AddressSpace;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{PermissionState, PermissionStatus, RequestInit};

/// `location.origin` of this page (`"null"` when there is none).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_else(|| "null".to_owned())
}

/// `request` again, declaring it goes to `space` (`RequestInit.targetAddressSpace`, which
/// web-sys has no setter for). Browsers without Local Network Access ignore the member.
pub fn declare_target(
    request: web_sys::Request,
    space: AddressSpace,
) -> Result<web_sys::Request, JsValue> {
    let init = RequestInit::new();
    Reflect::set(
        &init,
        &JsValue::from_str("targetAddressSpace"),
        &JsValue::from_str(space.as_str()),
    )?;
    web_sys::Request::new_with_request_and_init(&request, &init)
}

/// The state of the permission for requests into `space`, asking each name Chrome has used
/// in turn; `None` when the browser knows none of them (no Local Network Access).
pub async fn permission_state(space: AddressSpace) -> Option<PermissionState> {
    let permissions = web_sys::window()?.navigator().permissions().ok()?;
    for name in space.permission_names() {
        let descriptor = Object::new();
        if Reflect::set(&descriptor, &"name".into(), &JsValue::from_str(name)).is_err() {
            continue;
        }
        // An unknown name rejects the promise (or throws): try the next one.
        let Ok(promise) = permissions.query(&descriptor) else {
            continue;
        };
        if let Ok(status) = JsFuture::from(promise).await {
            return Some(status.unchecked_into::<PermissionStatus>().state());
        }
    }
    None
}
