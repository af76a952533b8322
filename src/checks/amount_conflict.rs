//! `amount_conflict` (DL202) and `cross_digest_amount_conflict` (DL204): the same measure of the
//! same subject, in the same unit and period, given values that differ beyond tolerance.
//! Hedge-aware (`about $4 billion` and `~$4.1bn` agree) and precision-aware (`$1.3bn` is
//! anything that rounds to it). A restatement off by a power of a thousand is a scale slip
//! (DL303), not reported here.

use super::index::{cross_conflicts, Pair};
use super::values::{disjoint, interval, point, power_of_thousand};
use super::{pick_primaries, place, Cx, Hit};
use crate::facts::fast::FastMap;
use crate::facts::{words_same_unit, Fact, Lexicon};
use crate::finding::Finding;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

pub(super) struct Params {
    pub tol: Decimal,
    pub hedge: Decimal,
    pub max_mentions: usize,
    /// Mentions further apart than this factor are different amounts, not one misstated.
    pub max_ratio: Option<Decimal>,
}

impl Params {
    pub fn of(spec: &RuleSpec) -> Params {
        Params {
            tol: spec.param_decimal("tolerance_pct").unwrap_or_default(),
            hedge: spec
                .param_decimal("hedge_tolerance_pct")
                .unwrap_or_default(),
            max_mentions: spec.param_i64("max_mentions_per_key").unwrap_or(0).max(0) as usize,
            max_ratio: spec.param_decimal("max_ratio"),
        }
    }
}

/// Whether two facts state the same measure of the same subject (before comparing values).
pub(super) fn comparable(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, same_doc: bool) -> bool {
    comparable_as(ca, fa, cb, fb, same_doc, crate::facts::same_subject)
}

fn comparable_as(
    ca: &Cx,
    fa: &Fact,
    cb: &Cx,
    fb: &Fact,
    same_doc: bool,
    subject: fn(&Fact, &Fact) -> bool,
) -> bool {
    if same_doc && (fa.sentence == fb.sentence || fa.claim == fb.claim) {
        return false;
    }
    // two known years must agree; an amount stated without one matches either
    let years_differ = matches!((fa.year, fb.year), (Some(x), Some(y)) if x != y);
    let Some(class) = fa.shared_class(fb) else {
        return false;
    };
    if fa.markers != fb.markers || years_differ {
        return false;
    }
    if !subject(fa, fb) {
        return false;
    }
    if fa.aggregate != fb.aggregate || (fa.aggregate && fa.keys != fb.keys) {
        return false;
    }
    let (a, b) = (&ca.doc.claims[fa.claim], &cb.doc.claims[fb.claim]);
    if !words_same_unit(ca.text(), a, cb.text(), b) {
        return false;
    }
    // both dated to a month or finer, on different days: different events
    let overlap =
        |(a, b): (chrono::NaiveDate, chrono::NaiveDate),
         (c, d): (chrono::NaiveDate, chrono::NaiveDate)| { !(b < c || d < a) };
    if let (Some(x), Some(y)) = (fa.when, fb.when) {
        let short = |(s, e): (chrono::NaiveDate, chrono::NaiveDate)| (e - s).num_days() <= 31;
        if short(x) && short(y) && !overlap(x, y) {
            return false;
        }
    }
    // a level that changes over time is compared only at overlapping dates
    let varies = Lexicon::builtin()
        .classes
        .get(class as usize)
        .is_some_and(|c| c.varies);
    if varies {
        match (fa.when, fb.when) {
            (Some(x), Some(y)) if overlap(x, y) => {}
            _ => return false,
        }
    }
    true
}

/// Whether two comparable mentions state the same value (within tolerance, rounding, hedges).
fn agrees(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, p: &Params) -> bool {
    if !comparable(ca, fa, cb, fb, true) {
        return false;
    }
    disjoint_values(ca, fa, cb, fb, p) == Some(false)
}

/// Whether the two mentions' values (with tolerance, rounding and hedges) cannot both hold;
/// `None` when either has no interval.
fn disjoint_values(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, p: &Params) -> Option<bool> {
    let (a, b) = (&ca.doc.claims[fa.claim], &cb.doc.claims[fb.claim]);
    Some(disjoint(
        interval(a, ca.text(), p.tol, p.hedge)?,
        interval(b, cb.text(), p.tol, p.hedge)?,
    ))
}

/// The power of a thousand two comparable amounts differ by, if they do (see DL303).
pub(super) fn scale_gap(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, tol_pct: Decimal) -> Option<i32> {
    let (a, b) = (
        point(&ca.doc.claims[fa.claim])?,
        point(&cb.doc.claims[fb.claim])?,
    );
    if a.is_zero() {
        return None;
    }
    power_of_thousand(b / a, tol_pct)
}

/// A value stated as a point (not a bound like `more than`), good evidence of agreement.
fn is_point(c: &crate::claims::Claim) -> bool {
    use crate::claims::{Hedge, Magnitude};
    matches!(super::values::magnitude(c), Some(Magnitude::Exact(_)))
        && !matches!(
            c.hedge,
            Some(Hedge::MoreThan | Hedge::AtLeast | Hedge::UpTo | Hedge::LessThan)
        )
}

/// The DL303 tolerance when a scale-slip rule is in force.
pub(super) fn scale_tolerance(cx: &Cx) -> Option<Decimal> {
    cx.scale_tolerance
}

fn conflicts(ca: &Cx, fa: &Fact, cb: &Cx, fb: &Fact, p: &Params, same_doc: bool) -> bool {
    if !comparable(ca, fa, cb, fb, same_doc) {
        return false;
    }
    if let Some(t) = scale_tolerance(ca) {
        if scale_gap(ca, fa, cb, fb, t).is_some() {
            return false;
        }
    }
    let (a, b) = (&ca.doc.claims[fa.claim], &cb.doc.claims[fb.claim]);
    if let (Some(max), Some(x), Some(y)) = (p.max_ratio, point(a), point(b)) {
        let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
        if !lo.is_zero() && hi / lo > max {
            return false;
        }
    }
    disjoint_values(ca, fa, cb, fb, p) == Some(true)
}

fn measure_name(f: &Fact, other: &Fact) -> String {
    f.shared_class(other)
        .or(f.class)
        .map(|c| Lexicon::builtin().class_name(c).replace('_', " "))
        .unwrap_or_default()
}

fn common_key<'f>(a: &'f Fact, b: &Fact) -> &'f str {
    a.keys
        .iter()
        .find(|k| b.keys.contains(k))
        .map_or("", |k| &**k)
}

/// DL202: within one document.
pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let p = Params::of(spec);
    let facts = &cx.doc.facts;
    let mut edges = Vec::new();
    for bucket in cx.index().amounts.values() {
        if bucket.len() < 2 || bucket.len() > p.max_mentions {
            continue;
        }
        // a mention without a year takes the years of the mentions it agrees with (sharing a
        // subject entity is evidence enough to agree)
        let years_of = |a: usize| -> Vec<i32> {
            bucket
                .iter()
                .filter(|&&b| {
                    b != a
                        && comparable_as(
                            cx,
                            &facts[a],
                            cx,
                            &facts[b],
                            true,
                            crate::facts::share_subject,
                        )
                })
                .filter(|&&b| !conflicts(cx, &facts[a], cx, &facts[b], &p, true))
                .filter(|&&b| is_point(&cx.doc.claims[facts[b].claim]))
                .filter_map(|&b| facts[b].year)
                .collect()
        };
        // a sentence that states several amounts of one measure (a total and its parts:
        // `about $25 billion in two sales, $17.5 billion in the US and …`) conflicts with no
        // mention that one of its amounts agrees with
        let covered = |a: usize, b: usize| {
            bucket.iter().any(|&x| {
                x != b
                    && facts[x].sentence == facts[b].sentence
                    && agrees(cx, &facts[a], cx, &facts[x], &p)
            })
        };
        let mut pairs = Vec::new();
        for (i, &a) in bucket.iter().enumerate() {
            for &b in &bucket[i + 1..] {
                if conflicts(cx, &facts[a], cx, &facts[b], &p, true)
                    && !covered(a, b)
                    && !covered(b, a)
                {
                    pairs.push((a, b));
                }
            }
        }
        let mut memo: FastMap<usize, Vec<i32>> = Default::default();
        for &(a, b) in &pairs {
            for (x, y) in [(a, b), (b, a)] {
                if facts[x].year.is_none() && !memo.contains_key(&x) {
                    memo.insert(x, years_of(x));
                }
                let _ = y;
            }
        }
        let fits_year = |a: usize, b: usize| match memo.get(&a) {
            Some(ys) => ys.is_empty() || facts[b].year.map_or(true, |y| ys.contains(&y)),
            None => true,
        };
        for (a, b) in pairs {
            if fits_year(a, b) && fits_year(b, a) {
                edges.push((a.min(b), a.max(b)));
            }
        }
    }
    pick_primaries(&edges, |f| cx.doc.claims[facts[f].claim].hedge.is_some())
        .into_iter()
        .map(|(primary, others)| {
            let fp = &facts[primary];
            let span = cx.doc.claims[fp.claim].span;
            let fo = &facts[others[0]];
            let ospan = cx.doc.claims[fo.claim].span;
            Hit::new(span, "{value} here")
                .var("subject", common_key(fp, fo))
                .var("measure", measure_name(fp, fo))
                .var("value", cx.claim_text(fp.claim))
                .var("other", cx.claim_text(fo.claim))
                .var("place", place(cx, span, ospan))
                .var("tolerance_pct", p.tol.normalize().to_string())
                .evidence(cx.claim_text(fp.claim))
                .related_claims(cx, others.iter().map(|&o| facts[o].claim), |t| {
                    format!("{t} here")
                })
                .finish(cx, spec)
        })
        .collect()
}

/// DL204: between the documents of a run; reported on the later document.
pub fn check_run(cxs: &[Cx], spec: &RuleSpec) -> Vec<(usize, Finding)> {
    let p = Params::of(spec);
    let hits = cross_conflicts(
        cxs,
        |ix| &ix.amounts,
        p.max_mentions,
        |ca, fa, cb, fb| {
            if conflicts(ca, fa, cb, fb, &p, false) {
                Pair::Conflict
            } else if comparable(ca, fa, cb, fb, false) {
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
            let mut hit = Hit::new(cx.doc.claims[fp.claim].span, "{value} here")
                .var("subject", common_key(fp, fo))
                .var("measure", measure_name(fp, fo))
                .var("value", cx.claim_text(fp.claim))
                .var("other", ocx.claim_text(fo.claim))
                .var("tolerance_pct", p.tol.normalize().to_string())
                .evidence(cx.claim_text(fp.claim));
            for &(d, f) in &earlier {
                let o = &cxs[d];
                let c = o.doc.facts[f].claim;
                hit = hit
                    .related(
                        Some(d),
                        o.doc.claims[c].span,
                        format!("{} in this digest", o.claim_text(c)),
                    )
                    .evidence(o.claim_text(c));
            }
            (db, hit.finish(cx, spec))
        })
        .collect()
}
