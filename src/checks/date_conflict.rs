//! `date_conflict` (DL201) and `cross_digest_date_conflict` (DL203): the same event of the same
//! subject given dates that cannot both hold. Facts meet only in their (entity, event class,
//! year) bucket; fuzzy periods and hedges widen a date by the rule's parameters.

use super::index::{cross_conflicts, Pair};
use super::{pick_primaries, place, Cx, Hit};
use crate::facts::{Fact, Lexicon};
use crate::finding::Finding;
use crate::rules::RuleSpec;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

struct Params {
    fuzzy: i64,
    hedge: i64,
    max_gap: i64,
    recurring_max_gap: i64,
    max_mentions: usize,
}

impl Params {
    fn of(spec: &RuleSpec) -> Params {
        let n = |k: &str| spec.param_i64(k).unwrap_or(0);
        Params {
            fuzzy: n("fuzzy_widen_days"),
            hedge: n("hedge_widen_days"),
            max_gap: n("max_gap_days"),
            recurring_max_gap: n("recurring_max_gap_days"),
            max_mentions: n("max_mentions_per_key").max(0) as usize,
        }
    }
}

/// The days a dated fact allows, widened for fuzziness and hedges.
fn widened(cx: &Cx, f: &Fact, p: &Params) -> Option<(NaiveDate, NaiveDate)> {
    let c = &cx.doc.claims[f.claim];
    let d = c.date()?;
    let mut w = 0;
    if d.fuzzy {
        w += p.fuzzy;
    }
    if c.hedge.is_some() {
        w += p.hedge;
    }
    Some((d.lo() - Duration::days(w), d.hi() + Duration::days(w)))
}

fn conflicts(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, p: &Params, same_doc: bool) -> bool {
    if same_doc && (fa.sentence == fb.sentence || fa.claim == fb.claim) {
        return false;
    }
    if fa.shared_class(fb).is_none() || fa.markers != fb.markers || fa.year != fb.year {
        return false;
    }
    if !crate::facts::same_subject(fa, fb) {
        return false;
    }
    // stated with different amounts of one currency: different deals or fines
    if let (Some(x), Some(y)) = (clause_money(ca, fa), clause_money(cb, fb)) {
        if x.1 == y.1 && !x.0.is_zero() && ((y.0 - x.0) / x.0).abs() > Decimal::new(1, 1) {
            return false;
        }
    }
    let (Some(a), Some(b)) = (widened(ca, fa, p), widened(cb, fb, p)) else {
        return false;
    };
    let gap = if a.1 < b.0 {
        (b.0 - a.1).num_days()
    } else if b.1 < a.0 {
        (a.0 - b.1).num_days()
    } else {
        return false;
    };
    // a meeting where something was agreed is still a meeting: both mentions name one
    let lex = Lexicon::builtin();
    let recurs = |f: &Fact| {
        f.classes()
            .any(|c| lex.classes.get(c as usize).is_some_and(|c| c.recurring))
    };
    let recurring = recurs(fa) && recurs(fb);
    gap <= if recurring {
        p.recurring_max_gap
    } else {
        p.max_gap
    }
}

/// The first sum of money in a fact's clause (a price per unit, `$5 per hectare`, is no deal
/// size).
fn clause_money(cx: &Cx, f: &Fact) -> Option<(Decimal, crate::claims::Currency)> {
    let claims = &cx.doc.claims;
    let first = claims.partition_point(|c| c.span.start < f.clause.start);
    claims[first..]
        .iter()
        .take_while(|c| c.span.start < f.clause.end)
        .filter(|c| !crate::facts::per_unit(cx.text(), c.span.end))
        .find_map(crate::fx::money)
}

/// Whether two facts agree (comparable and not in conflict): a later digest that agrees with
/// an earlier one is not reported for that digest's own inconsistency.
fn agrees(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, p: &Params) -> bool {
    if fa.shared_class(fb).is_none() || fa.year != fb.year || !crate::facts::same_subject(fa, fb) {
        return false;
    }
    match (widened(ca, fa, p), widened(cb, fb, p)) {
        (Some(a), Some(b)) => !(a.1 < b.0 || b.1 < a.0),
        _ => false,
    }
}

fn soft(cx: &Cx, f: &Fact) -> bool {
    let c = &cx.doc.claims[f.claim];
    c.hedge.is_some() || c.date().is_some_and(|d| d.fuzzy)
}

fn common_key<'f>(a: &'f Fact, b: &Fact) -> &'f str {
    a.keys
        .iter()
        .find(|k| b.keys.contains(k))
        .map_or("", |k| &**k)
}

fn event_name(f: &Fact, other: &Fact) -> String {
    f.shared_class(other)
        .or(f.class)
        .map(|c| Lexicon::builtin().class_name(c).replace('_', " "))
        .unwrap_or_default()
}

/// DL201: within one document.
pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let p = Params::of(spec);
    let ix = cx.index();
    let facts = &cx.doc.facts;
    let mut edges = Vec::new();
    for bucket in ix.dates.values() {
        if bucket.len() < 2 || bucket.len() > p.max_mentions {
            continue;
        }
        // a sentence that dates several steps of one event (`opened on Nov. 7 and listed on
        // Nov. 14`) conflicts with no mention that one of its steps agrees with
        let covered = |a: usize, b: usize| {
            bucket.iter().any(|&x| {
                x != a
                    && facts[x].sentence == facts[a].sentence
                    && agrees(cx, &facts[x], cx, &facts[b], &p)
            })
        };
        for (i, &a) in bucket.iter().enumerate() {
            for &b in &bucket[i + 1..] {
                if conflicts(cx, &facts[a], cx, &facts[b], &p, true)
                    && !covered(a, b)
                    && !covered(b, a)
                {
                    edges.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pick_primaries(&edges, |f| soft(cx, &facts[f]))
        .into_iter()
        .map(|(primary, others)| {
            let fp = &facts[primary];
            let span = cx.doc.claims[fp.claim].span;
            let fo = &facts[others[0]];
            let ospan = cx.doc.claims[fo.claim].span;
            Hit::new(span, "dated {date} here")
                .var("subject", common_key(fp, fo))
                .var("event", event_name(fp, fo))
                .var("date", cx.claim_text(fp.claim))
                .var("other", cx.claim_text(fo.claim))
                .var("place", place(cx, span, ospan))
                .var("count", others.len().to_string())
                .evidence(cx.claim_text(fp.claim))
                .related_claims(cx, others.iter().map(|&o| facts[o].claim), |t| {
                    format!("dated {t} here")
                })
                .finish(cx, spec)
        })
        .collect()
}

/// DL203: between the documents of a run; reported on the later document.
pub fn check_run(cxs: &[Cx], spec: &RuleSpec) -> Vec<(usize, Finding)> {
    let p = Params::of(spec);
    let hits = cross_conflicts(
        cxs,
        |ix| &ix.dates,
        p.max_mentions,
        |ca, fa, cb, fb| {
            if conflicts(ca, fa, cb, fb, &p, false) {
                Pair::Conflict
            } else if agrees(ca, fa, cb, fb, &p) {
                Pair::Agree
            } else {
                Pair::Neither
            }
        },
    );
    hits.into_iter()
        .map(|((db, fb), earlier)| {
            let cx = &cxs[db];
            let fp = &cx.doc.facts[fb];
            let (da, fa) = earlier[0];
            let ocx = &cxs[da];
            let fo = &ocx.doc.facts[fa];
            let mut hit = Hit::new(cx.doc.claims[fp.claim].span, "dated {date} here")
                .var("subject", common_key(fp, fo))
                .var("event", event_name(fp, fo))
                .var("date", cx.claim_text(fp.claim))
                .var("other", ocx.claim_text(fo.claim))
                .var("count", earlier.len().to_string())
                .evidence(cx.claim_text(fp.claim));
            for &(d, f) in &earlier {
                let o = &cxs[d];
                let c = o.doc.facts[f].claim;
                hit = hit
                    .related(
                        Some(d),
                        o.doc.claims[c].span,
                        format!("dated {} in this digest", o.claim_text(c)),
                    )
                    .evidence(o.claim_text(c));
            }
            (db, hit.finish(cx, spec))
        })
        .collect()
}
