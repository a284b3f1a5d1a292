//! Where the reader is on the page (`core::page_sections`): which section is in view, for the
//! navigation's `aria-current`; fragment jumps that stop under the sticky bar instead of behind
//! it; and a deep link's section brought into view once the app has drawn it.
//!
//! Moving between sections is plain fragment navigation (`<a href="#records">`): the browser
//! scrolls, adds a history entry, and Back returns. `url_state` ignores these entries (their
//! query is unchanged), so a jump never re-applies or re-runs the query.

use leptos::prelude::*;
use logins_core::page_sections::{current, section_of_hash, Extent, SECTIONS};
use wasm_bindgen::prelude::*;

/// The id of the sticky bar (navigation and run controls) that covers the top of the window.
pub const BAR_ID: &str = "sticky-bar";

/// The section the page URL's fragment names.
fn linked_section() -> Option<usize> {
    section_of_hash(&window().location().hash().ok()?)
}

/// The sticky bar's box in the viewport, when there is one.
fn bar_rect() -> Option<web_sys::DomRect> {
    Some(
        document()
            .get_element_by_id(BAR_ID)?
            .get_bounding_client_rect(),
    )
}

/// The bottom edge of the sticky bar in viewport pixels: content above it is covered.
fn bar_bottom() -> f64 {
    bar_rect().map_or(0.0, |bar| bar.bottom().max(0.0))
}

/// Sets `in_view` to the section the reader is in now (a signal write only when it changes).
fn update(in_view: RwSignal<usize>) {
    let document = document();
    let extents: Vec<Extent> = SECTIONS
        .iter()
        .map(|s| match document.get_element_by_id(s.id) {
            Some(element) => {
                let rect = element.get_bounding_client_rect();
                Extent {
                    top: rect.top(),
                    bottom: rect.bottom(),
                }
            }
            // Not drawn: never reached.
            None => Extent {
                top: f64::INFINITY,
                bottom: f64::INFINITY,
            },
        })
        .collect();
    let viewport_bottom = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let now = current(&extents, bar_bottom(), viewport_bottom, linked_section());
    if in_view.get_untracked() != now {
        in_view.set(now);
    }
}

/// Keeps `in_view` on the section in view: after each scroll and resize (five
/// `getBoundingClientRect` calls; browsers send at most one scroll event a frame), and brings
/// the section of each new fragment into view.
///
/// Back and Forward between sections scroll to the section, not to a remembered position:
/// Chromium's restored position for a fragment entry left the section half a screen off
/// (measured: 488 px below the bar), so the page restores nothing (`scrollRestoration` =
/// `manual`) and a `hashchange` scrolls to the section as a click on its link does.
pub fn track(in_view: RwSignal<usize>) {
    let window = window();
    if let Ok(history) = window.history() {
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let on_scroll = Closure::<dyn Fn()>::new(move || update(in_view));
    for event in ["scroll", "resize"] {
        let _ = window.add_event_listener_with_callback(event, on_scroll.as_ref().unchecked_ref());
    }
    let on_fragment = Closure::<dyn Fn()>::new(move || {
        reveal_linked_section();
        update(in_view);
    });
    let _ =
        window.add_event_listener_with_callback("hashchange", on_fragment.as_ref().unchecked_ref());
    // The listeners live as long as the page: there is one app and it is never unmounted.
    on_scroll.forget();
    on_fragment.forget();
}

/// Makes the next fragment jump stop under the sticky bar: the page's `scroll-padding-top`
/// becomes the bar's height now (it grows while Fetch all shows its progress). Written
/// through the CSSOM, which the Content Security Policy allows (a `style` attribute it refuses).
pub fn clear_the_bar() {
    let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // Its height, not where it is now: at the page's top it sits below the header, and a jump
    // scrolls it to the window's top edge, where it sticks.
    let height = bar_rect().map_or(0.0, |bar| bar.height());
    let padding = format!("{}px", height.ceil() as i64);
    let _ = root.style().set_property("scroll-padding-top", &padding);
}

/// Scrolls to the section the page URL's fragment names, if any: on a deep link the browser's
/// own jump came before the app had drawn the section.
pub fn reveal_linked_section() {
    let Some(i) = linked_section() else {
        return;
    };
    if let Some(section) = document().get_element_by_id(SECTIONS[i].id) {
        clear_the_bar();
        section.scroll_into_view();
    }
}
