//! Percent-encoding and canonical forms shared by the URL we send and the signature we compute.
//!
//! The signature covers the *canonical* query string and path, and the gateway recomputes them
//! from the URL it receives. If the URL we send were encoded differently from what we signed
//! (say `+` for space, or lowercase hex), the gateway would compute another signature and answer
//! 401; five of those lock the access key for five minutes. So one encoder serves both.
//!
//! The rules are those of the official Python signer (`huaweicloudsdkcore/signer/signer.py`,
//! `quote(s, safe='~')`), which is what the conformance vectors in `tests/vectors/` are made with.

/// Whether a byte stays literal: `A-Z a-z 0-9 - _ . ~` (RFC 3986 "unreserved").
///
/// ```
/// use logins_core::api::encoding::is_unreserved;
/// assert!(is_unreserved(b'~'));
/// assert!(!is_unreserved(b'+'));
/// ```
pub fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes every UTF-8 byte except the unreserved ones, with uppercase hex.
///
/// Space becomes `%20` and `+` becomes `%2B`: never the form-encoding `+`, which the gateway
/// would read back as a literal plus.
///
/// ```
/// use logins_core::api::encoding::percent_encode;
/// assert_eq!(percent_encode("a b+c/é~"), "a%20b%2Bc%2F%C3%A9~");
/// ```
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    out
}

/// Decodes `%XX` sequences; anything that is not a valid escape is kept as it is, and byte
/// sequences that are not UTF-8 become U+FFFD.
///
/// Why this lenient behaviour: it mirrors Python's `urllib.parse.unquote`, which the official
/// signer applies to the path before re-encoding it, so the stand-in server canonicalizes a
/// hostile path exactly as the official signer would. `+` is *not* decoded to a space.
///
/// ```
/// use logins_core::api::encoding::percent_decode;
/// assert_eq!(percent_decode("a%20b%2Bc%zz+"), "a b+c%zz+");
/// ```
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    // Python decodes each maximal ASCII run on its own and passes non-ASCII characters through,
    // so an escape sequence never merges with a literal non-ASCII character.
    let mut out = String::with_capacity(text.len());
    let mut run = Vec::new();
    for ch in text.chars() {
        if ch.is_ascii() {
            run.push(ch as u8);
        } else {
            flush_ascii_run(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush_ascii_run(&mut run, &mut out);
    out
}

fn flush_ascii_run(run: &mut Vec<u8>, out: &mut String) {
    if run.is_empty() {
        return;
    }
    let mut bytes = Vec::with_capacity(run.len());
    let mut i = 0;
    while i < run.len() {
        let escape = match (run.get(i), run.get(i + 1), run.get(i + 2)) {
            (Some(b'%'), Some(&hi), Some(&lo)) => hex_value(hi).zip(hex_value(lo)),
            _ => None,
        };
        match escape {
            Some((hi, lo)) => {
                bytes.push(hi << 4 | lo);
                i += 3;
            }
            None => {
                bytes.push(run[i]);
                i += 1;
            }
        }
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    run.clear();
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The canonical query string: pairs sorted by raw key, then raw value (byte order of the UTF-8
/// text, which is code point order, as Python's tuple sort), each side encoded, `k=v` joined by
/// `&`. Empty values stay as `k=`; no pairs give the empty string.
///
/// The URL sent must carry exactly this string, so the gateway sees what was signed.
///
/// ```
/// use logins_core::api::encoding::canonical_query_string;
/// let pairs = [("limit", "2"), ("b", "x y"), ("a", "")];
/// assert_eq!(canonical_query_string(&pairs), "a=&b=x%20y&limit=2");
/// ```
pub fn canonical_query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut sorted: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    crate::records::sort::sort_stable_by(&mut sorted, &|a, b| a.cmp(b));
    let mut out = String::new();
    for (i, (key, value)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(key));
        out.push('=');
        out.push_str(&percent_encode(value));
    }
    out
}

/// The canonical URI: the path percent-decoded, split on `/`, each segment encoded, joined,
/// and always ending in `/` (the path on the wire has no trailing slash; the signer adds it).
///
/// ```
/// use logins_core::api::encoding::canonical_uri;
/// assert_eq!(canonical_uri("/v2/abc/connections/desktops"), "/v2/abc/connections/desktops/");
/// assert_eq!(canonical_uri("/a%20b/c d"), "/a%20b/c%20d/");
/// ```
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path);
    let mut out = decoded
        .split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/");
    // The official signer would fail on an empty path; "/" is what any HTTP client sends.
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Splits a raw query string as received on the wire (`a=1&b=%20`) into decoded pairs, so the
/// stand-in server can canonicalize what it was sent. A piece without `=` is a key with an empty
/// value; empty pieces (`a=1&&b=2`) are skipped.
///
/// ```
/// use logins_core::api::encoding::parse_query_string;
/// assert_eq!(
///     parse_query_string("limit=2&user_name=a%40b&x"),
///     vec![("limit".into(), "2".into()), ("user_name".into(), "a@b".into()), ("x".into(), "".into())]
/// );
/// ```
pub fn parse_query_string(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((key, value)) => (percent_decode(key), percent_decode(value)),
            None => (percent_decode(piece), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reserved_character_is_escaped_with_uppercase_hex() {
        assert_eq!(
            percent_encode("!*'();:@&=+$,/?#[]%"),
            "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D%25"
        );
    }

    #[test]
    fn unicode_is_encoded_as_utf8_bytes() {
        assert_eq!(percent_encode("张"), "%E5%BC%A0");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode("e\u{301}"), "e%CC%81");
    }

    #[test]
    fn decode_keeps_broken_escapes_and_replaces_invalid_utf8() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%e5%bc%a0"), "张");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_decode("张%20"), "张 ");
    }

    #[test]
    fn sort_is_by_key_then_raw_value_not_by_encoded_text() {
        // Raw order puts "A" (0x41) before "é" (0xC3 ..); sorting the encoded text would put
        // "%C3%A9" first because '%' (0x25) sorts before every unreserved character.
        let pairs = [("k", "é"), ("k", "A"), ("j", "z")];
        assert_eq!(canonical_query_string(&pairs), "j=z&k=A&k=%C3%A9");
    }

    #[test]
    fn canonical_uri_of_root_and_empty() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/path"), "/path/");
    }
}
