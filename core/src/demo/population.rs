//! The population the demo data is drawn from: sites, users, terminals and desktops, the
//! compact row that points into them, and the tables of realistic values.

#[derive(Clone, Debug)]
pub(super) struct Site {
    /// Hours east of UTC, for the working-hours pattern.
    pub(super) utc_offset_h: i64,
    /// Users at home: terminal IPs on home routers, public IPs from ISP pools.
    pub(super) remote: bool,
    /// Median network RTT of the site, ms.
    pub(super) rtt_base: f64,
    pub(super) public_ips: Vec<u32>,
    pub(super) lan: u32,
    pub(super) desktop_subnet: u32,
}

#[derive(Clone, Debug)]
pub(super) struct User {
    pub(super) name: String,
    pub(super) site: u16,
    /// First index into `terminals`, and how many.
    pub(super) terminals: (u32, u8),
    pub(super) desktops: (u32, u8),
    pub(super) rtt_factor: f32,
    pub(super) home_ip: u32,
}

#[derive(Clone, Debug)]
pub(super) struct Terminal {
    pub(super) kind: u8,
    pub(super) name: String,
    pub(super) mac: u64,
    pub(super) ip: u32,
    pub(super) client_version: u8,
}

#[derive(Clone, Debug)]
pub(super) struct Desktop {
    pub(super) name: String,
    pub(super) ip: u32,
    pub(super) sid: String,
    pub(super) id: String,
    pub(super) agent_version: u8,
    pub(super) enterprise_project_id: &'static str,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub(super) start: i64,
    pub(super) tx: u64,
    pub(super) user: u32,
    pub(super) terminal: u32,
    pub(super) desktop: u32,
    pub(super) public_ip: u32,
    pub(super) setup_s: u32,
    pub(super) duration_s: u32,
    pub(super) network_rtt: u16,
    pub(super) e2e_rtt: u16,
    /// 0: success; otherwise 1 + index into `FAILURE_REASONS`.
    pub(super) failure: u8,
    pub(super) flags: u8,
}

pub(super) const RECONNECT: u8 = 1;
pub(super) const ONGOING: u8 = 2;
/// Shaped like the API doc's example: no sid, transaction ID, RTTs or source IP; public IP 0.0.0.0.
pub(super) const LEGACY: u8 = 4;
pub(super) const NO_MAC: u8 = 8;
pub(super) const NO_TERMINAL_IP: u8 = 16;
pub(super) const NO_AGENT: u8 = 32;
pub(super) const NO_PUBLIC_IP: u8 = 64;
pub(super) const NO_RTT: u8 = 128;

impl Row {
    pub(super) fn has_rtt(&self) -> bool {
        self.failure == 0 && self.flags & (LEGACY | NO_RTT) == 0
    }
}

pub(super) struct SiteTemplate {
    pub(super) utc_offset_h: i64,
    pub(super) remote: bool,
    pub(super) rtt_base: f64,
    pub(super) weight: f64,
}

pub(super) const SITES: [SiteTemplate; 6] = [
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

pub(super) struct TerminalKind {
    pub(super) type_name: &'static str,
    pub(super) weight: f64,
    pub(super) mobile: bool,
}

pub(super) const TERMINAL_KINDS: [TerminalKind; 10] = [
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
pub(super) const CLIENT_VERSIONS: [(u8, u8, u16, u16); 14] = [
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

pub(super) const AGENT_VERSIONS: [(u8, u8, u16, u16); 9] = [
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
pub(super) const FAILURE_REASONS: [(&str, f64); 10] = [
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

pub(super) const ENTERPRISE_PROJECTS: [&str; 4] = [
    "0",
    "8d1e2f3a-54b6-4c7d-9e0f-1a2b3c4d5e6f",
    "2b7c9d4e-1f3a-4b5c-8d6e-7f8091a2b3c4",
    "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f60718",
];

pub(super) const DEPARTMENTS: [&str; 8] =
    ["FIN", "RND", "OPS", "SALES", "HR", "MKT", "LEGAL", "SUP"];

pub(super) const GIVEN: [&str; 40] = [
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "tao", "ming", "chao", "xiu", "xia", "ping", "gang", "hui", "bo", "hong", "lin", "anna",
    "peter", "maria", "thomas", "julia", "daniel", "laura", "felix", "sarah", "lukas", "emma",
    "jonas", "mei", "hao", "yu", "kai",
];

pub(super) const FAMILY: [&str; 32] = [
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "tan", "ng", "lim", "tan",
    "mueller", "schmidt", "weber", "fischer", "becker", "koch",
];

pub(super) const DOMAINS: [&str; 3] = ["corp.example.com", "example.cn", "local.com"];

/// Vendor prefixes (OUIs) seen on laptops, phones and thin clients.
pub(super) const OUIS: [u32; 10] = [
    0x00ac9c, 0x3c7c3f, 0x88e9fe, 0xf0b429, 0x5c8a38, 0xa4c3f0, 0x001e67, 0x70b5e8, 0xd4619d,
    0x28d244,
];
