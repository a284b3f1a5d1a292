//! One target of a run: a project in a region, as the records of several targets are told
//! apart in one table.
//!
//! Records fetched from several targets carry their [`Origin`] (`Record::region` and
//! `Record::project`): the table's Region and Project columns, the breakdowns and the
//! per-target deduplication read it. A run of one target tags nothing, so its table, exports and
//! share links are exactly those of a single project.

use crate::api::endpoint::Endpoint;
use crate::i18n::{form, Lang};
use crate::records::record::Record;

/// Where records came from, as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The region's ID (`cn-north-4`), or the host of a custom endpoint.
    pub region: String,
    /// The target's label, else its project ID.
    pub project: String,
}

impl Origin {
    /// The origin of records fetched from `endpoint` for `project_id`, named `label` when the
    /// user gave one.
    ///
    /// ```
    /// use logins_core::api::endpoint::Endpoint;
    /// use logins_core::api::target::Origin;
    /// let beijing = Endpoint::custom("https://workspace.cn-north-4.myhuaweicloud.com").unwrap();
    /// assert_eq!(Origin::of(&beijing, "p1", " "), Origin { region: "cn-north-4".into(), project: "p1".into() });
    /// let local = Endpoint::custom("http://127.0.0.1:8788").unwrap();
    /// assert_eq!(Origin::of(&local, "p1", "Lab").region, "127.0.0.1");
    /// ```
    pub fn of(endpoint: &Endpoint, project_id: &str, label: &str) -> Origin {
        let label = label.trim();
        Origin {
            region: endpoint
                .region()
                .map_or_else(|| endpoint.host().to_owned(), |r| r.id.to_owned()),
            project: if label.is_empty() {
                project_id.trim().to_owned()
            } else {
                label.to_owned()
            },
        }
    }

    /// Marks `records` as fetched from this origin.
    pub fn tag(&self, records: &mut [Record]) {
        for r in records {
            r.region = Some(self.region.clone());
            r.project = Some(self.project.clone());
        }
    }
}

/// A target's name: its label, else "Target N" (`index` from 0).
///
/// ```
/// use logins_core::api::target::target_name;
/// use logins_core::i18n::Lang;
/// assert_eq!(target_name(Lang::En, 1, ""), "Target 2");
/// assert_eq!(target_name(Lang::Zh, 0, ""), "目标 1");
/// assert_eq!(target_name(Lang::En, 0, " Beijing "), "Beijing");
/// ```
pub fn target_name(lang: Lang, index: usize, label: &str) -> String {
    let label = label.trim();
    if label.is_empty() {
        form::TARGET_N.fill(lang, &[&(index + 1).to_string()])
    } else {
        label.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::table::RecordTable;

    #[test]
    fn tagged_records_of_two_targets_stay_apart_in_one_table() {
        let beijing = Endpoint::custom("https://workspace.cn-north-4.myhuaweicloud.com").unwrap();
        let hong_kong =
            Endpoint::custom("https://workspace.ap-southeast-1.myhuaweicloud.com").unwrap();
        let login = Record {
            transaction_id: Some("tx-1".into()),
            ..Record::default()
        };
        let mut a = vec![login.clone()];
        let mut b = vec![login];
        Origin::of(&beijing, "p-bj", "").tag(&mut a);
        Origin::of(&hong_kong, "p-hk", "香港").tag(&mut b);
        assert_eq!(b[0].project.as_deref(), Some("香港"));
        assert_eq!(b[0].region.as_deref(), Some("ap-southeast-1"));
        let table = RecordTable::from_records(a.into_iter().chain(b));
        assert_eq!((table.len(), table.duplicates()), (2, 0));
    }
}
