//! A deterministic generator of realistic login records, for the demo, the stand-in server, the
//! tests and the benchmarks.
//!
//! Pure: no clock, no I/O, no global state. The caller passes the seed, the number of records and
//! "now" (Unix seconds); the same three give byte-identical data on every platform, natively and
//! in wasm32. The PRNG (SplitMix64) is written here so the crate needs no `rand` dependency.
//!
//! Memory: records are kept as compact rows (about 64 bytes each) that point into a small
//! population (sites, users, terminals, desktops); [`DemoData::record`] builds the full
//! [`Record`] only for the rows that are shown or sent. A million rows take ~64 MB and about
//! a second to generate in a release build.
//!
//! ```
//! use logins_core::demo::{DemoData, DemoSpec};
//! let data = DemoData::generate(&DemoSpec { seed: 7, records: 500, now_unix: 1_720_000_000 });
//! assert_eq!(data.len(), 500);
//! let newest = data.record(0);
//! let oldest = data.record(499);
//! let start = |r: &logins_core::records::record::Record| r.connection_start_time.as_ref()?.parsed;
//! assert!(start(&newest) >= start(&oldest));
//! ```

use chrono::DateTime;

use crate::records::record::{Record, Timestamp};
use crate::time::format::format_unix;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSpec {
    /// Same seed, same data.
    pub seed: u64,
    /// Number of records.
    pub records: usize,
    /// The newest possible connection start, in Unix seconds (the generator has no clock).
    pub now_unix: i64,
}

/// Generated data: a population and its rows, newest connection first.
#[derive(Clone, Debug)]
pub struct DemoData {
    sites: Vec<Site>,
    users: Vec<User>,
    terminals: Vec<Terminal>,
    desktops: Vec<Desktop>,
    rows: Vec<Row>,
}

/// A cheap view of one row, for filtering without building strings.
#[derive(Clone, Copy, Debug)]
pub struct DemoRow<'a> {
    data: &'a DemoData,
    row: &'a Row,
}

impl<'a> DemoRow<'a> {
    pub fn user_name(&self) -> &'a str {
        &self.data.users[self.row.user as usize].name
    }

    pub fn computer_name(&self) -> &'a str {
        &self.data.desktops[self.row.desktop as usize].name
    }

    pub fn terminal_type(&self) -> &'a str {
        TERMINAL_KINDS[self.data.terminals[self.row.terminal as usize].kind as usize].type_name
    }

    /// Connection start, Unix seconds.
    pub fn start_unix(&self) -> i64 {
        self.row.start
    }

    pub fn network_rtt(&self) -> Option<u32> {
        self.row
            .has_rtt()
            .then_some(u32::from(self.row.network_rtt))
    }

    pub fn e2e_rtt(&self) -> Option<u32> {
        self.row.has_rtt().then_some(u32::from(self.row.e2e_rtt))
    }

    pub fn public_ip(&self) -> Option<String> {
        self.data.public_ip(self.row)
    }

    pub fn enterprise_project_id(&self) -> &'a str {
        self.data.desktops[self.row.desktop as usize].enterprise_project_id
    }

    pub fn is_failure(&self) -> bool {
        self.row.failure != 0
    }

    pub fn is_reconnect(&self) -> bool {
        self.row.flags & RECONNECT != 0
    }

    pub fn is_ongoing(&self) -> bool {
        self.row.flags & ONGOING != 0
    }

    /// The full record.
    pub fn to_record(&self) -> Record {
        self.data.build(self.row)
    }
}

impl DemoData {
    /// Generates `spec.records` rows. Deterministic in `spec`.
    pub fn generate(spec: &DemoSpec) -> Self {
        Generator::new(spec).run()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at `index` (0 is the newest), or `None` past the end.
    pub fn get(&self, index: usize) -> Option<DemoRow<'_>> {
        self.rows.get(index).map(|row| DemoRow { data: self, row })
    }

    /// All rows, newest first.
    pub fn iter(&self) -> impl Iterator<Item = DemoRow<'_>> + '_ {
        self.rows.iter().map(move |row| DemoRow { data: self, row })
    }

    /// The full record at `index`. Panics past the end, like slice indexing.
    pub fn record(&self, index: usize) -> Record {
        self.build(&self.rows[index])
    }

    /// Number of distinct users in the population.
    pub fn user_count(&self) -> usize {
        self.users.len()
    }

    fn public_ip(&self, row: &Row) -> Option<String> {
        if row.flags & LEGACY != 0 {
            return Some("0.0.0.0".to_owned());
        }
        (row.flags & NO_PUBLIC_IP == 0).then(|| ipv4(row.public_ip))
    }

    fn build(&self, row: &Row) -> Record {
        let user = &self.users[row.user as usize];
        let terminal = &self.terminals[row.terminal as usize];
        let desktop = &self.desktops[row.desktop as usize];
        let site = &self.sites[user.site as usize];
        let kind = &TERMINAL_KINDS[terminal.kind as usize];
        let legacy = row.flags & LEGACY != 0;
        let failed = row.failure != 0;
        let public_ip = self.public_ip(row);
        let terminal_ip = ipv4(terminal.ip);
        let source_ip = if legacy || row.flags & NO_PUBLIC_IP != 0 {
            None
        } else if site.remote || kind.mobile {
            public_ip.clone()
        } else {
            Some(terminal_ip.clone())
        };
        let time = |secs: i64| Timestamp {
            raw: format_unix(secs),
            parsed: DateTime::from_timestamp(secs, 0),
        };
        Record {
            tenant_id: None,
            sid: (!legacy).then(|| desktop.sid.clone()),
            transaction_id: (!legacy).then(|| uuid(row.tx)),
            computer_name: Some(desktop.name.clone()),
            user_name: Some(user.name.clone()),
            terminal_mac: (row.flags & NO_MAC == 0).then(|| mac(terminal.mac)),
            terminal_name: Some(terminal.name.clone()),
            terminal_ip: (row.flags & NO_TERMINAL_IP == 0).then_some(terminal_ip),
            client_version: Some(version_string(
                CLIENT_VERSIONS[terminal.client_version as usize],
            )),
            terminal_type: Some(kind.type_name.to_owned()),
            agent_version: (row.flags & NO_AGENT == 0).then(|| {
                let v = AGENT_VERSIONS[desktop.agent_version as usize];
                format!("{}.{}", version_string(v), v.3)
            }),
            desktop_ip: Some(ipv4(desktop.ip)),
            connection_start_time: Some(time(row.start)),
            connection_setup_time: (!failed).then(|| time(row.start + i64::from(row.setup_s))),
            connection_end_time: (row.flags & ONGOING == 0)
                .then(|| time(row.start + i64::from(row.setup_s) + i64::from(row.duration_s))),
            is_reconnect: Some(row.flags & RECONNECT != 0),
            connection_failure_reason: failed
                .then(|| FAILURE_REASONS[usize::from(row.failure - 1)].0.to_owned()),
            network_rtt: row.has_rtt().then_some(i64::from(row.network_rtt)),
            e2e_rtt: row.has_rtt().then_some(i64::from(row.e2e_rtt)),
            source_ip,
            public_ip,
            enterprise_project_id: (!legacy).then(|| desktop.enterprise_project_id.to_owned()),
            desktop_id: (!legacy).then(|| desktop.id.clone()),
            invalid_fields: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Population

#[derive(Clone, Debug)]
struct Site {
    /// Hours east of UTC, for the working-hours pattern.
    utc_offset_h: i64,
    /// Users at home: terminal IPs on home routers, public IPs from ISP pools.
    remote: bool,
    /// Median network RTT of the site, ms.
    rtt_base: f64,
    public_ips: Vec<u32>,
    lan: u32,
    desktop_subnet: u32,
}

#[derive(Clone, Debug)]
struct User {
    name: String,
    site: u16,
    /// First index into `terminals`, and how many.
    terminals: (u32, u8),
    desktops: (u32, u8),
    rtt_factor: f32,
    home_ip: u32,
}

#[derive(Clone, Debug)]
struct Terminal {
    kind: u8,
    name: String,
    mac: u64,
    ip: u32,
    client_version: u8,
}

#[derive(Clone, Debug)]
struct Desktop {
    name: String,
    ip: u32,
    sid: String,
    id: String,
    agent_version: u8,
    enterprise_project_id: &'static str,
}

#[derive(Clone, Copy, Debug)]
struct Row {
    start: i64,
    tx: u64,
    user: u32,
    terminal: u32,
    desktop: u32,
    public_ip: u32,
    setup_s: u32,
    duration_s: u32,
    network_rtt: u16,
    e2e_rtt: u16,
    /// 0: success; otherwise 1 + index into `FAILURE_REASONS`.
    failure: u8,
    flags: u8,
}

const RECONNECT: u8 = 1;
const ONGOING: u8 = 2;
/// Shaped like the API doc's example: no sid, transaction ID, RTTs or source IP; public IP 0.0.0.0.
const LEGACY: u8 = 4;
const NO_MAC: u8 = 8;
const NO_TERMINAL_IP: u8 = 16;
const NO_AGENT: u8 = 32;
const NO_PUBLIC_IP: u8 = 64;
const NO_RTT: u8 = 128;

impl Row {
    fn has_rtt(&self) -> bool {
        self.failure == 0 && self.flags & (LEGACY | NO_RTT) == 0
    }
}

struct SiteTemplate {
    utc_offset_h: i64,
    remote: bool,
    rtt_base: f64,
    weight: f64,
}

const SITES: [SiteTemplate; 6] = [
    SiteTemplate {
        utc_offset_h: 8,
        remote: false,
        rtt_base: 9.0,
        weight: 0.34,
    },
    SiteTemplate {
        utc_offset_h: 8,
        remote: false,
        rtt_base: 16.0,
        weight: 0.22,
    },
    SiteTemplate {
        utc_offset_h: 8,
        remote: false,
        rtt_base: 24.0,
        weight: 0.14,
    },
    SiteTemplate {
        utc_offset_h: 8,
        remote: true,
        rtt_base: 38.0,
        weight: 0.18,
    },
    SiteTemplate {
        utc_offset_h: 8,
        remote: false,
        rtt_base: 72.0,
        weight: 0.07,
    },
    SiteTemplate {
        utc_offset_h: 1,
        remote: false,
        rtt_base: 165.0,
        weight: 0.05,
    },
];

struct TerminalKind {
    type_name: &'static str,
    weight: f64,
    mobile: bool,
}

const TERMINAL_KINDS: [TerminalKind; 10] = [
    TerminalKind {
        type_name: "Windows 10",
        weight: 0.33,
        mobile: false,
    },
    TerminalKind {
        type_name: "Windows 11",
        weight: 0.27,
        mobile: false,
    },
    TerminalKind {
        type_name: "Windows 7",
        weight: 0.02,
        mobile: false,
    },
    TerminalKind {
        type_name: "macOS",
        weight: 0.09,
        mobile: false,
    },
    TerminalKind {
        type_name: "Linux",
        weight: 0.05,
        mobile: false,
    },
    TerminalKind {
        type_name: "Android",
        weight: 0.05,
        mobile: true,
    },
    TerminalKind {
        type_name: "iOS",
        weight: 0.04,
        mobile: true,
    },
    TerminalKind {
        type_name: "HUAWEI TC",
        weight: 0.07,
        mobile: false,
    },
    TerminalKind {
        type_name: "UOS",
        weight: 0.03,
        mobile: false,
    },
    TerminalKind {
        type_name: "WI",
        weight: 0.05,
        mobile: false,
    },
];

/// (major, minor, patch, build); newest first, with a long tail of old releases.
const CLIENT_VERSIONS: [(u8, u8, u16, u16); 14] = [
    (2, 3, 210, 0),
    (2, 3, 160, 0),
    (2, 2, 120, 0),
    (2, 2, 90, 0),
    (2, 1, 51, 0),
    (2, 0, 190, 0),
    (2, 0, 160, 0),
    (1, 9, 51, 0),
    (1, 9, 20, 0),
    (1, 8, 5, 0),
    (1, 8, 3, 0),
    (1, 7, 11, 0),
    (1, 6, 21, 0),
    (1, 5, 8, 0),
];

const AGENT_VERSIONS: [(u8, u8, u16, u16); 9] = [
    (2, 3, 210, 31_208),
    (2, 3, 160, 30_877),
    (2, 2, 120, 29_310),
    (2, 1, 51, 27_002),
    (2, 0, 190, 24_513),
    (1, 9, 51, 19_806),
    (1, 8, 5, 10_546),
    (1, 7, 11, 9_012),
    (1, 6, 21, 7_731),
];

/// Reason text and relative weight (failures are ~3% of connections).
const FAILURE_REASONS: [(&str, f64); 10] = [
    ("The desktop is not ready. Try again later.", 0.20),
    (
        "User authentication failed: incorrect user name or password.",
        0.18,
    ),
    ("Connection to the desktop timed out.", 0.16),
    ("The desktop agent (HDA) did not respond.", 0.10),
    ("The desktop is shut down or hibernating.", 0.09),
    ("The desktop is being used by another user.", 0.07),
    ("Network jitter caused the connection to drop.", 0.07),
    (
        "The client version is not supported. Upgrade the client.",
        0.05,
    ),
    ("Access denied by the access control policy.", 0.05),
    ("The account has been locked.", 0.03),
];

const ENTERPRISE_PROJECTS: [&str; 4] = [
    "0",
    "8d1e2f3a-54b6-4c7d-9e0f-1a2b3c4d5e6f",
    "2b7c9d4e-1f3a-4b5c-8d6e-7f8091a2b3c4",
    "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f60718",
];

const DEPARTMENTS: [&str; 8] = ["FIN", "RND", "OPS", "SALES", "HR", "MKT", "LEGAL", "SUP"];

const GIVEN: [&str; 40] = [
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "tao", "ming", "chao", "xiu", "xia", "ping", "gang", "hui", "bo", "hong", "lin", "anna",
    "peter", "maria", "thomas", "julia", "daniel", "laura", "felix", "sarah", "lukas", "emma",
    "jonas", "mei", "hao", "yu", "kai",
];

const FAMILY: [&str; 32] = [
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "tan", "ng", "lim", "tan",
    "mueller", "schmidt", "weber", "fischer", "becker", "koch",
];

const DOMAINS: [&str; 3] = ["corp.example.com", "example.cn", "local.com"];

/// Vendor prefixes (OUIs) seen on laptops, phones and thin clients.
const OUIS: [u32; 10] = [
    0x00ac9c, 0x3c7c3f, 0x88e9fe, 0xf0b429, 0x5c8a38, 0xa4c3f0, 0x001e67, 0x70b5e8, 0xd4619d,
    0x28d244,
];

// ---------------------------------------------------------------------------------------------
// Generation

struct Generator {
    spec: DemoSpec,
    rng: Rng,
    sites: Vec<Site>,
    users: Vec<User>,
    terminals: Vec<Terminal>,
    desktops: Vec<Desktop>,
    user_cdf: Vec<f64>,
    day_cdf: Vec<f64>,
    span_days: i64,
}

impl Generator {
    fn new(spec: &DemoSpec) -> Self {
        Generator {
            spec: *spec,
            rng: Rng::new(spec.seed),
            sites: Vec::new(),
            users: Vec::new(),
            terminals: Vec::new(),
            desktops: Vec::new(),
            user_cdf: Vec::new(),
            day_cdf: Vec::new(),
            span_days: 0,
        }
    }

    fn run(mut self) -> DemoData {
        self.population();
        self.calendar();
        let mut rows = Vec::with_capacity(self.spec.records);
        while rows.len() < self.spec.records {
            self.session(&mut rows);
        }
        rows.truncate(self.spec.records);
        // Newest first; ties broken by transaction ID so the order is total and stable.
        crate::records::sort::sort_stable_by(&mut rows, &|a, b| {
            b.start.cmp(&a.start).then(b.tx.cmp(&a.tx))
        });
        DemoData {
            sites: self.sites,
            users: self.users,
            terminals: self.terminals,
            desktops: self.desktops,
            rows,
        }
    }

    fn population(&mut self) {
        let rng = &mut self.rng;
        for (i, t) in SITES.iter().enumerate() {
            let public_ips = (0..2 + rng.below(3))
                .map(|k| {
                    // Documentation ranges (RFC 5737) for offices: no real company's address.
                    let base = [0xCB00_7100u32, 0xC633_6400, 0xC000_0200][i % 3];
                    base + 10 + (i as u32) * 30 + k as u32
                })
                .collect();
            self.sites.push(Site {
                utc_offset_h: t.utc_offset_h,
                remote: t.remote,
                rtt_base: t.rtt_base,
                public_ips,
                lan: 0x0A00_0000 | ((i as u32 + 1) << 16),
                desktop_subnet: [0xAC10_0000u32, 0xAC14_0000, 0x0A64_0000, 0xAC1E_0000][i % 4],
            });
        }
        let site_weights: Vec<f64> = SITES.iter().map(|s| s.weight).collect();
        let kind_weights: Vec<f64> = TERMINAL_KINDS.iter().map(|k| k.weight).collect();
        // Releases get rarer the older they are: a geometric long tail.
        let client_weights: Vec<f64> = (0..CLIENT_VERSIONS.len())
            .map(|i| 0.62f64.powi(i as i32))
            .collect();
        let agent_weights: Vec<f64> = (0..AGENT_VERSIONS.len())
            .map(|i| 0.55f64.powi(i as i32))
            .collect();

        // About 60 logins per user over the span: a small tenant for small counts.
        let user_count = (self.spec.records / 60).clamp(8, 50_000);
        let mut dept_counters = [0u32; DEPARTMENTS.len()];
        let domain = DOMAINS[rng.below(DOMAINS.len())];
        let mut activity = Vec::with_capacity(user_count);
        for u in 0..user_count {
            let site = pick(rng, &site_weights) as u16;
            let given = GIVEN[rng.below(GIVEN.len())];
            let family = FAMILY[rng.below(FAMILY.len())];
            let name = match rng.below(10) {
                0..=5 => format!("{given}.{family}{}@{domain}", suffix(u)),
                6..=8 => format!("{family}{given}{}", suffix(u)),
                _ => format!("{}{:02}@{domain}", &family[..family.len().min(2)], u % 100),
            };
            let n_terms = [1u8, 1, 1, 1, 1, 1, 2, 2, 2, 3][rng.below(10)];
            let first_term = self.terminals.len() as u32;
            for t in 0..n_terms {
                let kind = if t == 0 {
                    // The main device is a PC or thin client, rarely a phone.
                    loop {
                        let k = pick(rng, &kind_weights);
                        if !TERMINAL_KINDS[k].mobile || rng.chance(0.1) {
                            break k;
                        }
                    }
                } else {
                    pick(rng, &kind_weights)
                } as u8;
                let s = &self.sites[site as usize];
                let ip = if s.remote || TERMINAL_KINDS[kind as usize].mobile {
                    [0xC0A8_0100u32, 0xC0A8_0000, 0xC0A8_1F00, 0x6440_0000][rng.below(4)]
                        + 2
                        + rng.below(200) as u32
                } else {
                    s.lan | ((rng.below(64) as u32) << 8) | (2 + rng.below(250) as u32)
                };
                let mac = (u64::from(OUIS[rng.below(OUIS.len())]) << 24) | rng.next() & 0xFF_FFFF;
                self.terminals.push(Terminal {
                    kind,
                    name: terminal_name(rng, kind, given),
                    mac,
                    ip,
                    client_version: pick(rng, &client_weights) as u8,
                });
            }
            let n_desks = if rng.chance(0.08) { 2 } else { 1 };
            let first_desk = self.desktops.len() as u32;
            for _ in 0..n_desks {
                let dept = rng.below(DEPARTMENTS.len());
                dept_counters[dept] += 1;
                let s = &self.sites[site as usize];
                let id = uuid(rng.next());
                self.desktops.push(Desktop {
                    name: format!("{}{:04}", DEPARTMENTS[dept], dept_counters[dept]),
                    ip: s.desktop_subnet | (rng.below(0xFFFE) as u32 + 1),
                    sid: format!(
                        "S-1-5-21-{}-{}-{}-{}",
                        1_004_336_348 + (self.spec.seed % 1000) as u32,
                        1_177_238_915,
                        682_003_330,
                        1000 + self.desktops.len()
                    ),
                    id,
                    agent_version: pick(rng, &agent_weights) as u8,
                    enterprise_project_id: if rng.chance(0.7) {
                        ENTERPRISE_PROJECTS[0]
                    } else {
                        ENTERPRISE_PROJECTS[1 + dept % 3]
                    },
                });
            }
            let home_ip = [0x2400_0000u32, 0x3A00_0000, 0x7000_0000, 0xB700_0000][rng.below(4)]
                | (rng.next() as u32 & 0xFF_FFFF);
            self.users.push(User {
                name,
                site,
                terminals: (first_term, n_terms),
                desktops: (first_desk, n_desks),
                rtt_factor: rng.lognormal(1.0, 0.25) as f32,
                home_ip,
            });
            // Some people log in far more than others.
            activity.push(rng.lognormal(1.0, 0.8));
        }
        self.user_cdf = cumulative(&activity);
    }

    fn calendar(&mut self) {
        self.span_days = if self.spec.records > 200_000 { 90 } else { 30 };
        let today = self.spec.now_unix.div_euclid(86_400);
        let weights: Vec<f64> = (0..=self.span_days)
            .map(|back| {
                let day = today - self.span_days + back;
                // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays.
                match (day + 4).rem_euclid(7) {
                    0 => 0.07,
                    6 => 0.12,
                    _ => 1.0,
                }
            })
            .collect();
        self.day_cdf = cumulative(&weights);
    }

    /// Appends one session, and sometimes the reconnect that followed it.
    fn session(&mut self, rows: &mut Vec<Row>) {
        let rng = &mut self.rng;
        let user_idx = search(&self.user_cdf, rng.f64());
        let user = &self.users[user_idx];
        let site = &self.sites[user.site as usize];
        let terminal = user.terminals.0
            + if user.terminals.1 > 1 && rng.chance(0.3) {
                1 + rng.below(usize::from(user.terminals.1) - 1) as u32
            } else {
                0
            };
        let desktop = user.desktops.0 + rng.below(usize::from(user.desktops.1)) as u32;
        let kind = &TERMINAL_KINDS[self.terminals[terminal as usize].kind as usize];

        let start = loop {
            let day_back = search(&self.day_cdf, rng.f64()) as i64;
            let day = self.spec.now_unix.div_euclid(86_400) - self.span_days + day_back;
            let local_h = match rng.f64() {
                p if p < 0.48 => rng.normal(8.9, 0.7),
                p if p < 0.74 => rng.normal(13.7, 0.6),
                p if p < 0.88 => 8.0 + rng.f64() * 10.0,
                p if p < 0.95 => rng.normal(19.5, 1.5),
                _ => rng.f64() * 24.0,
            }
            .rem_euclid(24.0);
            let t = day * 86_400 + (local_h * 3600.0) as i64 - site.utc_offset_h * 3600;
            if t <= self.spec.now_unix && t > self.spec.now_unix - (self.span_days + 1) * 86_400 {
                break t;
            }
        };

        let public_ip = if site.remote || kind.mobile {
            user.home_ip
        } else {
            site.public_ips[rng.below(site.public_ips.len())]
        };

        let mut flags = 0u8;
        if rng.chance(0.04) {
            flags |= LEGACY;
        }
        for (bit, p) in [
            (NO_MAC, 0.015),
            (NO_TERMINAL_IP, 0.01),
            (NO_AGENT, 0.01),
            (NO_PUBLIC_IP, 0.01),
            (NO_RTT, 0.01),
        ] {
            if rng.chance(p) {
                flags |= bit;
            }
        }

        let failure = if rng.chance(0.03) {
            let weights: Vec<f64> = FAILURE_REASONS.iter().map(|r| r.1).collect();
            1 + pick(rng, &weights) as u8
        } else {
            0
        };

        // Setup: a couple of seconds, with a slow tail (cold desktops, profile loading).
        let setup_s = if failure != 0 {
            0
        } else if rng.chance(0.05) {
            8 + rng.below(50) as u32
        } else {
            rng.lognormal(2.2, 0.35).round().max(1.0) as u32
        };
        let duration_s = if failure != 0 {
            2 + rng.below(40) as u32
        } else {
            let minutes = match rng.f64() {
                p if p < 0.15 => 1.0 + rng.f64() * 19.0,
                p if p < 0.37 => 20.0 + rng.f64() * 160.0,
                p if p < 0.92 => rng.lognormal(420.0, 0.25),
                _ => rng.lognormal(2_880.0, 0.6),
            };
            (minutes * 60.0) as u32
        };
        let end = start + i64::from(setup_s) + i64::from(duration_s);
        if failure == 0 && end > self.spec.now_unix {
            flags |= ONGOING;
        }

        // RTT: log-normal around the site's base, a per-user factor, mobile networks slower,
        // and rare spikes (congestion, Wi-Fi roaming).
        let mut base = site.rtt_base * f64::from(user.rtt_factor);
        if kind.mobile {
            base += 25.0;
        }
        let mut net = rng.lognormal(base, 0.3);
        if rng.chance(0.02) {
            net *= 4.0 + rng.f64() * 11.0;
        }
        let e2e = net + rng.lognormal(14.0, 0.4);
        let network_rtt = net.round().clamp(1.0, 60_000.0) as u16;
        let e2e_rtt = e2e.round().clamp(2.0, 65_000.0) as u16;

        let row = Row {
            start,
            tx: rng.next(),
            user: user_idx as u32,
            terminal,
            desktop,
            public_ip,
            setup_s,
            duration_s,
            network_rtt,
            e2e_rtt: e2e_rtt.max(network_rtt),
            failure,
            flags,
        };
        rows.push(row);

        // ~10% of all records are reconnects: the session dropped and the client came back
        // within seconds to a couple of minutes.
        if failure == 0 && flags & ONGOING == 0 && rng.chance(0.11) {
            let gap = 3 + rng.below(120) as i64;
            let re_start = end + gap;
            if re_start <= self.spec.now_unix {
                let re_duration = rng.lognormal(3_600.0, 1.0) as u32;
                let mut re_flags = (flags & !ONGOING) | RECONNECT;
                if re_start + 2 + i64::from(re_duration) > self.spec.now_unix {
                    re_flags |= ONGOING;
                }
                let jitter = rng.lognormal(1.0, 0.15);
                rows.push(Row {
                    start: re_start,
                    tx: rng.next(),
                    setup_s: 1 + rng.below(3) as u32,
                    duration_s: re_duration,
                    network_rtt: (f64::from(network_rtt) * jitter).round().max(1.0) as u16,
                    e2e_rtt: (f64::from(e2e_rtt) * jitter).round().max(2.0) as u16,
                    flags: re_flags,
                    ..row
                });
            }
        }
    }
}

fn suffix(u: usize) -> String {
    // Most names are unique as they are; every 7th gets a number, as directories do.
    if u % 7 == 3 {
        format!("{}", u % 97)
    } else {
        String::new()
    }
}

fn terminal_name(rng: &mut Rng, kind: u8, given: &str) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    fn random(rng: &mut Rng, n: usize) -> String {
        (0..n)
            .map(|_| ALNUM[rng.below(ALNUM.len())] as char)
            .collect()
    }
    match TERMINAL_KINDS[kind as usize].type_name {
        "Windows 10" | "Windows 11" | "Windows 7" => format!("DESKTOP-{}", random(rng, 7)),
        "macOS" => {
            let mut cap = given.to_owned();
            cap[..1].make_ascii_uppercase();
            format!("{cap}s-MacBook-Pro")
        }
        "Linux" => format!("ubuntu-{}", random(rng, 4).to_lowercase()),
        "UOS" => format!("uos-pc-{}", random(rng, 4).to_lowercase()),
        "Android" => [
            "HUAWEI Mate 60",
            "HUAWEI MatePad 11",
            "HONOR X40",
            "Xiaomi 14",
        ][rng.below(4)]
        .to_owned(),
        "iOS" => ["iPhone", "iPad"][rng.below(2)].to_owned(),
        "HUAWEI TC" => format!("TC-CT3100-{}", random(rng, 6)),
        _ => format!("WI-{}", random(rng, 6)),
    }
}

fn ipv4(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

fn mac(mac: u64) -> String {
    let b = mac.to_be_bytes();
    format!(
        "{:02x}-{:02x}-{:02x}-{:02x}-{:02x}-{:02x}",
        b[2], b[3], b[4], b[5], b[6], b[7]
    )
}

fn uuid(x: u64) -> String {
    let y = splitmix(x ^ 0x5DEE_CE66_D1CE_4E5B);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        x >> 32,
        (x >> 16) & 0xFFFF,
        x & 0xFFF,
        0x8000 | (y >> 48) & 0x3FFF,
        y & 0xFFFF_FFFF_FFFF
    )
}

fn version_string(v: (u8, u8, u16, u16)) -> String {
    format!("{}.{}.{:05}", v.0, v.1, v.2)
}

fn cumulative(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut acc = 0.0;
    weights
        .iter()
        .map(|w| {
            acc += w / total;
            acc
        })
        .collect()
}

/// Index of the first cumulative weight above `u` (in `[0, 1)`).
fn search(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u).min(cdf.len() - 1)
}

fn pick(rng: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut u = rng.f64() * total;
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.len() - 1
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: tiny, fast, and good enough for demo data (not for anything secret).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x6A09_E667_F3BC_C909)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        splitmix(self.0)
    }

    /// Uniform in `[0, 1)`.
    fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        // Box–Muller; 1 - u keeps the logarithm finite.
        let u1 = 1.0 - self.f64();
        let u2 = self.f64();
        mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Log-normal with the given median.
    fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * self.normal(0.0, sigma).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_720_000_000; // 2024-07-03T09:46:40Z, a Wednesday

    fn data(n: usize) -> DemoData {
        DemoData::generate(&DemoSpec {
            seed: 42,
            records: n,
            now_unix: NOW,
        })
    }

    #[test]
    fn deterministic_in_the_seed() {
        let a = data(2_000);
        let b = data(2_000);
        for i in [0, 1, 999, 1_999] {
            assert_eq!(a.record(i), b.record(i));
        }
        let c = DemoData::generate(&DemoSpec {
            seed: 43,
            records: 2_000,
            now_unix: NOW,
        });
        assert_ne!(a.record(0), c.record(0));
    }

    #[test]
    fn newest_first_and_never_in_the_future() {
        let d = data(5_000);
        assert_eq!(d.len(), 5_000);
        let starts: Vec<i64> = d.iter().map(|r| r.start_unix()).collect();
        assert!(starts.windows(2).all(|w| w[0] >= w[1]));
        assert!(starts[0] <= NOW);
        for r in d.iter().filter(|r| !r.is_ongoing()) {
            let rec = r.to_record();
            let end = rec.connection_end_time.unwrap();
            assert!(
                end.raw.as_str() <= format_unix(NOW).as_str() || r.is_failure(),
                "{}",
                end.raw
            );
        }
    }

    #[test]
    fn rates_are_realistic() {
        let d = data(50_000);
        let n = d.len() as f64;
        let share = |f: &dyn Fn(&DemoRow) -> bool| d.iter().filter(|r| f(r)).count() as f64 / n;
        let failures = share(&|r| r.is_failure());
        let reconnects = share(&|r| r.is_reconnect());
        let ongoing = share(&|r| r.is_ongoing());
        assert!((0.02..0.04).contains(&failures), "failures {failures}");
        assert!(
            (0.07..0.13).contains(&reconnects),
            "reconnects {reconnects}"
        );
        assert!(ongoing > 0.0005 && ongoing < 0.1, "ongoing {ongoing}");
        // Weekdays dominate: weekend logins are a small minority.
        let weekend = share(&|r| matches!((r.start_unix().div_euclid(86_400) + 4) % 7, 0 | 6));
        assert!(weekend < 0.08, "weekend {weekend}");
        // Some records miss fields, as in the API doc's example.
        let legacy = d.iter().filter(|r| r.row.flags & LEGACY != 0).count();
        assert!(legacy > 0);
        // RTT: e2e is never below network, and there is a tail.
        let mut rtts: Vec<u32> = d.iter().filter_map(|r| r.network_rtt()).collect();
        rtts.sort_unstable();
        let p50 = rtts[rtts.len() / 2];
        let p99 = rtts[rtts.len() * 99 / 100];
        assert!((8..80).contains(&p50), "p50 {p50}");
        assert!(p99 > 3 * p50, "p99 {p99} p50 {p50}");
        assert!(d.iter().all(|r| r.e2e_rtt() >= r.network_rtt()));
        let types: std::collections::BTreeSet<&str> = d.iter().map(|r| r.terminal_type()).collect();
        assert!(types.contains("WI") && types.contains("Windows 11") && types.len() >= 8);
    }

    #[test]
    fn records_have_the_api_shape() {
        let d = data(3_000);
        let json = serde_json::to_value(d.record(0)).unwrap();
        for key in [
            "computer_name",
            "user_name",
            "connection_start_time",
            "is_reconnect",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        for r in d.iter().take(500) {
            let rec = r.to_record();
            let start = rec.connection_start_time.unwrap();
            assert_eq!(start.raw.len(), 20);
            assert!(start.raw.ends_with('Z'));
            assert_eq!(start.parsed, Timestamp::parse(&start.raw).parsed);
            if let Some(mac) = &rec.terminal_mac {
                assert_eq!(mac.len(), 17);
                assert_eq!(mac.matches('-').count(), 5);
            }
            if r.is_failure() {
                assert!(rec.connection_failure_reason.is_some());
                assert!(rec.connection_setup_time.is_none());
                assert!(rec.network_rtt.is_none());
            }
        }
    }

    #[test]
    fn empty_and_tiny() {
        assert!(data(0).is_empty());
        assert_eq!(data(1).len(), 1);
    }

    #[test]
    fn demo_records_read_the_same_as_the_api_json_they_serve() {
        let data = DemoData::generate(&DemoSpec {
            seed: 7,
            records: 300,
            now_unix: 1_700_000_000,
        });
        for row in data.iter() {
            let demo = row.to_record();
            let json = serde_json::to_value(&demo).unwrap();
            let from_api = crate::records::record::Record::from_json(json.as_object().unwrap());
            assert_eq!(demo, from_api);
        }
    }
}
