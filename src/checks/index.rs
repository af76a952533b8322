//! The facts of one document indexed by subject: (distinctive entity, class, year) → facts.
//! Conflict checks look only within a key's bucket, so a file is never scanned all-pairs.

use crate::claims::{ClaimKind, Grain};
use crate::facts::fast::{FastMap, FastSet};
use crate::facts::{is_amount, Fact, Lexicon};
use crate::Analysis;
use std::sync::Arc;

/// A fact's subject key: entity, class, year (`i32::MIN` when the year is unknown).
pub type Key = (Arc<str>, u16, i32);

#[derive(Debug, Default)]
pub struct DocIndex {
    /// The fact of each claim, by claim index.
    pub fact_of_claim: Vec<Option<usize>>,
    /// Dated events by subject.
    pub dates: FastMap<Key, Vec<usize>>,
    /// Stated amounts by subject.
    pub amounts: FastMap<Key, Vec<usize>>,
    /// The digest's own month: the month its day-precise dates fall in most often.
    pub month: Option<(i32, u32)>,
}

impl DocIndex {
    pub fn new(doc: &Analysis) -> DocIndex {
        let lex = Lexicon::builtin();
        // sized once: most facts key one bucket at most
        let n = doc.facts.len();
        let mut ix = DocIndex {
            fact_of_claim: vec![None; doc.claims.len()],
            dates: FastMap::with_capacity_and_hasher(n / 2, Default::default()),
            amounts: FastMap::with_capacity_and_hasher(n / 2, Default::default()),
            month: None,
        };
        for (fi, f) in doc.facts.iter().enumerate() {
            if let Some(slot) = ix.fact_of_claim.get_mut(f.claim) {
                *slot = Some(fi);
            }
            if f.class.is_none() || is_coverage_count(doc, f) {
                continue;
            }
            let event = is_event(doc, f);
            let value = !event && is_value(doc, f);
            // amounts are bucketed without their year (a restatement often omits it); the
            // conflict check compares years where both are known
            let year = if event {
                f.year.unwrap_or(i32::MIN)
            } else {
                i32::MIN
            };
            for class in f.classes() {
                let Some(cl) = lex.classes.get(class as usize) else {
                    continue;
                };
                let bucket = if event && cl.event {
                    &mut ix.dates
                } else if value && cl.measure {
                    &mut ix.amounts
                } else {
                    continue;
                };
                for k in &f.keys {
                    bucket.entry((k.clone(), class, year)).or_default().push(fi);
                }
            }
        }
        ix.month = crate::fx::digest_month(doc);
        ix
    }

    /// The fact of claim `i`.
    pub fn fact<'a>(&self, doc: &'a Analysis, i: usize) -> Option<&'a Fact> {
        self.fact_of_claim
            .get(i)
            .copied()
            .flatten()
            .map(|f| &doc.facts[f])
    }
}

/// The `N articles` that opens a topic's summary line: it counts the coverage, it states no fact.
fn is_coverage_count(doc: &Analysis, f: &Fact) -> bool {
    let c = &doc.claims[f.claim];
    doc.digest.blocks.get(f.block).is_some_and(|b| {
        b.kind == crate::digest::BlockKind::Summary && b.span.start == c.span.start
    }) && matches!(c.kind, ClaimKind::Count { .. })
}

/// A date that can date an event: precise to a day, week, month or quarter, not a report date.
fn is_event(doc: &Analysis, f: &Fact) -> bool {
    match &doc.claims[f.claim].kind {
        ClaimKind::Date(d) => {
            !f.reported
                && !d.relative
                && matches!(
                    d.grain,
                    Grain::Day | Grain::Week | Grain::Month | Grain::Quarter
                )
        }
        _ => false,
    }
}

/// An amount that states one subject's measure: not in a list, not one end of a change.
fn is_value(doc: &Analysis, f: &Fact) -> bool {
    let c = &doc.claims[f.claim];
    if !is_amount(c) || f.crowded || super::range_order::written_as_change(&doc.text, c.span) {
        return false;
    }
    let before = doc.text[..c.span.start].trim_end();
    let last = before
        .rsplit(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("");
    !["from", "to", "by"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
}

/// How two mentions of one key in different digests relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    Conflict,
    Agree,
    Neither,
}

/// The cross-digest conflicts of a run: for each later (doc, fact), the earlier (doc, fact)s it
/// conflicts with. Facts meet only in their key's bucket (of `table`), buckets of more than
/// `max_mentions` are skipped, and a later mention that agrees with some earlier one is not
/// reported (the earlier digest contradicts itself, which the in-file rule reports there).
pub fn cross_conflicts(
    cxs: &[super::Cx],
    table: fn(&DocIndex) -> &FastMap<Key, Vec<usize>>,
    max_mentions: usize,
    relate: impl Fn(&super::Cx, &Fact, &super::Cx, &Fact) -> Pair,
) -> std::collections::BTreeMap<(usize, usize), Vec<(usize, usize)>> {
    let mut buckets: FastMap<&Key, Vec<(usize, usize)>> = FastMap::default();
    for (d, cx) in cxs.iter().enumerate() {
        for (k, v) in table(cx.index()) {
            buckets
                .entry(k)
                .or_default()
                .extend(v.iter().map(|&f| (d, f)));
        }
    }
    let mut hits: std::collections::BTreeMap<(usize, usize), Vec<(usize, usize)>> =
        Default::default();
    let mut agreeing: FastSet<(usize, usize)> = FastSet::default();
    for bucket in buckets.values() {
        if bucket.len() < 2 || bucket.len() > max_mentions {
            continue;
        }
        for &(da, fa) in bucket {
            for &(db, fb) in bucket {
                if da >= db {
                    continue;
                }
                let (ca, cb) = (&cxs[da], &cxs[db]);
                match relate(ca, &ca.doc.facts[fa], cb, &cb.doc.facts[fb]) {
                    Pair::Conflict => {
                        let e = hits.entry((db, fb)).or_default();
                        if !e.contains(&(da, fa)) {
                            e.push((da, fa));
                        }
                    }
                    Pair::Agree => {
                        agreeing.insert((db, fb));
                    }
                    Pair::Neither => {}
                }
            }
        }
    }
    hits.retain(|k, _| !agreeing.contains(k));
    hits
}
