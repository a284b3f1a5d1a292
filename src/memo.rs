//! Memos whose reactive machinery is compiled once per value type, not once per closure.
//!
//! `Memo::new(closure)` instantiates the memo's update and comparison code for each closure
//! type: about 1.5 kB of wasm a memo. The views hold two dozen memos, many of the same value
//! type (every chart's `ChartModel`), so they go through one boxed closure type instead.

use leptos::prelude::*;

/// A memo of `compute`, recomputed when what it reads changes, notifying only on a new value.
///
/// ```ignore
/// let model = memo(move || chart::heatmap(locale.lang(), title, &grid.get()));
/// ```
pub fn memo<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    boxed(Box::new(compute))
}

fn boxed<T>(compute: Box<dyn Fn() -> T + Send + Sync>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| compute())
}
