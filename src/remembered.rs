//! "Remember credentials on this device": the only path by which a key or token reaches storage,
//! and only while the user keeps the box ticked. Unticking deletes what was stored.
//!
//! Stored under one documented key, [`STORAGE_KEY`], in `localStorage`.

use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use serde::{Deserialize, Serialize};

use crate::form_state::FormState;
use crate::storage;

/// The one `localStorage` key credentials are ever written to.
pub const STORAGE_KEY: &str = "logins-viewer.credentials";

#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct Stored {
    auth: String,
    access_key_id: String,
    secret_key: String,
    security_token: String,
    iam_token: String,
}

/// Loads remembered credentials into the form (and ticks the box) if there are any.
pub fn restore(form: &FormState) {
    let Some(stored) = storage::load::<Stored>(STORAGE_KEY) else {
        // None, or unreadable: drop it rather than keep a secret we cannot use or show.
        forget();
        return;
    };
    if let Some(method) = AuthMethod::from_id(&stored.auth) {
        form.auth.set(method);
    }
    form.access_key_id.set(stored.access_key_id);
    form.secret_key.set(stored.secret_key);
    form.security_token.set(stored.security_token);
    form.iam_token.set(stored.iam_token);
    form.remember.set(true);
}

/// Keeps storage in step with the box: written while ticked, deleted when unticked.
pub fn keep_in_sync(form: FormState) {
    Effect::new(move |_| {
        if !form.remember.get() {
            forget();
            return;
        }
        let stored = Stored {
            auth: form.auth.get().id().to_owned(),
            access_key_id: form.access_key_id.get(),
            secret_key: form.secret_key.get(),
            security_token: form.security_token.get(),
            iam_token: form.iam_token.get(),
        };
        storage::save(STORAGE_KEY, &stored);
    });
}

fn forget() {
    storage::remove(STORAGE_KEY);
}
