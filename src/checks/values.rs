//! Exact value helpers shared by the check kinds: written precision, tolerance intervals,
//! powers of a thousand, scale words and human formatting. No floats.

use crate::claims::{Claim, ClaimKind, Currency, Hedge, Magnitude};
use rust_decimal::Decimal;

/// The decimal number written first in `text` (`1.27` of `~$1.27bn`), as written.
pub fn written_number(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let mut end = 0;
    let b = rest.as_bytes();
    while end < b.len() {
        let c = b[end];
        let digit_after = b.get(end + 1).is_some_and(|d| d.is_ascii_digit());
        if c.is_ascii_digit() || ((c == b'.' || c == b',') && digit_after) {
            end += 1;
        } else {
            break;
        }
    }
    Some(&rest[..end])
}

/// Relative rounding slack of a written number: half a unit of its last decimal, over the
/// number (`1.3` → 0.05/1.3). Whole numbers count as exact.
pub fn rounding_rel(text: &str) -> Decimal {
    let Some(w) = written_number(text) else {
        return Decimal::ZERO;
    };
    let Some((_, frac)) = w.rsplit_once('.') else {
        return Decimal::ZERO;
    };
    let Ok(v) = w.replace(',', "").parse::<Decimal>() else {
        return Decimal::ZERO;
    };
    if v.is_zero() {
        return Decimal::ZERO;
    }
    let half = Decimal::new(5, frac.len() as u32 + 1);
    half / v
}

/// A claim's value as a point, for money, percent, counts, numbers, durations and ratios.
pub fn point(c: &Claim) -> Option<Decimal> {
    Some(magnitude(c)?.point())
}

/// A claim's magnitude (a bare number as an exact one).
pub fn magnitude(c: &Claim) -> Option<Magnitude> {
    match &c.kind {
        ClaimKind::Money { value, .. }
        | ClaimKind::Percent { value, .. }
        | ClaimKind::Count { value, .. }
        | ClaimKind::Duration { value, .. }
        | ClaimKind::Ratio { value } => Some(*value),
        ClaimKind::Number { value } => Some(Magnitude::Exact(*value)),
        _ => None,
    }
}

fn pct(p: Decimal) -> Decimal {
    p / Decimal::ONE_HUNDRED
}

/// The values a claim allows: `[lo, hi]`, `hi = None` for an open upper bound. Widened by
/// `tol_pct`, the written rounding, and `hedge_pct` when the claim is an approximation.
pub fn interval(
    c: &Claim,
    text: &str,
    tol_pct: Decimal,
    hedge_pct: Decimal,
) -> Option<(Decimal, Option<Decimal>)> {
    let m = magnitude(c)?;
    let mut t = pct(tol_pct) + rounding_rel(c.span.of(text));
    if c.approx() {
        t += pct(hedge_pct);
    }
    let lo = |v: Decimal| v - v.abs() * t;
    let hi = |v: Decimal| v + v.abs() * t;
    let (a, b) = match m {
        Magnitude::Exact(v) => match c.hedge {
            Some(Hedge::MoreThan) | Some(Hedge::AtLeast) => (lo(v), None),
            Some(Hedge::UpTo) | Some(Hedge::LessThan) => (Decimal::MIN, Some(hi(v))),
            Some(Hedge::Nearly) => (lo(v), Some(hi(v))),
            _ => (lo(v), Some(hi(v))),
        },
        Magnitude::Range(x, y) => (lo(x.min(y)), Some(hi(x.max(y)))),
        Magnitude::AtLeast(v) => (lo(v), None),
        Magnitude::AtMost(v) => (Decimal::MIN, Some(hi(v))),
    };
    Some((a, b))
}

/// Whether two intervals share no value.
pub fn disjoint(a: (Decimal, Option<Decimal>), b: (Decimal, Option<Decimal>)) -> bool {
    a.1.is_some_and(|ah| ah < b.0) || b.1.is_some_and(|bh| bh < a.0)
}

/// If `ratio` is within `tol_pct` of 1000^k for k in ±1, ±2, that k.
pub fn power_of_thousand(ratio: Decimal, tol_pct: Decimal) -> Option<i32> {
    if ratio <= Decimal::ZERO {
        return None;
    }
    // with a tolerance under 50% a ratio between 0.0015 and 500 is near no power (1000 wants
    // 500 at least, 1/1000 wants 0.0015 at most): most ratios, answered without dividing
    if tol_pct < Decimal::from(50) && ratio > Decimal::new(15, 4) && ratio < Decimal::from(500) {
        return None;
    }
    let thousand = Decimal::ONE_THOUSAND;
    for k in [1i32, 2, -1, -2] {
        let mut p = Decimal::ONE;
        for _ in 0..k.abs() {
            p *= thousand;
        }
        let target = if k > 0 { p } else { Decimal::ONE / p };
        let dev = ((ratio - target) / target).abs();
        if dev <= pct(tol_pct) {
            return Some(k);
        }
    }
    None
}

/// Scale words by power of a thousand, in the forms digests write them.
const SCALES: &[[&str; 5]] = &[
    // (thousand, million, billion, trillion) families
    ["", "thousand", "million", "billion", "trillion"],
    ["", "k", "m", "bn", "tn"],
    ["", "k", "mn", "bn", "tn"],
    ["", "K", "M", "B", "T"],
    ["", "K", "M", "BN", "TN"],
    ["", "k", "mln", "bln", "trn"],
];

/// `text` with its scale word moved `k` powers of a thousand (`$1.27m` with k = 1 → `$1.27bn`).
pub fn rescale_text(text: &str, k: i32) -> Option<String> {
    let num = written_number(text)?;
    let at = text.find(num)? + num.len();
    let (head, tail) = text.split_at(at);
    let sep_len = tail.len() - tail.trim_start().len();
    let (sep, rest) = tail.split_at(sep_len);
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(word_len);
    for fam in SCALES {
        if let Some(i) = fam.iter().position(|w| !w.is_empty() && *w == word) {
            let j = i as i32 + k;
            if (1..=4).contains(&j) {
                return Some(format!("{head}{sep}{}{after}", fam[j as usize]));
            }
        }
    }
    None
}

/// A decimal rounded to `dp` places with trailing zeros dropped.
pub fn fmt_dec(v: Decimal, dp: u32) -> String {
    v.round_dp(dp).normalize().to_string()
}

/// An amount in words: `USD 1.26 billion`.
pub fn fmt_money(v: Decimal, cur: Currency) -> String {
    format!("{cur} {}", fmt_amount(v))
}

/// A number with a scale word: `1.26 billion`, `300,000` stays `300 thousand`.
pub fn fmt_amount(v: Decimal) -> String {
    let a = v.abs();
    for (p, w) in [
        (Decimal::from(1_000_000_000_000i64), "trillion"),
        (Decimal::from(1_000_000_000i64), "billion"),
        (Decimal::from(1_000_000i64), "million"),
    ] {
        if a >= p {
            return format!("{} {w}", fmt_dec(v / p, 2));
        }
    }
    fmt_dec(v, 2)
}

/// The number in `text` replaced by `value` written with the same decimals as before.
pub fn replace_number(text: &str, value: Decimal) -> Option<String> {
    let num = written_number(text)?;
    let at = text.find(num)?;
    let dp = num.rsplit_once('.').map_or(0, |(_, f)| f.len() as u32);
    let v = value.round_dp(dp);
    let s = if dp == 0 {
        v.trunc().to_string()
    } else {
        format!("{:.*}", dp as usize, v)
    };
    Some(format!("{}{}{}", &text[..at], s, &text[at + num.len()..]))
}

/// `value` written as the claim `text` writes `claim_value` (its currency, scale word and
/// decimals, with thousands separators; a leading hedge dropped): `₹2,000 crore` for 20 billion restates 21
/// billion as `₹2,100 crore`.
pub fn restate(text: &str, claim_value: Decimal, value: Decimal) -> Option<String> {
    let text = text.trim_start_matches(|c: char| c.is_ascii_lowercase() || c == ' ' || c == '~');
    let num = written_number(text)?;
    let written: Decimal = num.replace(',', "").parse().ok()?;
    if claim_value.is_zero() || written.is_zero() {
        return None;
    }
    let scaled = value * written / claim_value;
    let mut out = replace_number(text, scaled)?;
    // thousands separators as English writes them (`₹2,100 crore`, `£1,235 million`)
    {
        let at = text.find(num)?;
        let digits: String = out[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        let mut grouped = String::new();
        for (k, ch) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if !frac.is_empty() {
            grouped.push('.');
            grouped.push_str(frac);
        }
        out.replace_range(at..at + digits.len(), &grouped);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn restate_writes_a_value_as_the_claim_does() {
        assert_eq!(
            restate("₹2,000 crore", d("20000000000"), d("21000000000")).as_deref(),
            Some("₹2,100 crore")
        );
        assert_eq!(
            restate("about €3.5 billion", d("3500000000"), d("4250000000")).as_deref(),
            Some("€4.2 billion")
        );
        assert_eq!(
            restate("£125 million", d("125000000"), d("1234567000")).as_deref(),
            Some("£1,235 million")
        );
        assert_eq!(restate("$4bn", d("0"), d("1")), None);
    }

    #[test]
    fn per_unit_reads_the_word_after_an_amount() {
        use crate::facts::per_unit;
        let unit = |t: &str| per_unit(&t.replace('|', ""), t.find('|').unwrap());
        assert!(unit("pays $5| per hectare"));
        assert!(unit("Brent at $80|/bbl"));
        assert!(unit("€90| a tonne of CO2"));
        assert!(unit("tickets at $2| each"));
        assert!(!unit("a $2bn| fund"));
        assert!(!unit("raised $2bn| a year ago"));
        assert!(!unit("raised $2bn| and"));
        assert!(!unit("$2bn|"));
    }

    #[test]
    fn written_precision() {
        assert_eq!(written_number("~$1.27bn"), Some("1.27"));
        assert_eq!(written_number("300,000 H20 GPUs"), Some("300,000"));
        assert_eq!(rounding_rel("$1.3bn"), d("0.05") / d("1.3"));
        assert_eq!(rounding_rel("$4 billion"), Decimal::ZERO);
    }

    #[test]
    fn powers_of_a_thousand() {
        assert_eq!(power_of_thousand(d("1000"), d("10")), Some(1));
        assert_eq!(power_of_thousand(d("0.00098"), d("10")), Some(-1));
        assert_eq!(power_of_thousand(d("7.1"), d("10")), None);
        assert_eq!(power_of_thousand(d("1000000"), d("10")), Some(2));
    }

    #[test]
    fn rescaling_keeps_the_style() {
        assert_eq!(rescale_text("~$1.27m", 1).as_deref(), Some("~$1.27bn"));
        assert_eq!(
            rescale_text("9 million yuan", 1).as_deref(),
            Some("9 billion yuan")
        );
        assert_eq!(rescale_text("$3.3B", -1).as_deref(), Some("$3.3M"));
        assert_eq!(rescale_text("$3.3tn", 1), None);
        assert_eq!(rescale_text("$300", 1), None);
    }

    #[test]
    fn formatting() {
        assert_eq!(
            fmt_money(d("1263420000"), Currency::new("USD")),
            "USD 1.26 billion"
        );
        assert_eq!(fmt_amount(d("124")), "124");
        assert_eq!(
            replace_number("~90-day", d("124")).as_deref(),
            Some("~124-day")
        );
        assert_eq!(
            replace_number("a 2.5% rise", d("3.333")).as_deref(),
            Some("a 3.3% rise")
        );
    }
}

#[cfg(test)]
mod power_tests {
    use super::power_of_thousand;
    use rust_decimal::Decimal;

    /// The search without the early answer.
    fn by_division(ratio: Decimal, tol_pct: Decimal) -> Option<i32> {
        if ratio <= Decimal::ZERO {
            return None;
        }
        [1i32, 2, -1, -2].into_iter().find(|&k| {
            let p = (0..k.abs()).fold(Decimal::ONE, |p, _| p * Decimal::ONE_THOUSAND);
            let target = if k > 0 { p } else { Decimal::ONE / p };
            ((ratio - target) / target).abs() <= tol_pct / Decimal::ONE_HUNDRED
        })
    }

    #[test]
    fn early_answer_agrees_with_the_division() {
        let ratios = [
            "0.0000009",
            "0.000001",
            "0.0000015",
            "0.0009",
            "0.001",
            "0.0014",
            "0.0015",
            "0.00151",
            "0.002",
            "0.5",
            "1",
            "1.27",
            "7.1",
            "499.99",
            "500",
            "500.01",
            "600",
            "950",
            "1000",
            "1049",
            "999000",
            "1000000",
            "1200000",
            "-3",
        ];
        for tol in ["0", "2", "5", "10", "25", "49.9", "50", "60"] {
            let tol: Decimal = tol.parse().unwrap();
            for r in ratios {
                let r: Decimal = r.parse().unwrap();
                assert_eq!(
                    power_of_thousand(r, tol),
                    by_division(r, tol),
                    "{r} at {tol}%"
                );
            }
        }
    }
}
