//! `window_arithmetic` (DL401): an `N-day window/transition/period` stated between two dated
//! events that does not span about N days (`published Aug. 29 … effective Dec. 31 … a
//! ~120-day window` holds: 124 days). The dates are looked for in the duration's sentence,
//! else its block; when no pair of them spans the window, it is reported with the fix writing
//! the days the dates span.

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

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let slack_days = spec.param_i64("slack_days").unwrap_or(0);
    let slack_pct = spec.param_decimal("slack_pct").unwrap_or_default();
    let hedge_pct = spec.param_decimal("hedge_slack_pct").unwrap_or_default();
    let max_dates = spec.param_i64("max_dates").unwrap_or(0).max(2) as usize;
    let window_words: Vec<&str> = spec.param_strs("window_words").collect();
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
        let mut room = slack_pct;
        if c.hedge.is_some() {
            room += hedge_pct;
        }
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
                let allowed = slack_days.max(
                    (Decimal::from(want) * room / Decimal::ONE_HUNDRED)
                        .to_i64()
                        .unwrap_or(0),
                );
                let off = (e - expected_end).num_days().abs();
                if off <= allowed {
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
        let mut hit = Hit::new(c.span, "{window} stated here")
            .var("window", cx.claim_text(i))
            .var("start", cx.claim_text(first))
            .var("end", cx.claim_text(last))
            .var("days", actual.to_string())
            .var("stated", fmt_dec(n, 2))
            .related(None, claims[first].span, "window starts here")
            .related(None, claims[last].span, "window ends here")
            .evidence(cx.claim_text(i))
            .evidence(cx.claim_text(first))
            .evidence(cx.claim_text(last));
        if unit == DurationUnit::Day {
            if let Some(fixed) = replace_number(cx.claim_text(i), Decimal::from(actual)) {
                hit = hit.fix(format!("write {fixed}"), c.span, fixed);
            }
        }
        out.push(hit.finish(cx, spec));
    }
    out
}
