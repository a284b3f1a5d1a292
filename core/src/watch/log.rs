//! The alert log: what fired, when, newest first, bounded so a tab left open for days keeps a
//! bounded memory; and how many alerts the user has not looked at (the title's "(2) ...").

use std::collections::VecDeque;

use crate::i18n::Lang;
use crate::product::document_title;

use super::rules::Condition;

/// The most alerts the log keeps; older ones are dropped.
pub const MAX_ALERTS: usize = 500;

/// One alert: a condition that became true at `at` (Unix seconds).
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub at: i64,
    pub condition: Condition,
}

/// The session's alerts, newest first.
#[derive(Clone, Debug, Default)]
pub struct AlertLog {
    alerts: VecDeque<Alert>,
    unseen: usize,
}

impl AlertLog {
    /// Adds what fired at `at`, dropping the oldest beyond [`MAX_ALERTS`].
    pub fn record(&mut self, at: i64, fired: Vec<Condition>) {
        for condition in fired {
            self.alerts.push_front(Alert { at, condition });
            self.unseen = (self.unseen + 1).min(MAX_ALERTS);
        }
        self.alerts.truncate(MAX_ALERTS);
    }

    /// The alerts, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Alert> {
        self.alerts.iter()
    }

    pub fn len(&self) -> usize {
        self.alerts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alerts.is_empty()
    }

    /// Alerts since the user last looked at the log.
    pub fn unseen(&self) -> usize {
        self.unseen
    }

    /// The user looked at the log.
    pub fn mark_seen(&mut self) {
        self.unseen = 0;
    }

    /// The document title in `lang`: the product name, after the unseen count while there is
    /// one, so a background tab says that something happened.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::watch::log::AlertLog;
    /// assert_eq!(AlertLog::title(Lang::En, 2), "(2) Workspace Login Records");
    /// assert_eq!(AlertLog::title(Lang::Zh, 2), "(2) 云桌面登录记录");
    /// assert_eq!(AlertLog::title(Lang::En, 0), "Workspace Login Records");
    /// ```
    pub fn title(lang: Lang, unseen: usize) -> String {
        let product = document_title(lang, None);
        match unseen {
            0 => product,
            n => format!("({n}) {product}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::rules::{Concerned, ConditionKey, Finding};

    fn condition(n: usize) -> Condition {
        Condition {
            key: ConditionKey::Streak {
                user: format!("u{n}"),
            },
            finding: Finding::Streak {
                user: format!("u{n}"),
                failures: 3,
            },
            concerned: Concerned {
                from: 0,
                to: 0,
                user: None,
                failed_only: true,
            },
        }
    }

    #[test]
    fn the_log_is_bounded_newest_first_and_counts_unseen() {
        let mut log = AlertLog::default();
        for n in 0..(MAX_ALERTS + 20) {
            log.record(n as i64, vec![condition(n)]);
        }
        assert_eq!(log.len(), MAX_ALERTS);
        assert_eq!(log.iter().next().unwrap().at, (MAX_ALERTS + 19) as i64);
        assert_eq!(log.iter().last().unwrap().at, 20);
        assert_eq!(log.unseen(), MAX_ALERTS);
        log.mark_seen();
        assert_eq!(log.unseen(), 0);
        log.record(9999, vec![condition(1), condition(2)]);
        assert_eq!(log.unseen(), 2);
    }

    #[test]
    fn the_title_counts_unseen_alerts_in_both_languages() {
        let mut log = AlertLog::default();
        log.record(1, vec![condition(1), condition(2)]);
        assert_eq!(
            AlertLog::title(Lang::En, log.unseen()),
            "(2) Workspace Login Records"
        );
        assert_eq!(
            AlertLog::title(Lang::Zh, log.unseen()),
            "(2) 云桌面登录记录"
        );
        log.mark_seen();
        assert_eq!(AlertLog::title(Lang::Zh, log.unseen()), "云桌面登录记录");
    }
}
