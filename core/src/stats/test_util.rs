//! A terse builder of records for the statistics' hand-computed tests.

use crate::records::record::{Record, Timestamp};
use crate::records::table::RecordTable;
use crate::time::format::format_unix;

/// One record under construction. [`table_of`] gives each a distinct transaction ID, so none
/// is dropped as a duplicate.
#[derive(Clone, Debug, Default)]
pub(crate) struct R(pub(crate) Record);

fn ts(secs: i64) -> Option<Timestamp> {
    Some(Timestamp::parse(&format_unix(secs)))
}

impl R {
    /// No start time.
    pub(crate) fn none() -> R {
        R::default()
    }

    /// Connection start at `secs`.
    pub(crate) fn at(secs: i64) -> R {
        R(Record {
            connection_start_time: ts(secs),
            ..Record::default()
        })
    }

    /// A start time that does not parse.
    pub(crate) fn start_text(text: &str) -> R {
        R(Record {
            connection_start_time: Some(Timestamp::parse(text)),
            ..Record::default()
        })
    }

    pub(crate) fn user(mut self, u: &str) -> R {
        self.0.user_name = Some(u.into());
        self
    }
    pub(crate) fn computer(mut self, c: &str) -> R {
        self.0.computer_name = Some(c.into());
        self
    }
    pub(crate) fn terminal(mut self, t: &str) -> R {
        self.0.terminal_type = Some(t.into());
        self
    }
    pub(crate) fn ip(mut self, ip: &str) -> R {
        self.0.public_ip = Some(ip.into());
        self
    }
    pub(crate) fn mac(mut self, mac: &str) -> R {
        self.0.terminal_mac = Some(mac.into());
        self
    }
    pub(crate) fn desktop_ip(mut self, ip: &str) -> R {
        self.0.desktop_ip = Some(ip.into());
        self
    }
    pub(crate) fn rtt(mut self, network: i64, e2e: i64) -> R {
        self.0.network_rtt = Some(network);
        self.0.e2e_rtt = Some(e2e);
        self
    }
    pub(crate) fn net(mut self, network: i64) -> R {
        self.0.network_rtt = Some(network);
        self
    }
    pub(crate) fn setup(mut self, secs: i64) -> R {
        self.0.connection_setup_time = ts(secs);
        self
    }
    pub(crate) fn setup_text(mut self, text: &str) -> R {
        self.0.connection_setup_time = Some(Timestamp::parse(text));
        self
    }
    pub(crate) fn end(mut self, secs: i64) -> R {
        self.0.connection_end_time = ts(secs);
        self
    }
    pub(crate) fn end_text(mut self, text: &str) -> R {
        self.0.connection_end_time = Some(Timestamp::parse(text));
        self
    }
    pub(crate) fn failed(mut self, reason: &str) -> R {
        self.0.connection_failure_reason = Some(reason.into());
        self
    }
    pub(crate) fn reconnect(mut self, r: bool) -> R {
        self.0.is_reconnect = Some(r);
        self
    }
    pub(crate) fn invalid_field(mut self, field: &'static str) -> R {
        self.0.invalid_fields.push(field);
        self
    }
}

/// A table holding exactly `records`, row `i` being `records[i]`.
pub(crate) fn table_of(records: Vec<R>) -> RecordTable {
    let n = records.len();
    let table = RecordTable::from_records(records.into_iter().enumerate().map(|(i, r)| Record {
        transaction_id: Some(format!("tx{i}")),
        ..r.0
    }));
    assert_eq!(table.len(), n);
    table
}
