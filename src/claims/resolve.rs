//! The second pass: years left out, relative dates and conversion pairs.
//!
//! Rules (documented in the README):
//! - A year-less date (`Sept 12`) takes the nearest year stated earlier in the same block, else
//!   earlier in the same topic, else the digest's most frequent stated year, else the year that
//!   puts it nearest the reference date (`Jan 3` told on Dec 28 is next year's; a stated weekday
//!   chooses among the years within half a year of it). A stated weekday that the first of these years
//!   contradicts picks the next of them it agrees with (`Thursday, Nov. 6` in a digest of 2025
//!   that mostly talks of 2026). A span of several years (`between 2019 and 2024`, `the 2030s`)
//!   gives no year to what follows. The date is marked `year_stated: false`; without any year it
//!   is dropped.
//! - A relative date (`next year`, `this autumn`, `3 days ago`) resolves against the reference
//!   date when one is given, else against the latest full date (day, month and year written) the
//!   digest states. Without either it is dropped.
//! - Two money claims in different currencies joined only by `(`, `/`, `,`, `or`, `about`, `~`,
//!   `roughly`, `around`, `approximately`, `i.e.`, `equivalent to` form a conversion pair.

use super::date::{day_of, resolve_rel, Draft, PUnit, Rel, Ymd};
use super::{compose, range};
use super::{Claim, ClaimKind, DateValue, DurationUnit, ExtractOptions, Hedge, Magnitude};
use crate::digest::Digest;
use crate::source::Span;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// How far from the reference date a stated weekday may move a year-less date.
const HALF_YEAR_DAYS: i64 = 183;

/// What the scanner found, before context is applied.
#[derive(Debug, Clone)]
pub enum RawKind {
    Done(ClaimKind),
    Date(Draft),
}

#[derive(Debug, Clone)]
pub struct Raw {
    pub span: Span,
    pub kind: RawKind,
    pub hedge: Option<Hedge>,
}

fn stated_year(d: &Draft) -> Option<i32> {
    match d {
        Draft::Abs { from, to, .. } => from.y.or(to.y),
        Draft::Rel(..) => None,
        Draft::Comp(c, _) => c.stated_year(),
        Draft::Range(a, b, ..) => range::stated_year(*a, *b),
    }
}

/// The year a date lends to the year-less dates after it: none from a span of several years.
fn context_year(d: &Draft) -> Option<i32> {
    let (a, b) = match d {
        Draft::Abs { from, to, .. } => (from.y, to.y),
        Draft::Range(a, b, ..) => (a.year(), b.year()),
        _ => return stated_year(d),
    };
    match (a, b) {
        (Some(a), Some(b)) if a != b => None,
        _ => a.or(b),
    }
}

fn full_date(d: &Draft) -> Option<NaiveDate> {
    match *d {
        Draft::Abs {
            to: Ymd { y: Some(y), m, d },
            grain: super::Grain::Day,
            fuzzy: false,
            ..
        } => day_of(y, m, d).ok(),
        _ => None,
    }
}

struct Ctx {
    /// (offset, block, topic, year) of each stated year, in text order.
    years: Vec<(usize, Option<usize>, Option<usize>, i32)>,
    frequent: Option<i32>,
    /// `--reference-date`, else the latest full date the digest states.
    reference: Option<NaiveDate>,
}

impl Ctx {
    /// Blocks and topics are contiguous, so the nearest earlier stated year is the only
    /// candidate for both "same block" and "same topic" (a binary search, no scan).
    fn local_year(&self, at: usize, block: Option<usize>, topic: Option<usize>) -> Option<i32> {
        let k = self.years.partition_point(|y| y.0 < at);
        let &(_, b, t, y) = k.checked_sub(1).and_then(|k| self.years.get(k))?;
        (block.is_some() && b == block || topic.is_some() && t == topic).then_some(y)
    }

    /// The year of a year-less month and day at `at`: the first of the candidates in order of
    /// evidence, unless a stated weekday contradicts it and a later candidate agrees.
    fn year_for(
        &self,
        at: usize,
        place: (Option<usize>, Option<usize>),
        ymd: Ymd,
        weekday: Option<chrono::Weekday>,
    ) -> Option<i32> {
        // the reference is looked at only when needed (most year-less dates have a context year)
        let near = || self.year_near_reference(ymd.m, ymd.d, weekday);
        let first = self
            .local_year(at, place.0, place.1)
            .or(self.frequent)
            .or_else(near)?;
        let agrees = |y: &i32| {
            weekday.map_or(true, |wd| {
                NaiveDate::from_ymd_opt(*y, ymd.m, ymd.d).is_some_and(|x| x.weekday() == wd)
            })
        };
        if agrees(&first) {
            return Some(first);
        }
        [self.frequent, near()]
            .into_iter()
            .flatten()
            .find(agrees)
            .or(Some(first))
    }

    /// With no year in the digest: the year that puts the day nearest the reference date
    /// (a stated weekday chooses among the years within half a year of it).
    fn year_near_reference(&self, m: u32, d: u32, weekday: Option<chrono::Weekday>) -> Option<i32> {
        let r = self.reference?;
        let day = |y: i32| {
            NaiveDate::from_ymd_opt(
                y,
                m,
                if d == super::date::LAST {
                    28
                } else {
                    d.min(28)
                },
            )
        };
        let dist = |y: i32| day(y).map_or(i64::MAX, |x| (x - r).num_days().abs());
        if let Some(wd) = weekday {
            // A stated weekday picks between the years around the reference date, but only
            // within half a year of it: further off, the writer meant the nearest year and the
            // weekday is wrong (DL102 says so) rather than the date being years away.
            let mut ys: Vec<i32> = (r.year() - 1..=r.year() + 1)
                .filter(|y| dist(*y) <= HALF_YEAR_DAYS)
                .collect();
            ys.sort_by_key(|y| dist(*y));
            if let Some(y) = ys
                .into_iter()
                .find(|y| NaiveDate::from_ymd_opt(*y, m, d).is_some_and(|x| x.weekday() == wd))
            {
                return Some(y);
            }
        }
        // `Feb 29` without a year: the nearest leap year (a day no year has stays invalid)
        let exists = |y: &i32| d > 31 || NaiveDate::from_ymd_opt(*y, m, d).is_some();
        (r.year() - 4..=r.year() + 4)
            .filter(exists)
            .min_by_key(|y| dist(*y))
            .or_else(|| (r.year() - 1..=r.year() + 1).min_by_key(|y| dist(*y)))
    }
}

fn resolve_abs(d: Draft, year: Option<i32>) -> Option<ClaimKind> {
    let Draft::Abs {
        from,
        to,
        to_next_year,
        grain,
        fuzzy,
        weekday,
    } = d
    else {
        return None;
    };
    let year_stated = from.y.is_some() || to.y.is_some();
    let fy = from.y.or(year)?;
    let ty =
        to.y.or(year.map(|y| if to_next_year { y + 1 } else { y }))?;
    let f = match day_of(fy, from.m, from.d) {
        Ok(f) => f,
        Err((year, month, day)) => return Some(ClaimKind::InvalidDate { year, month, day }),
    };
    let t = match day_of(ty, to.m, to.d) {
        Ok(t) => t,
        Err((year, month, day)) => return Some(ClaimKind::InvalidDate { year, month, day }),
    };
    Some(ClaimKind::Date(DateValue {
        from: f,
        to: t,
        grain,
        fuzzy,
        weekday,
        year_stated,
        relative: false,
    }))
}

pub fn resolve(text: &str, digest: &Digest, opts: &ExtractOptions, raws: Vec<Raw>) -> Vec<Claim> {
    let place = |at: usize| {
        let b = digest.block_at(at);
        let t = b.and_then(|b| digest.blocks.get(b)).map(|b| b.topic);
        (b, t)
    };
    let mut years = Vec::new();
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let mut latest: Option<NaiveDate> = None;
    for r in &raws {
        if let RawKind::Date(d) = &r.kind {
            // `since 2021` names a starting point, not the period being told about
            let since = text
                .get(r.span.start.saturating_sub(6)..r.span.start)
                .is_some_and(|p| p.eq_ignore_ascii_case("since "));
            if let Some(y) = context_year(d).filter(|_| !since) {
                let (b, t) = place(r.span.start);
                years.push((r.span.start, b, t, y));
                match counts.iter_mut().find(|c| c.0 == y) {
                    Some(c) => c.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
            if let Some(f) = full_date(d) {
                latest = latest.max(Some(f));
            }
        }
    }
    // most frequent; ties go to the year stated first
    let frequent = counts
        .iter()
        .fold(None::<(i32, usize)>, |best, &(y, n)| match best {
            Some((_, bn)) if bn >= n => best,
            _ => Some((y, n)),
        });
    let ctx = Ctx {
        years,
        frequent: frequent.map(|f| f.0),
        reference: opts.reference_date.or(latest),
    };
    let mut out: Vec<Claim> = Vec::with_capacity(raws.len());
    for r in raws {
        // the year of a year-less month and day here: from context, else near the reference
        let year_of = |m: u32, d: u32, weekday: Option<chrono::Weekday>| {
            ctx.year_for(
                r.span.start,
                place(r.span.start),
                Ymd { y: None, m, d },
                weekday,
            )
        };
        let kind = match r.kind {
            RawKind::Done(k) => Some(k),
            RawKind::Date(d @ Draft::Abs { from, weekday, .. }) => {
                let year = if stated_year(&d).is_some() {
                    None
                } else {
                    year_of(from.m, from.d, weekday)
                };
                resolve_abs(d, year)
            }
            RawKind::Date(Draft::Comp(c, grain)) => {
                let year = c.needs_year().and_then(|(m, d)| year_of(m, d, None));
                compose::resolve(c, grain, year, ctx.reference).map(ClaimKind::Date)
            }
            RawKind::Date(Draft::Range(a, b, grain, fuzzy)) => {
                let year = range::needs_year(a, b).and_then(|(m, d)| year_of(m, d, None));
                range::resolve(a, b, grain, fuzzy, year, ctx.reference).map(ClaimKind::Date)
            }
            RawKind::Date(Draft::Rel(rel, grain, fuzzy)) => ctx
                .reference
                .and_then(|today| resolve_rel(rel, grain, fuzzy, today))
                .map(ClaimKind::Date)
                .or_else(|| as_duration(rel)),
        };
        if let Some(kind) = kind {
            out.push(Claim {
                span: r.span,
                kind,
                hedge: r.hedge,
                pair: None,
            });
        }
    }
    link_pairs(text, &mut out);
    out
}

/// Without a date to count from, `in 18 months` and `the next three years` still state a length.
fn as_duration(rel: Rel) -> Option<ClaimKind> {
    let (n, u) = match rel {
        Rel::Shift(n, u) | Rel::Span(n, u) => (n, u),
        _ => return None,
    };
    let unit = match u {
        PUnit::Day => DurationUnit::Day,
        PUnit::Week => DurationUnit::Week,
        PUnit::Month => DurationUnit::Month,
        PUnit::Quarter => DurationUnit::Quarter,
        PUnit::Year => DurationUnit::Year,
        PUnit::Weekend => return None,
    };
    Some(ClaimKind::Duration {
        value: Magnitude::Exact(Decimal::from(n.unsigned_abs())),
        unit,
    })
}

/// Is the text between two amounts only a conversion joiner?
fn conversion_gap(gap: &str) -> bool {
    if gap.len() > 40 || gap.is_empty() {
        return false;
    }
    let mut rest = gap.trim();
    let mut saw = false;
    while !rest.is_empty() {
        let before = rest;
        for p in [
            "(",
            "/",
            ",",
            "~",
            "or",
            "about",
            "around",
            "roughly",
            "approximately",
            "approx.",
            "some",
            "i.e.",
            "equivalent to",
            "equal to",
            "or about",
            "worth",
        ] {
            if let Some(r) = rest.strip_prefix(p) {
                let boundary = !p.as_bytes()[0].is_ascii_alphabetic()
                    || !r
                        .as_bytes()
                        .first()
                        .is_some_and(|c| c.is_ascii_alphabetic());
                if boundary {
                    rest = r.trim_start();
                    saw = true;
                    break;
                }
            }
        }
        if before == rest {
            return false;
        }
    }
    saw
}

fn link_pairs(text: &str, claims: &mut [Claim]) {
    for i in 1..claims.len() {
        let (a, b) = (&claims[i - 1], &claims[i]);
        let (ClaimKind::Money { currency: ca, .. }, ClaimKind::Money { currency: cb, .. }) =
            (&a.kind, &b.kind)
        else {
            continue;
        };
        if ca == cb || a.pair.is_some() {
            continue;
        }
        let gap = text.get(a.span.end..b.span.start).unwrap_or("");
        if conversion_gap(gap) {
            claims[i - 1].pair = Some(i);
            claims[i].pair = Some(i - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::conversion_gap;

    #[test]
    fn conversion_gaps() {
        assert!(conversion_gap(" ("));
        assert!(conversion_gap(" / "));
        assert!(conversion_gap(", or about "));
        assert!(!conversion_gap(" and "));
        assert!(!conversion_gap(" of dim sum ("));
        assert!(!conversion_gap(""));
    }

    /// A year-less date with a weekday: the weekday picks the year only near the reference
    /// date; a wrong weekday stays wrong (for DL102) instead of moving the date a year back.
    #[test]
    fn stated_weekday_moves_a_year_less_date_only_near_the_reference() {
        use crate::claims::ExtractOptions;
        use chrono::{NaiveDate, Weekday};
        let opts = ExtractOptions {
            reference_date: NaiveDate::from_ymd_opt(2025, 9, 1),
        };
        let date_of = |text: &str| {
            let claims = crate::claims::extract(text, &crate::digest::parse(text), &opts);
            let d = *claims[0].date().expect("a date");
            (d.from, d.weekday)
        };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Oct. 8, 2025 is a Wednesday: the digest's year stands and the weekday is kept.
        assert_eq!(
            date_of("The bank decides on Tuesday, Oct. 8."),
            (day(2025, 10, 8), Some(Weekday::Tue))
        );
        assert_eq!(
            date_of("The bank decides on Tuesday, Oct. 7."),
            (day(2025, 10, 7), Some(Weekday::Tue))
        );
        // Near a year's turn the weekday chooses: Jan. 2, 2026 is a Friday.
        let opts_dec = ExtractOptions {
            reference_date: NaiveDate::from_ymd_opt(2025, 12, 20),
        };
        let text = "Markets reopen on Friday, Jan. 2.";
        let claims = crate::claims::extract(text, &crate::digest::parse(text), &opts_dec);
        assert_eq!(claims[0].date().unwrap().from, day(2026, 1, 2));
    }

    /// With no year in the digest, `Feb 29` is the nearest leap year's; a year that has no such
    /// day, stated or from context, leaves it invalid.
    fn year_less_dates(text: &str, reference: Option<chrono::NaiveDate>) -> Vec<(String, i32)> {
        use chrono::Datelike;
        let opts = crate::claims::ExtractOptions {
            reference_date: reference,
        };
        crate::claims::extract(text, &crate::digest::parse(text), &opts)
            .iter()
            .filter_map(|c| c.date().filter(|d| !d.year_stated).map(|d| (c, d)))
            .map(|(c, d)| (c.span.of(text).to_string(), d.from.year()))
            .collect()
    }

    #[test]
    fn a_stated_weekday_picks_the_context_year_it_agrees_with() {
        // The digest talks mostly of 2026, but Nov. 6 was a Thursday in 2025 (reference date).
        let text = "Deals close in the second half of 2026. Sales peak in 2026.\n\n\
                    The bank held rates on Thursday, Nov. 6, and again on Nov. 20.";
        let today = chrono::NaiveDate::from_ymd_opt(2025, 11, 29);
        assert_eq!(
            year_less_dates(text, today),
            [
                ("Thursday, Nov. 6".to_string(), 2025),
                ("Nov. 20".to_string(), 2026)
            ]
        );
        // No candidate agrees: the first stands and DL102 reports the weekday.
        let text = "Sales peak in 2026.\n\nThe bank held rates on Monday, Nov. 6.";
        assert_eq!(
            year_less_dates(text, None),
            [("Monday, Nov. 6".to_string(), 2026)]
        );
    }

    #[test]
    fn a_span_of_several_years_lends_no_year() {
        // `Sept. 9` follows a 2019–2024 span in its block: the topic's other year decides.
        let text =
            "Output rose in 2025.\n\nBetween 2019 and 2024 the fleet grew; on Sept. 9 it shrank.";
        assert_eq!(year_less_dates(text, None), [("Sept. 9".to_string(), 2025)]);
        let text = "Output rose in 2025.\n\nThe 2030s will differ; on Sept. 9 it shrank.";
        assert_eq!(year_less_dates(text, None), [("Sept. 9".to_string(), 2025)]);
        // a single year does lend its year
        let text = "Output rose in 2025.\n\nIn 2019 the fleet grew; on Sept. 9 it shrank.";
        assert_eq!(year_less_dates(text, None), [("Sept. 9".to_string(), 2019)]);
    }

    #[test]
    fn a_year_less_leap_day_takes_the_nearest_leap_year() {
        use crate::claims::{ClaimKind, ExtractOptions};
        use chrono::NaiveDate;
        let opts = ExtractOptions {
            reference_date: NaiveDate::from_ymd_opt(2017, 3, 22),
        };
        let kind = |text: &str| {
            let claims = crate::claims::extract(text, &crate::digest::parse(text), &opts);
            claims.last().map(|c| c.kind.clone())
        };
        match kind("Trading halted on Feb 29.") {
            Some(ClaimKind::Date(d)) => {
                assert_eq!(d.from, NaiveDate::from_ymd_opt(2016, 2, 29).unwrap())
            }
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            kind("In 2017, trading halted on Feb 29."),
            Some(ClaimKind::InvalidDate { .. })
        ));
        assert!(matches!(
            kind("Trading halted on Sept 31."),
            Some(ClaimKind::InvalidDate { .. })
        ));
    }
}
