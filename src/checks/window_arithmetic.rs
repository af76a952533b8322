//! `window_arithmetic` (DL401): an `N-day window/transition/period` stated between two dated
//! events that does not span about N days (`published Aug. 29 … effective Dec. 31 … a
//! ~120-day window` holds: 124 days). A day range right beside the window is its own dates
//! (`the 10-day window from June 1 to June 10`, counted inclusively) and the only ones judged;
//! else the dates are looked for in the duration's sentence, else its block. When no pair of
//! them spans the window, it is reported with the fix writing the days the dates span.

use super::values::{fmt_dec, point, replace_number};
use super::{Cx, Hit};
use crate::claims::{ClaimKind, DurationUnit, Grain};
use crate::finding::Finding;
use crate::rules::RuleSpec;
use chrono::{Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Whether one of the rule's `window_words` (lower case) stands among the three words after a
/// duration, before any punctuation: `a 120-day transition period`.
fn is_window(text: &str, end: usize, window_words: &[&str]) -> bool {
    let after = &text[end..crate::source::floor_char_boundary(text, (end + 60).min(text.len()))];
    let after = after
        .get(..after.find(['.', ';', ',', '(', ')']).unwrap_or(after.len()))
        .unwrap_or("");
    after
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‑')
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| window_words.contains(&w.to_ascii_lowercase().as_str()))
}

/// The day the window would end, from `start`.
fn window_end(start: NaiveDate, n: Decimal, unit: DurationUnit) -> Option<NaiveDate> {
    let whole = n.trunc().to_u32()?;
    match unit {
        DurationUnit::Day => start.checked_add_signed(chrono::Duration::days(whole as i64)),
        DurationUnit::Week => start.checked_add_signed(chrono::Duration::days(whole as i64 * 7)),
        DurationUnit::Month => start.checked_add_months(Months::new(whole)),
        DurationUnit::Quarter => start.checked_add_months(Months::new(whole * 3)),
        DurationUnit::Year => start.checked_add_months(Months::new(whole * 12)),
        _ => None,
    }
}

/// Whether `gap`, the text between a window and a date range beside it, joins them: no
/// sentence or clause break and only words of `joining` (the rule's window words and
/// `own_range_words`, lower case): `the 10-day window from June 1 to June 10`, `June 1–10, a
/// 10-day window`. `a 90-day window after the Aug. 1–15 consultation` does not: the window
/// follows the range.
fn joins(gap: &str, joining: &[&str]) -> bool {
    !gap.contains(['.', ';', '!', '?'])
        && gap
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .all(|w| joining.contains(&w.to_ascii_lowercase().as_str()))
}

/// The two ends of a date range as written (`from June 1 to June 10` → `June 1`, `June 10`;
/// `June 1–10` → `June 1`, `10`).
fn range_ends(t: &str) -> (String, String) {
    let body = ["from ", "between "]
        .iter()
        .find_map(|p| {
            t.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &t[p.len()..])
        })
        .unwrap_or(t);
    for sep in [" to ", " through ", " until ", " and ", "–", "—", "-"] {
        if let Some((a, b)) = body.split_once(sep) {
            return (a.trim().to_string(), b.trim().to_string());
        }
    }
    (body.to_string(), body.to_string())
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let slack_days = spec.param_i64("slack_days").unwrap_or(0);
    let slack_pct = spec.param_decimal("slack_pct").unwrap_or_default();
    let hedge_pct = spec.param_decimal("hedge_slack_pct").unwrap_or_default();
    let max_dates = spec.param_i64("max_dates").unwrap_or(0).max(2) as usize;
    let window_words: Vec<&str> = spec.param_strs("window_words").collect();
    let joining: Vec<&str> = window_words
        .iter()
        .copied()
        .chain(spec.param_strs("own_range_words"))
        .collect();
    let text = cx.text();
    let claims = &cx.doc.claims;
    let digest = &cx.doc.digest;
    let mut out = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let ClaimKind::Duration { unit, .. } = c.kind else {
            continue;
        };
        if !is_window(text, c.span.end, &window_words) {
            continue;
        }
        let Some(n) = point(c).filter(|n| *n > Decimal::ZERO) else {
            continue;
        };
        let mut room = slack_pct;
        if c.hedge.is_some() {
            room += hedge_pct;
        }
        // the days by which dates `want` days apart may miss
        let allowed = |want: i64| {
            slack_days.max(
                (Decimal::from(want) * room / Decimal::ONE_HUNDRED)
                    .to_i64()
                    .unwrap_or(0),
            )
        };
        // the dated events around it: its sentence's, else its block's
        let dated_in = |lo: usize, hi: usize| -> Vec<usize> {
            let from = claims.partition_point(|d| d.span.start < lo);
            let mut v: Vec<usize> = claims
                .iter()
                .enumerate()
                .skip(from)
                .take_while(|(_, d)| d.span.start < hi)
                .filter(|(k, d)| {
                    d.date()
                        .is_some_and(|d| d.grain == Grain::Day && d.from == d.to)
                        && !cx.index().fact(cx.doc, *k).is_some_and(|f| f.reported)
                })
                .map(|(k, _)| k)
                .collect();
            v.dedup_by_key(|k| claims[*k].date().map(|d| d.from));
            v
        };
        // a day range standing right beside the window is the window's own dates (`the 10-day
        // window from June 1 to June 10`): counted inclusively, and the only dates judged
        let own = |k: usize| {
            let d = claims[k].date()?;
            if d.grain != Grain::Day || d.from >= d.to {
                return None;
            }
            let (lo, hi) = if claims[k].span.start >= c.span.end {
                (c.span.end, claims[k].span.start)
            } else {
                (claims[k].span.end, c.span.start)
            };
            (lo <= hi && joins(&text[lo..hi], &joining)).then_some((d.from, d.to))
        };
        let beside = [Some(i + 1), i.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter(|&k| k < claims.len())
            .find_map(|k| Some((k, own(k)?)));
        if let Some((k, (from, to))) = beside {
            let want = window_end(from, n, unit).map(|e| (e - from).num_days());
            let Some(want) = want else { continue };
            let days = (to - from).num_days() + 1;
            if (days - want).abs() <= allowed(want) {
                continue;
            }
            let (start, end) = range_ends(cx.claim_text(k));
            out.push(report(cx, spec, i, n, unit, (k, k), (start, end), days));
            continue;
        }
        let sentence = digest
            .sentence_at(c.span.start)
            .map(|s| digest.sentences[s].span);
        let block = digest.block_at(c.span.start).map(|b| digest.blocks[b].span);
        let mut dates = sentence
            .map(|s| dated_in(s.start, s.end))
            .unwrap_or_default();
        if dates.len() < 2 {
            dates = block.map(|b| dated_in(b.start, b.end)).unwrap_or_default();
        }
        if dates.len() < 2 || dates.len() > max_dates {
            continue;
        }
        let day = |k: usize| claims[k].date().map(|d| d.from);
        let mut fits = false;
        // the pair nearest the stated window is the one reported
        let mut span_pair: Option<(usize, usize, i64)> = None;
        for (x, &a) in dates.iter().enumerate() {
            for &b in &dates[x + 1..] {
                let (Some(da), Some(db)) = (day(a), day(b)) else {
                    continue;
                };
                let (s, e, first, last) = if da <= db {
                    (da, db, a, b)
                } else {
                    (db, da, b, a)
                };
                let Some(expected_end) = window_end(s, n, unit) else {
                    continue;
                };
                let want = (expected_end - s).num_days();
                let off = (e - expected_end).num_days().abs();
                if off <= allowed(want) {
                    fits = true;
                }
                if span_pair.map_or(true, |(_, _, o)| off < o) {
                    span_pair = Some((first, last, off));
                }
            }
        }
        if fits {
            continue;
        }
        let Some((first, last, _)) = span_pair else {
            continue;
        };
        let (Some(s), Some(e)) = (day(first), day(last)) else {
            continue;
        };
        let actual = (e - s).num_days();
        let ends = (
            cx.claim_text(first).to_string(),
            cx.claim_text(last).to_string(),
        );
        out.push(report(cx, spec, i, n, unit, (first, last), ends, actual));
    }
    out
}

/// The finding for the window claim `i` stated as `n` `unit`s against the dates `first` and
/// `last` (one claim for a range; `ends` as the message names them), which span `days` days.
#[allow(clippy::too_many_arguments)]
fn report(
    cx: &Cx,
    spec: &RuleSpec,
    i: usize,
    n: Decimal,
    unit: DurationUnit,
    (first, last): (usize, usize),
    (start, end): (String, String),
    days: i64,
) -> Finding {
    let claims = &cx.doc.claims;
    let c = &claims[i];
    let mut hit = Hit::new(c.span, "{window} stated here")
        .var("window", cx.claim_text(i))
        .var("start", start)
        .var("end", end)
        .var("days", days.to_string())
        .var("stated", fmt_dec(n, 2))
        .evidence(cx.claim_text(i))
        .evidence(cx.claim_text(first));
    if first == last {
        hit = hit.related(None, claims[first].span, "the window's dates");
    } else {
        hit = hit
            .related(None, claims[first].span, "window starts here")
            .related(None, claims[last].span, "window ends here")
            .evidence(cx.claim_text(last));
    }
    if unit == DurationUnit::Day {
        if let Some(fixed) = replace_number(cx.claim_text(i), Decimal::from(days)) {
            hit = hit.fix(format!("write {fixed}"), c.span, fixed);
        }
    }
    hit.finish(cx, spec)
}

#[cfg(test)]
mod tests {
    use super::{joins, range_ends};

    #[test]
    fn a_range_beside_a_window_is_its_dates() {
        let rules = crate::rules::RuleSet::builtin();
        let spec = rules.get("DL401").expect("DL401 is built in");
        let joining: Vec<&str> = spec
            .param_strs("window_words")
            .chain(spec.param_strs("own_range_words"))
            .collect();
        let joins = |g: &str| joins(g, &joining);
        assert!(joins(" window "));
        assert!(joins(", a "));
        assert!(joins(" transition period ("));
        assert!(joins(" window that ran "));
        assert!(!joins(" window that the league opened again on "));
        assert!(!joins(" window after the "));
        assert!(!joins("; a "));
        let ends = |t: &str| range_ends(t);
        assert_eq!(
            ends("from June 1 to June 10"),
            ("June 1".into(), "June 10".into())
        );
        assert_eq!(ends("June 1–10"), ("June 1".into(), "10".into()));
        assert_eq!(
            ends("between Aug. 4 and Aug. 15, 2025"),
            ("Aug. 4".into(), "Aug. 15, 2025".into())
        );
    }
}
