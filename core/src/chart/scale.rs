//! Scales and axis ticks.

use chrono::{DateTime, Datelike, Timelike};

/// Maps a data interval onto a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl LinearScale {
    /// A scale; an empty data interval is widened so nothing divides by zero.
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        let (d0, d1) = if (d1 - d0).abs() < f64::EPSILON {
            (d0 - 0.5, d1 + 0.5)
        } else {
            (d0, d1)
        };
        LinearScale { d0, d1, r0, r1 }
    }

    pub fn at(&self, value: f64) -> f64 {
        self.r0 + (value - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// Round tick values covering `[0 or min, max]` with a 1-2-5 step, about `count` of them.
///
/// ```
/// use logins_core::chart::nice_ticks;
/// assert_eq!(nice_ticks(0.0, 97.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
/// assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 1.0]);
/// ```
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        // Nothing to span (or no numbers at all): one unit from the start, so axes still draw.
        let base = if min.is_finite() { min.floor() } else { 0.0 };
        return vec![base, base + 1.0];
    }
    let raw = (max - min) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    // Rounding to the step's decimals keeps 3 × 0.1 from showing up as 0.30000000000000004.
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let round = |v: f64| {
        let f = 10f64.powi(decimals);
        (v * f).round() / f
    };
    let first = (min / step).floor();
    let mut ticks = Vec::new();
    let mut i = 0.0;
    while (first + i) * step < max + step * 0.5 && ticks.len() < 100 {
        ticks.push(round((first + i) * step));
        i += 1.0;
    }
    if ticks.last().is_some_and(|last| *last < max) {
        ticks.push(ticks.last().copied().unwrap_or(max) + step);
    }
    ticks
}

/// Time ticks for `[start, end]` (unix seconds) at `bucket`-aligned round instants, labelled in
/// the viewer's zone (`offset` = minutes east of UTC at an instant): dates for day-sized
/// buckets, times of day otherwise (with the date at midnight).
pub fn time_ticks(
    start: i64,
    end: i64,
    count: usize,
    offset: &dyn Fn(i64) -> i32,
) -> Vec<(i64, String)> {
    const STEPS: [i64; 12] = [
        60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 2_592_000,
    ];
    if end <= start {
        return Vec::new();
    }
    let span = end - start;
    let step = STEPS
        .iter()
        .copied()
        .find(|s| span / s <= count.max(1) as i64)
        .unwrap_or(2_592_000);
    // Align in local time, so day ticks fall on local midnight.
    let shift = i64::from(offset(start)) * 60;
    let mut t = (start + shift).div_euclid(step) * step - shift;
    if t < start {
        t += step;
    }
    let mut ticks = Vec::new();
    while t <= end && ticks.len() < 64 {
        let local = t.saturating_add(i64::from(offset(t)) * 60);
        if let Some(dt) = DateTime::from_timestamp(local, 0) {
            let label = if step >= 86_400 || (dt.hour() == 0 && dt.minute() == 0) {
                format!("{:02}-{:02}", dt.month(), dt.day())
            } else {
                format!("{:02}:{:02}", dt.hour(), dt.minute())
            };
            ticks.push((t, label));
        }
        t += step;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_ends_to_ends_and_survive_empty_domains() {
        let s = LinearScale::new(0.0, 100.0, 10.0, 110.0);
        assert_eq!(s.at(0.0), 10.0);
        assert_eq!(s.at(50.0), 60.0);
        let flat = LinearScale::new(5.0, 5.0, 0.0, 10.0);
        assert_eq!(flat.at(5.0), 5.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(nice_ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
        let big = nice_ticks(0.0, 12_345.0, 5);
        assert_eq!(big.first(), Some(&0.0));
        assert!(*big.last().unwrap() >= 12_345.0);
        assert!(big.len() <= 8);
        assert_eq!(nice_ticks(f64::NAN, 1.0, 5).len(), 2);
    }

    #[test]
    fn time_ticks_fall_on_round_local_instants() {
        let utc = |_: i64| 0;
        // 2024-01-15 00:00 UTC to +2 days: daily ticks at midnight.
        let start = 1_705_276_800;
        let ticks = time_ticks(start, start + 2 * 86_400, 2, &utc);
        assert_eq!(
            ticks,
            vec![
                (start, "01-15".to_owned()),
                (start + 86_400, "01-16".to_owned()),
                (start + 172_800, "01-17".to_owned())
            ]
        );
        // Six hours, UTC+8: hourly ticks labelled in local time.
        let plus8 = |_: i64| 480;
        let ticks = time_ticks(start + 1800, start + 6 * 3600, 6, &plus8);
        assert_eq!(ticks[0], (start + 3600, "09:00".to_owned()));
        assert!(time_ticks(10, 5, 4, &utc).is_empty());
    }
}
