//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium
//! (`cargo test -p logins-viewer --target wasm32-unknown-unknown --test browser`).
//!
//! They drive the real inputs (set a value, dispatch `input`) and assert on what a user sees:
//! `aria-invalid`, the message tied by `aria-describedby`, and whether the run buttons work.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use logins_core::product::PRODUCT_NAME;
use logins_viewer::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container. The mount handle is leaked
/// on purpose: dropping it would unmount the view before the test looks at it.
fn mount<F, V>(view: F) -> HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = document();
    let container: HtmlElement = document
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

/// The app, mounted, with its start-up work (config fetch, link state) settled.
async fn app() -> HtmlElement {
    let root = mount(App);
    settle().await;
    root
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

fn input(root: &HtmlElement, id: &str) -> HtmlInputElement {
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

/// Types `value` into the input `id` as a user would (value + `input` event).
async fn type_into(root: &HtmlElement, id: &str, value: &str) {
    let element = input(root, id);
    element.set_value(value);
    element
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle().await;
}

async fn choose(root: &HtmlElement, id: &str, value: &str) {
    let select: HtmlSelectElement = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
}

/// The validation message shown for input `id`, if any (found through aria-describedby).
fn message(root: &HtmlElement, id: &str) -> Option<String> {
    let element = input(root, id);
    let invalid = element.get_attribute("aria-invalid").as_deref() == Some("true");
    let described = element
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let text = described
        .split_whitespace()
        .filter(|d| d.ends_with("-error"))
        .filter_map(|d| root.query_selector(&format!("#{d}")).ok().flatten())
        .filter_map(|e| e.text_content())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        invalid,
        !text.is_empty(),
        "#{id}: aria-invalid must match whether a message is shown"
    );
    invalid.then_some(text)
}

fn button(root: &HtmlElement, name: &str) -> HtmlButtonElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlButtonElement>())
        .find(|b| b.text_content().as_deref().map(str::trim) == Some(name))
        .unwrap_or_else(|| panic!("no button {name:?}"))
}

/// Fills everything a valid AK/SK query needs.
async fn fill_valid(root: &HtmlElement) {
    type_into(root, "project-id", "0e69423d4400f4a82f67c0059a1e4cc8").await;
    type_into(root, "proxy-url", "http://127.0.0.1:8787").await;
    type_into(root, "access-key-id", "AKEXAMPLE").await;
    type_into(root, "secret-key", "secret-value").await;
}

#[wasm_bindgen_test]
async fn app_shell_has_title_heading_and_landmarks() {
    let root = app().await;
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

#[wasm_bindgen_test]
async fn a_blank_form_says_what_is_missing_and_cannot_run() {
    let root = app().await;
    assert_eq!(
        message(&root, "project-id").as_deref(),
        Some("Project ID is required.")
    );
    assert!(message(&root, "access-key-id").is_some());
    assert!(message(&root, "secret-key").is_some());
    assert!(button(&root, "Run query").disabled());
    assert!(button(&root, "Fetch all").disabled());
    // Demo data needs nothing: it is the way in for someone with no account.
    assert!(!button(&root, "Try demo data").disabled());
}

#[wasm_bindgen_test]
async fn a_valid_form_enables_the_run_buttons() {
    let root = app().await;
    fill_valid(&root).await;
    for id in ["project-id", "proxy-url", "access-key-id", "secret-key"] {
        assert_eq!(message(&root, id), None, "#{id}");
    }
    assert!(!button(&root, "Run query").disabled());
    assert!(!button(&root, "Fetch all").disabled());
    assert!(button(&root, "Cancel").disabled(), "nothing to cancel");
}

#[wasm_bindgen_test]
async fn each_bad_input_is_reported_on_its_own_field() {
    let root = app().await;
    fill_valid(&root).await;
    let cases = [
        ("project-id", "a/b", "Project ID"),
        ("proxy-url", "http://proxy.example.com", "Proxy URL"),
        ("endpoint", "not a url", "Endpoint"),
        ("min-network-rtt", "-5", "Minimum network RTT"),
        ("max-network-rtt", "fast", "Maximum network RTT"),
        ("page-size", "1001", "Limit"),
        ("user-name", "   ", ""),
    ];
    for (id, bad, label) in cases {
        let before = input(&root, id).value();
        type_into(&root, id, bad).await;
        let shown = message(&root, id);
        if label.is_empty() {
            // Whitespace-only text filters are simply "no filter", not an error.
            assert_eq!(shown, None, "#{id} with {bad:?}");
        } else {
            let shown = shown.unwrap_or_else(|| panic!("#{id} with {bad:?} shows no message"));
            assert!(shown.starts_with(label), "#{id}: {shown}");
            assert!(
                button(&root, "Run query").disabled(),
                "#{id} blocks running"
            );
        }
        type_into(&root, id, &before).await;
        assert_eq!(message(&root, id), None, "#{id} recovers");
    }
    assert!(!button(&root, "Run query").disabled());
}

#[wasm_bindgen_test]
async fn rtt_bounds_and_custom_times_are_checked_together() {
    let root = app().await;
    fill_valid(&root).await;
    type_into(&root, "min-network-rtt", "200").await;
    type_into(&root, "max-network-rtt", "100").await;
    assert_eq!(
        message(&root, "max-network-rtt").as_deref(),
        Some("Maximum network RTT must not be below the minimum.")
    );
    type_into(&root, "max-network-rtt", "300").await;
    assert_eq!(message(&root, "max-network-rtt"), None);

    // Typing a time switches the range to Custom; an end before the start is an error there.
    type_into(&root, "start-time", "2024-03-10T12:00").await;
    type_into(&root, "end-time", "2024-03-10T11:00").await;
    let preset: HtmlSelectElement = root
        .query_selector("#time-range")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(preset.value(), "custom");
    assert_eq!(
        message(&root, "end-time").as_deref(),
        Some("End time must not be before start time.")
    );
    assert!(button(&root, "Run query").disabled());

    // "All time" clears both times: no time filter at all.
    choose(&root, "time-range", "all").await;
    assert_eq!(input(&root, "start-time").value(), "");
    assert_eq!(message(&root, "end-time"), None);
    assert!(!button(&root, "Run query").disabled());
}

#[wasm_bindgen_test]
async fn the_token_method_asks_only_for_the_token() {
    let root = app().await;
    type_into(&root, "project-id", "p1").await;
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    let token_radio: HtmlInputElement = radios.item(1).unwrap().unchecked_into();
    token_radio.set_checked(true);
    token_radio
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(root.query_selector("#access-key-id").unwrap().is_none());
    assert_eq!(
        message(&root, "iam-token").as_deref(),
        Some("IAM token is required.")
    );
    type_into(&root, "iam-token", "MIIE-example-token").await;
    assert_eq!(message(&root, "iam-token"), None);
    assert!(!button(&root, "Run query").disabled());
}

#[wasm_bindgen_test]
async fn secrets_are_hidden_until_revealed_and_never_stored_by_default() {
    let root = app().await;
    fill_valid(&root).await;
    let secret = input(&root, "secret-key");
    assert_eq!(secret.type_(), "password");
    let show = root
        .query_selector("button[aria-controls=secret-key]")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlButtonElement>();
    show.click();
    settle().await;
    assert_eq!(secret.type_(), "text");
    assert_eq!(show.get_attribute("aria-pressed").as_deref(), Some("true"));

    let storage = window().local_storage().unwrap().unwrap();
    for i in 0..storage.length().unwrap() {
        let key = storage.key(i).unwrap().unwrap();
        let value = storage.get_item(&key).unwrap().unwrap_or_default();
        assert!(!value.contains("secret-value"), "{key} holds the secret");
    }
    assert!(!window().location().href().unwrap().contains("secret-value"));
}

#[wasm_bindgen_test]
async fn try_demo_data_loads_records_without_any_network() {
    let root = app().await;
    button(&root, "Try demo data").click();
    settle().await;
    let status = root
        .query_selector("[role=status]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(
        status.trim(),
        "Loaded 10000 of 10000 records (generated demo data)"
    );
    let table = root
        .query_selector("[role=table][aria-label='Login records']")
        .unwrap()
        .expect("the records table is shown");
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("10001")
    );
    // Virtualized: a header row plus the rows in view, not 10,000 rows.
    let rows = table.query_selector_all("[role=row]").unwrap().length();
    assert!((10..200).contains(&rows), "{rows} rows in the DOM");
}

/// Resolves after the next animation frame and a task after it, twice: long enough for the
/// analytics, which the app hands their rows after the table's frame is painted.
async fn after_paints() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let task = wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = window().set_timeout_with_callback(resolve.unchecked_ref());
            });
            let _ = window().request_animation_frame(task.unchecked_ref());
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        settle().await;
    }
}

/// The KPI strip's value for `label` (the text of its `<dd>`, without the comparison note).
fn kpi(root: &HtmlElement, label: &str) -> Option<String> {
    let terms = root.query_selector_all("dt").unwrap();
    (0..terms.length())
        .filter_map(|i| terms.item(i))
        .find(|dt| dt.text_content().unwrap_or_default().trim() == label)
        .and_then(|dt| dt.next_sibling())
        .and_then(|dd| dd.first_child())
        .and_then(|text| text.text_content())
        .map(|text| text.trim().to_owned())
}

#[wasm_bindgen_test]
async fn analytics_follow_a_new_table_even_when_its_row_ids_are_the_same() {
    use logins_core::records::record::Record;
    use logins_core::records::table::RecordTable;
    use logins_viewer::components::analytics::Analytics;
    use logins_viewer::table_state::TableState;

    let users = |names: [&str; 3]| {
        RecordTable::from_records(names.iter().enumerate().map(|(i, name)| Record {
            user_name: Some((*name).to_owned()),
            transaction_id: Some(format!("tx-{i}")),
            ..Record::default()
        }))
    };
    let state = TableState::new();
    let root = mount(move || {
        provide_context(state);
        view! { <Analytics/> }
    });
    state.replace(users(["ann", "bob", "cy"]));
    after_paints().await;
    assert_eq!(kpi(&root, "Unique users").as_deref(), Some("3"));
    // Three rows again, so the filtered row ids ([0, 1, 2]) are equal: the analytics must still
    // follow the new table.
    state.replace(users(["zoe", "max", "zoe"]));
    after_paints().await;
    assert_eq!(kpi(&root, "Unique users").as_deref(), Some("2"));
}

#[wasm_bindgen_test]
async fn an_alert_fires_once_into_the_log_and_title_and_edited_rules_persist() {
    use logins_core::records::record::{Record, Timestamp};
    use logins_core::records::table::RecordTable;
    use logins_viewer::alerts::{Alerts, RULES_STORAGE_KEY};
    use logins_viewer::components::alerts::AlertsSection;
    use logins_viewer::table_state::TableState;
    use std::cell::Cell;
    use std::rc::Rc;

    let storage = window().local_storage().unwrap().unwrap();
    storage.remove_item(RULES_STORAGE_KEY).unwrap();
    // 08:00Z..08:11Z, one login a minute, every other one failed: 6 of 12, a burst (> 20 %).
    // Six users with two logins each: no one fails three times in a row.
    let t0 = 1_705_305_600;
    let burst = || {
        RecordTable::from_records((0..12).map(|i| Record {
            transaction_id: Some(format!("tx-{i}")),
            user_name: Some(format!("user{}", i % 6)),
            connection_start_time: Some(Timestamp::parse(&format!("2024-01-15T08:{i:02}:00Z"))),
            connection_failure_reason: (i % 2 == 0).then(|| "timeout".to_owned()),
            ..Record::default()
        }))
    };
    // The apps other tests left on the page are hidden while this one runs: what is on screen
    // is this test's business.
    let body = document().body().unwrap();
    let others = body.children();
    let hidden: Vec<HtmlElement> = (0..others.length())
        .filter_map(|i| others.item(i))
        .map(|e| e.unchecked_into::<HtmlElement>())
        .collect();
    for element in &hidden {
        element.style().set_property("display", "none").unwrap();
    }
    // Mounted below a screen of other content: the log is not in view, so the count stays.
    let spacer = document().create_element("div").unwrap();
    spacer.set_attribute("class", "test-spacer").unwrap();
    spacer
        .unchecked_ref::<HtmlElement>()
        .style()
        .set_property("height", "4000px")
        .unwrap();
    document().body().unwrap().append_child(&spacer).unwrap();
    // Created inside the mount, where the reactive runtime (and its executor) is set up.
    let mount_alerts = || {
        let slot = Rc::new(Cell::new(None));
        let out = slot.clone();
        let root = mount(move || {
            let state = TableState::new();
            provide_context(state);
            let alerts = Alerts::new(state);
            provide_context(alerts);
            out.set(Some((state, alerts)));
            view! { <AlertsSection/> }
        });
        let (state, alerts) = slot.get().expect("mounted");
        (root, state, alerts)
    };
    let (root, state, alerts) = mount_alerts();
    state.replace(burst());
    after_paints().await;
    let entries = |root: &HtmlElement| -> Vec<String> {
        let log = root
            .query_selector("[role=log][aria-label='Alert log']")
            .unwrap()
            .expect("the alert log");
        let items = log.query_selector_all("li").unwrap();
        (0..items.length())
            .filter_map(|i| items.item(i)?.text_content())
            .collect()
    };
    assert!(entries(&root).is_empty());

    alerts.after_refresh(&state.table.get_untracked(), t0, t0 + 720, t0 + 720);
    after_paints().await;
    let logged = entries(&root);
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(
        logged[0].contains("Failure rate 50.0% (6 of 12 logins), above 20.0%"),
        "{}",
        logged[0]
    );
    assert!(logged[0].contains("2024-01-15") && logged[0].ends_with("Show logins"));
    assert_eq!(document().title(), "(1) Workspace Login Records");

    // The burst is still there at the next refresh: no second alert.
    alerts.after_refresh(&state.table.get_untracked(), t0, t0 + 720, t0 + 780);
    after_paints().await;
    assert_eq!(
        entries(&root).len(),
        1,
        "a condition that stays true fires once"
    );
    assert_eq!(document().title(), "(1) Workspace Login Records");

    // "Show logins": the table shows the six failures of the interval.
    let link: HtmlElement = root
        .query_selector("[role=log] a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(link.text_content().as_deref(), Some("Show logins"));
    link.click();
    settle().await;
    assert_eq!(state.filtered.get_untracked().len(), 6);

    // Scrolled into view: the alert has been seen, the count goes.
    root.query_selector("[role=log]")
        .unwrap()
        .unwrap()
        .scroll_into_view();
    after_paints().await;
    assert_eq!(document().title(), "Workspace Login Records");

    // A valid edit is stored; a refused one shows why and keeps the last valid value.
    type_into(&root, "alert-rtt-ms", "250").await;
    assert_eq!(message(&root, "alert-rtt-ms"), None);
    type_into(&root, "alert-rtt-ms", "-4").await;
    assert_eq!(
        message(&root, "alert-rtt-ms").as_deref(),
        Some("Enter a whole number from 1 to 60000.")
    );
    assert_eq!(alerts.rules.get_untracked().rtt_p95.above_ms, 250);
    let check: HtmlInputElement = root
        .query_selector("#alert-new-location")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!check.checked(), "off by default");
    check.click();
    settle().await;
    let stored = storage.get_item(RULES_STORAGE_KEY).unwrap().unwrap();
    assert!(stored.contains("\"above_ms\":250"), "{stored}");

    // Loaded again (a reload): the stored rules, in the rules and in the fields.
    let (again, _, reloaded) = mount_alerts();
    settle().await;
    let rules = reloaded.rules.get_untracked();
    assert_eq!(rules.rtt_p95.above_ms, 250);
    assert!(rules.new_location.enabled);
    assert_eq!(input(&again, "alert-rtt-ms").value(), "250");
    assert!(input(&again, "alert-new-location").checked());
    storage.remove_item(RULES_STORAGE_KEY).unwrap();
    spacer.remove();
    for element in &hidden {
        element.style().remove_property("display").unwrap();
    }
    // "Show logins" jumped to #records: the other tests start without a fragment.
    let location = window().location();
    let path = location.pathname().unwrap() + &location.search().unwrap();
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&path),
    );
}
