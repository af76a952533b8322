//! `total_arithmetic` (DL403): parts that do not add up to the `total`/`combined`/`together`
//! stated with them in one sentence. When the sentence only gives examples (`including`,
//! `such as`, `of which`), only parts that exceed the total are reported.

use super::values::{fmt_amount, magnitude, point, restate, rounding_rel};
use super::{Cx, Hit};
use crate::claims::{ClaimKind, Magnitude};
use crate::facts::same_unit;
use crate::finding::Finding;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

/// The first of `words` (lower case) standing in the sentence as a word of its own (ASCII case
/// ignored): its byte offset and the word. One pass over the sentence instead of a search per
/// word.
fn total_word<'w>(s: &str, words: &[&'w str]) -> Option<(usize, &'w str)> {
    let b = s.as_bytes();
    let n = b.len();
    let mut p = 0;
    while p < n {
        if !b[p].is_ascii_alphabetic() {
            p += 1;
            continue;
        }
        // a word starts here
        let hit = words.iter().find(|w| {
            b.get(p..p + w.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
                && b.get(p + w.len())
                    .map_or(true, |c| !c.is_ascii_alphabetic())
        });
        if let Some(w) = hit {
            return Some((p, *w));
        }
        p += 1;
        while p < n && b[p].is_ascii_alphabetic() {
            p += 1;
        }
    }
    None
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let tol = spec.param_decimal("tolerance_pct").unwrap_or_default() / Decimal::ONE_HUNDRED;
    let hedge = spec
        .param_decimal("hedge_tolerance_pct")
        .unwrap_or_default()
        / Decimal::ONE_HUNDRED;
    let reach = spec.param_i64("total_reach_bytes").unwrap_or(0).max(0) as usize;
    let max_off = spec
        .param_decimal("max_off_pct")
        .map(|p| p / Decimal::ONE_HUNDRED);
    let total_words: Vec<&str> = spec.param_strs("total_words").collect();
    let partial_words: Vec<&str> = spec.param_strs("partial_words").collect();
    let clause_marks: Vec<&str> = spec.param_strs("sibling_clause_marks").collect();
    let text = cx.text();
    let claims = &cx.doc.claims;
    let mut out = Vec::new();
    // the first claim of each sentence, found by walking on (sentences and claims are in text
    // order) instead of a binary search per sentence
    let mut first = 0;
    for s in &cx.doc.digest.sentences {
        while first < claims.len() && claims[first].span.start < s.span.start {
            first += 1;
        }
        // a total needs two parts beside it: three sums of money or counts in the sentence at
        // least (the total and its parts are read from those only), else no word search
        let amounts = claims[first..]
            .iter()
            .take_while(|c| c.span.start < s.span.end)
            .filter(|c| matches!(c.kind, ClaimKind::Money { .. } | ClaimKind::Count { .. }))
            .count();
        if amounts < 3 {
            continue;
        }
        let stext = s.span.of(text);
        let Some((tpos, tword)) = total_word(stext, &total_words) else {
            continue;
        };
        let at = s.span.start + tpos;
        let inside: Vec<usize> = (first..claims.len())
            .take_while(|&k| claims[k].span.start < s.span.end)
            .filter(|&k| {
                matches!(
                    claims[k].kind,
                    ClaimKind::Money { .. } | ClaimKind::Count { .. }
                )
            })
            .collect();
        // the total: the amount right after the total word (`a total of $4bn`, `together
        // $4bn`), else right before it (`3,500 MW in total`, `$4bn combined`)
        let after_word = at + tword.len();
        let near = |gap: usize| gap <= reach;
        let after = inside.iter().copied().filter(|&k| {
            claims[k].span.start >= after_word && near(claims[k].span.start - after_word)
        });
        let before = inside
            .iter()
            .copied()
            .filter(|&k| claims[k].span.end <= at && near(at - claims[k].span.end));
        // a total word that closes its phrase (`raised ₹1,900 crore in total: a ₹472 crore
        // fresh issue and …`) speaks of the amount before it
        let closes = text[after_word..].starts_with([':', ';', ',', '.', ')']);
        let t = if closes {
            before
                .max_by_key(|&k| claims[k].span.end)
                .or_else(|| after.min_by_key(|&k| claims[k].span.start))
        } else {
            after
                .min_by_key(|&k| claims[k].span.start)
                .or_else(|| before.max_by_key(|&k| claims[k].span.end))
        };
        let Some(t) = t else {
            continue;
        };
        let tc = &claims[t];
        // parts: other amounts in the same unit, not conversions of one another, not bounds
        let parts: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&k| {
                k != t
                    && tc.pair != Some(k)
                    && same_unit(text, tc, &claims[k])
                    && !claims[k].pair.is_some_and(|p| p < k)
                    && matches!(magnitude(&claims[k]), Some(Magnitude::Exact(_)))
                    && !matches!(
                        claims[k].hedge,
                        Some(
                            crate::claims::Hedge::MoreThan
                                | crate::claims::Hedge::UpTo
                                | crate::claims::Hedge::AtLeast
                                | crate::claims::Hedge::LessThan
                        )
                    )
            })
            .collect();
        let parts = same_clause_run(text, claims, (t, at), &parts, &clause_marks);
        if parts.len() < 2 {
            continue;
        }
        // a lower bound (`more than $3.5bn combined`) may cover parts told elsewhere
        if matches!(
            tc.hedge,
            Some(crate::claims::Hedge::MoreThan | crate::claims::Hedge::AtLeast)
        ) || matches!(magnitude(tc), Some(Magnitude::AtLeast(_)))
        {
            continue;
        }
        let Some(total) = point(tc) else { continue };
        if total <= Decimal::ZERO || parts.iter().any(|&k| point(&claims[k]) == Some(total)) {
            continue;
        }
        let lower = stext.to_ascii_lowercase();
        let partial = partial_words.iter().any(|w| lower.contains(w));
        let Some(sum) = misses(text, claims, t, &parts, (tol, hedge), partial) else {
            continue;
        };
        // parts that miss their total by more than a slip would (a sentence of several lists
        // and totals, a price band beside the issue size) are not its parts
        if max_off.is_some_and(|m| (sum - total).abs() > total * m) {
            continue;
        }
        // another of the amounts may be the total the word speaks of (`Brazil (112m tonnes) and
        // the US (46m tonnes) together ship 158m tonnes`): if one adds up, the sentence holds
        let mut all = parts.clone();
        all.push(t);
        let another_adds_up = all.iter().any(|&k| {
            k != t && {
                let rest: Vec<usize> = all.iter().copied().filter(|&r| r != k).collect();
                misses(text, claims, k, &rest, (tol, hedge), partial).is_none()
            }
        });
        if another_adds_up {
            continue;
        }
        let mut hit = Hit::new(tc.span, "stated {word}")
            .var("total", tc.span.of(text))
            .var("word", display_word(tword))
            .var(
                "sum",
                restate(tc.span.of(text), total, sum).unwrap_or_else(|| fmt_amount(sum)),
            )
            .var("count", parts.len().to_string())
            .evidence(tc.span.of(text));
        for &k in &parts {
            hit = hit
                .related(None, claims[k].span, "a part")
                .evidence(claims[k].span.of(text));
        }
        out.push(hit.finish(cx, spec));
    }
    out
}

/// The parts (in text order) that stand in the total's own clause: when the part nearest the
/// total `t` on one side is joined to it by a sibling clause (`fined Shein €1 million, and
/// Spain's CNMC fined Apple and Amazon a combined €194 million`: a `, and` between them, one of
/// `marks`), no part on that side is one of its parts, unless the total word `word_at` opens that
/// clause (`, and together they wrote down $4bn`). Between the parts themselves a mark is a
/// list's (`€45 million, €30 million, and €15 million, €90 million in total`).
fn same_clause_run(
    text: &str,
    claims: &[crate::claims::Claim],
    (t, word_at): (usize, usize),
    parts: &[usize],
    marks: &[&str],
) -> Vec<usize> {
    let tc = claims[t].span;
    let joined = |lo: usize, hi: usize| {
        let gap = text[lo..hi].to_ascii_lowercase();
        // the last mark between them, if any
        let Some(opened) = marks
            .iter()
            .filter_map(|m| gap.rfind(m).map(|k| k + m.len()))
            .max()
        else {
            return true;
        };
        // a clause the total word opens sums what came before it (`, and together they wrote
        // down $4bn`, `, and the combined $4bn`)
        (lo + opened..=hi).contains(&word_at) && words(&text[lo + opened..word_at]) <= 1
    };
    let split = parts.partition_point(|&k| claims[k].span.end <= tc.start);
    let (before, after) = parts.split_at(split);
    let mut keep = Vec::with_capacity(parts.len());
    if before
        .last()
        .is_some_and(|&k| joined(claims[k].span.end, tc.start))
    {
        keep.extend_from_slice(before);
    }
    if after
        .first()
        .is_some_and(|&k| claims[k].span.start >= tc.end && joined(tc.end, claims[k].span.start))
    {
        keep.extend_from_slice(after);
    }
    keep
}

/// How many words `s` holds.
fn words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The total word as a message names it: `totals $40bn` is `the total $40bn`, `together $4bn`
/// and `$4bn in all` too; `combined` and `aggregate` read as written.
fn display_word(w: &str) -> &str {
    match w {
        "combined" | "aggregate" => w,
        _ => "total",
    }
}

/// The sum of `parts` when it misses the total `t` by more than rounding and tolerance allow
/// (`partial`: the parts are examples, so only a sum above the total misses).
fn misses(
    text: &str,
    claims: &[crate::claims::Claim],
    t: usize,
    parts: &[usize],
    (tol, hedge): (Decimal, Decimal),
    partial: bool,
) -> Option<Decimal> {
    let tc = &claims[t];
    let total = point(tc)?;
    let sum: Decimal = parts.iter().filter_map(|&k| point(&claims[k])).sum();
    let mut room = total * (tol + rounding_rel(tc.span.of(text)));
    for &k in parts {
        let v = point(&claims[k]).unwrap_or_default();
        room += v.abs() * rounding_rel(claims[k].span.of(text));
        if claims[k].approx() {
            room += v.abs() * hedge;
        }
    }
    if tc.approx()
        || matches!(
            tc.hedge,
            Some(crate::claims::Hedge::MoreThan | crate::claims::Hedge::Nearly)
        )
    {
        room += total * hedge;
    }
    let off = if partial {
        sum - total > room
    } else {
        (sum - total).abs() > room
    };
    off.then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::total_word;
    use crate::rules::RuleSet;

    /// The search `total_word` replaced: each word searched for in the lower-cased sentence.
    fn by_search<'w>(s: &str, words: &[&'w str]) -> Option<(usize, &'w str)> {
        let stext = s.to_ascii_lowercase();
        let b = stext.as_bytes();
        words
            .iter()
            .filter_map(|w| {
                stext
                    .match_indices(w)
                    .find(|(p, _)| {
                        (*p == 0 || !b[p - 1].is_ascii_alphabetic())
                            && b.get(p + w.len())
                                .map_or(true, |c| !c.is_ascii_alphabetic())
                    })
                    .map(|(p, _)| (p, *w))
            })
            .min_by_key(|(p, _)| *p)
    }

    #[test]
    fn total_word_finds_what_the_search_found() {
        let rules = RuleSet::builtin();
        let words: Vec<&str> = rules
            .get("DL403")
            .expect("DL403 is built in")
            .param_strs("total_words")
            .collect();
        assert!(words.iter().all(|w| *w == w.to_lowercase()), "lower case");
        for s in [
            "A total of $4bn, with $1bn and $2bn",
            "Totalling 5, totaling 6",
            "subtotal 3 and 4 in ALL 7",
            "3,500 MW in total",
            "$4bn combined; 2total",
            "the sum: 3 + 4 = 7 summit",
            "Together — €1bn and €2bn (aggregate €3bn)",
            "no word here at all",
            "in al",
            "intotal totals altogether",
            "é total",
        ] {
            assert_eq!(total_word(s, &words), by_search(s, &words), "{s}");
        }
        assert_eq!(
            total_word("x 3,500 MW in total", &words),
            Some((14, "total"))
        );
    }
}
