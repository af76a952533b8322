//! Facts: each claim with what it is about (entities, event or measure, hedges, topic, block).
//! (To be written: see issue #3.)

use crate::claims::Claim;
use crate::digest::Digest;

/// A claim and its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Index into the claim list.
    pub claim: usize,
    pub topic: usize,
    pub block: usize,
}

/// The facts of one document, one per claim that sits in a block.
pub fn build(_text: &str, digest: &Digest, claims: &[Claim]) -> Vec<Fact> {
    claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let block = digest.block_at(c.span.start)?;
            Some(Fact {
                claim: i,
                topic: digest.blocks[block].topic,
                block,
            })
        })
        .collect()
}
