//! Ranges whose two ends are different kinds of date, written with `from … to/until` or
//! `between … and`: `from April until the end of June`, `between 2007 and the end of 2008`,
//! `from next Friday to Oct 1st 2020`, `between Jan 2019 and today`, `from March to date`. The
//! range runs from the first day of its start to the last day of its end.

use super::compose::{self, Comp};
use super::date::{self, Draft, Rel, YearCtx, Ymd};
use super::lex::{Lx, K};
use super::{DateValue, Grain};
use chrono::{Datelike, Duration, NaiveDate};

/// One end of a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// A day as written (the first day of a start, the last of an end), year possibly left out.
    Day(Ymd),
    Rel(Rel),
    Comp(Comp, Grain),
    /// `now`, `today`, `date` in `to date`, `current date`.
    Today,
}

impl End {
    fn of(d: Draft, start: bool) -> Option<End> {
        Some(match d {
            Draft::Abs { from, to, .. } => End::Day(if start { from } else { to }),
            Draft::Rel(Rel::Days(0), ..) => End::Today,
            Draft::Rel(r, ..) => End::Rel(r),
            Draft::Comp(c, g) => End::Comp(c, g),
            Draft::Range(..) => return None,
        })
    }

    pub fn year(&self) -> Option<i32> {
        match self {
            End::Day(d) => d.y,
            End::Comp(c, _) => c.stated_year(),
            _ => None,
        }
    }
}

/// `now`, `today`, `date` (after `to`/`till`), `current date`: the reference day.
fn today_word(lx: &mut Lx, k: usize) -> Option<usize> {
    match lx.get(k).word() {
        b"now" | b"date" => Some(k + 1),
        b"current" if lx.is(k + 1, "date") => Some(k + 2),
        _ => None,
    }
}

/// After a date `first` (tokens `i..e`): `to`/`until`/`through`/`-` (or `and` after `between`)
/// and a second date of another kind, when `from` or `between` stands before the first.
/// `explicit`: the first date was preceded by `from` or `between`.
pub fn range(
    lx: &mut Lx,
    first: Draft,
    e: usize,
    between: bool,
    explicit: bool,
) -> Option<(Draft, usize)> {
    if !explicit || matches!(first, Draft::Range(..)) {
        return None;
    }
    let t = lx.get(e);
    let k = match t.word() {
        b"to" | b"until" | b"till" | b"through" | b"thru" if !between => e + 1,
        b"and" if between => e + 1,
        _ if t.k == K::Dash && t.c != '\u{2014}' && !between => e + 1,
        _ => return None,
    };
    let (second, e2) = match today_word(lx, k) {
        Some(e2) => (Draft::Rel(Rel::Days(0), Grain::Day, false), e2),
        None => date::date(lx, k, YearCtx::default())?,
    };
    // two plain dates of one kind are the grammars' own ranges (or deliberately none)
    let (fa, ga) = shape(&first);
    let (fb, gb) = shape(&second);
    if matches!(first, Draft::Abs { .. })
        && matches!(second, Draft::Abs { .. })
        && !fa
        && !fb
        && ga == gb
    {
        return None;
    }
    let a = End::of(first, true)?;
    let b = End::of(second, false)?;
    Some((Draft::Range(a, b, ga.min(gb), fa || fb), e2))
}

fn shape(d: &Draft) -> (bool, Grain) {
    match *d {
        Draft::Abs { fuzzy, grain, .. } => (fuzzy, grain),
        Draft::Rel(_, g, f) => (f, g),
        Draft::Comp(_, g) => (false, g),
        Draft::Range(_, _, g, f) => (f, g),
    }
}

/// The year a range's year-less ends need from context: the other end's stated year, else
/// `None` (the caller then asks the context). Returns month and day of the first year-less end.
pub fn needs_year(a: End, b: End) -> Option<(u32, u32)> {
    match (a, b) {
        (End::Day(d), _) | (_, End::Day(d)) if d.y.is_none() && a.year().or(b.year()).is_none() => {
            Some((d.m, d.d.min(28)))
        }
        (End::Comp(c, _), _) | (_, End::Comp(c, _)) if a.year().or(b.year()).is_none() => {
            c.needs_year()
        }
        _ => None,
    }
}

pub fn stated_year(a: End, b: End) -> Option<i32> {
    a.year().or(b.year())
}

/// Resolves a range: `year` for year-less ends (from context), `today` for relative ones.
pub fn resolve(
    a: End,
    b: End,
    grain: Grain,
    fuzzy: bool,
    year: Option<i32>,
    today: Option<NaiveDate>,
) -> Option<DateValue> {
    // a year-less end takes the other end's year (a start after the end's month, the year before)
    let (ya, yb) = (a.year(), b.year());
    let month = |e: End| match e {
        End::Day(d) => Some(d.m),
        _ => None,
    };
    let year_a = ya.or_else(|| {
        let y = yb?;
        Some(match (month(a), month(b)) {
            (Some(ma), Some(mb)) if ma > mb => y - 1,
            _ => y,
        })
    });
    let year_b = yb.or_else(|| {
        let y = ya?;
        Some(match (month(a), month(b)) {
            (Some(ma), Some(mb)) if mb < ma => y + 1,
            _ => y,
        })
    });
    let mut from = end_day(a, true, year_a.or(year), today)?;
    if let (End::Day(d), None, End::Today | End::Rel(_)) = (a, year_a, b) {
        // `from March to date`: a year-less start lies before the end
        let to = end_day(b, false, None, today)?;
        if from > to {
            from = date::day_of(from.year() - 1, d.m, d.d).ok()?;
        }
    }
    let to = match b {
        // `from next Monday to Friday`: the first Friday from the start on
        End::Rel(Rel::Weekday(wd, 0)) => {
            let ahead = (7 + i64::from(wd.num_days_from_monday())
                - i64::from(from.weekday().num_days_from_monday()))
                % 7;
            from + Duration::days(ahead)
        }
        _ => end_day(b, false, year_b.or(year), today)?,
    };
    let relative = !matches!((a, b), (End::Day(_), End::Day(_)));
    Some(DateValue {
        from,
        to,
        grain,
        fuzzy,
        weekday: None,
        year_stated: ya.is_some() || yb.is_some(),
        relative,
    })
}

fn end_day(e: End, start: bool, year: Option<i32>, today: Option<NaiveDate>) -> Option<NaiveDate> {
    let pick = |v: DateValue| if start { v.from } else { v.to };
    match e {
        End::Day(d) => date::day_of(d.y.or(year)?, d.m, d.d).ok(),
        End::Today => today,
        End::Rel(r) => Some(pick(date::resolve_rel(r, Grain::Day, false, today?)?)),
        End::Comp(c, g) => Some(pick(compose::resolve(c, g, year, today)?)),
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::compose::tests::{check, dates};

    #[test]
    fn ends_of_different_kinds() {
        check(
            "2016-11-07",
            &[
                (
                    "It has been closed from April until the end of June.",
                    "from April until the end of June",
                    "2017-04-01",
                    "2017-06-30",
                ),
                (
                    "The range is from 2007 to the end of 2008.",
                    "from 2007 to the end of 2008",
                    "2007-01-01",
                    "2008-12-31",
                ),
                (
                    "Clusters docked between Jan 2016 and today.",
                    "between Jan 2016 and today",
                    "2016-01-01",
                    "2016-11-07",
                ),
                (
                    "It runs from next Friday to Oct 1st 2020.",
                    "next Friday to Oct 1st 2020",
                    "2016-11-18",
                    "2020-10-01",
                ),
                // a bare weekday after the start is the first one from the start on
                (
                    "A vacation from next Monday to Friday.",
                    "next Monday to Friday",
                    "2016-11-14",
                    "2016-11-18",
                ),
                // `to date`: a year-less start lies before today
                (
                    "Clusters docked from March to date.",
                    "from March to date",
                    "2016-03-01",
                    "2016-11-07",
                ),
            ],
        );
    }

    #[test]
    fn only_written_as_a_range() {
        let today = "2016-11-07";
        // without `from`/`between` two dates stay two claims
        assert_eq!(dates("They met Monday to discuss Friday.", today).len(), 2);
        // the second must be a date
        assert_eq!(
            dates("Sales rose from May to the 2020 election.", today)[0].0,
            "from May"
        );
        // two plain dates of one kind keep their own grammar's reading
        assert_eq!(
            dates("It ran from August 2015 – September.", today)[0].0,
            "from August 2015"
        );
    }
}
