//! Long lists shown in steps: the first `LIST_STEP` items, and a "Show more" button that adds
//! `LIST_STEP` more, however many records are loaded (1,206 users would otherwise be 1,206
//! rows at once). A step at a time keeps each click cheap and the list readable; sorting the
//! list brings the items that matter into the first steps.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::i18n::analytics::SHOW_MORE;
use logins_core::i18n::Text;

use crate::locale::use_locale;

/// Items shown at first, and added by each "Show more".
pub const LIST_STEP: usize = 20;

/// `sentence` ("Showing {0} of {1} groups.") and the "Show more" button, hidden when all of
/// `total()` items are shown; `limit` is how many the list shows. The button stays the same
/// element between clicks (and a switch of language), so keyboard focus stays on it.
pub fn show_more(
    limit: RwSignal<usize>,
    // Not generic: one instance of this view for every list.
    total: Arc<dyn Fn() -> usize + Send + Sync>,
    sentence: Text,
) -> impl IntoView {
    let locale = use_locale();
    let count = total.clone();
    view! {
        <p class="show-more" hidden=move || { limit.get() >= total() }>
            {move || {
                let total = count();
                let shown = limit.get().min(total).to_string();
                sentence.fill(locale.lang(), &[&shown, &total.to_string()])
            }}
            " "
            <button type="button" class="small" on:click=move |_| limit.update(|n| *n += LIST_STEP)>
                {locale.tr(SHOW_MORE)}
            </button>
        </p>
    }
}
