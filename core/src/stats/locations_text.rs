//! A new-location flag in words: "2024-12-31 23:52:34: new public IP 1.2.3.4, new terminal MAC
//! …" in the reader's language, in pieces, so a view can keep the IP and MAC (records' values)
//! apart from the app's words.

use super::locations::NewLocation;
use crate::i18n::analytics::{self as t, split_fill, with_value, Piece};
use crate::i18n::Lang;
use crate::time::format::{format_time, DisplayZone};

/// What `flag` says: when, then each new value with its name.
pub fn flag_pieces(lang: Lang, flag: &NewLocation, zone: &DisplayZone<'_>) -> Vec<Piece> {
    let mut pieces = vec![Piece::Words(
        t::LABELLED.fill(lang, &[&format_time(flag.start, zone), ""]),
    )];
    let news = [
        (t::NEW_PUBLIC_IP, &flag.new_public_ip),
        (t::NEW_TERMINAL_MAC, &flag.new_terminal_mac),
    ];
    let separator = split_fill(t::AND_ALSO, lang, &[""]).1;
    for (i, (name, value)) in news
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.as_deref()?)))
        .enumerate()
    {
        if i > 0 {
            pieces.push(Piece::Words(separator.clone()));
        }
        pieces.extend(with_value(name, lang, value, &[]));
    }
    // Neighbouring words read as one piece.
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (Some(Piece::Words(a)), Piece::Words(b)) => a.push_str(&b),
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

/// A user's entry in the list: "alice: 3" ("alice：3"), the user a record's value.
pub fn user_count_pieces(lang: Lang, user: &str, count: usize) -> Vec<Piece> {
    with_value(t::LABELLED, lang, user, &[&count.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Words(w) => w.clone(),
                Piece::Value(v) => format!("[{v}]"),
            })
            .collect()
    }

    fn flag(ip: Option<&str>, mac: Option<&str>) -> NewLocation {
        NewLocation {
            row: 0,
            user: "alice".into(),
            start: 86_400,
            new_public_ip: ip.map(Into::into),
            new_terminal_mac: mac.map(Into::into),
        }
    }

    #[test]
    fn flags_in_each_language() {
        let both = flag(Some("1.2.3.4"), Some("3c:52:82:aa:bb:cc"));
        let zone = DisplayZone::Utc;
        assert_eq!(
            text(&flag_pieces(Lang::En, &both, &zone)),
            "1970-01-02 00:00:00: new public IP [1.2.3.4], new terminal MAC [3c:52:82:aa:bb:cc]"
        );
        assert_eq!(
            text(&flag_pieces(Lang::Zh, &both, &zone)),
            "1970-01-02 00:00:00：新的客户端出口IP [1.2.3.4]，新的终端MAC地址 [3c:52:82:aa:bb:cc]"
        );
        assert_eq!(
            text(&flag_pieces(Lang::En, &flag(None, Some("m1")), &zone)),
            "1970-01-02 00:00:00: new terminal MAC [m1]"
        );
        assert_eq!(
            text(&flag_pieces(Lang::Zh, &flag(Some("5.6.7.8"), None), &zone)),
            "1970-01-02 00:00:00：新的客户端出口IP [5.6.7.8]"
        );
    }

    #[test]
    fn user_counts_in_each_language() {
        assert_eq!(text(&user_count_pieces(Lang::En, "bob", 3)), "[bob]: 3");
        assert_eq!(text(&user_count_pieces(Lang::Zh, "bob", 3)), "[bob]：3");
    }
}
