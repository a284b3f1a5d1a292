//! Draws any `logins_core::chart::ChartModel`: one renderer for every chart, so the bundle pays
//! for chart code once (see core/src/chart).
//!
//! Accessibility: the SVG is a group named by the chart's title and summary (not an image: an
//! image's content is presentational, and its marks are focusable); every data mark is an image
//! labelled with its exact values (a button when a click filters), focusable while there are few;
//! the same numbers are in a table under "Show as table". Hover and focus show the values in a
//! tooltip.
//!
//! Language: the model is built in the reader's language (see core/src/chart); what holds a
//! record's value (a user name in a title, a label or a cell, a failure reason) is marked
//! `translate="no"`, so neither a translator nor the untranslated-word check touches it.

use leptos::prelude::*;
use logins_core::chart::{ChartModel, Mark};
use logins_core::i18n::analytics as t;
use logins_core::records::table_action::TableAction;
use logins_core::text::num::{fixed, shortest};

use crate::locale::use_locale;

/// What the tooltip shows, and where (as a share of the chart's width and height).
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    text: String,
    left: f64,
    top: f64,
    /// It holds a record's value.
    raw: bool,
}

#[component]
pub fn ChartView(
    #[prop(into)] model: Signal<ChartModel>,
    /// Called when a mark with an action is clicked (or activated with Enter/Space).
    on_action: Callback<TableAction>,
) -> impl IntoView {
    let locale = use_locale();
    let tip = RwSignal::new(None::<Tip>);
    let id = next_id();
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");

    let labelled = format!("{title_id} {desc_id}");
    let body = move || {
        let chart = model.get();
        tip.set(None);
        if let Some(why) = chart.empty.clone() {
            return view! { <p class="chart-empty">{why}</p> }.into_any();
        }
        let (w, h) = (chart.width, chart.height);
        // Every value mark is a tab stop only while there are few: 200 buckets would be 200 tab
        // stops. Beyond that, keyboard users read the same numbers in "Show as table".
        let tips = chart
            .marks
            .iter()
            .filter(
                |m| matches!(m, Mark::Rect { tip, .. } | Mark::Dot { tip, .. } if !tip.is_empty()),
            )
            .count();
        let focusable = tips <= MAX_FOCUSABLE_MARKS;
        let marks = chart
            .marks
            .into_iter()
            .map(|mark| draw(mark, w, h, focusable, tip, on_action))
            .collect_view();
        let labelled = labelled.clone();
        view! {
            <div class="chart-canvas">
                <svg
                    viewBox=format!("0 0 {} {}", shortest(w), shortest(h))
                    role="group"
                    aria-labelledby=labelled
                    preserveAspectRatio="xMidYMid meet"
                >
                    {marks}
                </svg>
                {move || tip.get().map(|shown| view! {
                    <div
                        class="chart-tip"
                        role="status"
                        translate=shown.raw.then_some("no")
                        style:left=format!("{}%", fixed(shown.left, 1, false))
                        style:top=format!("{}%", fixed(shown.top, 1, false))
                    >
                        {shown.text}
                    </div>
                }.into_any())}
            </div>
        }
        .into_any()
    };

    view! {
        <figure class="chart">
            <figcaption>
                <h3 id=title_id.clone()>{move || model.with(title)}</h3>
                <p id=desc_id.clone() class="chart-summary">{move || model.with(|m| m.summary.clone())}</p>
                <ul class="legend">
                    {move || model.with(|m| {
                        m.legend
                            .iter()
                            .map(|item| view! {
                                <li translate=item.raw.then_some("no")><span class=format!("swatch {}", item.class) aria-hidden="true"></span>{item.label.clone()}</li>
                            })
                            .collect_view()
                            .into_any()
                    })}
                </ul>
            </figcaption>
            {move || body()}
            <details class="chart-table">
                <summary>{locale.tr(t::SHOW_AS_TABLE)}</summary>
                {move || model.with(|m| {
                    let raw_headers = &m.table.raw_headers;
                    let headers = m
                        .table
                        .headers
                        .iter()
                        .enumerate()
                        .map(|(c, h)| view! { <th scope="col" translate=raw_headers.contains(&c).then_some("no")>{h.clone()}</th> })
                        .collect_view();
                    let raw = &m.table.raw_cells;
                    let rows = m
                        .table
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(r, row)| view! {
                            <tr>{row.iter().enumerate().map(|(c, cell)| view! {
                                <td translate=raw.contains(&(r, c)).then_some("no")>{cell.clone()}</td>
                            }).collect_view()}</tr>
                        })
                        .collect_view();
                    view! { <table><thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table> }.into_any()
                })}
            </details>
        </figure>
    }
}

/// More value marks than this and they are not tab stops (see `ChartView`).
pub const MAX_FOCUSABLE_MARKS: usize = 60;

fn draw(
    mark: Mark,
    w: f64,
    h: f64,
    focusable: bool,
    tip: RwSignal<Option<Tip>>,
    on_action: Callback<TableAction>,
) -> AnyView {
    match mark {
        Mark::Rect {
            x,
            y,
            w: rw,
            h: rh,
            class,
            tip: text,
            action,
            raw,
        } => {
            let show = show_tip(tip, &text, raw, (x + rw / 2.0) / w, y / h);
            let clickable = action.is_some();
            let activate = move || {
                if let Some(action) = action.clone() {
                    on_action.run(action);
                }
            };
            let activate_key = activate.clone();
            let show_focus = show.clone();
            view! {
                <rect
                    x=shortest(x)
                    y=shortest(y)
                    width=shortest(rw)
                    height=shortest(rh)
                    class=class
                    class:clickable=clickable
                    tabindex=(focusable && !text.is_empty()).then_some("0")
                    role=if clickable { Some("button") } else { (!text.is_empty()).then_some("img") }
                    aria-label=(!text.is_empty()).then(|| text.clone())
                    translate=raw.then_some("no")
                    on:mouseenter=move |_| show()
                    on:focus=move |_| show_focus()
                    on:mouseleave=move |_| tip.set(None)
                    on:blur=move |_| tip.set(None)
                    on:click=move |_| activate()
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            activate_key();
                        }
                    }
                />
            }
            .into_any()
        }
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            class,
        } => view! { <line x1=shortest(x1) y1=shortest(y1) x2=shortest(x2) y2=shortest(y2) class=class/> }.into_any(),
        Mark::Path { d, class } => view! { <path d=d class=class/> }.into_any(),
        Mark::Dot {
            cx,
            cy,
            class,
            tip: text,
            raw,
        } => {
            let show = show_tip(tip, &text, raw, cx / w, cy / h);
            let show_focus = show.clone();
            view! {
                <circle
                    cx=shortest(cx)
                    cy=shortest(cy)
                    r="3"
                    class=format!("dot {class}")
                    tabindex=focusable.then_some("0")
                    role="img"
                    aria-label=text
                    translate=raw.then_some("no")
                    on:mouseenter=move |_| show()
                    on:focus=move |_| show_focus()
                    on:mouseleave=move |_| tip.set(None)
                    on:blur=move |_| tip.set(None)
                />
            }
            .into_any()
        }
        Mark::Text {
            x,
            y,
            text,
            anchor,
            class,
            raw,
        } => view! {
            <text
                x=shortest(x)
                y=shortest(y)
                text-anchor=anchor.as_str()
                class=class
                aria-hidden="true"
                translate=raw.then_some("no")
            >
                {text}
            </text>
        }
        .into_any(),
    }
}

/// A handler that shows `text` in the chart's tooltip at (`left`, `top`), shares of the chart's
/// width and height (hover and focus of a mark both use it).
fn show_tip(
    tip: RwSignal<Option<Tip>>,
    text: &str,
    raw: bool,
    left: f64,
    top: f64,
) -> impl Fn() + Clone {
    let text = text.to_owned();
    move || {
        tip.set(Some(Tip {
            text: text.clone(),
            left: left * 100.0,
            top: top * 100.0,
            raw,
        }))
    }
}

/// The chart's title, with the record's value in it (the user of "Sessions of alice") kept
/// apart in an element marked `translate="no"`.
fn title(model: &ChartModel) -> AnyView {
    let split = model
        .title_value
        .as_deref()
        .filter(|v| !v.is_empty())
        .and_then(|v| Some((model.title.find(v)?, v.len())));
    match split {
        Some((at, len)) => {
            let (before, rest) = model.title.split_at(at);
            let (value, after) = rest.split_at(len);
            view! { {before.to_owned()}<span translate="no">{value.to_owned()}</span>{after.to_owned()} }
                .into_any()
        }
        None => model.title.clone().into_any(),
    }
}

/// Unique ids for aria references, one per chart instance.
fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
