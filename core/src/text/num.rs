//! Decimal text of an `f64`, exactly as `format!("{v}")` and `format!("{v:.1}")` write it, but
//! without core's float formatting (Grisu and Dragon with their tables, ~14 kB of wasm; see
//! bench/BUNDLE.md). Every float the app shows goes through here.
//!
//! The shortest digits come from `zmij`, which serde_json already uses to write floats (so it
//! is in the bundle anyway); they are laid out as `Display` does (never an exponent). Fixed
//! precision is rounded exactly, ties to even, with integer arithmetic on the float's bits;
//! `Display`'s own tie rule for the shortest digits (away from zero) is kept too.
//! Differential tests compare both with `format!` on edge cases and random bit patterns.

/// `format!("{v}")`: the shortest digits that read back as `v`, with no exponent.
///
/// ```
/// use logins_core::text::num::shortest;
/// assert_eq!(shortest(123.0), "123");
/// assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(shortest(1e-7), "0.0000001");
/// ```
pub fn shortest(v: f64) -> String {
    if !v.is_finite() {
        return non_finite(v, false);
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(v);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // zmij writes `d.ddd`, `ddd.0` or `d.ddde±x`: collect the digits and where the point goes.
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    let mut point = whole.len() as i32 + exponent;
    let leading = all.len() - all.trim_start_matches('0').len();
    point -= leading as i32;
    let mut digits = all.trim_start_matches('0').trim_end_matches('0').to_owned();
    // zmij breaks an exact tie (v halfway between the two shortest candidates) to even;
    // `Display` always rounds it up (away from zero). Ties are common for dyadic values such
    // as 155.023040771484375, so redo those from the exact digits.
    if let Some((exact, exact_point)) = exact_digits(v) {
        if exact.len() == digits.len() + 1 && exact.ends_with('5') {
            let (up, carried) = increment(&exact[..digits.len()]);
            digits = up.trim_end_matches('0').to_owned();
            point = exact_point + i32::from(carried);
        }
    }
    let digits = digits.as_str();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        out.push_str(digits);
    } else if point as usize >= digits.len() {
        out.push_str(digits);
        zeros(&mut out, point - digits.len() as i32);
    } else {
        let (int, frac) = digits.split_at(point as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `format!("{v:.N}")` for N = `decimals` (at most 3), or `format!("{v:+.N}")` with `plus`.
///
/// ```
/// use logins_core::text::num::fixed;
/// assert_eq!(fixed(0.25, 1, false), "0.2"); // a tie: to even
/// assert_eq!(fixed(2.5, 0, false), "2");
/// assert_eq!(fixed(-0.04, 1, false), "-0.0");
/// assert_eq!(fixed(12.345, 1, true), "+12.3");
/// ```
pub fn fixed(v: f64, decimals: u32, plus: bool) -> String {
    assert!(decimals <= 3, "fixed: at most 3 decimals");
    if !v.is_finite() {
        return non_finite(v, plus);
    }
    let (m, e) = decompose(v);
    let mut digits = if e >= 0 {
        // An integer: its digits, then the decimals' zeros.
        let mut digits = integer_digits(m, e as u32);
        zeros(&mut digits, decimals as i32);
        digits
    } else {
        // m · 10^N < 2^63, so the scaled value and the remainder are exact in u128.
        let k = e.unsigned_abs();
        let scaled = u128::from(m) * 10u128.pow(decimals);
        let rounded = if k >= 127 {
            0 // below 2^-126 · 10^N: rounds to zero
        } else {
            let quotient = scaled >> k;
            let remainder = scaled - (quotient << k);
            let half = 1u128 << (k - 1);
            let up = remainder > half || (remainder == half && quotient & 1 == 1);
            quotient + u128::from(up)
        };
        rounded.to_string()
    };
    let width = decimals as usize + 1;
    if digits.len() < width {
        digits.insert_str(0, &"0".repeat(width - digits.len()));
    }
    if decimals > 0 {
        digits.insert(digits.len() - decimals as usize, '.');
    }
    let sign = if v.is_sign_negative() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    digits.insert_str(0, sign);
    digits
}

/// The exact decimal digits of |v| (finite, not zero), without leading or trailing zeros, and
/// where the point goes; `None` when there are more than 38 of them (then no tie is possible).
fn exact_digits(v: f64) -> Option<(String, i32)> {
    let (m, e) = decompose(v);
    if m == 0 {
        return None;
    }
    let (digits, point) = if e >= 0 {
        let digits = integer_digits(m, e as u32);
        let point = digits.len() as i32;
        (digits, point)
    } else {
        // m · 2^-k = m' · 5^k' / 10^k' once the common factors of 2 are gone.
        let t = m.trailing_zeros().min(e.unsigned_abs());
        let (odd, k) = (m >> t, e.unsigned_abs() - t);
        let mut n = u128::from(odd);
        for _ in 0..k {
            n = n.checked_mul(5)?;
        }
        let digits = n.to_string();
        let point = digits.len() as i32 - k as i32;
        (digits, point)
    };
    let significant = digits.trim_end_matches('0');
    Some((significant.to_owned(), point))
}

/// `digits` plus one in the last place, and whether that carried into a new first digit.
fn increment(digits: &str) -> (String, bool) {
    let mut bytes = digits.as_bytes().to_vec();
    for b in bytes.iter_mut().rev() {
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            return (String::from_utf8(bytes).unwrap_or_default(), false);
        }
    }
    bytes.insert(0, b'1');
    (String::from_utf8(bytes).unwrap_or_default(), true)
}

/// |v| = m · 2^e exactly.
fn decompose(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `NaN`, `inf`, `-inf` (`+inf` with `plus`), as `format!` writes them.
fn non_finite(v: f64, plus: bool) -> String {
    if v.is_nan() {
        "NaN".to_owned()
    } else if v < 0.0 {
        "-inf".to_owned()
    } else if plus {
        "+inf".to_owned()
    } else {
        "inf".to_owned()
    }
}

fn zeros(out: &mut String, n: i32) {
    for _ in 0..n {
        out.push('0');
    }
}

/// The decimal digits of m · 2^e.
fn integer_digits(m: u64, e: u32) -> String {
    if e <= 74 {
        // m < 2^53, so m · 2^e < 2^127.
        return (u128::from(m) << e).to_string();
    }
    // Base 10^9 limbs, least significant first, doubled e times (29 bits at a time).
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    let mut left = e;
    while left > 0 {
        let step = left.min(29);
        left -= step;
        let mut carry = 0u64;
        for limb in limbs.iter_mut() {
            let x = (*limb << step) + carry;
            *limb = x % BASE;
            carry = x / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut out = limbs.last().copied().unwrap_or(0).to_string();
    for limb in limbs.iter().rev().skip(1) {
        let text = limb.to_string();
        zeros(&mut out, 9 - text.len() as i32);
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EDGES: [f64; 32] = [
        0.0,
        -0.0,
        0.25,
        0.35,
        0.5,
        1.5,
        2.5,
        -0.5,
        -0.04,
        0.05,
        0.15,
        0.3,
        1e21,
        1e22,
        1e-7,
        123.0,
        720.0,
        36.0,
        1e15,
        1e16,
        1e17,
        9007199254740993.0,
        5e-324,
        2.2250738585072014e-308,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.1 + 0.2,
        1.0 / 3.0,
    ];

    fn check(v: f64) {
        assert_eq!(shortest(v), format!("{v}"), "{v:e} shortest");
        for plus in [false, true] {
            for n in 0..=3 {
                let expected = if plus {
                    format!("{v:+.*}", n as usize)
                } else {
                    format!("{v:.*}", n as usize)
                };
                assert_eq!(
                    fixed(v, n, plus),
                    expected,
                    "{v:e} to {n} decimals, plus {plus}"
                );
            }
        }
    }

    #[test]
    fn edge_values_read_as_format_writes_them() {
        for v in EDGES {
            check(v);
            check(-v);
        }
        for e in -1074..=1023 {
            let p = 2f64.powi(e);
            check(p);
            check(p * 1.5);
            check(p - p * f64::EPSILON / 2.0);
        }
        for i in 0..=100_000 {
            check(f64::from(i) / 1000.0);
            check(f64::from(i) * 0.05);
            // Dyadic values, whose shortest digits are often an exact tie.
            check(f64::from(i) / 65536.0 + 100.0);
            check(f64::from(i * 7 + 1) * 2f64.powi(-(i % 60)));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_bits_read_as_format_writes_them(bits in any::<u64>()) {
            check(f64::from_bits(bits));
        }

        #[test]
        fn chart_sized_values_read_as_format_writes_them(v in -1000.0f64..100_000.0) {
            check(v);
        }
    }
}
