//! `fx_rate_consistency` (DL302): conversions between the same two currencies in one digest,
//! within a few months of each other, whose implied rates disagree — also when no reference
//! rate is known. A conversion DL301 already flags against the reference is left to it, unless
//! it is an outlier among several conversions of the pair that fit the reference.

use super::fx_reference_rate::{
    allowed, amount_texts, conversion_hit, conversions, flagged, quote, Conv,
};
use super::values::{fmt_dec, power_of_thousand};
use super::{pick_primaries, Cx};
use crate::facts::fast::FastMap;
use crate::finding::Finding;
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

/// A conversion's rate as units of the larger code per unit of the smaller one.
fn normalised(c: &Conv) -> (String, Decimal) {
    let (f, t) = (c.rate.from, c.rate.to);
    if f < t {
        (format!("{f}/{t}"), c.rate.rate)
    } else if !c.rate.rate.is_zero() {
        (format!("{t}/{f}"), Decimal::ONE / c.rate.rate)
    } else {
        (String::new(), Decimal::ZERO)
    }
}

/// `o`'s rate as units of `c`'s target currency per unit of `c`'s source currency.
fn in_direction_of(o: &Conv, c: &Conv) -> Decimal {
    if o.rate.from == c.rate.from || o.rate.rate.is_zero() {
        o.rate.rate
    } else {
        Decimal::ONE / o.rate.rate
    }
}

/// The disagreements DL302 reports, given which conversions DL301 already reports against the
/// reference rate: those between two conversions that fit the reference, and those of an
/// off-reference conversion that disagrees with at least `min_peers` conversions that fit it (an
/// outlier among many: `€60m (£58.1m)` beside four conversions at ~0.87 £/€). An off-reference
/// conversion with fewer such peers is left to DL301 alone.
fn outliers_among_peers(
    edges: Vec<(usize, usize)>,
    off_reference: &[bool],
    min_peers: usize,
) -> Vec<(usize, usize)> {
    let mut peers = vec![0usize; off_reference.len()];
    for &(i, j) in &edges {
        if off_reference[i] && !off_reference[j] {
            peers[i] += 1;
        }
        if off_reference[j] && !off_reference[i] {
            peers[j] += 1;
        }
    }
    let outlier = |i: usize| off_reference[i] && peers[i] >= min_peers;
    edges
        .into_iter()
        .filter(|&(i, j)| match (off_reference[i], off_reference[j]) {
            (false, false) => true,
            (true, false) => outlier(i),
            (false, true) => outlier(j),
            (true, true) => false,
        })
        .collect()
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let tol = spec.param_decimal("tolerance_pct").unwrap_or_default();
    let apart = spec.param_i64("max_months_apart").unwrap_or(0);
    let min_peers = spec
        .param_i64("min_outlier_peers")
        .map_or(usize::MAX, |n| n.max(1) as usize);
    let skip: Vec<usize> = cx
        .rules
        .iter()
        .filter(|r| r.kind == "fx_reference_rate")
        .flat_map(|r| flagged(cx, r).into_iter().map(|(c, _, _)| c.b))
        .collect();
    let scale_tol = super::amount_conflict::scale_tolerance(cx);
    let convs: Vec<&Conv> = conversions(cx).iter().collect();
    let off_reference: Vec<bool> = convs.iter().map(|c| skip.contains(&c.b)).collect();
    let mut groups: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, c) in convs.iter().enumerate() {
        let (pair, r) = normalised(c);
        if !r.is_zero() {
            groups.entry(pair).or_default().push(i);
        }
    }
    let months = |c: &Conv| c.month.map(|(y, m)| y as i64 * 12 + m as i64);
    let mut edges = Vec::new();
    for members in groups.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (a, b) = (&convs[i], &convs[j]);
                if let (Some(x), Some(y)) = (months(a), months(b)) {
                    if (x - y).abs() > apart {
                        continue;
                    }
                }
                let (ra, rb) = (normalised(a).1, normalised(b).1);
                let ratio = rb / ra;
                if scale_tol.is_some_and(|t| power_of_thousand(ratio, t).is_some()) {
                    continue;
                }
                let room = allowed(cx, a, tol) + allowed(cx, b, Decimal::ZERO);
                if (ratio - Decimal::ONE).abs() > room {
                    edges.push((i, j));
                }
            }
        }
    }
    let edges = outliers_among_peers(edges, &off_reference, min_peers);
    pick_primaries(&edges, |i| off_reference[i])
        .into_iter()
        .map(|(p, others)| {
            let c = &convs[p];
            let o = &convs[others[0]];
            let (other, _) = quote(c.rate.from, c.rate.to, in_direction_of(o, c));
            let (other_amount, other_converted) = amount_texts(cx, o);
            let mut hit = conversion_hit(cx, c)
                .var("other", fmt_dec(other, 4))
                .var("other_amount", other_amount)
                .var("other_converted", other_converted);
            for &k in &others {
                let q = &convs[k];
                let (r, u) = quote(q.rate.from, q.rate.to, q.rate.rate);
                hit = hit
                    .related(
                        None,
                        cx.doc.claims[q.b].span,
                        format!("this conversion implies {} {u}", fmt_dec(r, 4)),
                    )
                    .evidence(cx.claim_text(q.b));
            }
            hit.finish(cx, spec)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::outliers_among_peers;

    #[test]
    fn an_off_reference_conversion_is_reported_only_as_an_outlier_among_peers() {
        // 0 is off the reference and disagrees with 1, 2 and 3, which fit it
        let edges = vec![(0, 1), (0, 2), (0, 3)];
        let off = [true, false, false, false];
        assert_eq!(outliers_among_peers(edges.clone(), &off, 2), edges);
        assert!(outliers_among_peers(edges.clone(), &off, 4).is_empty());
        // one peer only: left to DL301
        assert!(outliers_among_peers(vec![(0, 1)], &[true, false], 2).is_empty());
        // two conversions off the reference: DL301 reports each
        assert!(outliers_among_peers(vec![(0, 1)], &[true, true], 1).is_empty());
        // two that fit the reference and still disagree (no reference rate): kept
        assert_eq!(
            outliers_among_peers(vec![(0, 1)], &[false, false], 2),
            [(0, 1)]
        );
    }
}
