//! `uncited_block` (DL501, a style rule): a paragraph or key point that states figures but
//! cites no source, in a digest that cites its sources elsewhere.

use super::{Cx, Hit};
use crate::claims::{ClaimKind, Grain};
use crate::digest::BlockKind;
use crate::finding::Finding;
use crate::rules::RuleSpec;

/// Whether a claim is a figure a reader would want sourced.
fn is_figure(kind: &ClaimKind) -> bool {
    match kind {
        ClaimKind::Money { .. } | ClaimKind::Percent { .. } | ClaimKind::Count { .. } => true,
        ClaimKind::Date(d) => d.grain == Grain::Day,
        _ => false,
    }
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let min = spec.param_i64("min_figures").unwrap_or(1).max(1) as usize;
    let digest = &cx.doc.digest;
    let prose = |k: BlockKind| matches!(k, BlockKind::Paragraph | BlockKind::KeyPoint);
    if !digest
        .blocks
        .iter()
        .any(|b| prose(b.kind) && b.citation.is_some())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let claims = &cx.doc.claims;
    let mut ci = 0;
    for b in &digest.blocks {
        while ci < claims.len() && claims[ci].span.start < b.span.start {
            ci += 1;
        }
        if !prose(b.kind) || b.citation.is_some() {
            continue;
        }
        let figures: Vec<usize> = (ci..claims.len())
            .take_while(|&i| claims[i].span.start < b.span.end)
            .filter(|&i| is_figure(&claims[i].kind))
            .collect();
        if figures.len() < min {
            continue;
        }
        let first = figures[0];
        let kind = if b.kind == BlockKind::KeyPoint {
            "key point"
        } else {
            "paragraph"
        };
        let mut hit = Hit::new(claims[first].span, "unsourced figure")
            .var("block", kind)
            .var("count", figures.len().to_string())
            .var("figure", cx.claim_text(first))
            .evidence(cx.claim_text(first));
        for &i in &figures[1..] {
            hit = hit
                .related(None, claims[i].span, "also unsourced")
                .evidence(cx.claim_text(i));
        }
        out.push(hit.finish(cx, spec));
    }
    out
}
