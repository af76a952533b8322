//! `impossible_date` (DL101): a day that does not exist (`Feb. 30`, `Sept 31`, `Feb 29` of a
//! common year).

use super::{Cx, Hit};
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::rules::RuleSpec;
use chrono::NaiveDate;

/// The number of days of a month.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((next - first).num_days() as u32)
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cx.doc.claims.iter().enumerate() {
        let ClaimKind::InvalidDate { year, month, day } = c.kind else {
            continue;
        };
        let Some(days) = days_in_month(year, month) else {
            continue;
        };
        let name = chrono::Month::try_from(month as u8).map_or("", |m| m.name());
        out.push(
            Hit::new(c.span, "no such day")
                .var("date", cx.claim_text(i))
                .var("month", name)
                .var("year", year.to_string())
                .var("day", day.to_string())
                .var("days", days.to_string())
                .evidence(cx.claim_text(i))
                .finish(cx, spec),
        );
    }
    out
}
