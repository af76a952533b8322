//! `change_arithmetic` (DL402): `from X to Y, a Z% rise` (or `rose Z% to Y from X`, `a Z-point
//! gain`, `cut by Z bps`) that does not compute. A percent change of two levels is checked
//! against (Y−X)/X; a change of two percentages in points or basis points against Y−X (a bare
//! `%` there may mean either). The direction word must match the sign.

use super::range_order::written_as_change;
use super::values::{fmt_dec, magnitude, point, replace_number, rounding_rel};
use super::{Cx, Hit};
use crate::claims::{Claim, ClaimKind, Magnitude, PercentUnit};
use crate::facts::fast::FastMap;
use crate::facts::same_unit;
use crate::finding::Finding;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

/// The words of `s` (alphanumerics and hyphens), as written.
fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '‑'))
        .filter(|w| !w.is_empty())
}

/// The rule's change words (`up_words`, `down_words`, lower case) with the direction each
/// states: +1 up, -1 down. Borrowed from the rule file, one hash look-up per word.
pub(crate) struct ChangeWords<'a>(FastMap<&'a str, i32>);

impl<'a> ChangeWords<'a> {
    pub(crate) fn of(spec: &'a RuleSpec) -> Self {
        let mut m = FastMap::default();
        m.extend(spec.param_strs("down_words").map(|w| (w, -1)));
        m.extend(spec.param_strs("up_words").map(|w| (w, 1)));
        ChangeWords(m)
    }

    /// The direction of a lower-case word.
    fn get(&self, w: &str) -> Option<i32> {
        self.0.get(w).copied()
    }

    /// The direction a word as written states (`Fell`, `gain-point`).
    fn of_written(&self, w: &str) -> Option<i32> {
        // lower-case ASCII words (nearly all) are compared as they are
        let lower: std::borrow::Cow<str> =
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                w.into()
            } else {
                w.to_lowercase().into()
            };
        self.get(lower.trim_end_matches("-point"))
    }
}

/// The direction a change word near the claim states: +1 up, -1 down. `bounds` are the ends of
/// the claims before and after it (or the sentence's): a change word belongs to the nearest
/// figure, and a comma closes the phrase (`a 7.8% drop, leaving it 45% below` gives `drop` to
/// 7.8% only).
fn direction(text: &str, c: &Claim, bounds: (usize, usize), words_of: &ChangeWords) -> Option<i32> {
    let lo =
        crate::source::floor_char_boundary(text, c.span.start.saturating_sub(40).max(bounds.0));
    let hi = crate::source::floor_char_boundary(text, (c.span.end + 40).min(bounds.1));
    let before = &text[lo..c.span.start];
    let before = before
        .rfind([',', ';'])
        .map_or(before, |k| &before[k + 1..]);
    let after = &text[c.span.end..hi];
    let after = after.find([',', ';']).map_or(after, |k| &after[..k]);
    let before = words(before).rev().take(5);
    let after = words(after).take(3);
    before.chain(after).find_map(|w| words_of.of_written(w))
}

/// A change against another base (`45% below a year earlier`, `up 8% year-on-year`: the rule's
/// `other_base_words`, before any other figure) is not the change between the two levels of its
/// sentence; in `grew 15% to $42bn from $36.6bn a year earlier` the levels themselves are a year
/// apart and the change is checked.
fn against_other_base(text: &str, c: &Claim, end: usize, words: &[String]) -> bool {
    let hi = crate::source::floor_char_boundary(text, (c.span.end + 48).min(end));
    let after = text[c.span.end..hi].to_ascii_lowercase();
    words.iter().any(|m| after.contains(m.as_str()))
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
            // only the words right after it are compared (not a lower-cased copy of the rest
            // of the document per number)
            let after = text[c.span.end..].trim_start_matches([' ', '-', '‑']);
            let opens = |w: &str| {
                after
                    .as_bytes()
                    .get(..w.len())
                    .is_some_and(|a| a.eq_ignore_ascii_case(w.as_bytes()))
            };
            (opens("point") || opens("percentage point") || opens("percentage-point"))
                .then_some(Stated::Points)
        }
        ClaimKind::Count { noun, .. } => {
            // `a 300 basis-point cut`, `a 2 point drop`: the scanner reads the unit as a noun
            let n = noun.of(text).to_ascii_lowercase().replace('\u{2011}', "-");
            let first = n.split([' ', '-']).next().unwrap_or("");
            match first {
                "basis"
                    if n["basis".len()..]
                        .trim_start_matches([' ', '-'])
                        .starts_with("point") =>
                {
                    Some(Stated::BasisPoints)
                }
                "bp" | "bps" => Some(Stated::BasisPoints),
                "point" | "points" | "pt" | "pts" => Some(Stated::Points),
                "percentage" if n.contains("point") => Some(Stated::Points),
                _ => None,
            }
        }
        _ => None,
    }
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let tol_pct = spec.param_decimal("tolerance_pct").unwrap_or_default();
    let hedge_pct = spec
        .param_decimal("hedge_tolerance_pct")
        .unwrap_or_default();
    let other_base: Vec<String> = spec
        .param_strings("other_base_words")
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let change_words = ChangeWords::of(spec);
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
        let prev_end = i
            .checked_sub(1)
            .map_or(sspan.start, |p| claims[p].span.end.max(sspan.start));
        let next_start = claims
            .get(i + 1)
            .map_or(sspan.end, |n| n.span.start.min(sspan.end));
        // a count's noun may hold its change word (`a 300 basis-point cut`)
        let own = match c.kind {
            ClaimKind::Count { noun, .. } => {
                words(noun.of(text)).find_map(|w| change_words.of_written(w))
            }
            _ => None,
        };
        let Some(dir) = own.or_else(|| direction(text, c, (prev_end, next_start), &change_words))
        else {
            continue;
        };
        if against_other_base(text, c, next_start, &other_base) {
            continue;
        }
        // a level (`a peak of 4.00%`, `to 5.50%`) is no stated change, unless a change noun
        // names it (`a fall of 0.7%`)
        let prev = word_before(text, c.span.start);
        if matches!(prev.as_str(), "from" | "to" | "at") {
            continue;
        }
        if prev == "of" {
            let before_of = text[..c.span.start].trim_end();
            let before_of = before_of
                .get(..before_of.len().saturating_sub(2))
                .unwrap_or("");
            let w = word_before(before_of, before_of.len());
            if change_words.get(&w).is_none() {
                continue;
            }
        }
        // the levels must stand in the change's own clause
        let clause = cx
            .index()
            .fact(cx.doc, i)
            .map(|f| f.clause)
            .unwrap_or(sspan);
        // from X … to Y in the same sentence
        let first = claims.partition_point(|d| d.span.start < sspan.start);
        let in_sentence: Vec<usize> = (first..claims.len())
            .take_while(|&k| claims[k].span.start < sspan.end)
            .filter(|&k| k != i && clause.contains(claims[k].span))
            .collect();
        let find = |w: &str| {
            in_sentence
                .iter()
                .copied()
                .filter(|&k| word_before(text, claims[k].span.start) == w)
                .find(|&k| matches!(magnitude(&claims[k]), Some(Magnitude::Exact(_))))
        };
        // one claim `from X to Y`, else two claims after `from` and `to`
        let joined = in_sentence.iter().copied().find(|&k| {
            written_as_change(text, claims[k].span)
                && matches!(magnitude(&claims[k]), Some(Magnitude::Range(..)))
        });
        // `Y, up from X` / `Y, down from X`: the level before `up from` is the new one
        let against = in_sentence.iter().copied().find_map(|k| {
            if word_before(text, claims[k].span.start) != "from" {
                return None;
            }
            let before_from = text[..claims[k].span.start].trim_end();
            let before_from = before_from
                .get(..before_from.len().saturating_sub(4))?
                .trim_end();
            let w = before_from
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()?
                .to_ascii_lowercase();
            if !matches!(w.as_str(), "up" | "down" | "higher" | "lower") {
                return None;
            }
            let new = in_sentence.iter().copied().rev().find(|&n| {
                claims[n].span.end <= claims[k].span.start
                    && same_unit(text, &claims[n], &claims[k])
            })?;
            Some((k, new))
        });
        let (x, y, vx, vy) = if let Some(k) = joined {
            let Some(Magnitude::Range(a, b)) = magnitude(&claims[k]) else {
                continue;
            };
            (k, k, a, b)
        } else if let Some((old, new)) = against.filter(|(old, new)| *old != i && *new != i) {
            let (Some(vx), Some(vy)) = (point(&claims[old]), point(&claims[new])) else {
                continue;
            };
            (old, new, vx, vy)
        } else {
            let (Some(x), Some(y)) = (find("from"), find("to")) else {
                continue;
            };
            if !same_unit(text, &claims[x], &claims[y]) {
                continue;
            }
            let (Some(vx), Some(vy)) = (point(&claims[x]), point(&claims[y])) else {
                continue;
            };
            (x, y, vx, vy)
        };
        let (cx_, cy) = (&claims[x], &claims[y]);
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
        // the stated change as rounded: its last decimal, or half a unit for a whole number
        let slack_z = if z.fract().is_zero() {
            Decimal::new(5, 1)
        } else {
            rounding_rel(c.span.of(text)) * z.abs()
        };
        let mut room = z.abs() * tol_pct / Decimal::ONE_HUNDRED + slack_z;
        if c.approx() {
            room += z.abs() * hedge_pct / Decimal::ONE_HUNDRED;
        }
        // rounding of the two levels, carried into the change
        let level_slack =
            level_rounding(vx, cx_.span.of(text)) + level_rounding(vy, cy.span.of(text));
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
        let (from_text, to_text) = if x == y {
            split_change(cx_.span.of(text))
        } else {
            (cx_.span.of(text).to_string(), cy.span.of(text).to_string())
        };
        let mut hit = Hit::new(c.span, "stated change")
            .var("change", c.span.of(text))
            .var("from", from_text)
            .var("to", to_text)
            .var("actual", format!("{}{unit_word}", fmt_dec(actual.abs(), 2)))
            .var(
                "direction",
                if actual.is_sign_negative() {
                    "a fall"
                } else {
                    "a rise"
                },
            )
            .related(None, cx_.span, "from this level")
            .evidence(c.span.of(text))
            .evidence(cx_.span.of(text));
        if y != x {
            hit = hit
                .related(None, cy.span, "to this level")
                .evidence(cy.span.of(text));
        }
        if (actual.is_sign_negative() == (dir < 0)) && !actual.is_zero() {
            if let Some(fixed) = replace_number(c.span.of(text), actual.abs()) {
                hit = hit.fix(format!("write {fixed}"), c.span, fixed);
            }
        }
        out.push(hit.finish(cx, spec));
    }
    out
}

/// The two ends of `from X to Y` as written.
fn split_change(t: &str) -> (String, String) {
    let body = t.trim_start_matches(['~', ' ']);
    let body = match body.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("from ") => &body[5..],
        _ => body,
    };
    match body.split_once(" to ") {
        Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
        None => (body.to_string(), String::new()),
    }
}

/// The relative rounding of a level, from its own written decimals (for `from X to Y` both ends
/// are written alike).
fn level_rounding(v: Decimal, t: &str) -> Decimal {
    let r = rounding_rel(t);
    if r.is_zero() || v.is_zero() {
        return r;
    }
    r
}

#[cfg(test)]
mod change_word_tests {
    use super::ChangeWords;
    use crate::rules::RuleSet;

    #[test]
    fn change_words_come_from_the_rule_file() {
        let rules = RuleSet::builtin();
        let spec = rules.get("DL402").expect("DL402 is built in");
        let words = ChangeWords::of(spec);
        for w in spec.param_strs("up_words") {
            assert_eq!(w, w.to_lowercase(), "rule words are lower case");
            assert_eq!(words.get(w), Some(1), "{w}");
        }
        for w in spec.param_strs("down_words") {
            assert_eq!(w, w.to_lowercase(), "rule words are lower case");
            assert_eq!(words.get(w), Some(-1), "{w}");
        }
        assert_eq!(words.get("steady"), None);
        assert_eq!(words.of_written("Fell"), Some(-1));
        assert_eq!(words.of_written("gain-point"), Some(1));
    }
}
