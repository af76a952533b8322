//! `range_order` (DL103): a range whose end precedes its start — dates (`Sept 15–13`), money
//! (`$4–3bn`), percentages (`46–40%`), counts and durations.

use super::{Cx, Hit};
use crate::claims::{ClaimKind, Magnitude};
use crate::finding::Finding;
use crate::rules::RuleSpec;

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cx.doc.claims.iter().enumerate() {
        if is_change(cx.claim_text(i)) {
            continue; // `from 4.25% to 4.00%` is a change, not a range
        }
        let (start, end) = match &c.kind {
            ClaimKind::Date(d) if d.is_inverted() => (d.from.to_string(), d.to.to_string()),
            ClaimKind::Money { value, .. }
            | ClaimKind::Percent { value, .. }
            | ClaimKind::Count { value, .. }
            | ClaimKind::Duration { value, .. } => match value {
                Magnitude::Range(a, b) if a > b && !a.is_sign_negative() => {
                    (super::values::fmt_amount(*a), super::values::fmt_amount(*b))
                }
                _ => continue,
            },
            _ => continue,
        };
        out.push(
            Hit::new(c.span, "ends before it starts")
                .var("range", cx.claim_text(i))
                .var("start", start)
                .var("end", end)
                .evidence(cx.claim_text(i))
                .finish(cx, spec),
        );
    }
    out
}

/// Whether a claim's text is the two ends of a change (`from X to Y`) rather than a range.
pub fn is_change(text: &str) -> bool {
    let t = text.trim_start_matches(['~', ' ']);
    t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("from "))
}
