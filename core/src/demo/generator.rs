//! Drawing the population and the rows from the seed: the generator, its PRNG (SplitMix64,
//! written here so the crate needs no `rand`) and the text forms of generated values.

use super::population::*;
use super::{DemoData, DemoSpec};

pub(super) struct Generator {
    pub(super) spec: DemoSpec,
    pub(super) rng: Rng,
    pub(super) sites: Vec<Site>,
    pub(super) users: Vec<User>,
    pub(super) terminals: Vec<Terminal>,
    pub(super) desktops: Vec<Desktop>,
    pub(super) user_cdf: Vec<f64>,
    pub(super) day_cdf: Vec<f64>,
    pub(super) span_days: i64,
}

impl Generator {
    pub(super) fn new(spec: &DemoSpec) -> Self {
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

    pub(super) fn run(mut self) -> DemoData {
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

    pub(super) fn population(&mut self) {
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

    pub(super) fn calendar(&mut self) {
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
    pub(super) fn session(&mut self, rows: &mut Vec<Row>) {
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

pub(super) fn suffix(u: usize) -> String {
    // Most names are unique as they are; every 7th gets a number, as directories do.
    if u % 7 == 3 {
        format!("{}", u % 97)
    } else {
        String::new()
    }
}

pub(super) fn terminal_name(rng: &mut Rng, kind: u8, given: &str) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    pub(super) fn random(rng: &mut Rng, n: usize) -> String {
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

pub(super) fn ipv4(ip: u32) -> String {
    let [a, b, c, d] = ip.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

pub(super) fn mac(mac: u64) -> String {
    let b = mac.to_be_bytes();
    format!(
        "{:02x}-{:02x}-{:02x}-{:02x}-{:02x}-{:02x}",
        b[2], b[3], b[4], b[5], b[6], b[7]
    )
}

pub(super) fn uuid(x: u64) -> String {
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

pub(super) fn version_string(v: (u8, u8, u16, u16)) -> String {
    format!("{}.{}.{:05}", v.0, v.1, v.2)
}

pub(super) fn cumulative(weights: &[f64]) -> Vec<f64> {
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
pub(super) fn search(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u).min(cdf.len() - 1)
}

pub(super) fn pick(rng: &mut Rng, weights: &[f64]) -> usize {
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

pub(super) fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: tiny, fast, and good enough for demo data (not for anything secret).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x6A09_E667_F3BC_C909)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        splitmix(self.0)
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    pub(super) fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        // Marsaglia's polar method: Box–Muller without trigonometry. `cos` linked libm's
        // large-argument reduction (`rem_pio2_large` and its table) into the wasm for this one
        // use (see bench/BUNDLE.md). A point outside the unit disc, or at its centre, is drawn
        // again (about one time in five).
        loop {
            let u = 2.0 * self.f64() - 1.0;
            let v = 2.0 * self.f64() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return mean + sd * u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// Log-normal with the given median.
    pub(super) fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * self.normal(0.0, sigma).exp()
    }
}
