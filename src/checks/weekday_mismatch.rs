//! `weekday_mismatch` (DL102): a stated weekday that is not the weekday of the date it names
//! (`Tuesday, Oct. 8, 2025`; also `Oct. 8, 2025 (Tuesday)`). The fix writes the right weekday.

use super::{Cx, Hit};
use crate::finding::Finding;
use crate::rules::RuleSpec;
use crate::source::Span;
use chrono::{Datelike, Weekday};

const NAMES: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

pub fn full_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The written weekday near a date: inside its span or just before or after it. Returns its
/// span and whether it was abbreviated (`Tue`, `Tues.`).
fn weekday_word(text: &str, span: Span) -> Option<(Span, usize)> {
    let lo = crate::source::floor_char_boundary(text, span.start.saturating_sub(14));
    let hi = crate::source::floor_char_boundary(text, (span.end + 14).min(text.len()));
    let window = &text[lo..hi];
    let lower = window.to_ascii_lowercase();
    let mut best: Option<(Span, usize)> = None;
    for (full, _) in NAMES {
        for len in [full.len(), 4, 3] {
            let pat = &full[..len];
            for (p, _) in lower.match_indices(pat) {
                let before_ok = p == 0 || !lower.as_bytes()[p - 1].is_ascii_alphabetic();
                let after = lower.as_bytes().get(p + len);
                let after_ok = after.map_or(true, |b| !b.is_ascii_alphabetic());
                if before_ok && after_ok {
                    let s = Span::new(lo + p, lo + p + len);
                    let dist = s.start.abs_diff(span.start).min(s.end.abs_diff(span.end));
                    if best.map_or(true, |(b, _)| {
                        b.start.abs_diff(span.start).min(b.end.abs_diff(span.end)) > dist
                    }) {
                        best = Some((s, len));
                    }
                }
            }
        }
    }
    best
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let text = cx.text();
    let mut out = Vec::new();
    for (i, c) in cx.doc.claims.iter().enumerate() {
        let Some(d) = c.date() else { continue };
        let Some(stated) = d.weekday else { continue };
        if d.from != d.to {
            continue;
        }
        let actual = d.from.weekday();
        if actual == stated {
            continue;
        }
        let mut hit = Hit::new(c.span, "{date} is a {actual}")
            .var("date", cx.claim_text(i))
            .var("stated", full_name(stated))
            .var("actual", full_name(actual))
            .evidence(cx.claim_text(i));
        if let Some((ws, len)) = weekday_word(text, c.span) {
            let written = ws.of(text);
            let mut right = full_name(actual).to_string();
            if len < written.len().max(6) && len <= 4 {
                right.truncate(len);
            }
            if written.chars().all(|ch| ch.is_ascii_uppercase()) {
                right = right.to_ascii_uppercase();
            } else if written.starts_with(|ch: char| ch.is_ascii_lowercase()) {
                right = right.to_ascii_lowercase();
            }
            hit = hit.fix(format!("write {right}"), ws, right.clone());
        }
        out.push(hit.finish(cx, spec));
    }
    out
}
