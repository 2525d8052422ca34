//! Floats as text without `core::fmt`'s float code: messages and JSON
//! written by the core go through [`Num`] / [`push_num`].

use std::fmt;

/// Shows an `f64` in messages and JSON without `core::fmt`'s float code
/// (Grisu/Dragon, about a tenth of the wasm). Use `Num(x)` wherever a float
/// goes into `format!`: `{}` on a bare `f64` links that code back in.
///
/// Exact: the shortest digits that read back as the same `f64` whenever they
/// fit the exact fast path (at most 2^53 as an integer times 10^±22, which
/// covers every value a person types), otherwise 17 significant digits
/// computed exactly, which always read back as the same `f64`. Plain decimals
/// from 1e-6 up to 1e21 (like Rust's `{}` for those), scientific `1.5e300`
/// outside that; `NaN`, `inf`, `-inf` as Rust writes them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        push_num(&mut s, self.0);
        f.write_str(&s)
    }
}

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `d × 10^k`, correctly rounded when `d < 2^53` and `|k| ≤ 22` (one exact
/// operand and one correctly rounded operation).
fn fast_value(d: u64, k: i32) -> Option<f64> {
    if d >= 1 << 53 || !(-22..=22 + 15).contains(&k) {
        return None;
    }
    if k > 22 {
        // "Disguised" fast path: move powers of ten into `d` while it stays exact.
        let d = d
            .checked_mul(10u64.pow((k - 22) as u32))
            .filter(|&d| d < 1 << 53)?;
        return Some(d as f64 * POW10[22]);
    }
    Some(if k >= 0 {
        d as f64 * POW10[k as usize]
    } else {
        d as f64 / POW10[(-k) as usize]
    })
}

/// Appends `x` (see [`Num`]).
pub fn push_num(out: &mut String, x: f64) {
    if x.is_nan() {
        return out.push_str("NaN");
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let x = x.abs();
    if x.is_infinite() {
        return out.push_str("inf");
    }
    if x == 0.0 {
        return out.push('0');
    }
    let (digits, exp) = shortest_fast(x).unwrap_or_else(|| exact17(x));
    push_decimal(out, &digits, exp);
}

/// Decimal digits of `d` (no leading zeros).
fn digits_of(mut d: u64) -> Vec<u8> {
    let mut v = Vec::new();
    while d > 0 {
        v.push((d % 10) as u8);
        d /= 10;
    }
    v.reverse();
    v
}

/// Shortest `(digits, k)` with `digits × 10^k == x` after rounding, found on
/// the exact fast path; `None` when no candidate is on it.
fn shortest_fast(x: f64) -> Option<(Vec<u8>, i32)> {
    // An estimate of floor(log10 x); off by one at most, and only used to
    // pick candidates: every candidate is verified exactly.
    let mut e10 = 0i32;
    let mut y = x;
    while y >= 10.0 {
        y /= 10.0;
        e10 += 1;
        if e10 > 400 {
            return None;
        }
    }
    while y < 1.0 {
        y *= 10.0;
        e10 -= 1;
        if e10 < -400 {
            return None;
        }
    }
    for p in 1..=17 {
        let k = e10 - p + 1;
        let scaled = match fast_value(1, k.abs()) {
            Some(s) => {
                if k >= 0 {
                    x / s
                } else {
                    x * s
                }
            }
            None => return None,
        };
        let mid = scaled.round();
        if !(1.0..2e17).contains(&mid) {
            continue;
        }
        let mid = mid as u64;
        for d in [mid, mid.saturating_sub(1), mid + 1] {
            if d > 0 && fast_value(d, k) == Some(x) {
                // Trailing zeros of `d` move into the exponent.
                let (mut d, mut k) = (d, k);
                while d % 10 == 0 {
                    d /= 10;
                    k += 1;
                }
                return Some((digits_of(d), k));
            }
        }
    }
    None
}

/// 17 significant digits of finite `x > 0`, rounded half to even from the
/// exact decimal expansion (big-integer arithmetic): `(digits, k)`.
fn exact17(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e2) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    // x = m·2^e2 = n·10^scale with n an integer: for e2 < 0, m·5^-e2 / 10^-e2.
    let mut n: Vec<u32> = vec![m as u32, (m >> 32) as u32];
    let (mul, times, scale) = if e2 >= 0 {
        (2u32, e2, 0)
    } else {
        (5u32, -e2, e2)
    };
    for _ in 0..times {
        let mut carry = 0u64;
        for limb in n.iter_mut() {
            let v = *limb as u64 * mul as u64 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            n.push(carry as u32);
        }
    }
    // All decimal digits of n, most significant first.
    let mut digits = Vec::new();
    while n.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for limb in n.iter_mut().rev() {
            let v = (rem << 32) | *limb as u64;
            *limb = (v / 10) as u32;
            rem = v % 10;
        }
        digits.push(rem as u8);
    }
    digits.reverse();
    let mut k = scale + digits.len() as i32 - 17;
    if digits.len() > 17 {
        let rest = &digits[17..];
        let first = rest[0];
        let tail_nonzero = rest[1..].iter().any(|&d| d != 0);
        digits.truncate(17);
        let round_up = first > 5 || (first == 5 && (tail_nonzero || digits[16] % 2 == 1));
        if round_up {
            let mut i = 17;
            loop {
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                    if i == 0 {
                        digits.insert(0, 1);
                        digits.truncate(17);
                        k += 1;
                        break;
                    }
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    } else {
        k = scale;
    }
    while digits.len() > 1 && digits[digits.len() - 1] == 0 {
        digits.pop();
        k += 1;
    }
    (digits, k)
}

/// Writes `digits × 10^k` as a plain decimal, or in scientific form outside
/// [1e-6, 1e21) (where plain form would be a wall of zeros).
fn push_decimal(out: &mut String, digits: &[u8], k: i32) {
    let ch = |d: u8| (b'0' + d) as char;
    let point = digits.len() as i32 + k; // digits before the decimal point
    if !(-5..=21).contains(&point) {
        out.push(ch(digits[0]));
        if digits.len() > 1 {
            out.push('.');
            digits[1..].iter().for_each(|&d| out.push(ch(d)));
        }
        out.push('e');
        push_int(out, (point - 1) as i64);
    } else if point <= 0 {
        out.push_str("0.");
        (0..-point).for_each(|_| out.push('0'));
        digits.iter().for_each(|&d| out.push(ch(d)));
    } else if k >= 0 {
        digits.iter().for_each(|&d| out.push(ch(d)));
        (0..k).for_each(|_| out.push('0'));
    } else {
        let (int, frac) = digits.split_at(point as usize);
        int.iter().for_each(|&d| out.push(ch(d)));
        out.push('.');
        frac.iter().for_each(|&d| out.push(ch(d)));
    }
}

/// Appends an integer in decimal.
pub fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut d = v.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (d % 10) as u8;
        d /= 10;
        if d == 0 {
            break;
        }
    }
    buf[i..].iter().for_each(|&b| out.push(b as char));
}

#[cfg(test)]
mod tests {
    use super::Num;

    fn show(x: f64) -> String {
        format!("{}", Num(x))
    }

    #[test]
    fn writes_what_people_type_as_they_typed_it() {
        for (x, s) in [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (-2.5, "-2.5"),
            (0.001, "0.001"),
            (1e7, "10000000"),
            (0.1, "0.1"),
            (123456.789, "123456.789"),
            (9007199254740991.0, "9007199254740991"),
            (1e-6, "0.000001"),
            (1e21, "1e21"),
            (1.5e25, "1.5e25"),
            (1.5e300, "1.5000000000000001e300"),
            (2.5e-7, "2.5e-7"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(show(x), s);
        }
    }

    #[test]
    fn always_reads_back_as_the_same_f64() {
        // Includes values off the fast path (17 digits, subnormals, huge).
        let mut cases = vec![
            0.1 + 0.2,
            1.0 / 3.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1e-310,
            2f64.powi(60),
            1e23,
            123.456e-30,
        ];
        let mut x = 0.000123_f64;
        for _ in 0..2000 {
            x = x * 1.7777 + 0.000_037;
            cases.push(x);
            cases.push(1.0 / x);
        }
        for v in cases {
            let s = show(v);
            assert_eq!(s.parse::<f64>().unwrap(), v, "{}", s);
            // As short as Rust's own shortest form, or at most 17 significant digits.
            let sig = s
                .split('e')
                .next()
                .unwrap()
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>();
            assert!(
                sig.trim_start_matches('0').trim_end_matches('0').len() <= 17,
                "{}",
                s
            );
        }
    }

    #[test]
    fn matches_rusts_shortest_form_in_the_plain_range() {
        let mut x = 0.37_f64;
        for _ in 0..3000 {
            x = (x * 3.1 + 0.7) % 1e9;
            let r = format!("{}", x);
            let mine = show(x);
            // Mine may be one digit longer only off the fast path (17 digits).
            if mine != r {
                assert!(
                    mine.len() <= r.len() + 1 && mine.parse::<f64>().unwrap() == x,
                    "{} vs {}",
                    mine,
                    r
                );
            }
        }
        for v in [0.5, 0.25, 3.0e-5, 7.0e15, 4.2, 99.99, 1234.5678] {
            assert_eq!(show(v), format!("{}", v));
        }
    }
}
