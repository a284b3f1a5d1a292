//! What the chart kinds share: the plot area inside the margins, the value and time axes,
//! tick numbers, band colours and plurals.

use super::scale::{time_ticks, LinearScale};
use super::{Anchor, Mark, HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, WIDTH};
use crate::i18n::analytics as t;
use crate::i18n::{Lang, Text};
use crate::records::columns::Band;
use crate::text::num::fixed;
use crate::time::format::DisplayZone;

pub(super) const PLOT_LEFT: f64 = MARGIN_LEFT;
pub(super) const PLOT_RIGHT: f64 = WIDTH - MARGIN_RIGHT;
pub(super) const PLOT_TOP: f64 = MARGIN_TOP;
pub(super) const PLOT_BOTTOM: f64 = HEIGHT - MARGIN_BOTTOM;

pub(super) fn band_class(band: Option<Band>) -> &'static str {
    match band {
        Some(Band::Good) => "mark-good",
        Some(Band::Fair) => "mark-fair",
        Some(Band::Poor) => "mark-poor",
        None => "mark-neutral",
    }
}

/// Horizontal grid lines and labels of a value axis, plus its title.
pub(super) fn value_axis(
    lang: Lang,
    marks: &mut Vec<Mark>,
    scale: &LinearScale,
    ticks: &[f64],
    title: &str,
) {
    for &t in ticks {
        let y = scale.at(t);
        marks.push(Mark::Line {
            x1: PLOT_LEFT,
            y1: y,
            x2: PLOT_RIGHT,
            y2: y,
            class: "grid",
        });
        marks.push(Mark::Text {
            x: PLOT_LEFT - 6.0,
            y: y + 4.0,
            text: short_number(lang, t),
            anchor: Anchor::End,
            class: "tick",
            raw: false,
        });
    }
    marks.push(Mark::Text {
        x: 12.0,
        y: 14.0,
        text: title.to_owned(),
        anchor: Anchor::Start,
        class: "axis-title",
        raw: false,
    });
}

/// The x axis line and its title under the plot.
pub(super) fn x_axis_title(marks: &mut Vec<Mark>, title: &str) {
    marks.push(Mark::Line {
        x1: PLOT_LEFT,
        y1: PLOT_BOTTOM,
        x2: PLOT_RIGHT,
        y2: PLOT_BOTTOM,
        class: "axis",
    });
    marks.push(Mark::Text {
        x: (PLOT_LEFT + PLOT_RIGHT) / 2.0,
        y: HEIGHT - 4.0,
        text: title.to_owned(),
        anchor: Anchor::Middle,
        class: "axis-title",
        raw: false,
    });
}

/// A number short enough for a tick or a tooltip. English: `12 345` → "12.3k", "1.2M".
/// Chinese counts in 万 (ten thousand) and 亿 (a hundred million), as Chinese readers do, and
/// writes thousands out ("1234"): a "k" is no Chinese unit. Small numbers as they are.
pub fn short_number(lang: Lang, v: f64) -> String {
    let a = v.abs();
    let plain = |v: f64| {
        if v.fract() == 0.0 {
            fixed(v, 0, false)
        } else {
            fixed(v, 1, false)
        }
    };
    match lang {
        Lang::En if a >= 1_000_000.0 => format!("{}M", fixed(v / 1_000_000.0, 1, false)),
        Lang::En if a >= 10_000.0 => format!("{}k", fixed(v / 1000.0, 0, false)),
        Lang::En if a >= 1000.0 => format!("{}k", fixed(v / 1000.0, 1, false)),
        Lang::Zh if a >= 100_000_000.0 => format!("{}亿", plain_tenth(v / 100_000_000.0)),
        Lang::Zh if a >= 10_000.0 => format!("{}万", plain_tenth(v / 10_000.0)),
        _ => plain(v),
    }
}

/// One decimal, without a trailing ".0" ("1.5", "12").
fn plain_tenth(v: f64) -> String {
    let text = fixed(v, 1, false);
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// `n` with the message for one or for many ("1 login", "8 logins"; "8 次登录"); plain
/// digits, as the charts' sentences always wrote them.
pub(super) fn plural(lang: Lang, n: usize, one: Text, many: Text) -> String {
    (if n == 1 { one } else { many }).fill(lang, &[&n.to_string()])
}

pub(super) fn time_axis(
    lang: Lang,
    marks: &mut Vec<Mark>,
    x: &LinearScale,
    start: i64,
    end: i64,
    zone: &DisplayZone<'_>,
) {
    let offset = |t: i64| match zone {
        DisplayZone::Utc => 0,
        DisplayZone::Local(f) => f(t),
    };
    for (t, label) in time_ticks(start, end, 8, &offset) {
        marks.push(Mark::Text {
            x: x.at(t as f64),
            y: PLOT_BOTTOM + 14.0,
            text: label,
            anchor: Anchor::Middle,
            class: "tick",
            raw: false,
        });
    }
    let title = match zone {
        DisplayZone::Utc => t::TIME_UTC,
        DisplayZone::Local(_) => t::TIME_LOCAL,
    };
    x_axis_title(marks, title.get(lang));
}

/// "5 minutes", "hour", "day": the bucket in words, as in "per hour" ("按小时").
pub fn bucket_name(lang: Lang, bucket: i64) -> String {
    match bucket {
        60 => t::BUCKET_MINUTE.get(lang).to_owned(),
        3600 => t::BUCKET_HOUR.get(lang).to_owned(),
        86_400 => t::BUCKET_DAY.get(lang).to_owned(),
        604_800 => t::BUCKET_WEEK.get(lang).to_owned(),
        b if b % 86_400 == 0 => t::BUCKET_DAYS.fill(lang, &[&(b / 86_400).to_string()]),
        b if b % 3600 == 0 => t::BUCKET_HOURS.fill(lang, &[&(b / 3600).to_string()]),
        b => t::BUCKET_MINUTES.fill(lang, &[&(b / 60).to_string()]),
    }
}

/// A quality band's name ("good", "良好").
pub(super) fn band_name(lang: Lang, band: Band) -> &'static str {
    match band {
        Band::Good => t::GOOD.get(lang),
        Band::Fair => t::FAIR.get(lang),
        Band::Poor => t::POOR.get(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_in_each_language() {
        assert_eq!(short_number(Lang::En, 12_345.0), "12k");
        assert_eq!(short_number(Lang::En, 1234.0), "1.2k");
        assert_eq!(short_number(Lang::En, 2_500_000.0), "2.5M");
        assert_eq!(short_number(Lang::En, 12.5), "12.5");
        assert_eq!(short_number(Lang::Zh, 1234.0), "1234");
        assert_eq!(short_number(Lang::Zh, 12_345.0), "1.2万");
        assert_eq!(short_number(Lang::Zh, 20_000.0), "2万");
        assert_eq!(short_number(Lang::Zh, 350_000_000.0), "3.5亿");
        assert_eq!(short_number(Lang::Zh, 7.0), "7");
    }

    #[test]
    fn buckets_and_counts_in_each_language() {
        assert_eq!(bucket_name(Lang::En, 3600), "hour");
        assert_eq!(bucket_name(Lang::Zh, 3600), "小时");
        assert_eq!(bucket_name(Lang::En, 300), "5 minutes");
        assert_eq!(bucket_name(Lang::Zh, 300), "5 分钟");
        assert_eq!(bucket_name(Lang::En, 2 * 86_400), "2 days");
        assert_eq!(bucket_name(Lang::Zh, 21_600), "6 小时");
        assert_eq!(plural(Lang::En, 1, t::LOGIN_ONE, t::LOGIN_MANY), "1 login");
        assert_eq!(
            plural(Lang::En, 2000, t::LOGIN_ONE, t::LOGIN_MANY),
            "2000 logins"
        );
        assert_eq!(plural(Lang::Zh, 1, t::LOGIN_ONE, t::LOGIN_MANY), "1 次登录");
        assert_eq!(band_name(Lang::Zh, Band::Poor), "较差");
    }
}
