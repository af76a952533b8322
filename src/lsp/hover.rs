//! Hover text: what a claim means once normalised, and for a conversion the rates involved.

use crate::claims::{
    Claim, ClaimKind, DateValue, DurationUnit, Grain, Hedge, Magnitude, PercentUnit,
};
use crate::finding::Finding;
use crate::{fx, Analysis, Options};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt::Write;

/// The index of the innermost claim at byte `offset` (a claim's end counts, so the cursor
/// just after `$1.27bn` still finds it).
pub fn claim_at(claims: &[Claim], offset: usize) -> Option<usize> {
    claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.span.start <= offset && offset <= c.span.end)
        .min_by_key(|(_, c)| (c.span.len(), offset == c.span.end))
        .map(|(i, _)| i)
}

/// Markdown for a hover at byte `offset`: the claim there and any findings over it.
pub fn hover_markdown(
    analysis: &Analysis,
    findings: &[Finding],
    opts: &Options,
    offset: usize,
) -> Option<(String, crate::Span)> {
    let claim = claim_at(&analysis.claims, offset);
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.span.start <= offset && offset <= f.span.end)
        .collect();
    let mut out = String::new();
    let mut span = None;
    if let Some(i) = claim {
        let c = &analysis.claims[i];
        span = Some(c.span);
        describe_claim(&mut out, analysis, opts, i);
    }
    for f in &here {
        if !out.is_empty() {
            out.push_str("\n---\n");
        }
        // The message itself is in the diagnostic the editor shows; this adds what the rule is.
        let _ = writeln!(out, "**{}** `{}`", f.code, f.name);
        if let Some(spec) = opts.rules.get(&f.code) {
            let d = spec.description.trim();
            if !d.is_empty() {
                let _ = writeln!(out, "\n{d}");
            }
        }
        span.get_or_insert(f.span);
    }
    span.map(|s| (out, s))
}

fn describe_claim(out: &mut String, a: &Analysis, opts: &Options, i: usize) {
    let c = &a.claims[i];
    let _ = writeln!(out, "**{}** `{}`\n", c.kind.name(), c.span.of(&a.text));
    match &c.kind {
        ClaimKind::Money {
            value,
            currency,
            ambiguous,
        } => {
            let _ = writeln!(out, "{} {currency}", magnitude(value));
            if *ambiguous {
                let _ = writeln!(
                    out,
                    "\nthe sign fits several currencies; {currency} is the likeliest here"
                );
            }
            if let Some(j) = c.pair.filter(|&j| j < a.claims.len()) {
                describe_conversion(out, a, opts, i, j);
            }
        }
        ClaimKind::Percent { value, unit } => {
            let _ = match unit {
                PercentUnit::Percent => writeln!(out, "{}%", magnitude(value)),
                PercentUnit::PercentagePoint => {
                    writeln!(out, "{} percentage points", magnitude(value))
                }
                PercentUnit::BasisPoint => writeln!(
                    out,
                    "{} basis points = {} percentage points",
                    magnitude(value),
                    magnitude(&value.scale(Decimal::new(1, 2)))
                ),
            };
        }
        ClaimKind::Date(d) => describe_date(out, d),
        ClaimKind::InvalidDate { year, month, day } => {
            let _ = writeln!(
                out,
                "no such day: {year}-{month:02}-{day:02} ({} has {} days)",
                month_name(*month),
                days_in_month(*year, *month).map_or("?".into(), |n| n.to_string())
            );
        }
        ClaimKind::Duration { value, unit } => {
            let _ = writeln!(out, "{} {}", magnitude(value), unit_name(*unit));
            match days_per(*unit) {
                Some(k) if *unit != DurationUnit::Day => {
                    if let Some(days) = in_days(value, k) {
                        let _ = writeln!(out, "\n= {} days", magnitude(&days));
                    }
                }
                Some(_) => {}
                None => {
                    let _ = writeln!(out, "\n(not a fixed number of days)");
                }
            }
        }
        ClaimKind::Count { value, noun } => {
            let _ = writeln!(out, "{} × {}", magnitude(value), noun.of(&a.text));
        }
        ClaimKind::Number { value } => {
            let _ = writeln!(out, "{}", decimal(*value));
        }
        ClaimKind::Ratio { value } => {
            let _ = writeln!(out, "{}×", magnitude(value));
        }
    }
    if let Some(h) = c.hedge {
        let _ = writeln!(out, "\nhedged: {}", hedge_name(h));
    }
}

fn describe_conversion(out: &mut String, a: &Analysis, opts: &Options, i: usize, j: usize) {
    let (c, p) = (&a.claims[i], &a.claims[j]);
    let Some((v2, c2)) = fx::money(p) else {
        return;
    };
    let _ = writeln!(
        out,
        "\nconversion of `{}` ({} {c2})",
        p.span.of(&a.text),
        decimal(v2)
    );
    let Some(implied) = fx::implied_rate(c, p) else {
        return;
    };
    // Quoted as units of the other currency per US dollar, as the reference table is.
    let (rate, cur) = match implied.units_per_usd {
        Some(r) if implied.from == fx::USD => (r, implied.to),
        Some(r) => (r, implied.from),
        None => {
            let _ = writeln!(
                out,
                "\nimplied rate: {} {} per {}",
                decimal(implied.rate.round_dp(4)),
                implied.to,
                implied.from
            );
            return;
        }
    };
    let _ = writeln!(
        out,
        "\nimplied rate: {} {cur} per USD",
        decimal(rate.round_dp(4))
    );
    let Some((year, month)) = conversion_month(a, i.min(j)) else {
        let _ = writeln!(out, "\nreference rate: no date to take the month from");
        return;
    };
    // As DL301 reads it: the nearest month with a rate, at most `max_month_gap` away.
    let gap = opts
        .rules
        .get("DL301")
        .and_then(|r| r.param_i64("max_month_gap"))
        .map_or(0, |g| g.clamp(0, 120) as u32);
    match opts.rates().nearest(cur, year, month, gap) {
        Some((reference, y, m)) => {
            let _ = write!(
                out,
                "\nreference rate {y}-{m:02}: {} {cur} per USD",
                decimal(reference)
            );
            if let Some(off) = rate
                .checked_div(reference)
                .and_then(|q| (q - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED))
            {
                let sign = if off.is_sign_negative() { "" } else { "+" };
                let _ = write!(out, " (implied is {sign}{}%)", decimal(off.round_dp(2)));
            }
            out.push('\n');
        }
        None => {
            let _ = writeln!(out, "\nreference rate {year}-{month:02}: none in the table");
        }
    }
}

/// The month a conversion's rate is read in, as DL301 reads it: the date stated with the pair's
/// first claim (its fact's `when`) when that spans at most two months; for a longer period the
/// digest's own month if in the same year, else the middle of that year; with no date at all,
/// the digest's own month (the month its day-precise dates fall in most often).
pub fn conversion_month(a: &Analysis, first: usize) -> Option<(i32, u32)> {
    let when = a
        .facts
        .iter()
        .find(|f| f.claim == first)
        .and_then(|f| f.when);
    fx::conversion_month(when, fx::digest_month(a))
}

fn describe_date(out: &mut String, d: &DateValue) {
    let (lo, hi) = (d.lo(), d.hi());
    let days = (hi - lo).num_days() + 1;
    if lo == hi {
        let _ = writeln!(out, "{lo} ({})", lo.format("%A"));
    } else {
        let _ = writeln!(
            out,
            "{lo} to {hi}, {days} days inclusive ({} to {})",
            lo.format("%a"),
            hi.format("%a")
        );
    }
    let mut notes = Vec::new();
    if d.grain != Grain::Day {
        notes.push(format!("{} precision", grain_name(d.grain)));
    }
    if d.fuzzy {
        notes.push("a fuzzy part of the period".to_string());
    }
    if d.is_inverted() {
        notes.push("range written backwards".to_string());
    }
    if let Some(w) = d.weekday {
        let actual = d.from.weekday();
        if w == actual {
            notes.push(format!("weekday {w:?} as stated"));
        } else {
            notes.push(format!(
                "stated weekday {w:?}, but {} is a {actual:?}",
                d.from
            ));
        }
    }
    if !d.year_stated {
        notes.push("year inferred".to_string());
    }
    if d.relative {
        notes.push("relative to the reference date".to_string());
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", notes.join(" · "));
    }
}

fn magnitude(m: &Magnitude) -> String {
    match *m {
        Magnitude::Exact(v) => decimal(v),
        Magnitude::Range(a, b) => format!("{} to {}", decimal(a), decimal(b)),
        Magnitude::AtLeast(v) => format!("at least {}", decimal(v)),
        Magnitude::AtMost(v) => format!("at most {}", decimal(v)),
    }
}

/// A decimal with its integer digits grouped by thousands: `1270000000` → `1,270,000,000`.
pub fn decimal(v: Decimal) -> String {
    let s = v.normalize().to_string();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::from(sign);
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A duration unit as days: (multiply by, divide by); `None` for calendar units.
fn days_per(unit: DurationUnit) -> Option<(i64, i64)> {
    Some(match unit {
        DurationUnit::Day => (1, 1),
        DurationUnit::Week => (7, 1),
        DurationUnit::Hour => (1, 24),
        DurationUnit::Minute => (1, 24 * 60),
        DurationUnit::Second => (1, 24 * 60 * 60),
        DurationUnit::Month | DurationUnit::Quarter | DurationUnit::Year => return None,
    })
}

/// `m` times `mul / div`, to 6 decimal places (so 36 hours is exactly 1.5 days); `None` on
/// overflow.
fn in_days(m: &Magnitude, (mul, div): (i64, i64)) -> Option<Magnitude> {
    let f = |v: Decimal| {
        v.checked_mul(Decimal::from(mul))?
            .checked_div(Decimal::from(div))
            .map(|d| d.round_dp(6))
    };
    Some(match *m {
        Magnitude::Exact(v) => Magnitude::Exact(f(v)?),
        Magnitude::Range(a, b) => Magnitude::Range(f(a)?, f(b)?),
        Magnitude::AtLeast(v) => Magnitude::AtLeast(f(v)?),
        Magnitude::AtMost(v) => Magnitude::AtMost(f(v)?),
    })
}

fn unit_name(u: DurationUnit) -> &'static str {
    match u {
        DurationUnit::Second => "seconds",
        DurationUnit::Minute => "minutes",
        DurationUnit::Hour => "hours",
        DurationUnit::Day => "days",
        DurationUnit::Week => "weeks",
        DurationUnit::Month => "months",
        DurationUnit::Quarter => "quarters",
        DurationUnit::Year => "years",
    }
}

fn grain_name(g: Grain) -> &'static str {
    match g {
        Grain::Day => "day",
        Grain::Week => "week",
        Grain::Month => "month",
        Grain::Quarter => "quarter",
        Grain::Half => "half-year",
        Grain::Year => "year",
    }
}

fn hedge_name(h: Hedge) -> &'static str {
    match h {
        Hedge::About => "about",
        Hedge::Nearly => "nearly",
        Hedge::MoreThan => "more than",
        Hedge::AtLeast => "at least",
        Hedge::UpTo => "up to",
        Hedge::LessThan => "less than",
    }
}

fn month_name(m: u32) -> &'static str {
    u8::try_from(m)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("that month", |m| m.name())
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((next - first).num_days() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Currency, DateValue};
    use crate::source::Span;
    use crate::Options;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn span(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// An analysis of `text` whose claims are the given ones (the extractor is not under test),
    /// with the facts built from them.
    fn analysis(text: &str, claims: Vec<Claim>) -> Analysis {
        let mut a = crate::analyze(text, &Options::default());
        a.facts = crate::facts::build(text, &a.digest, &claims);
        a.claims = claims;
        a
    }

    fn money(text: &str, at: &str, v: &str, cur: &str, hedge: Option<Hedge>, pair: usize) -> Claim {
        Claim {
            span: span(text, at),
            kind: ClaimKind::Money {
                value: Magnitude::Exact(dec(v)),
                currency: Currency::new(cur),
                ambiguous: cur == "USD",
            },
            hedge,
            pair: Some(pair),
        }
    }

    fn date(text: &str, at: &str, from: NaiveDate, to: NaiveDate) -> Claim {
        Claim {
            span: span(text, at),
            kind: ClaimKind::Date(DateValue {
                from,
                to,
                grain: Grain::Day,
                fuzzy: false,
                weekday: None,
                year_stated: true,
                relative: false,
            }),
            hedge: None,
            pair: None,
        }
    }

    #[test]
    fn conversion_shows_value_implied_and_reference_rate() {
        let text =
            "Tencent priced a bond on Sept 16–17, 2025, raising 9 billion yuan (~$1.27bn).\n";
        let claims = vec![
            date(text, "Sept 16–17, 2025", day(2025, 9, 16), day(2025, 9, 17)),
            money(text, "9 billion yuan", "9000000000", "CNY", None, 2),
            money(text, "~$1.27bn", "1270000000", "USD", Some(Hedge::About), 1),
        ];
        let a = analysis(text, claims);
        let at = text.find("1.27").unwrap();
        let (md, s) = hover_markdown(&a, &[], &Options::default(), at).unwrap();
        assert_eq!(s, span(text, "~$1.27bn"));
        assert!(md.contains("1,270,000,000 USD"), "{md}");
        assert!(md.contains("the sign fits several currencies"), "{md}");
        assert!(
            md.contains("conversion of `9 billion yuan` (9,000,000,000 CNY)"),
            "{md}"
        );
        // 9e9 / 1.27e9 = 7.08661…; the September 2025 row of rules/fx-monthly-usd.csv is 7.1235.
        assert!(md.contains("implied rate: 7.0866 CNY per USD"), "{md}");
        assert!(
            md.contains("reference rate 2025-09: 7.1235 CNY per USD (implied is -0.52%)"),
            "{md}"
        );
        assert!(md.contains("hedged: about"), "{md}");
    }

    #[test]
    fn dates_show_their_inclusive_days() {
        let text = "Probe around Sept 14–15, 2025 and on Tuesday, Oct. 7, 2025.\n";
        let mut weekday = date(
            text,
            "Tuesday, Oct. 7, 2025",
            day(2025, 10, 7),
            day(2025, 10, 7),
        );
        if let ClaimKind::Date(d) = &mut weekday.kind {
            d.weekday = Some(chrono::Weekday::Mon);
        }
        let claims = vec![
            date(text, "Sept 14–15, 2025", day(2025, 9, 14), day(2025, 9, 15)),
            weekday,
        ];
        let a = analysis(text, claims);
        let (md, _) =
            hover_markdown(&a, &[], &Options::default(), text.find("14").unwrap()).unwrap();
        assert!(
            md.contains("2025-09-14 to 2025-09-15, 2 days inclusive (Sun to Mon)"),
            "{md}"
        );
        let (md, _) =
            hover_markdown(&a, &[], &Options::default(), text.find("Oct").unwrap()).unwrap();
        assert!(md.contains("2025-10-07 (Tuesday)"), "{md}");
        assert!(
            md.contains("stated weekday Mon, but 2025-10-07 is a Tue"),
            "{md}"
        );
        assert!(hover_markdown(&a, &[], &Options::default(), 2).is_none());
    }

    #[test]
    fn durations_percentages_and_impossible_days() {
        let text = "over 2 weeks, 25 bps, 36 hours, 3 months, Feb. 30, 2025\n";
        let mk = |at: &str, kind: ClaimKind| Claim {
            span: span(text, at),
            kind,
            hedge: None,
            pair: None,
        };
        let claims = vec![
            mk(
                "2 weeks",
                ClaimKind::Duration {
                    value: Magnitude::Exact(dec("2")),
                    unit: DurationUnit::Week,
                },
            ),
            mk(
                "25 bps",
                ClaimKind::Percent {
                    value: Magnitude::Exact(dec("25")),
                    unit: PercentUnit::BasisPoint,
                },
            ),
            mk(
                "36 hours",
                ClaimKind::Duration {
                    value: Magnitude::Exact(dec("36")),
                    unit: DurationUnit::Hour,
                },
            ),
            mk(
                "3 months",
                ClaimKind::Duration {
                    value: Magnitude::Exact(dec("3")),
                    unit: DurationUnit::Month,
                },
            ),
            mk(
                "Feb. 30, 2025",
                ClaimKind::InvalidDate {
                    year: 2025,
                    month: 2,
                    day: 30,
                },
            ),
        ];
        let a = analysis(text, claims);
        let hover = |needle: &str| {
            hover_markdown(&a, &[], &Options::default(), text.find(needle).unwrap())
                .unwrap()
                .0
        };
        assert!(hover("2 weeks").contains("= 14 days"));
        assert!(hover("25 bps").contains("25 basis points = 0.25 percentage points"));
        assert!(hover("36 hours").contains("= 1.5 days"));
        assert!(hover("3 months").contains("not a fixed number of days"));
        assert!(hover("Feb. 30").contains("no such day: 2025-02-30 (February has 28 days)"));
    }

    #[test]
    fn grouped_decimals() {
        assert_eq!(decimal(dec("1270000000")), "1,270,000,000");
        assert_eq!(decimal(dec("-1234.500")), "-1,234.5");
        assert_eq!(decimal(dec("999")), "999");
        assert_eq!(decimal(dec("0.25")), "0.25");
    }

    #[test]
    fn innermost_claim_wins() {
        let text = "from Sept 14–15 on";
        let outer = date(text, "Sept 14–15", day(2025, 9, 14), day(2025, 9, 15));
        let mut inner = date(text, "15", day(2025, 9, 15), day(2025, 9, 15));
        inner.span = span(text, "15");
        let claims = vec![outer, inner];
        assert_eq!(claim_at(&claims, text.find("15").unwrap()), Some(1));
        assert_eq!(claim_at(&claims, text.find("Sept").unwrap()), Some(0));
        assert_eq!(claim_at(&claims, 0), None);
    }

    /// Both sides of a conversion read the reference rate in the same month (the month of the
    /// pair's first claim, as DL301 does), on the seed as extracted.
    #[test]
    fn both_sides_of_a_pair_quote_the_same_reference_month() {
        let seed = include_str!("../../seeds/000_3d2181f76b2227e1.txt");
        let a = crate::analyze(seed, &Options::default());
        let opts = Options::default();
        let reference_line = |i: usize| {
            let (md, _) = hover_markdown(&a, &[], &opts, a.claims[i].span.start).unwrap();
            md.lines()
                .find(|l| l.starts_with("reference rate"))
                .map(str::to_string)
        };
        let mut pairs = 0;
        for (i, c) in a.claims.iter().enumerate() {
            let Some(j) = c.pair else { continue };
            pairs += 1;
            assert_eq!(
                reference_line(i),
                reference_line(j),
                "{} / {}",
                c.span.of(seed),
                a.claims[j].span.of(seed)
            );
        }
        assert!(pairs >= 4, "the seed has conversions");
    }
}
