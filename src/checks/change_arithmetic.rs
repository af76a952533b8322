//! `change_arithmetic` (DL402): `from X to Y, a Z% rise` (or `rose Z% to Y from X`, `a Z-point
//! gain`, `cut by Z bps`) that does not compute. A percent change of two levels is checked
//! against (Y−X)/X; a change of two percentages in points or basis points against Y−X (a bare
//! `%` there may mean either). The direction word must match the sign.

use super::values::{fmt_dec, magnitude, point, replace_number, rounding_rel};
use super::{Cx, Hit};
use crate::claims::{Claim, ClaimKind, Magnitude, PercentUnit};
use crate::facts::same_unit;
use crate::finding::Finding;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

const UP: &[&str] = &[
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "increase",
    "increased",
    "increases",
    "up",
    "gain",
    "gains",
    "gained",
    "jump",
    "jumped",
    "jumps",
    "grew",
    "grow",
    "growth",
    "climb",
    "climbed",
    "surge",
    "surged",
    "higher",
    "hike",
    "hiked",
    "raised",
    "boost",
    "rebound",
];
const DOWN: &[&str] = &[
    "fall",
    "fell",
    "falls",
    "fallen",
    "drop",
    "dropped",
    "drops",
    "decline",
    "declined",
    "declines",
    "down",
    "cut",
    "cuts",
    "reduction",
    "reduced",
    "lower",
    "lowered",
    "slump",
    "slumped",
    "decrease",
    "decreased",
    "slid",
    "slide",
    "shrank",
    "contraction",
    "loss",
    "plunge",
    "plunged",
    "eased",
];

/// Lower-cased words of `s`.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '‑'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// The direction a change word near the claim states: +1 up, -1 down.
fn direction(text: &str, c: &Claim, sentence: (usize, usize)) -> Option<i32> {
    let lo =
        crate::source::floor_char_boundary(text, c.span.start.saturating_sub(40).max(sentence.0));
    let hi = crate::source::floor_char_boundary(text, (c.span.end + 40).min(sentence.1));
    let before = words(&text[lo..c.span.start]);
    let after = words(&text[c.span.end..hi]);
    let near = before.iter().rev().take(3).chain(after.iter().take(3));
    for w in near {
        let w = w.trim_end_matches("-point");
        if UP.contains(&w) {
            return Some(1);
        }
        if DOWN.contains(&w) {
            return Some(-1);
        }
    }
    None
}

fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// How the change is stated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stated {
    Percent,
    Points,
    BasisPoints,
}

fn stated(text: &str, c: &Claim) -> Option<Stated> {
    match c.kind {
        ClaimKind::Percent { unit, .. } => Some(match unit {
            PercentUnit::Percent => Stated::Percent,
            PercentUnit::PercentagePoint => Stated::Points,
            PercentUnit::BasisPoint => Stated::BasisPoints,
        }),
        ClaimKind::Number { .. } => {
            let after = text[c.span.end..].trim_start_matches([' ', '-', '‑']);
            let a = after.to_ascii_lowercase();
            (a.starts_with("point")
                || a.starts_with("percentage point")
                || a.starts_with("percentage-point"))
            .then_some(Stated::Points)
        }
        _ => None,
    }
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let tol_points = spec.param_decimal("tolerance_points").unwrap_or_default();
    let hedge_pct = spec
        .param_decimal("hedge_tolerance_pct")
        .unwrap_or_default();
    let text = cx.text();
    let claims = &cx.doc.claims;
    let digest = &cx.doc.digest;
    let mut out = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(how) = stated(text, c) else { continue };
        let Some(Magnitude::Exact(z)) = magnitude(c) else {
            continue;
        };
        let Some(s) = digest.sentence_at(c.span.start) else {
            continue;
        };
        let sspan = digest.sentences[s].span;
        let Some(dir) = direction(text, c, (sspan.start, sspan.end)) else {
            continue;
        };
        // from X … to Y in the same sentence
        let first = claims.partition_point(|d| d.span.start < sspan.start);
        let in_sentence: Vec<usize> = (first..claims.len())
            .take_while(|&k| claims[k].span.start < sspan.end)
            .filter(|&k| k != i)
            .collect();
        let find = |w: &str| {
            in_sentence
                .iter()
                .copied()
                .filter(|&k| word_before(text, claims[k].span.start) == w)
                .find(|&k| matches!(magnitude(&claims[k]), Some(Magnitude::Exact(_))))
        };
        let (Some(x), Some(y)) = (find("from"), find("to")) else {
            continue;
        };
        let (cx_, cy) = (&claims[x], &claims[y]);
        if !same_unit(text, cx_, cy) {
            continue;
        }
        let (Some(vx), Some(vy)) = (point(cx_), point(cy)) else {
            continue;
        };
        if vx.is_zero() {
            continue;
        }
        let levels_are_percent = matches!(
            cx_.kind,
            ClaimKind::Percent {
                unit: PercentUnit::Percent,
                ..
            }
        );
        let relative = (vy - vx) / vx * Decimal::ONE_HUNDRED;
        let points = vy - vx;
        let signed = z * Decimal::from(dir);
        let slack_z = rounding_rel(c.span.of(text)) * z.abs();
        let mut room = tol_points + slack_z;
        if c.approx() {
            room += z.abs() * hedge_pct / Decimal::ONE_HUNDRED;
        }
        // rounding of the two levels, carried into the change
        let level_slack = rounding_rel(cx_.span.of(text)) + rounding_rel(cy.span.of(text));
        let (candidates, unit_word): (Vec<Decimal>, &str) = match (how, levels_are_percent) {
            (Stated::Percent, false) => (vec![relative], "%"),
            (Stated::Percent, true) => (vec![relative, points], "%"),
            (Stated::Points, true) => (vec![points], " points"),
            (Stated::BasisPoints, true) => (vec![points * Decimal::ONE_HUNDRED], " bps"),
            _ => continue,
        };
        let fits = candidates.iter().any(|&v| {
            let carried = (Decimal::ONE + relative.abs() / Decimal::ONE_HUNDRED)
                * level_slack
                * Decimal::ONE_HUNDRED;
            let extra = if how == Stated::Percent && !levels_are_percent {
                carried
            } else {
                Decimal::ZERO
            };
            (v - signed).abs() <= room + extra
        });
        if fits {
            continue;
        }
        let actual = candidates[0];
        let mut hit = Hit::new(c.span, "stated change")
            .var("change", c.span.of(text))
            .var("from", cx_.span.of(text))
            .var("to", cy.span.of(text))
            .var("actual", format!("{}{unit_word}", fmt_dec(actual, 2)))
            .var(
                "direction",
                if actual.is_sign_negative() {
                    "a fall"
                } else {
                    "a rise"
                },
            )
            .related(None, cx_.span, "from this level")
            .related(None, cy.span, "to this level")
            .evidence(c.span.of(text))
            .evidence(cx_.span.of(text))
            .evidence(cy.span.of(text));
        if (actual.is_sign_negative() == (dir < 0)) && !actual.is_zero() {
            if let Some(fixed) = replace_number(c.span.of(text), actual.abs()) {
                hit = hit.fix(format!("write {fixed}"), c.span, fixed);
            }
        }
        out.push(hit.finish(cx, spec));
    }
    out
}
