//! What people read for a phase and for one login's analysis, in either language: the six
//! known phases by Huawei's names, an unknown one by its API name (which the view marks as not
//! to be translated), and the "Slowest phase" cell, which says "not analyzed" rather than show
//! a missing value as zero.

use super::analysis::LoginPhases;
use super::answer::Phase;
use super::slowest::{slowest_text, SlowestPhase};
use crate::i18n::{stages as t, Lang, Text};

/// The name of a known phase; `None` for a phase the app does not know (show its
/// [`Phase::api_name`] as sent).
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::stages::{phase_text, Phase};
/// assert_eq!(phase_text(&Phase::MfaAuth).unwrap().get(Lang::Zh), "辅助认证");
/// assert_eq!(phase_text(&Phase::Other("VPN".into())), None);
/// ```
pub fn phase_text(phase: &Phase) -> Option<Text> {
    Some(match phase {
        Phase::Login => t::PHASE_LOGIN,
        Phase::Preconnect => t::PHASE_PRECONNECT,
        Phase::Connect => t::PHASE_CONNECT,
        Phase::MainAuth => t::PHASE_MAIN_AUTH,
        Phase::MfaAuth => t::PHASE_MFA_AUTH,
        Phase::ClickIcon => t::PHASE_CLICK_ICON,
        Phase::Other(_) => return None,
    })
}

/// The phase's name in `lang`, or its API name when unknown (for sentences and charts).
pub fn phase_name(lang: Lang, phase: &Phase) -> String {
    phase_text(phase).map_or_else(
        || phase.api_name().to_owned(),
        |text| text.get(lang).to_owned(),
    )
}

/// The "Slowest phase" cell of one login in `lang`: the phase's name, "not analyzed", "no
/// phases", "no phase durations" or "analysis failed (HTTP 503)"; never a zero.
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::stages::{slowest_phase_cell, LoginPhases};
/// assert_eq!(slowest_phase_cell(Lang::Zh, &LoginPhases::NotAnalyzed), "未分析");
/// ```
pub fn slowest_phase_cell(lang: Lang, phases: &LoginPhases<'_>) -> String {
    // One rule for the row detail and the table's column: super::slowest's.
    match phases {
        LoginPhases::NotAnalyzed => slowest_text(lang, None),
        LoginPhases::Failed(kind) => SlowestPhase::Failed(*kind).text(lang),
        LoginPhases::Analyzed(answer) => SlowestPhase::of(answer).text(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paging::FailureKind;
    use crate::stages::answer::{Stage, StagesAnswer};

    #[test]
    fn known_phases_have_huaweis_names_and_unknown_ones_their_api_name() {
        let zh: Vec<String> = Phase::KNOWN
            .iter()
            .map(|p| phase_name(Lang::Zh, p))
            .collect();
        assert_eq!(
            zh,
            [
                "登录",
                "预连接",
                "正式连接",
                "主认证",
                "辅助认证",
                "点击应用/桌面"
            ]
        );
        for phase in Phase::KNOWN {
            // The English names are the ones Phase::label gives (one vocabulary).
            assert_eq!(phase_name(Lang::En, &phase), phase.label());
        }
        let other = Phase::Other("GPU_WARMUP".into());
        assert_eq!(phase_name(Lang::Zh, &other), "GPU_WARMUP");
        assert_eq!(phase_name(Lang::En, &other), "GPU_WARMUP");
    }

    #[test]
    fn the_slowest_phase_cell_in_both_languages_never_a_zero() {
        let answer = StagesAnswer {
            stages: vec![
                Stage {
                    phase: Some(Phase::MainAuth),
                    duration_ms: Some(3),
                    ..Stage::default()
                },
                Stage {
                    phase: Some(Phase::Connect),
                    duration_ms: Some(9000),
                    ..Stage::default()
                },
            ],
            ..StagesAnswer::default()
        };
        let cell = |lang, p: &LoginPhases<'_>| slowest_phase_cell(lang, p);
        assert_eq!(
            cell(Lang::En, &LoginPhases::Analyzed(&answer)),
            "Connection"
        );
        assert_eq!(cell(Lang::Zh, &LoginPhases::Analyzed(&answer)), "正式连接");
        assert_eq!(cell(Lang::En, &LoginPhases::NotAnalyzed), "not analyzed");
        assert_eq!(cell(Lang::Zh, &LoginPhases::NotAnalyzed), "未分析");
        let empty = StagesAnswer::default();
        assert_eq!(cell(Lang::En, &LoginPhases::Analyzed(&empty)), "no phases");
        assert_eq!(cell(Lang::Zh, &LoginPhases::Analyzed(&empty)), "无阶段");
        let untimed = StagesAnswer {
            stages: vec![Stage {
                phase: Some(Phase::Login),
                ..Stage::default()
            }],
            ..StagesAnswer::default()
        };
        assert_eq!(
            cell(Lang::Zh, &LoginPhases::Analyzed(&untimed)),
            "无阶段时长"
        );
        let failed = LoginPhases::Failed(FailureKind::Status(503));
        assert_eq!(cell(Lang::En, &failed), "analysis failed (HTTP 503)");
        assert_eq!(cell(Lang::Zh, &failed), "分析失败 (HTTP 503)");
        let network = LoginPhases::Failed(FailureKind::Network);
        assert_eq!(cell(Lang::Zh, &network), "分析失败");
    }
}

/// The analysis's status line in `lang`: "120 of 500 logins analyzed", then how many could not
/// be read, then why it paused (cancelled, or stopped by a refusal).
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::stages::{analysis_sentence, StagesProgress};
/// let p = StagesProgress { total: 500, analyzed: 120, remaining: 380, ..Default::default() };
/// assert_eq!(analysis_sentence(Lang::Zh, &p), "已分析 120 / 500 次登录");
/// ```
pub fn analysis_sentence(lang: Lang, progress: &super::analysis::StagesProgress) -> String {
    let mut out = t::ANALYZED_OF.fill(
        lang,
        &[&progress.analyzed.to_string(), &progress.total.to_string()],
    );
    let sep = match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    };
    if progress.failed > 0 {
        out.push_str(sep);
        out.push_str(&t::FAILED_LOGINS.fill(lang, &[&progress.failed.to_string()]));
    }
    if progress.stopped.is_some() {
        out.push_str(sep);
        out.push_str(t::STOPPED.get(lang));
    } else if progress.paused && progress.remaining > 0 {
        out.push_str(sep);
        out.push_str(t::CANCELLED.get(lang));
    }
    out
}

#[cfg(test)]
mod sentence_tests {
    use super::*;
    use crate::paging::FailureKind;
    use crate::stages::analysis::StagesProgress;

    #[test]
    fn the_status_line_in_both_languages() {
        let mut p = StagesProgress {
            total: 500,
            analyzed: 498,
            failed: 2,
            ..Default::default()
        };
        assert_eq!(
            analysis_sentence(Lang::En, &p),
            "498 of 500 logins analyzed; 2 could not be read"
        );
        assert_eq!(
            analysis_sentence(Lang::Zh, &p),
            "已分析 498 / 500 次登录；2 次读取失败"
        );
        p = StagesProgress {
            total: 500,
            analyzed: 7,
            remaining: 493,
            paused: true,
            ..Default::default()
        };
        assert_eq!(
            analysis_sentence(Lang::En, &p),
            "7 of 500 logins analyzed; Cancelled: Resume analyzes the rest."
        );
        p.stopped = Some(FailureKind::Status(403));
        assert_eq!(
            analysis_sentence(Lang::Zh, &p),
            "已分析 7 / 500 次登录；已停止：服务拒绝了请求。只有此分析停止。"
        );
    }
}
