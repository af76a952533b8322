//! Facts: each claim with what it is about — the clause it sits in, the entities of that clause
//! (alias-resolved), the event or measure class it states, its hedge, topic, block and period.
//!
//! A fact is keyed by (distinctive entity, class, year) in the checks, so restatements that are
//! worded differently still meet and unrelated numbers of one long sentence do not.

pub mod fast;
pub mod lexicon;
mod words;

pub use lexicon::Lexicon;

use crate::claims::{Claim, ClaimKind, Hedge};
use crate::digest::Digest;
use crate::facts::fast::{FastMap, FastSet};
use crate::source::Span;
use chrono::{Datelike, NaiveDate};
use std::sync::Arc;
use words::{name_id, Names, SentenceInfo};
pub use words::{noun_head, per_unit, same_unit};

/// Whether two claims, each in its own text, state values in the same unit.
pub fn words_same_unit(ta: &str, a: &Claim, tb: &str, b: &Claim) -> bool {
    match (&a.kind, &b.kind) {
        (ClaimKind::Count { noun: x, .. }, ClaimKind::Count { noun: y, .. }) => {
            words::same_noun_head(ta, *x, tb, *y)
        }
        _ => same_unit(ta, a, b),
    }
}

/// A claim and its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Index into the claim list.
    pub claim: usize,
    pub topic: usize,
    pub block: usize,
    /// Index into the digest's sentences (`None` for a claim outside every sentence).
    pub sentence: Option<usize>,
    /// The clause the claim belongs to.
    pub clause: Span,
    /// Canonical names of the clause's entities, in order, generic names left out.
    pub entities: Vec<Arc<str>>,
    /// Whether each entity is named before the claim in its clause.
    pub before_claim: Vec<bool>,
    /// The subset of `entities` rare enough in this digest to key a fact.
    pub keys: Vec<Arc<str>>,
    /// The keys named before the claim (its subject), or all keys when none is.
    pub subject: Vec<Arc<str>>,
    /// Event class (for dates) or measure class (for amounts), an index into the lexicon.
    pub class: Option<u16>,
    /// `class` was read from a strong word (else from a weak one).
    pub class_strong: bool,
    /// Further classes it admits: the other strong words beside its own (`stake sale`), or, when
    /// its class was read from a weak word, the strong classes of its clause.
    pub clause_classes: Vec<u16>,
    pub hedge: Option<Hedge>,
    /// The year it refers to: a date's own year, else the year of the clause's (or sentence's)
    /// date.
    pub year: Option<i32>,
    /// For a non-date claim: the days of the date stated with it (clause, else sentence).
    pub when: Option<(NaiveDate, NaiveDate)>,
    /// The clause speaks of several subjects at once (`combined`, `Tencent and Baidu`).
    pub aggregate: bool,
    /// Bits of the distinct-event words (`another`, `second`, …) in the clause.
    pub markers: u64,
    /// A date that dates a report (`reported Sept 12`), not the event.
    pub reported: bool,
    /// The clause holds another claim of the same kind and unit (a list or a change).
    pub crowded: bool,
}

/// The facts of one document, one per claim that sits in a block.
pub fn build(text: &str, digest: &Digest, claims: &[Claim]) -> Vec<Fact> {
    build_with(text, digest, claims, Lexicon::builtin())
}

/// [`build`] with explicit lexicons.
pub fn build_with(text: &str, digest: &Digest, claims: &[Claim], lex: &Lexicon) -> Vec<Fact> {
    let names = Names::learn(text, lex);
    let mut facts = Vec::with_capacity(claims.len());
    let mut info = SentenceInfo::default();
    // the block and sentence of each claim, found by walking on (claims, blocks and sentences
    // are in text order) instead of two binary searches per claim
    let (mut b, mut s, mut last) = (0, 0, 0);
    for (i, c) in claims.iter().enumerate() {
        let at = c.span.start;
        if at < last {
            (b, s) = (0, 0); // out of order: walk again from the start
        }
        last = at;
        while b < digest.blocks.len() && digest.blocks[b].span.end <= at {
            b += 1;
        }
        while s < digest.sentences.len() && digest.sentences[s].span.end <= at {
            s += 1;
        }
        let Some(block) = digest
            .blocks
            .get(b)
            .filter(|x| x.span.start <= at)
            .map(|_| b)
        else {
            continue;
        };
        let sentence = digest
            .sentences
            .get(s)
            .filter(|x| x.span.start <= at)
            .map(|_| s);
        let sspan = sentence
            .map(|s| digest.sentences[s].span)
            .unwrap_or(digest.blocks[block].span);
        if info.span != Some(sspan) {
            info.fill(text, sspan, claims, i, lex, &names);
        }
        facts.push(info.fact(
            text,
            claims,
            i,
            block,
            digest.blocks[block].topic,
            sentence,
            lex,
        ));
    }
    initial_names(&mut facts, &names.initial_aliases(lex));
    short_names(&mut facts, lex);
    mark_distinctive(&mut facts, digest.topics.len(), lex);
    facts
}

/// A name whose initials the digest also writes (`Green Climate Fund`, `GCF`) becomes that name;
/// a fact naming both keeps it once (named before its claim when either was).
fn initial_names(facts: &mut [Fact], aliases: &FastMap<usize, Arc<str>>) {
    if aliases.is_empty() {
        return;
    }
    for f in facts.iter_mut() {
        if !f.entities.iter().any(|e| aliases.contains_key(&name_id(e))) {
            continue;
        }
        let mut entities: Vec<Arc<str>> = Vec::with_capacity(f.entities.len());
        let mut before: Vec<bool> = Vec::with_capacity(f.entities.len());
        for (k, e) in f.entities.iter().enumerate() {
            let e = aliases.get(&name_id(e)).unwrap_or(e);
            let b = f.before_claim.get(k).copied().unwrap_or(false);
            match entities.iter().position(|x| name_id(x) == name_id(e)) {
                Some(p) => before[p] |= b,
                None => {
                    entities.push(e.clone());
                    before.push(b);
                }
            }
        }
        f.entities = entities;
        f.before_claim = before;
    }
}

/// A person or club named in full once (`Florian Wirtz`, `Bayer Leverkusen`) and by its last
/// word elsewhere (`Wirtz`, `Leverkusen`), or a company by the word before its company words
/// (`Woodside` for `Woodside Energy`): the short form resolves to the full name when only one
/// full name ends (or begins) in it.
fn short_names(facts: &mut [Fact], lex: &Lexicon) {
    // sized once: a digest's distinct names are fewer than its facts
    let mut last: FastMap<String, Option<Arc<str>>> = FastMap::default();
    let mut done: FastSet<usize> =
        FastSet::with_capacity_and_hasher(facts.len(), Default::default());
    for f in facts.iter() {
        for e in &f.entities {
            if !done.insert(name_id(e)) || !e.contains(' ') {
                continue;
            }
            // a company named by its first word (`Woodside` for `Woodside Energy`)
            if let Some((head, rest)) = e.split_once(' ') {
                if rest.split(' ').all(|w| lex.company_words.contains(w))
                    && !lex.generic.contains(&lexicon::norm_name(head))
                {
                    let slot = last
                        .entry(head.to_string())
                        .or_insert_with(|| Some(e.clone()));
                    if slot.as_ref().is_some_and(|full| full != e) {
                        *slot = None;
                    }
                }
            }
            if let Some((_, tail)) = e.rsplit_once(' ') {
                if tail.chars().next().is_some_and(char::is_uppercase)
                    && !lex.aliases.contains_key(&lexicon::norm_name(e))
                {
                    let slot = last
                        .entry(tail.to_string())
                        .or_insert_with(|| Some(e.clone()));
                    if slot.as_ref().is_some_and(|full| full != e) {
                        *slot = None; // two full names end in it: ambiguous
                    }
                }
            }
        }
    }
    if last.is_empty() {
        return;
    }
    // the short forms in use, by identity
    let mut short: FastMap<usize, Arc<str>> = FastMap::default();
    let mut checked: FastSet<usize> =
        FastSet::with_capacity_and_hasher(facts.len(), Default::default());
    for f in facts.iter() {
        for e in &f.entities {
            if checked.insert(name_id(e)) && !e.contains(' ') {
                if let Some(Some(full)) = last.get(&**e) {
                    short.insert(name_id(e), full.clone());
                }
            }
        }
    }
    if short.is_empty() {
        return;
    }
    for f in facts.iter_mut() {
        let mut changed = false;
        for e in f.entities.iter_mut() {
            if let Some(full) = short.get(&name_id(e)) {
                *e = full.clone();
                changed = true;
            }
        }
        if !changed {
            continue;
        }
        let mut seen: Vec<Arc<str>> = Vec::with_capacity(f.entities.len());
        let mut before = Vec::with_capacity(f.entities.len());
        for (e, b) in f.entities.iter().zip(&f.before_claim) {
            if let Some(p) = seen.iter().position(|s| s == e) {
                before[p] |= *b;
            } else {
                seen.push(e.clone());
                before.push(*b);
            }
        }
        f.entities = seen;
        f.before_claim = before;
    }
}

impl Fact {
    /// The classes this fact can be about: its own, plus its clause's strong ones when its own
    /// was read from a weak word.
    pub fn classes(&self) -> impl Iterator<Item = u16> + '_ {
        self.class.into_iter().chain(
            self.clause_classes
                .iter()
                .copied()
                .filter(move |c| Some(*c) != self.class),
        )
    }

    /// A class two facts share, if any (their own first).
    pub fn shared_class(&self, other: &Fact) -> Option<u16> {
        self.classes().find(|c| other.classes().any(|d| d == *c))
    }
}

/// Whether two facts name a subject entity in common (a looser [`same_subject`], for evidence
/// that two mentions agree).
pub fn share_subject(a: &Fact, b: &Fact) -> bool {
    a.subject.iter().any(|k| b.subject.contains(k))
}

/// Whether two facts can be about the same subject: the entities named before each claim (its
/// subject; sources and counterparties named after it do not count) are one among the other's
/// (a restatement names fewer entities, not different ones).
pub fn same_subject(a: &Fact, b: &Fact) -> bool {
    let (small, big) = if a.subject.len() <= b.subject.len() {
        (a, b)
    } else {
        (b, a)
    };
    !small.subject.is_empty() && small.subject.iter().all(|k| big.subject.contains(k))
}

/// Keeps as keys the entities that appear in few enough topics to say what a fact is about.
fn mark_distinctive(facts: &mut [Fact], topics: usize, lex: &Lexicon) {
    // names are interned: a pointer is a name's identity here
    let mut seen: FastMap<usize, (usize, u32)> =
        FastMap::with_capacity_and_hasher(facts.len(), Default::default());
    for f in facts.iter() {
        for e in &f.entities {
            let entry = seen.entry(name_id(e)).or_insert((usize::MAX, 0));
            if entry.0 != f.topic {
                entry.0 = f.topic;
                entry.1 += 1;
            }
        }
    }
    let limit = ((topics as u64 * lex.max_topic_share_pct as u64).div_ceil(100)).max(2) as u32;
    let rare = |e: &Arc<str>| seen.get(&name_id(e)).is_some_and(|(_, n)| *n <= limit);
    for f in facts.iter_mut() {
        // one look-up per entity for both lists
        let (mut keys, mut subject) = (Vec::new(), Vec::new());
        for (k, e) in f.entities.iter().enumerate() {
            if rare(e) {
                keys.push(e.clone());
                if f.before_claim.get(k).copied().unwrap_or(false) {
                    subject.push(e.clone());
                }
            }
        }
        if subject.is_empty() {
            subject = keys.clone();
        }
        f.keys = keys;
        f.subject = subject;
    }
}

/// A date claim's days, if it is one.
pub fn days(c: &Claim) -> Option<(NaiveDate, NaiveDate)> {
    c.date().map(|d| (d.lo(), d.hi()))
}

/// The year of a claim's date context.
pub(crate) fn year_of(d: Option<(NaiveDate, NaiveDate)>) -> Option<i32> {
    d.map(|(a, _)| a.year())
}

/// Whether a claim is a value that can be compared with another of the same unit.
pub fn is_amount(c: &Claim) -> bool {
    matches!(
        c.kind,
        ClaimKind::Money { .. } | ClaimKind::Percent { .. } | ClaimKind::Count { .. }
    )
}

#[cfg(test)]
mod tests;
