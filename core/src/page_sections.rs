//! The page's sections as its navigation names them, and which one the reader is in.
//!
//! The app is one page of sections (query, records, analytics, users, request inspector,
//! alerts), each
//! an element whose `id` is a URL fragment, so `#analytics` is a deep link and Back returns to
//! the previous section. The navigation marks the section in view with `aria-current`.
//!
//! ```
//! use logins_core::page_sections::{current, section_of_hash, Extent, SECTIONS};
//! use logins_core::i18n::Lang;
//! assert_eq!(SECTIONS[2].label.get(Lang::En), "Analytics");
//! assert_eq!(SECTIONS[2].label.get(Lang::Zh), "分析");
//! assert_eq!(section_of_hash("#analytics"), Some(2));
//! // The bar covers the top 100 px: the section reaching under it is the one being read.
//! let on_screen = [Extent { top: -900.0, bottom: -300.0 }, Extent { top: -300.0, bottom: 500.0 }, Extent { top: 500.0, bottom: 900.0 }];
//! assert_eq!(current(&on_screen, 100.0, 800.0, None), 1);
//! ```

use crate::i18n::{alerts, shell, Text};

/// One section: its element id (the URL fragment) and the navigation link's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: &'static str,
    pub label: Text,
}

/// The sections in page order. The labels are accessible names that users and tests rely on.
pub const SECTIONS: [Section; 6] = [
    Section {
        id: "query",
        label: shell::SECTION_QUERY,
    },
    Section {
        id: "records",
        label: shell::SECTION_RECORDS,
    },
    Section {
        id: "analytics",
        label: shell::SECTION_ANALYTICS,
    },
    Section {
        id: "users",
        label: shell::SECTION_USERS,
    },
    Section {
        id: "inspector",
        label: shell::SECTION_INSPECTOR,
    },
    Section {
        id: "alerts",
        label: alerts::ALERTS,
    },
];

/// The section a URL fragment names (`"#users"` or `"users"`), if any.
pub fn section_of_hash(hash: &str) -> Option<usize> {
    let id = hash.strip_prefix('#').unwrap_or(hash);
    SECTIONS.iter().position(|s| s.id == id)
}

/// Where a section's element is, in viewport pixels (negative: above the window's top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub top: f64,
    pub bottom: f64,
}

/// The section the reader is in, given each section's extent (in `SECTIONS` order), the
/// `line` under the sticky bar (content above it is covered) and the viewport's bottom.
///
/// The section the URL's fragment names (`linked`) wins while any of it is visible: a short last
/// section cannot scroll up to the bar, and the reader who chose it is reading it. Otherwise
/// it is the last section that starts at or above the line (the first when none does yet).
pub fn current(
    extents: &[Extent],
    line: f64,
    viewport_bottom: f64,
    linked: Option<usize>,
) -> usize {
    if let Some(i) = linked {
        if let Some(e) = extents.get(i) {
            if e.bottom > line && e.top < viewport_bottom {
                return i;
            }
        }
    }
    // A pixel of slack: a section scrolled to exactly the line counts as reached.
    extents
        .iter()
        .rposition(|e| e.top <= line + 1.0)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stacked(tops: &[f64], end: f64) -> Vec<Extent> {
        tops.iter()
            .zip(tops.iter().skip(1).chain([end].iter()))
            .map(|(&top, &bottom)| Extent { top, bottom })
            .collect()
    }

    #[test]
    fn fragments_name_sections_with_or_without_the_hash() {
        assert_eq!(section_of_hash("#query"), Some(0));
        assert_eq!(section_of_hash("inspector"), Some(4));
        assert_eq!(section_of_hash(""), None);
        assert_eq!(section_of_hash("#main"), None);
        assert_eq!(
            section_of_hash("#Query"),
            None,
            "ids are case-sensitive, as in HTML"
        );
    }

    #[test]
    fn section_ids_and_labels_are_distinct() {
        for (i, a) in SECTIONS.iter().enumerate() {
            for b in &SECTIONS[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.label, b.label);
            }
        }
    }

    #[test]
    fn the_section_reaching_under_the_bar_is_current() {
        // Page top: the first section starts below the bar.
        let top = stacked(&[150.0, 1200.0, 2000.0, 5000.0, 6000.0], 6300.0);
        assert_eq!(current(&top, 120.0, 900.0, None), 0);
        // Scrolled so that records start exactly at the line.
        let records = stacked(&[-930.0, 120.0, 920.0, 3920.0, 4920.0], 5220.0);
        assert_eq!(current(&records, 120.0, 900.0, None), 1);
        // Half a pixel short still counts (fractional scroll positions).
        let almost = stacked(&[-930.0, 120.5, 920.0, 3920.0, 4920.0], 5220.0);
        assert_eq!(current(&almost, 120.0, 900.0, None), 1);
        // Deep in analytics.
        let analytics = stacked(&[-3000.0, -2000.0, -1200.0, 1800.0, 2800.0], 3100.0);
        assert_eq!(current(&analytics, 120.0, 900.0, None), 2);
    }

    #[test]
    fn a_linked_section_wins_while_visible_and_not_after() {
        // Scrolled to the bottom: the short inspector shows at 700..900, users reach the bar.
        let bottom = stacked(&[-5000.0, -4000.0, -3000.0, -200.0, 700.0], 900.0);
        assert_eq!(current(&bottom, 120.0, 900.0, None), 3);
        assert_eq!(current(&bottom, 120.0, 900.0, Some(4)), 4);
        // Scrolled back up to analytics: the inspector is out of view, so the position decides.
        let up = stacked(&[-3000.0, -2000.0, -1200.0, 1800.0, 2800.0], 3100.0);
        assert_eq!(current(&up, 120.0, 900.0, Some(4)), 2);
        // A linked section hidden under the bar does not win either.
        let covered = stacked(&[-3000.0, -2000.0, -600.0, 100.0, 1500.0], 1800.0);
        assert_eq!(current(&covered, 120.0, 900.0, Some(2)), 3);
        // An index past the list is ignored.
        assert_eq!(current(&up, 120.0, 900.0, Some(9)), 2);
    }
}
