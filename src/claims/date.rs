//! Dates: days, ranges, months, quarters, halves, years, fuzzy parts and relative expressions.
//!
//! The grammar produces a [`Draft`]; years left out (`Sept 12`) and relative expressions
//! (`next year`) are resolved afterwards in `resolve`, against the digest's own dates.

use super::compose::{self, Comp};
use super::forms;
use super::holiday;
use super::lex::{Lx, K};
use super::num;
use super::range;
use super::{DateValue, Grain};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// "The last day of the month".
pub const LAST: u32 = 99;

/// A day, possibly without its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    pub y: Option<i32>,
    pub m: u32,
    pub d: u32,
}

/// A period relative to "today".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PUnit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Whole,
    Begin,
    Mid,
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// Today plus n days.
    Days(i64),
    /// A weekday: 0 = the coming one (today excluded), 1 = of next week, -1 = the last one,
    /// 2 = the one after the coming one (`Friday after next`).
    Weekday(Weekday, i32),
    /// The n-th period from this one (`next month` is 1), or a part of it.
    Period(PUnit, i64, Part),
    /// A point n units from today (`in 3 days`, `2 weeks ago`).
    Shift(i64, PUnit),
    /// The next / last n units, today excluded (`next three weeks`, `past 2 days`).
    Span(i64, PUnit),
    /// A season (0 spring, 1 summer, 2 autumn, 3 winter) of this year plus n.
    Season(u8, i32),
    /// A weekday in this week (0), next week (1) or last week (-1).
    WeekdayOfWeek(Weekday, i64),
    /// A month this year (0), its next (1) or last (-1) occurrence (`next March`).
    Month(u32, i32),
    /// A holiday relative to today (`Christmas`, `next Easter`, `MLK day of last year`).
    Holiday(holiday::When),
    /// The part of this week, month or year from today on (`later this year`) or up to today
    /// (`earlier this month`).
    Rest(PUnit, bool),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Draft {
    Abs {
        from: Ymd,
        to: Ymd,
        /// A year-less range crossing New Year (`Dec 30–Jan 2`).
        to_next_year: bool,
        grain: Grain,
        fuzzy: bool,
        weekday: Option<Weekday>,
    },
    Rel(Rel, Grain, bool),
    /// Built from another date, a month or a year (see [`compose`]).
    Comp(Comp, Grain),
    /// From the start of one date to the end of another of a different kind (see [`range`]).
    Range(range::End, range::End, Grain, bool),
}

pub(super) fn abs(from: Ymd, to: Ymd, grain: Grain, fuzzy: bool) -> Draft {
    let to_next_year = from.y.is_none() && to.y.is_none() && to.m < from.m;
    Draft::Abs {
        from,
        to,
        to_next_year,
        grain,
        fuzzy,
        weekday: None,
    }
}

pub fn month_word(w: &[u8]) -> Option<(u32, bool)> {
    // (month, is an abbreviation)
    Some(match w {
        b"january" => (1, false),
        b"jan" => (1, true),
        b"february" => (2, false),
        b"feb" => (2, true),
        b"march" => (3, false),
        b"mar" => (3, true),
        b"april" => (4, false),
        b"apr" => (4, true),
        b"may" => (5, false),
        b"june" => (6, false),
        b"jun" => (6, true),
        b"july" => (7, false),
        b"jul" => (7, true),
        b"august" => (8, false),
        b"aug" => (8, true),
        b"september" => (9, false),
        b"sep" | b"sept" => (9, true),
        b"october" => (10, false),
        b"oct" => (10, true),
        b"november" => (11, false),
        b"nov" => (11, true),
        b"december" => (12, false),
        b"dec" => (12, true),
        _ => return None,
    })
}

pub fn weekday_word(w: &[u8]) -> Option<(Weekday, bool)> {
    use Weekday::*;
    Some(match w {
        b"monday" => (Mon, false),
        b"mon" => (Mon, true),
        b"tuesday" => (Tue, false),
        b"tue" | b"tues" => (Tue, true),
        b"wednesday" => (Wed, false),
        b"wed" => (Wed, true),
        b"thursday" => (Thu, false),
        b"thu" | b"thur" | b"thurs" => (Thu, true),
        b"friday" => (Fri, false),
        b"fri" => (Fri, true),
        b"saturday" => (Sat, false),
        b"sat" => (Sat, true),
        b"sunday" => (Sun, false),
        b"sun" => (Sun, true),
        _ => return None,
    })
}

/// Words that may start a date (checked by the scanner before any parsing).
pub fn is_date_word(w: &[u8]) -> bool {
    month_word(w).is_some()
        || weekday_word(w).is_some()
        || holiday::starts_name(w)
        || matches!(
            w,
            b"early"
                | b"mid"
                | b"middle"
                | b"late"
                | b"end"
                | b"beginning"
                | b"start"
                | b"first"
                | b"second"
                | b"third"
                | b"fourth"
                | b"fifth"
                | b"sixth"
                | b"seventh"
                | b"eighth"
                | b"ninth"
                | b"tenth"
                | b"eleventh"
                | b"twelfth"
                | b"thirteenth"
                | b"fourteenth"
                | b"fifteenth"
                | b"sixteenth"
                | b"seventeenth"
                | b"eighteenth"
                | b"nineteenth"
                | b"twentieth"
                | b"thirtieth"
                | b"last"
                | b"the"
                | b"q"
                | b"h"
                | b"today"
                | b"tomorrow"
                | b"yesterday"
                | b"tonight"
                | b"this"
                | b"next"
                | b"past"
                | b"previous"
                | b"coming"
                | b"upcoming"
                | b"following"
                | b"current"
                | b"in"
                | b"within"
                | b"between"
                | b"from"
                | b"christmas"
                | b"xmas"
                | b"thanksgiving"
                | b"memorial"
                | b"labor"
                | b"labour"
                | b"independence"
                | b"boxing"
                | b"mlk"
                | b"martin"
                | b"presidents"
                | b"president"
                | b"mother"
                | b"mothers"
                | b"father"
                | b"fathers"
                | b"black"
                | b"st"
                | b"saint"
                | b"easter"
                | b"good"
                | b"halloween"
                | b"spring"
                | b"summer"
                | b"autumn"
                | b"fall"
                | b"winter"
                | b"new"
                | b"valentine"
                | b"a"
                | b"an"
                | b"week"
                | b"later"
                | b"earlier"
        )
}

/// A month name at `i` (with an optional `.` after an abbreviation).
pub(super) fn month_at(lx: &mut Lx, i: usize) -> Option<(u32, usize, bool)> {
    let t = lx.get(i);
    let (m, abbr) = month_word(t.word())?;
    // a month name glued to digits or letters is a name (`Jan2`), handled by the lexer splitting
    if abbr && lx.is_sym(i + 1, '.') && lx.glued(i + 1) {
        return Some((m, i + 2, true));
    }
    Some((m, i + 1, abbr))
}

/// Can the lower-case word `w` (no month or weekday) open a [`compose::compose`] date? Its count
/// (a spelled number, `a`), `the`, `week`, `first`, `last` or an ordinal word (`the 3rd week`,
/// `first Monday`, `twenty-first of this month`) comes first.
fn starts_composed(w: &[u8]) -> bool {
    num::is_number_word(w)
        || matches!(w, b"the" | b"week" | b"first" | b"last")
        || ordinal_word(w).is_some()
}

/// Can the lower-case word `w` (no month or weekday) open a [`relative`] date? The day words,
/// `the`, `later`/`earlier`, a part (`end of next month`), `in`/`within`, a unit (`week after
/// next`), a direction (`next`, `past`) or a count (`a`, a spelled number, `half`, `quarter`).
fn starts_relative(w: &[u8]) -> bool {
    num::is_number_word(w)
        || unit_word(w).is_some()
        || rel_dir(w).is_some()
        || matches!(
            w,
            b"today"
                | b"tonight"
                | b"tomorrow"
                | b"tomorrows"
                | b"yesterday"
                | b"the"
                | b"later"
                | b"earlier"
                | b"beginning"
                | b"start"
                | b"end"
                | b"middle"
                | b"in"
                | b"within"
                | b"half"
                | b"quarter"
        )
}

/// A day of the month: 1–31, optionally ordinal.
/// `first` … `thirtieth`.
pub fn is_ordinal_word(w: &[u8]) -> bool {
    ordinal_word(w).is_some()
}

fn ordinal_word(w: &[u8]) -> Option<u32> {
    Some(match w {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" => 8,
        b"ninth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"thirteenth" => 13,
        b"fourteenth" => 14,
        b"fifteenth" => 15,
        b"sixteenth" => 16,
        b"seventeenth" => 17,
        b"eighteenth" => 18,
        b"nineteenth" => 19,
        b"twentieth" => 20,
        b"thirtieth" => 30,
        _ => return None,
    })
}

/// A day written as an ordinal word: `first`, `twenty-first`, `thirty first`.
pub(super) fn ordinal_day(lx: &mut Lx, i: usize) -> Option<(u32, usize)> {
    let w = lx.get(i);
    if let Some(d) = ordinal_word(w.word()) {
        return Some((d, i + 1));
    }
    let tens = match w.word() {
        b"twenty" => 20,
        b"thirty" => 30,
        _ => return None,
    };
    let j = if lx.is_dash(i + 1) { i + 2 } else { i + 1 };
    let d = tens + ordinal_word(lx.get(j).word()).filter(|d| *d < 10)?;
    (d <= 31).then_some((d, j + 1))
}

pub(super) fn day_at(lx: &mut Lx, i: usize) -> Option<(u32, usize)> {
    let t = lx.get(i);
    if t.k == K::Word {
        return ordinal_day(lx, i);
    }
    if t.k != K::Num || t.fd != 0 || t.commas || t.nd > 2 {
        return None;
    }
    let d = t.int()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    // `13:00`, `13.5`, `13%`, `13x`: not a day (`10/August` is: see [`sep_month`])
    let n = lx.get(i + 1);
    if !n.sp
        && (n.k == K::Word && !t.ord && month_word(n.word()).is_none()
            || n.k == K::Num
            || matches!(n.c, ':' | '%' | '$' | '/'))
        && sep_month(lx, i + 1).is_none()
    {
        return None;
    }
    Some((d, i + 1))
}

/// A separator glued on both sides to a month name, as in `10-August`, `09/JAN/2017`: the month,
/// and the index of the token after it.
fn sep_month(lx: &mut Lx, i: usize) -> Option<(u32, usize)> {
    let t = lx.get(i);
    if t.sp || !(t.k == K::Dash && t.c == '-' || t.k == K::Sym && t.c == '/') || !lx.glued(i + 1) {
        return None;
    }
    let (m, _) = month_word(lx.get(i + 1).word())?;
    Some((m, i + 2))
}

/// `10-August-2012`, `09/JAN/2017`, `21-APR-16`: a day, a glued separator, a month name and, after
/// the same separator, a year (two digits allowed only here, where the separators fix the order).
/// The day (and the token after it) is read by the caller.
fn day_sep_month(lx: &mut Lx, (d, j): (u32, usize)) -> Option<(Draft, usize)> {
    let sep = lx.get(j).c;
    let (m, j) = sep_month(lx, j)?;
    let (y, j) = if lx.glued(j) && lx.get(j).c == sep && lx.glued(j + 1) {
        let n = lx.get(j + 1);
        let after = lx.get(j + 2);
        let free = after.sp || !matches!(after.k, K::Word | K::Num | K::Dash);
        match (n.k, n.is_int(), n.nd) {
            (K::Num, true, 4) if free => (Some(n.int()? as i32), j + 2),
            (K::Num, true, 2) if free => {
                let v = n.int()? as i32;
                (Some(if v < 50 { 2000 + v } else { 1900 + v }), j + 2)
            }
            _ => return None,
        }
    } else {
        let (y, j) = opt_year(lx, j);
        (y, j)
    };
    let at = Ymd { y, m, d };
    Some((abs(at, at, Grain::Day, false), j))
}

/// A four-digit year, or `'25`.
pub(super) fn year_at(lx: &mut Lx, i: usize) -> Option<(i32, usize)> {
    let t = lx.get(i);
    if t.k == K::Num && t.is_int() && t.nd == 4 {
        let y = t.int()? as i32;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let n = lx.get(i + 1);
        if !n.sp && (n.k == K::Word || n.k == K::Num || matches!(n.c, '%' | '$' | '\u{d7}')) {
            return None;
        }
        return Some((y, i + 1));
    }
    if t.k == K::Sym && (t.c == '\'' || t.c == '\u{2019}') && lx.glued(i + 1) {
        let n = lx.get(i + 1);
        if n.k == K::Num && n.is_int() && n.nd == 2 {
            let v = n.int()? as i32;
            let after = lx.get(i + 2);
            if !after.sp && matches!(after.k, K::Word | K::Num) {
                return None;
            }
            return Some((if v < 50 { 2000 + v } else { 1900 + v }, i + 2));
        }
    }
    None
}

/// A plain year for a bare-year claim: 1900–2100.
fn bare_year_at(lx: &mut Lx, i: usize) -> Option<(i32, usize)> {
    let (y, j) = year_at(lx, i)?;
    if lx.get(i).k != K::Num || !(1800..=2100).contains(&y) {
        return None;
    }
    Some((y, j))
}

/// `, 2025` or ` 2025` after a day.
fn opt_year(lx: &mut Lx, i: usize) -> (Option<i32>, usize) {
    let j = if lx.is_sym(i, ',') { i + 1 } else { i };
    if let Some((y, k)) = year_at(lx, j) {
        return (Some(y), k);
    }
    if lx.is(j, "of") {
        if let Some((y, k)) = year_at(lx, j + 1) {
            return (Some(y), k);
        }
    }
    // `13 Sept nineteen seventy two`, `3rd Feb 82`, `Aug 9, 96`
    if let Some((y, k)) = forms::year_words(lx, j).or_else(|| forms::short_year(lx, i, false)) {
        return (Some(y), k);
    }
    (None, i)
}

fn joiner(lx: &mut Lx, i: usize, between: bool) -> Option<usize> {
    let t = lx.get(i);
    match t.k {
        K::Dash => Some(i + 1),
        K::Word => match t.word() {
            b"to" | b"through" | b"thru" | b"until" | b"till" | b"til" if !between => Some(i + 1),
            b"and" if between => Some(i + 1),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn skip_the(lx: &mut Lx, i: usize) -> usize {
    if lx.is(i, "the") {
        i + 1
    } else {
        i
    }
}

/// `Sept. 13`, `Sep 16–17`, `Nov 18–Dec 19`, each with an optional year.
fn month_day(lx: &mut Lx, i: usize, between: bool) -> Option<(Draft, usize)> {
    let (m, j, _) = month_at(lx, i)?;
    let j0 = if lx.is(j, "the") { j + 1 } else { j };
    let (d, mut j) = day_at(lx, j0)?;
    let mut to = Ymd { y: None, m, d };
    let mut has_to = false;
    if let Some(k) = joiner(lx, j, between) {
        let k = skip_the(lx, k);
        if let Some((m2, k2, _)) = month_at(lx, k) {
            if let Some((d2, k3)) = day_at(lx, k2) {
                to = Ymd {
                    y: None,
                    m: m2,
                    d: d2,
                };
                j = k3;
                has_to = true;
            }
        } else if let Some((d2, k2)) = day_at(lx, k) {
            // `Sept 14–2025`? a day needs no year after it here; `16–17, 2025` has one.
            to = Ymd { y: None, m, d: d2 };
            j = k2;
            has_to = true;
        }
    }
    let (y, j) = opt_year(lx, j);
    let from = Ymd { y, m, d };
    if has_to {
        to.y = y;
        if let Some(y) = y {
            // `Dec 30–Jan 2, 2025`: the year belongs to the end
            if to.m < from.m {
                return Some((
                    abs(
                        Ymd {
                            y: Some(y - 1),
                            ..from
                        },
                        to,
                        Grain::Day,
                        false,
                    ),
                    j,
                ));
            }
        }
    } else {
        to = from;
    }
    Some((abs(from, to, Grain::Day, false), j))
}

/// `13 September 2025`, `27–28 August`, `the 15th of February`.
fn day_month(lx: &mut Lx, i: usize, between: bool) -> Option<(Draft, usize)> {
    let i = skip_the(lx, i);
    // (the day is read once for both forms)
    let (d, j) = day_at(lx, i)?;
    if let Some(r) = day_sep_month(lx, (d, j)) {
        return Some(r);
    }
    let j_of = |lx: &mut Lx, j: usize| if lx.is(j, "of") { j + 1 } else { j };
    // a range of days: `27–28 August`, `13th to the 15th of July`
    let mut d2 = None;
    let mut m1 = None;
    let mut j = j;
    let jo = j_of(lx, j);
    if let Some((m, k, _)) = month_at(lx, jo) {
        m1 = Some(m);
        j = k;
    }
    if let Some(k) = joiner(lx, j, between) {
        let k = skip_the(lx, k);
        if let Some((dd, k2)) = day_at(lx, k) {
            d2 = Some(dd);
            j = k2;
        }
    }
    let jo = j_of(lx, j);
    let (m2, j) = match month_at(lx, jo) {
        Some((m, k, _)) => (m, k),
        None => match (m1, d2) {
            (Some(m), None) => (m, j),
            _ => return None,
        },
    };
    let (y, j) = opt_year(lx, j);
    let from = Ymd {
        y,
        m: m1.unwrap_or(m2),
        d,
    };
    let to = Ymd {
        y,
        m: m2,
        d: d2.unwrap_or(d),
    };
    if d2.is_none() && m1.is_some() && m1 != Some(m2) {
        return None;
    }
    Some((abs(from, to, Grain::Day, false), j))
}

/// `2025-09-13`, `2025/09/13`, `9/13/2025`, `2014-10`.
fn numeric(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let a = lx.get(i);
    if a.k != K::Num || !a.is_int() {
        return None;
    }
    let sep = lx.get(i + 1);
    let sep_ok = |c: char| c == '-' || c == '/' || c == '.';
    if sep.sp || !(sep.k == K::Dash && sep.c == '-' || sep.k == K::Sym && sep_ok(sep.c)) {
        return None;
    }
    let b = lx.get(i + 2);
    if b.sp || b.k != K::Num || !b.is_int() {
        return None;
    }
    let sep2 = lx.get(i + 3);
    let c = lx.get(i + 4);
    let three =
        !sep2.sp && sep2.c == sep.c && (sep2.k == sep.k) && !c.sp && c.k == K::Num && c.is_int();
    let after = lx.get(if three { i + 5 } else { i + 3 });
    let glued_on = !after.sp
        && (after.k == K::Num || after.k == K::Word || matches!(after.c, '/' | '-' | '.' | ':'));
    // a final `.` ends the sentence; anything else glued on makes it no date (`1.1.30`)
    let full_stop =
        after.k == K::Sym && after.c == '.' && lx.k(if three { i + 6 } else { i + 4 }) == K::End;
    if glued_on && !full_stop {
        return None;
    }
    let (av, bv) = (a.int()?, b.int()?);
    if three {
        let cv = c.int()?;
        let (y, m, d) = if a.nd == 4 {
            (av as i32, bv, cv)
        } else if c.nd == 4 || c.nd == 2 {
            let y = if c.nd == 2 {
                1900 + cv as i32 + if cv < 50 { 100 } else { 0 }
            } else {
                cv as i32
            };
            // `13.09.2025` is day first, and so is `13/09/2025`
            if sep.c == '.' || av > 12 {
                (y, bv, av)
            } else {
                (y, av, bv)
            }
        } else {
            return None;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || b.nd > 2 {
            return None;
        }
        let ymd = Ymd { y: Some(y), m, d };
        return Some((abs(ymd, ymd, Grain::Day, false), i + 5));
    }
    // two parts: `2014-10` (year-month), `2/2013` (month/year)
    if sep.c == '.' {
        return None;
    }
    let (y, m) = if a.nd == 4 && b.nd == 2 && sep.c == '-' {
        (av, bv)
    } else if b.nd == 4 && a.nd <= 2 && sep.c == '/' {
        (bv, av)
    } else {
        return None;
    };
    if (1..=12).contains(&m) {
        let y = Some(y as i32);
        let month = abs(
            Ymd { y, m, d: 1 },
            Ymd { y, m, d: LAST },
            Grain::Month,
            false,
        );
        return Some((month, i + 3));
    }
    None
}

/// `August 2025`, `August–October 2025`, `Aug 2024 – Jan 2025`, a bare `September`.
fn month_year(lx: &mut Lx, i: usize, between: bool, prep: bool) -> Option<(Draft, usize)> {
    let (m, j, abbr) = month_at(lx, i)?;
    // `Aug 2025`, `August, 2025`, `Dec-2018`, `Dec/2018`
    let glued_sep = lx.glued(j) && (lx.is_dash(j) || lx.is_sym(j, '/')) && lx.glued(j + 1);
    let j1 = if lx.is_sym(j, ',') || glued_sep {
        j + 1
    } else {
        j
    };
    // `August two thousand and fifteen`, `Aug 96`, `April of 87`
    let (y1, mut j) = match year_at(lx, j1)
        .or_else(|| forms::year_words(lx, j1))
        .or_else(|| forms::short_year(lx, j, true))
    {
        Some((y, k)) => (Some(y), k),
        None => (None, j),
    };
    let mut to = Ymd { y: y1, m, d: LAST };
    if let Some(k) = joiner(lx, j, between) {
        if let Some((m2, k2, _)) = month_at(lx, k) {
            let k2b = if lx.is_sym(k2, ',') { k2 + 1 } else { k2 };
            let (y2, k3) = match year_at(lx, k2b) {
                Some((y, k)) => (Some(y), k),
                None => (None, k2),
            };
            if y1.is_some() && y2.is_none() {
                // `August 2025 – September`: the second month lacks its year; stop at the first.
            } else {
                to = Ymd {
                    y: y2,
                    m: m2,
                    d: LAST,
                };
                j = k3;
            }
        }
    }
    if y1.is_none() && to.y.is_none() && lx.k(j) == K::Num && !lx.is_dash(j) {
        return None; // `August 32`, `February 151998`
    }
    let mut from = Ymd {
        y: y1.or(to.y),
        m,
        d: 1,
    };
    if y1.is_none() && to.y.is_some() {
        if let Some(y) = to.y {
            from.y = Some(if m > to.m { y - 1 } else { y });
        }
    }
    if from.y.is_none() && (abbr || m == 5 || m == 3) {
        // a bare `May`, `March` or `Sep` is too often a word or a name: only after a temporal
        // preposition (`in May`) or in a range (`March to May`), and `May`/`March` capitalised
        let ranged = to.m != m || lx.is_dash(j);
        let capital = lx.raw(i).starts_with(|c: char| c.is_ascii_uppercase());
        let ok = (prep || ranged) && (capital || abbr && m != 3 && m != 5);
        if !ok {
            return None;
        }
    }
    Some((abs(from, to, Grain::Month, false), j))
}

/// Bare years and year ranges: `2025`, `2022–2024`, `between 2007 and 2008`.
fn years(lx: &mut Lx, i: usize, between: bool, cx: YearCtx) -> Option<(Draft, usize)> {
    let (y, j) = bare_year_at(lx, i)?;
    if cx.after_name || cx.after_number {
        return None; // `Windows 2000`, `Pay ABC 2000`, `32 - 2015`
    }
    let mut y2 = y;
    let mut end = j;
    if let Some(k) = joiner(lx, j, between) {
        if let Some((b, k2)) = bare_year_at(lx, k) {
            y2 = b;
            end = k2;
        } else {
            // `2022–24`; with an ASCII hyphen only after a preposition or article (`in 2012-14`,
            // `the 2019-20 season`): a bare `2012-14` reads as a broken year-month as well
            let t = lx.get(k);
            let d = lx.get(j);
            let dash_ok = d.k == K::Dash && (d.c != '-' || cx.after_prep);
            if dash_ok && t.k == K::Num && t.is_int() && t.nd == 2 && !t.sp {
                let n = lx.get(k + 1);
                let y2b = y / 100 * 100 + t.int()? as i32;
                if (n.sp || n.k == K::End || n.k == K::Sym && n.c != '%')
                    && y2b > y
                    && y2b - y <= 10
                {
                    y2 = y2b;
                    end = k + 1;
                }
            }
        }
    }
    // followed by more numbers: `2012 80 10`, `2015 - 32`
    let n = lx.get(end);
    if n.k == K::Num && n.sp || end == j && n.k == K::Dash && lx.k(end + 1) == K::Num {
        return None;
    }
    // part of a numeric group that is no date: `2014/22/29`, `2010-2015-86`, `2015-1-32`
    if !n.sp && (n.k == K::Dash && n.c == '-' || n.k == K::Sym && n.c == '/') {
        let m = lx.get(end + 1);
        if !m.sp && m.k == K::Num {
            return None;
        }
    }
    // `2000 pieces`: a count, unless a preposition makes it a year (`in 2025 investors…`)
    if end == j && !cx.after_prep {
        let w = lx.get(j);
        let raw = lx.raw(j);
        if w.k == K::Word
            && w.wl > 2
            && raw.as_bytes()[0].is_ascii_lowercase()
            && raw.ends_with('s')
        {
            return None;
        }
    }
    let from = Ymd {
        y: Some(y),
        m: 1,
        d: 1,
    };
    let to = Ymd {
        y: Some(y2),
        m: 12,
        d: 31,
    };
    Some((abs(from, to, Grain::Year, false), end))
}

/// `Q3 2025`, `3Q25`, `H1 2026`, `first half of 2026`, `the third quarter of 2025`.
fn quarter_half(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let t = lx.get(i);
    let (kind, n, j) = match t.word() {
        b"q" | b"h" => {
            let n = lx.get(i + 1);
            if n.sp || !n.is_int() || n.nd != 1 {
                return None;
            }
            let v = n.int()?;
            (t.word()[0], v, i + 2)
        }
        b"first" | b"second" | b"third" | b"fourth" | b"1st" | b"2nd" | b"3rd" | b"4th" => {
            let v = match t.word() {
                b"first" => 1,
                b"second" => 2,
                b"third" => 3,
                _ => 4,
            };
            let mut j = i + 1;
            if lx.is_dash(j) {
                j += 1;
            }
            match lx.get(j).word() {
                b"quarter" | b"qtr" => (b'q', v, j + 1),
                b"half" => (b'h', v, j + 1),
                _ => return None,
            }
        }
        _ if t.k == K::Num
            && t.is_int()
            && t.nd == 4
            && lx.glued(i + 1)
            && lx.get(i + 1).wl == 1 =>
        {
            // `2018Q4`, `2026H1`
            let w = lx.get(i + 1).word()[0];
            let n = lx.get(i + 2);
            if !matches!(w, b'q' | b'h') || !lx.glued(i + 2) || !n.is_int() || n.nd != 1 {
                return None;
            }
            let after = lx.get(i + 3);
            if !after.sp && matches!(after.k, K::Num | K::Word) {
                return None;
            }
            let y = t.int()? as i32;
            let (v, months) = (n.int()?, if w == b'q' { 3 } else { 6 });
            if v == 0 || v > 12 / months {
                return None;
            }
            let m1 = (v - 1) * months + 1;
            let grain = if w == b'q' {
                Grain::Quarter
            } else {
                Grain::Half
            };
            let (from, to) = months_span(Some(y), m1, m1 + months - 1);
            return Some((abs(from, to, grain, true), i + 3));
        }
        _ => {
            if t.k == K::Num && t.ord && t.nd == 1 {
                let v = t.int()?;
                match lx.get(i + 1).word() {
                    b"quarter" | b"qtr" => (b'q', v, i + 2),
                    b"half" => (b'h', v, i + 2),
                    _ => return None,
                }
            } else {
                return None;
            }
        }
    };
    let months = if kind == b'q' { 3 } else { 6 };
    if n == 0 || n > 12 / months {
        return None;
    }
    let grain = if kind == b'q' {
        Grain::Quarter
    } else {
        Grain::Half
    };
    // the year: ` 2025`, ` of 2025`, `'25`, `FY`… or none (resolved from context)
    let mut k = j;
    if lx.is(k, "of") || lx.is_sym(k, ',') || lx.is_dash(k) && lx.glued(k) && lx.glued(k + 1) {
        k += 1;
    }
    if lx.is(k, "the") {
        k += 1;
    }
    let m1 = (n - 1) * months + 1;
    let (y, end) = match year_at(lx, k) {
        Some((y, e)) => (Some(y), e),
        None => {
            // `the second half of next year`, `Q3 of last year` (`of the year` takes the
            // year from context, as a bare `Q3` does)
            let dir = rel_dir(lx.get(k).word()).is_some();
            if let Some((s @ compose::Scope::RelYear(_), e)) =
                compose::scope(lx, j, false, true).filter(|_| dir)
            {
                let pick = compose::Pick::Months(m1, m1 + months - 1);
                return Some((Draft::Comp(Comp::In(s, pick), grain), e));
            }
            (None, j)
        }
    };
    let from = Ymd { y, m: m1, d: 1 };
    let to = Ymd {
        y,
        m: m1 + months - 1,
        d: LAST,
    };
    Some((abs(from, to, grain, kind == b'q' || kind == b'h'), end))
}

/// The fuzzy part of a month or year: `mid‑September`, `late July 2025`, `end‑2025`,
/// `the end of 2025`, `mid–late September`, `early 2025`.
fn fuzzy(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let part = |w: &[u8]| match w {
        b"early" | b"beginning" | b"start" => Some(Part::Begin),
        b"mid" | b"middle" => Some(Part::Mid),
        b"late" | b"end" => Some(Part::End),
        _ => None,
    };
    let i = skip_the(lx, i);
    let p1 = part(lx.get(i).word())?;
    let mut j = i + 1;
    let mut p2 = p1;
    // `mid–late September`
    if lx.is_dash(j) {
        if let Some(p) = part(lx.get(j + 1).word()) {
            p2 = p;
            j += 2;
        }
    }
    if lx.is_dash(j) && lx.glued(j) {
        j += 1;
    } else if lx.is(j, "of") {
        j += 1;
        if lx.is(j, "the") {
            j += 1;
        }
    }
    // `early next year`, `mid-next month`, `late last week`
    if let (Some(dir), true) = (rel_dir(lx.get(j).word()), p1 == p2) {
        let t = lx.get(j + 1);
        if let Some(u @ (PUnit::Week | PUnit::Month | PUnit::Year)) = unit_word(t.word()) {
            if !t.word().ends_with(b"s") {
                return Some((Draft::Rel(Rel::Period(u, dir, p1), Grain::Day, true), j + 2));
            }
        }
    }
    if let Some((m, k, _)) = month_at(lx, j) {
        let k1 = if lx.is_sym(k, ',') { k + 1 } else { k };
        let (y, end) = match year_at(lx, k1) {
            Some((y, e)) => (Some(y), e),
            None => (None, k),
        };
        let (d1, _) = month_part(p1);
        let (_, d2) = month_part(p2);
        return Some((
            abs(Ymd { y, m, d: d1 }, Ymd { y, m, d: d2 }, Grain::Day, true),
            end,
        ));
    }
    if let Some((y, end)) = year_at(lx, j) {
        let (m1, _) = year_part(p1);
        let (_, m2) = year_part(p2);
        let (from, to) = months_span(Some(y), m1, m2);
        return Some((abs(from, to, Grain::Month, true), end));
    }
    // `the mid-1990s`, `late 1980s`: early 1990–1993, mid 1993–1996, late 1996–1999
    if let Some((Draft::Abs { from, .. }, end)) = forms::decade(lx, j) {
        let y = from.y?;
        let start = |p: Part| match p {
            Part::Begin | Part::Whole => 0,
            Part::Mid => 3,
            Part::End => 6,
        };
        let (a, b) = (y + start(p1), y + start(p2) + 3);
        let (from, to) = (months_span(Some(a), 1, 12).0, months_span(Some(b), 1, 12).1);
        return Some((abs(from, to, Grain::Year, true), end));
    }
    None
}

/// From the first day of month `m1` to the last of `m2`, in year `y`.
fn months_span(y: Option<i32>, m1: u32, m2: u32) -> (Ymd, Ymd) {
    (Ymd { y, m: m1, d: 1 }, Ymd { y, m: m2, d: LAST })
}

fn month_part(p: Part) -> (u32, u32) {
    match p {
        Part::Begin => (1, 10),
        Part::Mid => (11, 20),
        Part::End => (21, LAST),
        Part::Whole => (1, LAST),
    }
}

fn year_part(p: Part) -> (u32, u32) {
    match p {
        Part::Begin => (1, 4),
        Part::Mid => (5, 8),
        Part::End => (9, 12),
        Part::Whole => (1, 12),
    }
}

pub(super) fn unit_word(w: &[u8]) -> Option<PUnit> {
    Some(match w {
        b"day" | b"days" => PUnit::Day,
        b"week" | b"weeks" | b"wk" | b"wks" => PUnit::Week,
        b"weekend" | b"weekends" => PUnit::Weekend,
        b"month" | b"months" | b"mo" | b"mos" => PUnit::Month,
        b"quarter" | b"quarters" | b"qtr" | b"qtrs" => PUnit::Quarter,
        b"year" | b"years" | b"yr" | b"yrs" => PUnit::Year,
        _ => return None,
    })
}

pub(super) fn rel_dir(w: &[u8]) -> Option<i64> {
    Some(match w {
        b"this" | b"current" => 0,
        b"next" | b"coming" | b"upcoming" | b"following" => 1,
        b"last" | b"past" | b"previous" | b"prior" => -1,
        _ => return None,
    })
}

fn season_word(w: &[u8]) -> Option<u8> {
    Some(match w {
        b"spring" => 0,
        b"summer" => 1,
        b"autumn" | b"fall" => 2,
        b"winter" => 3,
        _ => return None,
    })
}

fn rel(r: Rel, grain: Grain) -> Draft {
    Draft::Rel(r, grain, false)
}

pub(super) fn grain_of(u: PUnit) -> Grain {
    match u {
        PUnit::Day | PUnit::Weekend => Grain::Day,
        PUnit::Week => Grain::Week,
        PUnit::Month => Grain::Month,
        PUnit::Quarter => Grain::Quarter,
        PUnit::Year => Grain::Year,
    }
}

/// `today`, `next year`, `last week`, `this autumn`, `next tuesday`, `in 3 days`, `2 weeks ago`,
/// `the day after tomorrow`, `the end of the month`, `beginning of next week`.
fn relative(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let t0 = lx.get(i);
    let w = t0.word();
    match w {
        b"today" | b"tonight" => return Some((rel(Rel::Days(0), Grain::Day), i + 1)),
        b"tomorrow" | b"tomorrows" => return Some((rel(Rel::Days(1), Grain::Day), i + 1)),
        b"yesterday" => return Some((rel(Rel::Days(-1), Grain::Day), i + 1)),
        _ => {}
    }
    // the week after next, the month after next
    {
        let j = skip_the(lx, i);
        if let Some(u) = unit_word(lx.get(j).word()) {
            let singular = !lx.get(j).word().ends_with(b"s") || u == PUnit::Weekend;
            if singular && u != PUnit::Day && lx.is(j + 1, "after") && lx.is(j + 2, "next") {
                return Some((rel(Rel::Period(u, 2, Part::Whole), grain_of(u)), j + 3));
            }
        }
    }
    // later this year / earlier in the week
    if w == b"later" || w == b"earlier" {
        let j = if lx.is(i + 1, "in") { i + 2 } else { i + 1 };
        if lx.is(j, "this") || lx.is(j, "the") {
            let u = unit_word(lx.get(j + 1).word())?;
            if matches!(u, PUnit::Week | PUnit::Month | PUnit::Year)
                && !lx.get(j + 1).word().ends_with(b"s")
            {
                let r = Rel::Rest(u, w == b"later");
                return Some((Draft::Rel(r, Grain::Day, true), j + 2));
            }
        }
        return None;
    }
    // the day after tomorrow / before yesterday
    if w == b"the" && lx.is(i + 1, "day") {
        if lx.is(i + 2, "after") && lx.is(i + 3, "tomorrow") {
            return Some((rel(Rel::Days(2), Grain::Day), i + 4));
        }
        if lx.is(i + 2, "before") && lx.is(i + 3, "yesterday") {
            return Some((rel(Rel::Days(-2), Grain::Day), i + 4));
        }
    }
    // beginning / end / middle of (the|this|next|last) week|month|year
    {
        let j = skip_the(lx, i);
        let part = match lx.get(j).word() {
            b"beginning" | b"start" => Some(Part::Begin),
            b"end" => Some(Part::End),
            b"middle" => Some(Part::Mid),
            _ => None,
        };
        if let Some(p) = part {
            if lx.is(j + 1, "of") {
                let mut k = j + 2;
                let mut dir = 0;
                if lx.is(k, "the") {
                    k += 1;
                }
                if let Some(d) = rel_dir(lx.get(k).word()) {
                    dir = d;
                    k += 1;
                }
                if let Some(u) = unit_word(lx.get(k).word()) {
                    if matches!(u, PUnit::Week | PUnit::Month | PUnit::Year) {
                        return Some((Draft::Rel(Rel::Period(u, dir, p), Grain::Day, true), k + 1));
                    }
                }
            }
        }
    }
    // this / next / last <unit|weekday|season>
    if let Some(dir) = rel_dir(w) {
        let t = lx.get(i + 1);
        if let Some(u) = unit_word(t.word()) {
            if !t.word().ends_with(b"s") || u == PUnit::Weekend {
                if u == PUnit::Day {
                    return None;
                }
                if u == PUnit::Week {
                    if let Some(r) = week_then_weekday(lx, i + 2, dir) {
                        return Some(r);
                    }
                }
                return Some((rel(Rel::Period(u, dir, Part::Whole), grain_of(u)), i + 2));
            }
        }
        if let Some((wd, _)) = weekday_word(t.word()) {
            let which = match w {
                b"this" | b"coming" | b"upcoming" => 0,
                b"next" | b"following" => 1,
                _ => -1,
            };
            return Some((rel(Rel::Weekday(wd, which), Grain::Day), i + 2));
        }
        if let Some(s) = season_word(t.word()) {
            return Some((rel(Rel::Season(s, dir as i32), Grain::Day), i + 2));
        }
        if let Some((m, abbr)) = month_word(t.word()) {
            if !abbr && (m != 5 || lx.raw(i + 1).starts_with('M')) {
                return Some((rel(Rel::Month(m, dir as i32), Grain::Month), i + 2));
            }
        }
        // next 3 weeks / past 2 days / the past fortnight
        if dir != 0 {
            if let Some((n, u)) = counted_unit(lx, i + 1, 1).filter(|(n, _)| *n == 2) {
                return Some((rel(Rel::Span(n * dir, u), grain_of(u)), i + 2));
            }
            if let Some((n, k)) = count_of(lx, i + 1) {
                if let Some((n, u)) = counted_unit(lx, k, n) {
                    if n > 0 && u != PUnit::Weekend {
                        return Some((rel(Rel::Span(n * dir, u), grain_of(u)), k + 1));
                    }
                }
            }
        }
        return None;
    }
    // in 3 days / in a week
    if w == b"in" || w == b"within" {
        let (n, j) = count_of(lx, i + 1)?;
        let (n, u) = counted_unit(lx, j, n)?;
        if u == PUnit::Weekend {
            return None;
        }
        return Some((rel(Rel::Shift(n, u), Grain::Day), j + 1));
    }
    // 3 days ago / a week from now / three months hence
    if let Some((n, j)) = count_of(lx, i) {
        let (n, u) = counted_unit(lx, j, n)?;
        if u == PUnit::Weekend {
            return None;
        }
        if lx.is(j + 1, "ago") || lx.is(j + 1, "before") && lx.is(j + 2, "now") {
            let e = if lx.is(j + 1, "ago") { j + 2 } else { j + 3 };
            return Some((rel(Rel::Shift(-n, u), Grain::Day), e));
        }
        if lx.is(j + 1, "from") && (lx.is(j + 2, "now") || lx.is(j + 2, "today")) {
            return Some((rel(Rel::Shift(n, u), Grain::Day), j + 3));
        }
        if lx.is(j + 1, "hence") {
            return Some((rel(Rel::Shift(n, u), Grain::Day), j + 2));
        }
    }
    None
}

/// After `next week` (at `j`): a weekday of that week, as in `this week Monday`, `next week on
/// Tuesday`, `previous week - Monday`, `last week's Sunday` (full weekday names only: `last week
/// sat` is a verb).
fn week_then_weekday(lx: &mut Lx, j: usize, dir: i64) -> Option<(Draft, usize)> {
    let k = if (lx.is_sym(j, '\'') || lx.is_sym(j, '\u{2019}')) && lx.glued(j) && lx.is(j + 1, "s")
    {
        j + 2
    } else if lx.is(j, "on") || lx.is_dash(j) && !lx.glued(j) {
        j + 1
    } else {
        j
    };
    let t = lx.get(k);
    let (wd, abbr) = weekday_word(t.word())?;
    if abbr || lx.glued(k) && k != j {
        return None;
    }
    Some((rel(Rel::WeekdayOfWeek(wd, dir), Grain::Day), k + 1))
}

/// `n` units at token `j`: the unit and the count in it (`2 fortnights` is 4 weeks).
pub(super) fn counted_unit(lx: &mut Lx, j: usize, n: i64) -> Option<(i64, PUnit)> {
    match lx.get(j).word() {
        b"fortnight" | b"fortnights" => Some((n.checked_mul(2)?, PUnit::Week)),
        w => Some((n, unit_word(w)?)),
    }
}

/// A count for a relative expression: digits, words, or `a`/`an`.
pub(super) fn count_of(lx: &mut Lx, i: usize) -> Option<(i64, usize)> {
    match lx.count_memo {
        Some((k, r)) if k == i => r,
        _ => {
            let r = read_count(lx, i);
            lx.count_memo = Some((i, r));
            r
        }
    }
}

fn read_count(lx: &mut Lx, i: usize) -> Option<(i64, usize)> {
    if (lx.is(i, "a") || lx.is(i, "an")) && counted_unit(lx, i + 1, 1).is_some() {
        return Some((1, i + 1));
    }
    let n = num::numeral(lx, i)?;
    if n.v.scale() == 0 {
        // a whole number as written: no decimal arithmetic needed
        return (n.v.mantissa() <= 100_000).then(|| (n.v.mantissa() as i64, n.next));
    }
    if n.v.fract() != rust_decimal::Decimal::ZERO || n.v > rust_decimal::Decimal::from(100_000) {
        return None;
    }
    Some((i64::try_from(n.v.mantissa()).ok()?, n.next))
}

/// A date at token `i`, with the token after it.
/// What the scanner knows of the words before a candidate.
#[derive(Clone, Copy, Debug, Default)]
pub struct YearCtx {
    /// The number follows a capitalised name (`Windows 2000`).
    pub after_name: bool,
    /// The number follows a temporal preposition (`in`, `by`, `since`…).
    pub after_prep: bool,
    /// The candidate follows a number (`32 August`, `32 - 2015`): a broken date, not a month or year.
    pub after_number: bool,
}

pub fn date(lx: &mut Lx, i: usize, cx: YearCtx) -> Option<(Draft, usize)> {
    date_in(lx, i, &mut || cx)
}

/// [`date`] with the words before the candidate read only when a grammar asks (a number or a
/// month name at the start: most candidates are neither).
pub fn date_in(lx: &mut Lx, i: usize, cx: &mut dyn FnMut() -> YearCtx) -> Option<(Draft, usize)> {
    let start = i;
    let t = lx.get(i);
    let mut between = false;
    let mut i = i;
    let mut consumed = false;
    if t.k == K::Word && (t.word() == b"between" || t.word() == b"from") {
        between = t.word() == b"between";
        consumed = true;
        i += 1;
    }
    // a stated weekday before a date: `Tuesday, Oct. 7, 2025`
    if let Some((wd, _)) = weekday_word(lx.get(i).word()) {
        let mut j = i + 1;
        if lx.is_sym(j, '.') {
            j += 1;
        }
        if lx.is_sym(j, ',') {
            j += 1;
        }
        let j2 = if lx.is(j, "the") { j + 1 } else { j };
        let inner = month_day(lx, j2, between)
            .or_else(|| day_month(lx, j2, between))
            .or_else(|| {
                numeric(lx, j2).filter(|(d, _)| {
                    matches!(
                        d,
                        Draft::Abs {
                            grain: Grain::Day,
                            ..
                        }
                    )
                })
            });
        if let Some((mut d, e)) = inner {
            if let Draft::Abs { weekday, .. } = &mut d {
                *weekday = Some(wd);
                return Some((d, e));
            }
        }
        // `Wednesday of next week`, `Friday next week`, `Monday this week`, `sunday from last week`
        let k = if lx.is(j, "of") || lx.is(j, "from") {
            j + 1
        } else {
            j
        };
        let k = skip_the(lx, k);
        if let Some(n) = rel_dir(lx.get(k).word()) {
            if lx.is(k + 1, "week") {
                return Some((rel(Rel::WeekdayOfWeek(wd, n), Grain::Day), k + 2));
            }
        }
        // `Friday after next`: the one a week after the coming one
        if lx.is(i + 1, "after") && lx.is(i + 2, "next") {
            return Some((rel(Rel::Weekday(wd, 2), Grain::Day), i + 3));
        }
        // `Monday two weeks from now`, `Mon 13th`
        if !between {
            if let Some(r) = compose::after_weekday(lx, wd, i + 1) {
                return Some(r);
            }
        }
        // a bare weekday (full name): the coming one, as Duckling and Recognizers read it
        let t = lx.get(i);
        if t.wl >= 6 && !between {
            return Some((rel(Rel::Weekday(wd, 0), Grain::Day), i + 1));
        }
        return None;
    }
    let mut best: Option<(Draft, usize)> = None;
    let mut take = |c: Option<(Draft, usize)>| {
        if let Some((d, e)) = c {
            if best.as_ref().map_or(true, |(_, be)| e > *be) {
                best = Some((d, e));
            }
        }
    };
    let w = lx.get(i);
    match w.k {
        K::Num => {
            // the number's own shape rules out most grammars before they run: only four plain
            // digits can be a year (`years`, `2018Q4`, `year_first`, `decade`), only one or two
            // plain digits a day, only `1st`–`9th` a quarter, only a decimal `13.09` dotted
            let year4 = w.is_int() && w.nd == 4;
            let dotted = (1..=2).contains(&w.fd);
            // (the words before are read only for the grammars that ask)
            let cx = if year4 || dotted {
                cx()
            } else {
                YearCtx::default()
            };
            let span = if year4 {
                years(lx, i, between, cx)
            } else {
                None
            };
            // after a preposition or article `2010-11` is two years (`the 2010-11 season`,
            // `fiscal 2011-12`), not November 2010: the span wins the tie with the year-month
            if cx.after_prep
                && matches!(span, Some((Draft::Abs { from, to, .. }, _)) if from.y != to.y)
            {
                take(span);
            }
            take(numeric(lx, i));
            if w.nd <= 2 && w.fd == 0 && !w.commas {
                take(day_month(lx, i, between));
            }
            take(span);
            if year4 || w.ord && w.nd == 1 {
                take(quarter_half(lx, i));
            }
            // before `relative`: a tie (`for 3 days from today`) is a composed span; both read
            // a word right after a plain number (a unit, a direction, `day`, a weekday)
            if w.ord || lx.k(i + 1) == K::Word {
                take(compose::compose(lx, i));
                take(relative(lx, i));
            }
            if !cx.after_name && !cx.after_number {
                if year4 {
                    take(forms::year_first(lx, i));
                }
                if dotted {
                    take(forms::dotted(lx, i));
                }
                if year4 {
                    take(forms::decade(lx, i));
                }
            }
        }
        K::Word => {
            let wd = w.word();
            if month_word(wd).is_some() {
                take(month_day(lx, i, between));
                take(forms::month_sep_day(lx, i));
                let cx = cx();
                if !cx.after_number {
                    take(month_year(lx, i, between, cx.after_prep || consumed));
                }
            } else {
                if wd == b"the" || ordinal_day(lx, i).is_some() {
                    take(day_month(lx, i, between));
                }
                take(fuzzy(lx, i));
                take(quarter_half(lx, i));
                // the composed and relative grammars open with few words (`in`, `the`, `next`,
                // a unit, a spelled number, …): most trigger words (`around`, `as`, `at`) start
                // neither, and are told by the word alone
                if starts_composed(wd) {
                    take(compose::compose(lx, i));
                }
                if starts_relative(wd) {
                    take(relative(lx, i));
                }
                take(holiday::holiday_date(lx, i));
            }
        }
        _ => {}
    }
    // two full days joined: `8/10/2012 - 8/15/2012`, `17 August 2013 to 19 August 2013`,
    // `10 August 2013 - 12 September` (the second takes the first's year)
    if let Some((
        Draft::Abs {
            from,
            to,
            grain: Grain::Day,
            fuzzy: false,
            weekday,
            ..
        },
        e,
    )) = best
    {
        // (not across an em dash: the house style uses it as punctuation)
        let em = lx.get(e).k == K::Dash && lx.get(e).c == '\u{2014}';
        if from == to && from.y.is_some() && !em {
            if let Some(k) = joiner(lx, e, between) {
                let second = numeric(lx, k)
                    .or_else(|| month_day(lx, k, false))
                    .or_else(|| day_month(lx, k, false));
                if let Some((
                    Draft::Abs {
                        from: f2,
                        to: t2,
                        grain: Grain::Day,
                        ..
                    },
                    e2,
                )) = second
                {
                    if f2 == t2 {
                        let to = Ymd {
                            y: t2.y.or(from.y),
                            ..t2
                        };
                        let mut d = abs(from, to, Grain::Day, false);
                        if let Draft::Abs { weekday: w, .. } = &mut d {
                            *w = weekday;
                        }
                        return Some((d, e2));
                    }
                }
            }
        }
    }
    // `from April until the end of June`, `between Jan 2019 and today`
    if let Some((d, e)) = best {
        let n = lx.get(e);
        let joined = n.k == K::Dash
            || matches!(
                n.word(),
                b"to" | b"until" | b"till" | b"through" | b"thru" | b"and"
            );
        if joined {
            let mut buf = [0u8; 8];
            let before = compose::word_before(lx, start, &mut buf);
            let explicit = consumed || matches!(before, b"from" | b"between");
            let between = between || before == b"between";
            if let Some(r) = range::range(lx, d, e, between, explicit) {
                return Some(r);
            }
        }
    }
    best
}

/// The number of days in a month.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// A day of a known year; `LAST` is the month's last day. `Err` names the impossible day.
pub fn day_of(y: i32, m: u32, d: u32) -> Result<NaiveDate, (i32, u32, u32)> {
    if !(1..=12).contains(&m) {
        return Err((y, m, d));
    }
    let d2 = if d == LAST { days_in_month(y, m) } else { d };
    NaiveDate::from_ymd_opt(y, m, d2).ok_or((y, m, d))
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

pub(super) fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let t = i64::from(y) * 12 + i64::from(m) - 1 + n;
    ((t.div_euclid(12)) as i32, (t.rem_euclid(12) + 1) as u32)
}

pub(super) fn period(y: i32, m: u32, months: u32) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_ymd_opt(y, m, 1)?;
    let (ey, em) = add_months(y, m, i64::from(months) - 1);
    Some((from, day_of(ey, em, LAST).ok()?))
}

/// Resolves a relative expression against "today".
pub fn resolve_rel(r: Rel, grain: Grain, fuzzy: bool, today: NaiveDate) -> Option<DateValue> {
    let mk = |from: NaiveDate, to: NaiveDate, grain: Grain, fuzzy: bool| DateValue {
        from,
        to,
        grain,
        fuzzy,
        weekday: None,
        year_stated: false,
        relative: true,
    };
    let (y, m) = (today.year(), today.month());
    Some(match r {
        Rel::Days(n) => {
            let d = today.checked_add_signed(Duration::days(n))?;
            mk(d, d, Grain::Day, false)
        }
        Rel::Weekday(wd, which) => {
            let ahead = (7 + i64::from(wd.num_days_from_monday())
                - i64::from(today.weekday().num_days_from_monday()))
                % 7;
            let d = match which {
                0 => today + Duration::days(if ahead == 0 { 7 } else { ahead }),
                2 => today + Duration::days(if ahead == 0 { 14 } else { ahead + 7 }),
                1 => week_start(today) + Duration::days(7 + i64::from(wd.num_days_from_monday())),
                _ => today - Duration::days(if ahead == 0 { 7 } else { 7 - ahead }),
            };
            mk(d, d, Grain::Day, false)
        }
        Rel::Period(u, n, part) => {
            let (from, to) = match u {
                PUnit::Day => {
                    let d = today.checked_add_signed(Duration::days(n))?;
                    (d, d)
                }
                PUnit::Week => {
                    let s = week_start(today).checked_add_signed(Duration::weeks(n))?;
                    (s, s + Duration::days(6))
                }
                PUnit::Weekend => {
                    let s = week_start(today).checked_add_signed(Duration::weeks(n))?
                        + Duration::days(5);
                    (s, s + Duration::days(1))
                }
                PUnit::Month => {
                    let (yy, mm) = add_months(y, m, n);
                    period(yy, mm, 1)?
                }
                PUnit::Quarter => {
                    let q0 = (m - 1) / 3 * 3 + 1;
                    let (yy, mm) = add_months(y, q0, n * 3);
                    period(yy, mm, 3)?
                }
                PUnit::Year => period(y.checked_add(n as i32)?, 1, 12)?,
            };
            match part {
                Part::Whole => mk(from, to, grain, fuzzy),
                _ => {
                    let (a, b) = match u {
                        PUnit::Week => match part {
                            Part::Begin => (0, 2),
                            Part::Mid => (2, 4),
                            _ => (4, 6),
                        },
                        PUnit::Month => {
                            let (d1, d2) = month_part(part);
                            let d2 = if d2 == LAST { to.day() } else { d2 };
                            (d1 as i64 - 1, d2 as i64 - 1)
                        }
                        _ => {
                            let (m1, m2) = year_part(part);
                            let f = NaiveDate::from_ymd_opt(from.year(), m1, 1)?;
                            let t = day_of(from.year(), m2, LAST).ok()?;
                            return Some(mk(f, t, Grain::Month, true));
                        }
                    };
                    mk(
                        from + Duration::days(a),
                        from + Duration::days(b),
                        Grain::Day,
                        true,
                    )
                }
            }
        }
        Rel::Shift(n, u) => {
            let d = match u {
                PUnit::Day => today.checked_add_signed(Duration::days(n))?,
                PUnit::Week | PUnit::Weekend => today.checked_add_signed(Duration::weeks(n))?,
                PUnit::Month | PUnit::Quarter | PUnit::Year => {
                    let months = n * match u {
                        PUnit::Month => 1,
                        PUnit::Quarter => 3,
                        _ => 12,
                    };
                    let (yy, mm) = add_months(y, m, months);
                    let d = today.day().min(days_in_month(yy, mm));
                    NaiveDate::from_ymd_opt(yy, mm, d)?
                }
            };
            mk(d, d, Grain::Day, false)
        }
        Rel::Span(n, u) => {
            let (from, to) = match u {
                PUnit::Day => {
                    if n > 0 {
                        (today + Duration::days(1), today + Duration::days(n))
                    } else {
                        (today + Duration::days(n), today - Duration::days(1))
                    }
                }
                PUnit::Week | PUnit::Weekend => {
                    let s = week_start(today);
                    if n > 0 {
                        (
                            s + Duration::weeks(1),
                            s + Duration::weeks(n + 1) - Duration::days(1),
                        )
                    } else {
                        (s + Duration::weeks(n), s - Duration::days(1))
                    }
                }
                _ => {
                    let k = match u {
                        PUnit::Month => 1,
                        PUnit::Quarter => 3,
                        _ => 12,
                    };
                    let (sy, sm) = match u {
                        PUnit::Year => (y, 1),
                        PUnit::Quarter => (y, (m - 1) / 3 * 3 + 1),
                        _ => (y, m),
                    };
                    if n > 0 {
                        let (ay, am) = add_months(sy, sm, k);
                        let (by, bm) = add_months(sy, sm, k * (n + 1) - 1);
                        (
                            NaiveDate::from_ymd_opt(ay, am, 1)?,
                            day_of(by, bm, LAST).ok()?,
                        )
                    } else {
                        let (ay, am) = add_months(sy, sm, k * n);
                        let (by, bm) = add_months(sy, sm, -1);
                        (
                            NaiveDate::from_ymd_opt(ay, am, 1)?,
                            day_of(by, bm, LAST).ok()?,
                        )
                    }
                }
            };
            mk(from, to, grain, false)
        }
        Rel::Season(s, n) => {
            // meteorological seasons; winter starts in December
            let yy = y.checked_add(n)?;
            let (sm, months) = match s {
                0 => (3, 3),
                1 => (6, 3),
                2 => (9, 3),
                _ => (12, 3),
            };
            let (from, to) = period(yy, sm, months)?;
            mk(from, to, Grain::Month, true)
        }
        Rel::WeekdayOfWeek(wd, n) => {
            let d = week_start(today).checked_add_signed(Duration::weeks(n))?
                + Duration::days(i64::from(wd.num_days_from_monday()));
            mk(d, d, Grain::Day, false)
        }
        Rel::Month(mm, n) => {
            let yy = match n {
                0 => y,
                1 if mm > m => y,
                1 => y + 1,
                _ if mm < m => y,
                _ => y - 1,
            };
            let (from, to) = period(yy, mm, 1)?;
            mk(from, to, Grain::Month, false)
        }
        Rel::Rest(u, later) => {
            let (from, to) = match u {
                PUnit::Week | PUnit::Weekend => {
                    let s = week_start(today);
                    (s, s + Duration::days(6))
                }
                PUnit::Month => period(y, m, 1)?,
                _ => period(y, 1, 12)?,
            };
            let (f, t) = if later { (today, to) } else { (from, today) };
            mk(f, t, Grain::Day, true)
        }
        Rel::Holiday(h) => {
            let (from, to) = holiday::resolve(h, today)?;
            mk(from, to, Grain::Day, false)
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::claims::compose::tests::check;

    #[test]
    fn a_year_and_the_next_years_digits_after_an_article_are_two_years() {
        check(
            "2016-11-07",
            &[
                (
                    "Revenue fell in the 2010-11 season.",
                    "2010-11",
                    "2010-01-01",
                    "2011-12-31",
                ),
                (
                    "The budget for fiscal 2011-12 grew.",
                    "2011-12",
                    "2011-01-01",
                    "2012-12-31",
                ),
                // near miss: not the next year's digits, an ISO year-month
                (
                    "It peaked in 2010-10 again.",
                    "2010-10",
                    "2010-10-01",
                    "2010-10-31",
                ),
                // near miss: no preposition or article, the ISO reading stays
                (
                    "The peak came 2010-11, then fell.",
                    "2010-11",
                    "2010-11-01",
                    "2010-11-30",
                ),
            ],
        );
    }
}
