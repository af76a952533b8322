//! Hover text: what a claim means once normalised, and for a conversion the rates involved.

use crate::claims::{
    Claim, ClaimKind, DateValue, DurationUnit, Grain, Hedge, Magnitude, PercentUnit,
};
use crate::finding::Finding;
use crate::{Analysis, RuleSet};
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
    rules: &RuleSet,
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
        describe_claim(&mut out, analysis, i);
    }
    for f in &here {
        if !out.is_empty() {
            out.push_str("\n---\n");
        }
        // The message itself is in the diagnostic the editor shows; this adds what the rule is.
        let _ = writeln!(out, "**{}** `{}`", f.code, f.name);
        if let Some(spec) = rules.get(&f.code) {
            let d = spec.description.trim();
            if !d.is_empty() {
                let _ = writeln!(out, "\n{d}");
            }
        }
        span.get_or_insert(f.span);
    }
    span.map(|s| (out, s))
}

fn describe_claim(out: &mut String, a: &Analysis, i: usize) {
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
            if let Some(p) = c.pair.and_then(|j| a.claims.get(j)) {
                describe_conversion(out, a, c, p);
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
                    let _ = writeln!(out, "\n= {} days", magnitude(&value.scale(k)));
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

fn describe_conversion(out: &mut String, a: &Analysis, c: &Claim, p: &Claim) {
    let (
        ClaimKind::Money {
            value: v1,
            currency: c1,
            ..
        },
        ClaimKind::Money {
            value: v2,
            currency: c2,
            ..
        },
    ) = (&c.kind, &p.kind)
    else {
        return;
    };
    let _ = writeln!(
        out,
        "\nconversion of `{}` ({} {c2})",
        p.span.of(&a.text),
        magnitude(v2)
    );
    // Rates are quoted as units of the other currency per US dollar, as in `rules/`.
    let (usd, other, other_cur) = if c1.as_str() == "USD" {
        (v1, v2, c2)
    } else if c2.as_str() == "USD" {
        (v2, v1, c1)
    } else {
        return;
    };
    let Some(implied) = rate(other.point(), usd.point()) else {
        return;
    };
    let _ = writeln!(
        out,
        "\nimplied rate: {} {other_cur} per USD",
        decimal(implied)
    );
    let _ = (other_cur, conversion_month(a, c));
}

/// `units / usd`, rounded to 4 decimal places; `None` for a zero dollar amount.
fn rate(units: Decimal, usd: Decimal) -> Option<Decimal> {
    units.checked_div(usd).map(|r| r.round_dp(4))
}

/// The month a conversion is dated by: a date in the same sentence, else the same block, else
/// the nearest date before it in the topic; the first day of that date's interval.
pub fn conversion_month(a: &Analysis, c: &Claim) -> Option<(i32, u32)> {
    let at = c.span.start;
    let sentence = a.digest.sentence_at(at).map(|s| a.digest.sentences[s].span);
    let block = a.digest.block_at(at);
    let topic = block.map(|b| a.digest.blocks[b].topic);
    let dates = a.claims.iter().filter_map(|d| Some((d.span, d.date()?)));
    let best = dates
        .filter(|(s, _)| {
            topic.map_or(true, |t| {
                a.digest
                    .block_at(s.start)
                    .is_some_and(|b| a.digest.blocks[b].topic == t)
            })
        })
        .min_by_key(|(s, _)| {
            let same_sentence = sentence.is_some_and(|x| x.contains(*s));
            let same_block = block.is_some() && a.digest.block_at(s.start) == block;
            let distance = s.start.abs_diff(at);
            (!same_sentence, !same_block, s.start > at, distance)
        })?;
    let d = best.1.lo();
    Some((d.year(), d.month()))
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

fn days_per(unit: DurationUnit) -> Option<Decimal> {
    Some(match unit {
        DurationUnit::Day => Decimal::ONE,
        DurationUnit::Week => Decimal::from(7),
        DurationUnit::Hour => Decimal::ONE / Decimal::from(24),
        DurationUnit::Minute => Decimal::ONE / Decimal::from(24 * 60),
        DurationUnit::Second => Decimal::ONE / Decimal::from(24 * 60 * 60),
        DurationUnit::Month | DurationUnit::Quarter | DurationUnit::Year => return None,
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
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("that month")
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((next - first).num_days() as u32)
}
