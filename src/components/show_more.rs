//! Long lists shown in steps: the first `LIST_STEP` items, and a "Show more" button that adds
//! `LIST_STEP` more, however many records are loaded (1,206 users would otherwise be 1,206
//! rows at once). A step at a time keeps each click cheap and the list readable; sorting the
//! list brings the items that matter into the first steps.

use std::sync::Arc;

use leptos::prelude::*;

/// Items shown at first, and added by each "Show more".
pub const LIST_STEP: usize = 20;

/// "Showing N of M {noun}." and the "Show more" button, hidden when all of `total()` items
/// are shown; `limit` is how many the list shows. The button stays the same element between
/// clicks, so keyboard focus stays on it.
pub fn show_more(
    limit: RwSignal<usize>,
    // Not generic: one instance of this view for every list.
    total: Arc<dyn Fn() -> usize + Send + Sync>,
    noun: &'static str,
) -> impl IntoView {
    let count = total.clone();
    view! {
        <p class="show-more" hidden=move || { limit.get() >= total() }>
            {move || {
                let total = count();
                format!("Showing {} of {total} {noun}. ", limit.get().min(total))
            }}
            <button type="button" class="small" on:click=move |_| limit.update(|n| *n += LIST_STEP)>
                "Show more"
            </button>
        </p>
    }
}
