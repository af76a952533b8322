//! `scale_slip` (DL303): a conversion or a restatement off by a power of a thousand (`bn`
//! written as `m`). Conversions are measured against the reference rate (or, without one,
//! against the digest's other conversions of the same pair); restatements against the other
//! mentions of the same subject's measure. The fix rescales the amount.

use super::amount_conflict::{comparable, scale_gap};
use super::fx_reference_rate::{conversions, reference};
use super::values::{fmt_money, power_of_thousand, rescale_text};
use super::{pick_primaries, Cx, Hit};
use crate::finding::Finding;
use crate::fx::money;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

fn scale_word(k: i32) -> &'static str {
    match k.abs() {
        1 => "a thousand",
        _ => "a million",
    }
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let tol = spec.param_decimal("tolerance_pct").unwrap_or_default();
    let gap = spec.param_i64("max_month_gap").unwrap_or(0).max(0) as u32;
    let mut out = Vec::new();
    let convs = conversions(cx);
    for (i, conv) in convs.iter().enumerate() {
        let reference_rate = reference(cx.rates, conv, gap).map(|(r, _)| r).or_else(|| {
            // without a reference: another conversion of the same pair in this digest
            convs
                .iter()
                .enumerate()
                .find(|(j, o)| {
                    *j != i && o.rate.from == conv.rate.from && o.rate.to == conv.rate.to
                })
                .map(|(_, o)| o.rate.rate)
        });
        let Some(r) = reference_rate.filter(|r| !r.is_zero()) else {
            continue;
        };
        let Some(k) = power_of_thousand(conv.rate.rate / r, tol) else {
            continue;
        };
        let b = &cx.doc.claims[conv.b];
        let expected = fmt_money(conv.va * r, conv.rate.to);
        let mut hit = Hit::new(b.span, "off by {factor}")
            .var("value", cx.claim_text(conv.b))
            .var("other", cx.claim_text(conv.a))
            .var("factor", scale_word(k))
            .var("expected", expected.clone())
            .related(
                None,
                cx.doc.claims[conv.a].span,
                "converted from this amount",
            )
            .evidence(cx.claim_text(conv.b))
            .evidence(cx.claim_text(conv.a));
        if let Some(fixed) = rescale_text(cx.claim_text(conv.b), -k) {
            hit = hit.fix(format!("write {fixed}"), b.span, fixed);
        }
        out.push(hit.finish(cx, spec));
    }
    // restatements of one subject's measure
    let facts = &cx.doc.facts;
    let mut edges = Vec::new();
    let mut gaps = crate::facts::fast::FastMap::default();
    for bucket in cx.index().amounts.values() {
        for (n, &a) in bucket.iter().enumerate() {
            for &b in &bucket[n + 1..] {
                if !comparable(cx, &facts[a], cx, &facts[b], true) {
                    continue;
                }
                if let Some(k) = scale_gap(cx, &facts[a], cx, &facts[b], tol) {
                    let e = (a.min(b), a.max(b));
                    edges.push(e);
                    gaps.insert(e, if a < b { k } else { -k });
                }
            }
        }
    }
    for (p, others) in pick_primaries(&edges, |_| false) {
        let o = others[0];
        let e = (p.min(o), p.max(o));
        let k_lo_to_hi = gaps.get(&e).copied().unwrap_or(0);
        // primary = hi: it is 1000^k of lo, rescale by -k; primary = lo: rescale by +k
        let k = if p > o { -k_lo_to_hi } else { k_lo_to_hi };
        let (cp, co) = (facts[p].claim, facts[o].claim);
        let span = cx.doc.claims[cp].span;
        let mut hit = Hit::new(span, "off by {factor}")
            .var("value", cx.claim_text(cp))
            .var("other", cx.claim_text(co))
            .var("factor", scale_word(k))
            .var("expected", cx.claim_text(co))
            .evidence(cx.claim_text(cp));
        for &q in &others {
            let c = facts[q].claim;
            hit = hit
                .related(
                    None,
                    cx.doc.claims[c].span,
                    format!("stated as {} here", cx.claim_text(c)),
                )
                .evidence(cx.claim_text(c));
        }
        if let Some(fixed) = rescale_text(cx.claim_text(cp), k) {
            hit = hit.fix(format!("write {fixed}"), span, fixed);
        }
        out.push(hit.finish(cx, spec));
    }
    restated_conversions(cx, spec, tol, &mut out);
    out
}

/// Whether the text between an amount and the one after it reads as a conversion written after
/// a word or two (`₹15,512 crore IPO (about $1.75 million)`): it ends in `(`, `/`, `≈` or `, or`
/// and closes no bracket or clause on the way.
fn conversion_after_words(gap: &str) -> bool {
    let t = gap.trim_end();
    !gap.contains([')', ';', ':'])
        && (t.ends_with(['(', '/', '≈']) || t.ends_with(", or") || t.ends_with(", i.e."))
}

/// A converted amount restated elsewhere with its conversion off by a power of a thousand: the
/// digest converts `₹15,512 crore (~$1.75bn)`, and a key point gives the same ₹15,512 crore as
/// `about $1.75 million` a few words on (not as a conversion pair, so the reference-rate checks
/// never see it). The source amount must be restated exactly, the slipped one follow it within
/// `restated_max_gap_bytes` in the same sentence, and no finding stand there already.
fn restated_conversions(cx: &Cx, spec: &RuleSpec, tol: Decimal, out: &mut Vec<Finding>) {
    let Some(max_gap) = spec.param_i64("restated_max_gap_bytes") else {
        return;
    };
    let max_gap = max_gap.max(0) as usize;
    let claims = &cx.doc.claims;
    // each end of a conversion: (value, currency) -> (conversion, whether it is the source end)
    let mut ends: crate::facts::fast::FastMap<(Decimal, crate::claims::Currency), (usize, bool)> =
        Default::default();
    let convs = conversions(cx);
    for (i, c) in convs.iter().enumerate() {
        ends.entry((c.va.normalize(), c.rate.from))
            .or_insert((i, true));
        ends.entry((c.vb.normalize(), c.rate.to))
            .or_insert((i, false));
    }
    if ends.is_empty() {
        return;
    }
    let d = &cx.doc.digest;
    for k in 0..claims.len().saturating_sub(1) {
        let (m, x) = (&claims[k], &claims[k + 1]);
        if m.pair.is_some() || x.pair.is_some() {
            continue;
        }
        let (Some((vm, cm)), Some((vx, cur_x))) = (money(m), money(x)) else {
            continue;
        };
        let Some(&(i, source)) = ends.get(&(vm.normalize(), cm)) else {
            continue;
        };
        let conv = &convs[i];
        let (stated, stated_at, other_cur) = if source {
            (conv.vb, conv.b, conv.rate.to)
        } else {
            (conv.va, conv.a, conv.rate.from)
        };
        if cur_x != other_cur || stated.is_zero() || k == conv.a || k == conv.b {
            continue;
        }
        let gap = cx.text().get(m.span.end..x.span.start).unwrap_or("");
        if gap.len() > max_gap
            || !conversion_after_words(gap)
            || d.sentence_at(m.span.start) != d.sentence_at(x.span.start)
            || out.iter().any(|f| f.span == x.span)
        {
            continue;
        }
        let Some(scale) = power_of_thousand(vx / stated, tol) else {
            continue;
        };
        let mut hit = Hit::new(x.span, "off by {factor}")
            .var("value", cx.claim_text(k + 1))
            .var("other", cx.claim_text(k))
            .var("factor", scale_word(scale))
            .var("expected", cx.claim_text(stated_at))
            .related(
                None,
                claims[stated_at].span,
                "converted as this amount here",
            )
            .related(
                None,
                claims[if source { conv.a } else { conv.b }].span,
                "from this amount",
            )
            .evidence(cx.claim_text(k + 1))
            .evidence(cx.claim_text(k))
            .evidence(cx.claim_text(stated_at));
        if let Some(fixed) = rescale_text(cx.claim_text(k + 1), -scale) {
            hit = hit.fix(format!("write {fixed}"), x.span, fixed);
        }
        out.push(hit.finish(cx, spec));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn factor_words() {
        assert_eq!(scale_word(1), "a thousand");
        assert_eq!(scale_word(-2), "a million");
        assert_eq!(
            power_of_thousand(Decimal::ONE_THOUSAND, Decimal::TEN),
            Some(1)
        );
    }

    #[test]
    fn a_conversion_after_a_word_or_two() {
        assert!(conversion_after_words(" IPO ("));
        assert!(conversion_after_words(" raise, or "));
        assert!(conversion_after_words(" / "));
        // a list, a closed bracket or another clause is no conversion
        assert!(!conversion_after_words(" and "));
        assert!(!conversion_after_words(" IPO (fees: "));
        assert!(!conversion_after_words(" IPO; ("));
        assert!(!conversion_after_words(" (2025) and ("));
    }
}
