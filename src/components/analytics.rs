//! Latency and login analytics over the rows the table shows: KPIs with the change against the
//! previous period, and the charts. Everything follows the table's one filter state; clicking a
//! bar narrows that filter, so table, KPIs and charts move together.

use leptos::prelude::*;
use logins_core::chart::{self, ChartModel, TimeLine};
use logins_core::records::columns::ColumnId;
use logins_core::records::table_action::TableAction;
use logins_core::stats::{
    bucket_seconds, change, concurrency_series, failure_reasons, hour_weekday, kpis, login_series,
    percentile_series, previous_period, rtt_histogram, time_span, values, Kpis, Metric,
};
use logins_core::text::num::fixed;

use crate::components::chart::ChartView;
use crate::table_state::TableState;

#[component]
pub fn Analytics() -> impl IntoView {
    let state = expect_context::<TableState>();
    let on_action = Callback::new(move |action| state.apply(action));

    let current = Memo::new(move |_| state.analyze(|a| kpis(&a.table, &a.rows)));
    let previous = Memo::new(move |_| {
        state.analyze(|a| {
            previous_period(&a.table, &a.filter, &a.bands, &a.rows)
                .map(|rows| kpis(&a.table, &rows))
        })
    });

    let histogram = move |metric: Metric, column: ColumnId, title: &'static str| {
        Memo::new(move |_| {
            let (v, bands) = state.analyze(|a| (values(&a.table, &a.rows, metric), a.bands));
            let bins: Vec<(i64, i64, usize)> = rtt_histogram(&v.sorted)
                .iter()
                .map(|b| (b.lo, b.hi, b.count))
                .collect();
            chart::histogram(
                title,
                column,
                &bins,
                &bands,
                (v.skipped.missing, v.skipped.invalid),
            )
        })
    };
    let rtt_metric = RwSignal::new(Metric::NetworkRtt);
    let rtt_over_time = Memo::new(move |_| {
        let metric = rtt_metric.get();
        let zone = state.zone();
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let Some((start, end)) = time_span(table, rows) else {
                return ChartModel::empty("RTT over time", "No connection times to chart.");
            };
            let bucket = bucket_seconds(end - start);
            let series = percentile_series(table, rows, metric, bucket);
            let pick = |f: fn(&logins_core::stats::PercentilePoint) -> Option<i64>| {
                series
                    .iter()
                    .map(|p| (p.start, f(p).map(|v| v as f64)))
                    .collect::<Vec<_>>()
            };
            let (p50, p95, p99) = (pick(|p| p.p50), pick(|p| p.p95), pick(|p| p.p99));
            let title = match metric {
                Metric::E2eRtt => "E2E RTT over time",
                _ => "Network RTT over time",
            };
            chart::time_lines(
                title,
                "ms",
                &[
                    TimeLine {
                        label: "p50",
                        class: "line-p50",
                        points: &p50,
                    },
                    TimeLine {
                        label: "p95",
                        class: "line-p95",
                        points: &p95,
                    },
                    TimeLine {
                        label: "p99",
                        class: "line-p99",
                        points: &p99,
                    },
                ],
                bucket,
                &zone,
                false,
            )
        })
    });
    let logins_over_time = Memo::new(move |_| {
        let zone = state.zone();
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let bucket = time_span(table, rows)
                .map(|(s, e)| bucket_seconds(e - s))
                .unwrap_or(3600);
            let points: Vec<(i64, usize, usize)> = login_series(table, rows, bucket)
                .iter()
                .map(|p| (p.start, p.succeeded, p.failed))
                .collect();
            chart::stacked_logins("Logins over time", &points, bucket, &zone)
        })
    });
    let heatmap = Memo::new(move |_| {
        let zone = state.zone();
        state.analyze(|a| {
            let grid = hour_weekday(&a.table, &a.rows, &|t| zone.offset_minutes(t));
            chart::heatmap("Logins by weekday and hour", &grid)
        })
    });
    let concurrency = Memo::new(move |_| {
        let zone = state.zone();
        let now = chrono::Utc::now().timestamp();
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let bucket = time_span(table, rows)
                .map(|(s, e)| bucket_seconds(e.max(now) - s))
                .unwrap_or(3600);
            let points: Vec<(i64, Option<f64>)> = concurrency_series(table, rows, now, bucket)
                .iter()
                .map(|p| (p.start, Some(p.max_concurrent as f64)))
                .collect();
            chart::time_lines(
                "Concurrent sessions",
                "Sessions",
                &[TimeLine {
                    label: "open sessions (max)",
                    class: "line-count",
                    points: &points,
                }],
                bucket,
                &zone,
                true,
            )
        })
    });
    let reasons = Memo::new(move |_| {
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let items: Vec<_> = failure_reasons(table, rows)
                .into_iter()
                .take(15)
                .map(|r| {
                    let text = format!("{} ({}%)", r.count, fixed(r.share * 100.0, 1, false));
                    let action = Some(TableAction::Filter(r.filter()));
                    (r.reason, r.count as f64, text, action)
                })
                .collect();
            chart::ranked_bars("Failure reasons", "Failures (share)", &items, "mark-failed")
        })
    });

    view! {
        <section class="panel analytics" aria-labelledby="analytics-heading">
            <div class="section-head">
                <h2 id="analytics-heading">"Analytics"</h2>
                <p class="field-help">
                    "Of the rows the table shows. Percentiles are nearest-rank; missing and invalid "
                    "values are skipped and counted, never taken as zero."
                </p>
            </div>
            <KpiStrip current previous/>
            <div class="charts">
                <ChartView model=histogram(Metric::NetworkRtt, ColumnId::NetworkRtt, "Network RTT") on_action/>
                <ChartView model=histogram(Metric::E2eRtt, ColumnId::E2eRtt, "E2E RTT") on_action/>
                <div>
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || rtt_metric.get() == Metric::E2eRtt
                            on:change=move |ev| rtt_metric.set(if event_target_checked(&ev) { Metric::E2eRtt } else { Metric::NetworkRtt })
                        />
                        "RTT over time: show E2E RTT instead of network RTT"
                    </label>
                    <ChartView model=rtt_over_time on_action/>
                </div>
                <ChartView model=logins_over_time on_action/>
                <ChartView model=heatmap on_action/>
                <ChartView model=concurrency on_action/>
                <ChartView model=reasons on_action/>
            </div>
        </section>
    }
}

/// The KPI strip: each figure with its change against the previous period when there is one.
#[component]
fn KpiStrip(current: Memo<Kpis>, previous: Memo<Option<Kpis>>) -> impl IntoView {
    type Pick = fn(&Kpis) -> Option<f64>;
    type Show = fn(f64) -> String;
    let figures: [(&str, Pick, Show); 11] = [
        ("Logins", |k| Some(k.logins as f64), |v| fixed(v, 0, false)),
        (
            "Unique users",
            |k| Some(k.unique_users as f64),
            |v| fixed(v, 0, false),
        ),
        (
            "Unique desktops",
            |k| Some(k.unique_desktops as f64),
            |v| fixed(v, 0, false),
        ),
        (
            "Failure rate",
            |k| k.failure_rate,
            |v| format!("{}%", fixed(v * 100.0, 1, false)),
        ),
        (
            "Reconnect rate",
            |k| k.reconnect_rate,
            |v| format!("{}%", fixed(v * 100.0, 1, false)),
        ),
        (
            "Network RTT p50",
            |k| k.network_p50.map(|v| v as f64),
            |v| format!("{} ms", fixed(v, 0, false)),
        ),
        (
            "Network RTT p95",
            |k| k.network_p95.map(|v| v as f64),
            |v| format!("{} ms", fixed(v, 0, false)),
        ),
        (
            "E2E RTT p50",
            |k| k.e2e_p50.map(|v| v as f64),
            |v| format!("{} ms", fixed(v, 0, false)),
        ),
        (
            "E2E RTT p95",
            |k| k.e2e_p95.map(|v| v as f64),
            |v| format!("{} ms", fixed(v, 0, false)),
        ),
        (
            "Median setup time",
            |k| k.setup_median_s.map(|v| v as f64),
            |v| logins_core::time::format::format_duration(logins_core::i18n::Lang::En, v as i64),
        ),
        (
            "Median session",
            |k| k.duration_median_s.map(|v| v as f64),
            |v| logins_core::time::format::format_duration(logins_core::i18n::Lang::En, v as i64),
        ),
    ];
    view! {
        <dl class="kpis">
            {figures
                .into_iter()
                .map(|(label, pick, show)| {
                    let value = move || current.with(pick).map(show).unwrap_or_else(|| "–".to_owned());
                    let delta = move || {
                        let now = current.with(pick);
                        let before = previous.with(|p| p.as_ref().and_then(pick));
                        change(now, before).map(|c| match c.relative {
                            Some(r) => format!("{}% vs previous period", fixed(r * 100.0, 1, true)),
                            None => format!("{} before", show(c.previous)),
                        })
                    };
                    view! {
                        <div class="kpi">
                            <dt>{label}</dt>
                            <dd>{move || value()}<span class="change">{move || delta()}</span></dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
