//! `range_order` (DL103): a range whose end precedes its start — dates (`Sept 15–13`), money
//! (`$4–3bn`), percentages (`46–40%`), counts and durations.

use super::{Cx, Hit};
use crate::claims::{ClaimKind, Magnitude};
use crate::finding::Finding;
use crate::rules::RuleSpec;
use crate::source::Span;

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cx.doc.claims.iter().enumerate() {
        if written_as_change(cx.text(), c.span) {
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

/// Whether the claim at `span` of `text` is the two ends of a change: `from X to Y` read as one
/// claim, or `X to Y` right after a `from` the claim does not hold (`falling from about €68 to
/// €61`: the hedge opens the claim, so `from` stands before it). A range written with a dash
/// after `from` (`from 4–5% to 6%`) stays a range.
pub fn written_as_change(text: &str, span: Span) -> bool {
    let t = span.of(text);
    if is_change(t) {
        return true;
    }
    if !t.contains(" to ") {
        return false;
    }
    let before = text[..span.start].trim_end();
    let k = before.len().saturating_sub(4);
    before
        .get(k..)
        .is_some_and(|w| w.eq_ignore_ascii_case("from"))
        && before[..k]
            .chars()
            .next_back()
            .map_or(true, |ch| !ch.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::written_as_change;
    use crate::source::Span;

    /// Whether the part of `t` between the bars is written as a change.
    fn change(t: &str) -> bool {
        let a = t.find('|').unwrap();
        let b = t.rfind('|').unwrap() - 1;
        let text = t.replace('|', "");
        written_as_change(&text, Span { start: a, end: b })
    }

    #[test]
    fn a_change_is_from_x_to_y_whether_or_not_from_opens_the_claim() {
        assert!(change("cut |from 4.25% to 4.00%| on"));
        assert!(change("falling from |about €68 to €61|, a drop"));
        assert!(change("From |~$5 to $4|"));
        assert!(!change("yields of |4.6–4.1%| across"));
        assert!(!change("from |4–3%| to 6%"));
        assert!(!change("wherefrom |5 to 4|"));
        assert!(!change("|about €68 to €61|"));
    }
}
