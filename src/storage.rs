//! `localStorage` for the few things the app keeps on this device (the column choice, and the
//! credentials only while "Remember credentials on this device" is ticked), as JSON under one
//! key each. Every failure (storage disabled, quota, a value another version wrote) reads as
//! "nothing stored": keeping something on the device is a convenience, never a reason to fail.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The value stored under `key`, or `None` when there is none or it does not parse as `T`.
///
/// ```ignore
/// let columns: Option<Stored> = storage::load("logins-viewer.columns");
/// ```
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local_storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Stores `value` under `key`, replacing what was there.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// Deletes `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}
