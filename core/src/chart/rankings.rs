//! The two ranked charts of the analytics, from their statistics: failure reasons (with their
//! share of the failures) and the users with the worst p95 network RTT.

use super::ranked_bars::{ranked_bars, RankedBar};
use super::ChartModel;
use crate::i18n::analytics as t;
use crate::i18n::Lang;
use crate::records::table_action::TableAction;
use crate::stats::{Dimension, Group, ReasonCount};
use crate::text::num::fixed;

/// How many failure reasons the chart ranks.
pub const TOP_REASONS: usize = 15;

/// "Failure reasons": a bar per reason (as the API sent it) with its count and share; a click
/// filters to it.
pub fn failure_reasons_chart(lang: Lang, reasons: &[ReasonCount]) -> ChartModel {
    let bars: Vec<RankedBar> = reasons
        .iter()
        .take(TOP_REASONS)
        .map(|r| RankedBar {
            label: r.reason.clone(),
            raw: true,
            value: r.count as f64,
            text: format!("{} ({}%)", r.count, fixed(r.share * 100.0, 1, false)),
            action: Some(TableAction::Filter(r.filter())),
        })
        .collect();
    ranked_bars(
        lang,
        t::FAILURE_REASONS.get(lang),
        t::FAILURES_SHARE.get(lang),
        &bars,
        "mark-failed",
    )
}

/// "Top 20 users by p95 network RTT", from `top` (groups by user, worst first): a click
/// filters to the user. The group without a user is named in `lang` and filters nothing.
pub fn top_users_chart(lang: Lang, top: &[Group]) -> ChartModel {
    let bars: Vec<RankedBar> = top
        .iter()
        .map(|g| {
            let p95 = g.network_p95.unwrap_or(0);
            RankedBar {
                label: g.name(lang).to_owned(),
                raw: !g.missing_key,
                value: p95 as f64,
                text: t::TOP_USER_VALUE.fill(lang, &[&p95.to_string(), &g.count.to_string()]),
                action: Dimension::User.filter_for(g).map(TableAction::Filter),
            }
        })
        .collect();
    ranked_bars(
        lang,
        t::TOP_USERS_BY_P95.get(lang),
        t::P95_NETWORK_RTT.get(lang),
        &bars,
        "mark-poor",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::rects;
    use crate::stats::MISSING_KEY;

    fn user(key: &str, p95: i64, count: usize) -> Group {
        Group {
            key: key.to_owned(),
            missing_key: key == MISSING_KEY,
            subnet: None,
            count,
            failures: 0,
            failure_rate: 0.0,
            reconnect_rate: 0.0,
            reconnect_unknown: 0,
            network_p50: Some(p95 / 2),
            network_p95: Some(p95),
            e2e_p50: None,
            e2e_p95: None,
        }
    }

    #[test]
    fn top_users_in_each_language() {
        let top = [user("alice", 300, 5), user(MISSING_KEY, 200, 2)];
        let en = top_users_chart(Lang::En, &top);
        assert_eq!(en.title, "Top 20 users by p95 network RTT");
        assert_eq!(
            rects(&en),
            [
                ("mark-poor", "alice: 300 ms (5 logins)"),
                ("mark-poor", "(missing): 200 ms (2 logins)")
            ]
        );
        assert_eq!(en.table.headers[1], "p95 network RTT");
        let zh = top_users_chart(Lang::Zh, &top);
        assert_eq!(zh.title, "p95 网络时延最高的 20 个用户");
        assert_eq!(
            rects(&zh),
            [
                ("mark-poor", "alice：300 ms（5 次登录）"),
                ("mark-poor", "（无值）：200 ms（2 次登录）")
            ]
        );
        assert_eq!(zh.table.raw_cells, [(0, 0)]);
        // The same click in both languages; none for the group without a user.
        let actions = |c: &ChartModel| -> Vec<Option<TableAction>> {
            c.marks
                .iter()
                .filter_map(|m| match m {
                    super::super::Mark::Rect { action, .. } => Some(action.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(actions(&en), actions(&zh));
        assert!(actions(&zh)[0].is_some() && actions(&zh)[1].is_none());
    }

    #[test]
    fn failure_reasons_in_each_language() {
        let reasons = [ReasonCount {
            reason: "timeout".into(),
            count: 3,
            share: 0.75,
        }];
        let en = failure_reasons_chart(Lang::En, &reasons);
        assert_eq!(en.title, "Failure reasons");
        assert_eq!(rects(&en), [("mark-failed", "timeout: 3 (75.0%)")]);
        assert_eq!(en.table.headers, ["", "Failures (share)"]);
        let zh = failure_reasons_chart(Lang::Zh, &reasons);
        assert_eq!(zh.title, "连接失败原因");
        assert_eq!(rects(&zh), [("mark-failed", "timeout：3 (75.0%)")]);
        assert_eq!(zh.table.headers, ["", "失败次数（占比）"]);
        assert_eq!(zh.summary, "连接失败原因：1 项，按失败次数（占比）排序。");
        assert_eq!(
            failure_reasons_chart(Lang::Zh, &[]).empty.as_deref(),
            Some("连接失败原因：没有可排名的项。")
        );
    }
}
