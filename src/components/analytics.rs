//! Latency and login analytics over the rows the table shows: KPIs with the change against the
//! previous period, and the charts. Everything follows the table's one filter state; clicking a
//! bar narrows that filter, so table, KPIs and charts move together.

use leptos::prelude::*;
use logins_core::chart::{self, ChartModel, TimeLine};
use logins_core::i18n::analytics as t;
use logins_core::records::columns::ColumnId;
use logins_core::stats::{
    bucket_seconds, concurrency_series, failure_reasons, hour_weekday, kpis, login_series,
    previous_period, project_lines, rtt_histogram, time_span, values, Kpis, Metric,
    PercentilePoint, KPI_FIGURES,
};

use crate::components::chart::ChartView;
use crate::locale::use_locale;
use crate::memo::memo;
use crate::table_state::TableState;

/// Each chart is two memos: its statistics, which follow the table's rows (and the zone where
/// hours matter), and its model, which lays them out in the current language and zone. A
/// switch of language or zone lays the charts out again from the same numbers: no statistic is
/// recomputed over the rows, nothing is fetched.
#[component]
pub fn Analytics() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let on_action = Callback::new(move |action| state.apply(action));

    let current = memo(move || state.analyze(|a| kpis(&a.table, &a.rows)));
    let previous = memo(move || {
        state.analyze(|a| {
            previous_period(&a.table, &a.filter, &a.bands, &a.rows)
                .map(|rows| kpis(&a.table, &rows))
        })
    });

    let histogram = move |metric: Metric, column: ColumnId| {
        let stats = memo(move || {
            let (v, bands) = state.analyze(|a| (values(&a.table, &a.rows, metric), a.bands));
            let bins: Vec<(i64, i64, usize)> = rtt_histogram(&v.sorted)
                .iter()
                .map(|b| (b.lo, b.hi, b.count))
                .collect();
            (bins, bands, (v.skipped.missing, v.skipped.invalid))
        });
        memo(move || {
            let lang = locale.lang();
            stats.with(|(bins, bands, skipped)| {
                chart::histogram(
                    lang,
                    metric.label().get(lang),
                    column,
                    bins,
                    bands,
                    *skipped,
                )
            })
        })
    };
    let rtt_metric = RwSignal::new(Metric::NetworkRtt);
    // With records of several projects: one p95 line per project (the user may go back to the
    // p50/p95/p99 of all of them).
    let per_project = RwSignal::new(true);
    // (bucket, lines), or `None` when no row has a connection time.
    let rtt_series = memo(move || {
        let metric = rtt_metric.get();
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let (start, end) = time_span(table, rows)?;
            let bucket = bucket_seconds(end - start);
            Some((
                bucket,
                project_lines(table, rows, metric, bucket, chart::MAX_GROUP_LINES),
            ))
        })
    });
    let several_projects =
        move || rtt_series.with(|s| s.as_ref().is_some_and(|(_, l)| !l.per_project.is_empty()));
    let too_many_projects = move || rtt_series.with(|s| s.as_ref().and_then(|(_, l)| l.too_many));
    let rtt_over_time = memo(move || {
        let lang = locale.lang();
        let zone = state.zone();
        let metric = rtt_metric.get();
        let title = match metric {
            Metric::E2eRtt => t::E2E_RTT_OVER_TIME,
            _ => t::NETWORK_RTT_OVER_TIME,
        };
        let by_project = per_project.get();
        rtt_series.with(|series| {
            let Some((bucket, lines)) = series else {
                return ChartModel::empty(
                    t::RTT_OVER_TIME.get(lang),
                    t::NO_CONNECTION_TIMES.get(lang),
                );
            };
            if by_project && !lines.per_project.is_empty() {
                let title = match metric {
                    Metric::E2eRtt => t::E2E_RTT_P95_BY_PROJECT,
                    _ => t::NETWORK_RTT_P95_BY_PROJECT,
                };
                return chart::lines_per_group(
                    lang,
                    title.get(lang),
                    "ms",
                    &lines.per_project,
                    |p| p.p95,
                    t::MISSING.get(lang),
                    *bucket,
                    &zone,
                );
            }
            let series = &lines.overall;
            let pick = |f: fn(&PercentilePoint) -> Option<i64>| {
                series
                    .iter()
                    .map(|p| (p.start, f(p).map(|v| v as f64)))
                    .collect::<Vec<_>>()
            };
            let (p50, p95, p99) = (pick(|p| p.p50), pick(|p| p.p95), pick(|p| p.p99));
            chart::time_lines(
                lang,
                title.get(lang),
                "ms",
                &[
                    TimeLine {
                        label: "p50",
                        class: "line-p50",
                        points: &p50,
                        raw: false,
                    },
                    TimeLine {
                        label: "p95",
                        class: "line-p95",
                        points: &p95,
                        raw: false,
                    },
                    TimeLine {
                        label: "p99",
                        class: "line-p99",
                        points: &p99,
                        raw: false,
                    },
                ],
                *bucket,
                &zone,
                false,
            )
        })
    });
    let login_counts = memo(move || {
        state.analyze(|a| {
            let (table, rows) = (&*a.table, &a.rows[..]);
            let bucket = time_span(table, rows)
                .map(|(s, e)| bucket_seconds(e - s))
                .unwrap_or(3600);
            let points: Vec<(i64, usize, usize)> = login_series(table, rows, bucket)
                .iter()
                .map(|p| (p.start, p.succeeded, p.failed))
                .collect();
            (bucket, points)
        })
    });
    let logins_over_time = memo(move || {
        let lang = locale.lang();
        let zone = state.zone();
        login_counts.with(|(bucket, points)| {
            chart::stacked_logins(lang, t::LOGINS_OVER_TIME.get(lang), points, *bucket, &zone)
        })
    });
    // The hours are the zone's, so this statistic follows the zone too.
    let weekday_hours = memo(move || {
        let zone = state.zone();
        state.analyze(|a| hour_weekday(&a.table, &a.rows, &|secs| zone.offset_minutes(secs)))
    });
    let heatmap = memo(move || {
        let lang = locale.lang();
        weekday_hours.with(|grid| chart::heatmap(lang, t::LOGINS_BY_WEEKDAY_HOUR.get(lang), grid))
    });
    let sessions = memo(move || {
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
            (bucket, points)
        })
    });
    let concurrency = memo(move || {
        let lang = locale.lang();
        let zone = state.zone();
        sessions.with(|(bucket, points)| {
            chart::time_lines(
                lang,
                t::CONCURRENT_SESSIONS.get(lang),
                t::SESSIONS_AXIS.get(lang),
                &[TimeLine {
                    label: t::OPEN_SESSIONS_MAX.get(lang),
                    class: "line-count",
                    points,
                    raw: false,
                }],
                *bucket,
                &zone,
                true,
            )
        })
    });
    let reason_counts = memo(move || {
        state.analyze(|a| {
            let mut reasons = failure_reasons(&a.table, &a.rows);
            reasons.truncate(chart::TOP_REASONS);
            reasons
        })
    });
    let reasons = memo(move || {
        let lang = locale.lang();
        reason_counts.with(|r| chart::failure_reasons_chart(lang, r))
    });

    view! {
        <section class="panel analytics" aria-labelledby="analytics-heading">
            <div class="section-head">
                <h2 id="analytics-heading">{locale.tr(t::HEADING)}</h2>
                <p class="field-help">{locale.tr(t::HELP)}</p>
            </div>
            <KpiStrip current previous/>
            <div class="charts">
                <ChartView model=histogram(Metric::NetworkRtt, ColumnId::NetworkRtt) on_action/>
                <ChartView model=histogram(Metric::E2eRtt, ColumnId::E2eRtt) on_action/>
                <div>
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || rtt_metric.get() == Metric::E2eRtt
                            on:change=move |ev| rtt_metric.set(if event_target_checked(&ev) { Metric::E2eRtt } else { Metric::NetworkRtt })
                        />
                        {locale.tr(t::RTT_METRIC_TOGGLE)}
                    </label>
                    <Show when=several_projects>
                        <label class="choice">
                            <input
                                type="checkbox"
                                prop:checked=move || per_project.get()
                                on:change=move |ev| per_project.set(event_target_checked(&ev))
                            />
                            {locale.tr(t::LINE_PER_PROJECT)}
                        </label>
                    </Show>
                    <ChartView model=rtt_over_time on_action/>
                    {move || too_many_projects().map(|n| view! {
                        <p class="field-help">
                            {t::TOO_MANY_PROJECTS.fill(locale.lang(), &[&n.to_string(), &chart::MAX_GROUP_LINES.to_string()])}
                        </p>
                    })}
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
/// The values follow the KPIs' memos; only the words follow the language.
#[component]
fn KpiStrip(current: Memo<Kpis>, previous: Memo<Option<Kpis>>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <dl class="kpis">
            {KPI_FIGURES
                .into_iter()
                .map(|figure| {
                    let value = move || current.with(|k| figure.value(locale.lang(), k));
                    let delta = move || {
                        let lang = locale.lang();
                        current.with(|now| previous.with(|before| figure.change(lang, now, before.as_ref())))
                    };
                    view! {
                        <div class="kpi">
                            <dt>{locale.tr(figure.name)}</dt>
                            <dd>{move || value()}<span class="change">{move || delta()}</span></dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
