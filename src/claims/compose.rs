//! Dates built from other dates: a day counted from an anchor (`2 weeks before May 13 1999`,
//! `three weeks from tomorrow`), a day, weekday, week or month picked inside a month or a year
//! (`the third Tuesday of September 2014`, `the last week of July`, `week 3 of 2027`, `the 20th of
//! next month`, `the first ten days of last year`), the week holding a day (`the week of October
//! 6th`) and a day of the month named with its weekday (`Mon 13th`).
//!
//! Weeks run Monday to Sunday. The weeks of a month or a year are the ones whose Thursday falls
//! inside it (the ISO 8601 rule, so `week 3 of 2027` is ISO week 3 and `the first week of 2021`
//! starts on Monday 4 January).

use super::date::{
    self, count_of, day_at, month_at, ordinal_day, rel_dir, skip_the, unit_word, weekday_word,
    year_at, Draft, PUnit, Rel, YearCtx, Ymd,
};
use super::lex::{Lx, K};
use super::{num, DateValue, Grain};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The day a composed date counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// A day as written, its year possibly left out (the year comes from context).
    Day(Ymd),
    /// A day relative to the reference date (`tomorrow`, `next Friday`, `Christmas`).
    Rel(Rel),
}

/// The month or year a day, weekday or week is picked from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Month(Option<i32>, u32),
    Year(i32),
    /// This month (0), next (1), last (-1).
    RelMonth(i64),
    RelYear(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The n-th weekday (n < 0 counts from the end: -1 is the last).
    Weekday(i32, Weekday),
    /// The n-th day (n < 0 from the end).
    Day(i32),
    /// The n-th week (n < 0 from the end).
    Week(i32),
    /// The n-th month of a year (n < 0 from the end).
    Month(i32),
    /// Months m1..=m2 of a year: a quarter or a half (fuzzy, as `Q3 2025` is).
    Months(u32, u32),
    /// The first n units.
    First(i64, PUnit),
    /// The last n units.
    Last(i64, PUnit),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comp {
    /// The day n units after the anchor (before it when n < 0); with a weekday, that weekday of
    /// the week the count lands in (`Monday two weeks from now`).
    Shift {
        base: Base,
        n: i64,
        unit: PUnit,
        weekday: Option<Weekday>,
    },
    /// The week (Monday to Sunday) holding the anchor.
    WeekOf(Base),
    In(Scope, Pick),
    /// The n days, weeks, months… starting on the anchor (`for 10 days from Dec 18`).
    Span(Base, i64, PUnit),
    /// The n-th coming weekday, today left out (n < 0: the n-th past one): `3 fridays from now`.
    NthWeekday(i64, Weekday),
    /// A day of the month named with its weekday, the month left out (`Mon 13th`): the nearest
    /// such day to the reference date.
    DayWeekday(u32, Weekday),
}

impl Comp {
    /// The year written in the expression.
    pub fn stated_year(&self) -> Option<i32> {
        match *self {
            Comp::Shift {
                base: Base::Day(d), ..
            }
            | Comp::WeekOf(Base::Day(d))
            | Comp::Span(Base::Day(d), ..) => d.y,
            Comp::In(Scope::Month(y, _), _) => y,
            Comp::In(Scope::Year(y), _) => Some(y),
            _ => None,
        }
    }

    /// Month and day that need a year from context (a year-less anchor or month).
    pub fn needs_year(&self) -> Option<(u32, u32)> {
        match *self {
            Comp::Shift {
                base: Base::Day(d), ..
            }
            | Comp::WeekOf(Base::Day(d))
            | Comp::Span(Base::Day(d), ..)
                if d.y.is_none() =>
            {
                Some((d.m, d.d))
            }
            Comp::In(Scope::Month(None, m), _) => Some((m, 15)),
            _ => None,
        }
    }
}

fn comp(c: Comp, grain: Grain) -> Draft {
    Draft::Comp(c, grain)
}

/// A composed date at token `i`.
pub fn compose(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let t = lx.get(i);
    // a count starts the counted forms: read it once (only digits and number words can be one)
    let count = if t.k == K::Num || num::is_number_word(t.word()) {
        count_of(lx, i)
    } else {
        None
    };
    if let Some(c) = count {
        if let Some(r) = count_then_dir(lx, i, c).or_else(|| shift(lx, i, c, None)) {
            return Some(r);
        }
    }
    match t.k {
        K::Num => picked(lx, i).or_else(|| day_of_month(lx, i)),
        K::Word => picked(lx, i)
            .or_else(|| day_of_month(lx, i))
            .or_else(|| week_of(lx, i)),
        _ => None,
    }
}

/// `two upcoming weeks`, `5 past years`, `the 10 previous weeks`: the same span as `the upcoming
/// two weeks` (see `date::relative`).
fn count_then_dir(lx: &mut Lx, i: usize, (n, j): (i64, usize)) -> Option<(Draft, usize)> {
    let tj = lx.get(j);
    let dir = rel_dir(tj.word()).filter(|d| *d != 0 && tj.word() != b"last")?;
    // the unit agrees with the count: `only 3 next week` counts something else
    let plural = lx.get(j + 1).word().ends_with(b"s");
    if plural != (n > 1) || lx.get(i).word() == b"a" {
        return None;
    }
    let (n, u) = date::counted_unit(lx, j + 1, n)?;
    if n < 1 || u == PUnit::Weekend {
        return None;
    }
    Some((
        Draft::Rel(Rel::Span(n * dir, u), date::grain_of(u), false),
        j + 2,
    ))
}

/// After a weekday at `i` (the token after it is `j`): `Monday two weeks from now`, `Sunday 3
/// weeks after January 15th`, `Mon 13th`, `Wednesday the thirty first`.
pub fn after_weekday(lx: &mut Lx, wd: Weekday, j: usize) -> Option<(Draft, usize)> {
    let k = if lx.is_sym(j, ',') { j + 1 } else { j };
    if let Some(c) = count_of(lx, k) {
        if let Some(r) = shift(lx, k, c, Some(wd)) {
            return Some(r);
        }
    }
    if let Some(r) = month_slash_day(lx, j, wd) {
        return Some(r);
    }
    let k = skip_the(lx, j);
    let t = lx.get(k);
    let (d, e) = day_at(lx, k)?;
    let n = lx.get(e);
    // a day number needs an ordinal (`13th`, `thirty first`) or nothing after it but
    // punctuation: `Monday 21 people` counts people
    let ordinal = t.k == K::Word || t.ord;
    let free = n.k == K::End
        || n.k == K::Sym && matches!(n.c, '.' | ',' | ';' | '!' | '?' | ')')
        || ordinal && n.sp && matches!(n.word(), b"at" | b"and" | b"or" | b"to" | b"in" | b"for");
    if !free {
        return None;
    }
    Some((comp(Comp::DayWeekday(d, wd), Grain::Day), e))
}

/// `Friday 7/6`, `Friday 7-6`, `Friday 7.6`: month and day after a weekday (month first, as in
/// `7/6/2018`), the year from context; the weekday is kept for checking.
fn month_slash_day(lx: &mut Lx, j: usize, wd: Weekday) -> Option<(Draft, usize)> {
    let t = lx.get(j);
    let (m, d, e) = if t.k == K::Num && !t.commas && !t.ord && t.fd > 0 && t.nd <= 2 {
        let (a, b) = lx.raw(j).split_once('.')?;
        (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?, j + 1)
    } else {
        let sep = lx.get(j + 1);
        let ok = sep.k == K::Dash && sep.c == '-' || sep.k == K::Sym && sep.c == '/';
        let n = lx.get(j + 2);
        if !t.is_int() || t.nd > 2 || !ok || sep.sp || n.sp || !n.is_int() || n.nd > 2 {
            return None;
        }
        (t.int()?, n.int()?, j + 3)
    };
    let after = lx.get(e);
    let glued_on = !after.sp && matches!(after.k, K::Num | K::Word | K::Dash)
        || !after.sp
            && after.k == K::Sym
            && matches!(after.c, '/' | '.' | '%')
            && lx.k(e + 1) != K::End;
    // `Friday 3/4 of voters` is a fraction
    if glued_on || lx.is(e, "of") {
        return None;
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let at = Ymd { y: None, m, d };
    let mut draft = date::abs(at, at, Grain::Day, false);
    if let Draft::Abs { weekday, .. } = &mut draft {
        *weekday = Some(wd);
    }
    Some((draft, e))
}

/// A single day usable as an anchor.
fn base_of(d: Draft) -> Option<Base> {
    match d {
        Draft::Abs {
            from,
            to,
            grain: Grain::Day,
            fuzzy: false,
            ..
        } if from == to => Some(Base::Day(from)),
        Draft::Rel(
            r @ (Rel::Days(_) | Rel::Weekday(..) | Rel::WeekdayOfWeek(..) | Rel::Holiday(..)),
            ..,
        ) => Some(Base::Rel(r)),
        _ => None,
    }
}

/// The word before token `i` (past spaces), lowercased into `buf`.
pub(super) fn word_before<'a>(lx: &mut Lx, i: usize, buf: &'a mut [u8; 8]) -> &'a [u8] {
    let b = lx.b;
    let mut e = lx.get(i).s;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && e - s < buf.len() && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s > 0 && b[s - 1].is_ascii_alphabetic() {
        return &[];
    }
    for (k, c) in b[s..e].iter().enumerate() {
        buf[k] = c.to_ascii_lowercase();
    }
    &buf[..e - s]
}

/// `2 weeks before May 13 1999`, `three weeks from tomorrow`, `a week after tomorrow`,
/// `two months after next Friday`; with a weekday before it, `Monday two weeks from now`; with
/// one after it, `3 weeks after Christmas on Friday`. A length from a day is a span: `for 10 days
/// from Dec 18`, `2 weeks starting May 20th`.
/// `i` is the count's first token, `(n, j)` the count and the token after it.
fn shift(
    lx: &mut Lx,
    i: usize,
    (n, j): (i64, usize),
    weekday: Option<Weekday>,
) -> Option<(Draft, usize)> {
    let Some((n, unit)) = date::counted_unit(lx, j, n) else {
        return nth_weekday(lx, n, j);
    };
    if unit == PUnit::Weekend {
        return None;
    }
    let mut buf = [0u8; 8];
    let after_for = weekday.is_none() && word_before(lx, i, &mut buf) == b"for";
    // `for 1 week, from 20th dec`
    let k = if after_for && lx.is_sym(j + 1, ',') && lx.is(j + 2, "from") {
        j + 2
    } else {
        j + 1
    };
    let (sign, span, k) = match lx.get(k).word() {
        b"before" => (-1, false, k + 1),
        b"after" => (1, false, k + 1),
        b"from" => (1, after_for, k + 1),
        b"starting" | b"beginning" if weekday.is_none() => {
            let k = if lx.is(k + 1, "from") || lx.is(k + 1, "on") {
                k + 2
            } else {
                k + 1
            };
            (1, true, k)
        }
        b"ago" if weekday.is_some() => {
            let c = Comp::Shift {
                base: Base::Rel(Rel::Days(0)),
                n: -n,
                unit,
                weekday,
            };
            return Some((comp(c, Grain::Day), k + 1));
        }
        _ => return None,
    };
    let (base, e) = if lx.is(k, "now") {
        (Base::Rel(Rel::Days(0)), k + 1)
    } else {
        let cx = YearCtx {
            after_prep: true,
            ..YearCtx::default()
        };
        let (d, e) = date::date(lx, k, cx)?;
        (base_of(d)?, e)
    };
    if span {
        return Some((comp(Comp::Span(base, n, unit), Grain::Day), e));
    }
    // `3 weeks after Christmas on Friday`: that weekday of the week the count lands in
    let (weekday, e) = match weekday {
        None if lx.is(e, "on") => match weekday_word(lx.get(e + 1).word()) {
            Some((wd, false)) => (Some(wd), e + 2),
            _ => (None, e),
        },
        w => (w, e),
    };
    let plain_today = matches!(base, Base::Rel(Rel::Days(0))) && lx.is(k - 1, "from");
    if weekday.is_none() && plain_today {
        return None; // `3 days from today` is `Rel::Shift` (see `date::relative`)
    }
    let c = Comp::Shift {
        base,
        n: n * sign,
        unit,
        weekday,
    };
    Some((comp(c, Grain::Day), e))
}

/// `3 fridays from now`, `two Sundays ago`: the n-th coming (or past) such weekday, today left out.
fn nth_weekday(lx: &mut Lx, n: i64, j: usize) -> Option<(Draft, usize)> {
    let w = lx.get(j);
    let (wd, abbr) = weekday_word(w.word().strip_suffix(b"s")?)?;
    if abbr || n < 1 {
        return None;
    }
    let (n, e) = match lx.get(j + 1).word() {
        b"from" if lx.is(j + 2, "now") => (n, j + 3),
        b"hence" => (n, j + 2),
        b"ago" | b"back" => (-n, j + 2),
        _ => return None,
    };
    Some((comp(Comp::NthWeekday(n, wd), Grain::Day), e))
}

/// `first`, `3rd`, `twenty-third`, `last`, `second last`, `5th last`: n (negative from the end).
fn ordinal(lx: &mut Lx, i: usize) -> Option<(i32, usize)> {
    let t = lx.get(i);
    if lx.is(i, "last") {
        return Some((-1, i + 1));
    }
    let (n, j) = if t.k == K::Num && t.ord && t.nd <= 2 {
        (t.int()? as i32, i + 1)
    } else if t.k == K::Word {
        let (d, j) = ordinal_day(lx, i)?;
        (d as i32, j)
    } else {
        return None;
    };
    if n == 0 {
        return None;
    }
    if lx.is(j, "last") {
        return Some((-n, j + 1));
    }
    Some((n, j))
}

/// `of`/`in` then a month or a year: `october`, `March 2014`, `this month`, `the month`,
/// `last year`, `2021`. `months`/`years` say which kinds the pick allows.
pub(super) fn scope(lx: &mut Lx, i: usize, months: bool, years: bool) -> Option<(Scope, usize)> {
    if !(lx.is(i, "of") || lx.is(i, "in")) {
        return None;
    }
    let the = lx.is(i + 1, "the");
    let k = if the { i + 2 } else { i + 1 };
    let tk = lx.get(k);
    let (n, k) = match rel_dir(tk.word()) {
        Some(n) => (Some(n), k + 1),
        None if the => (Some(0), k),
        None => (None, k),
    };
    if let Some(n) = n {
        return match lx.get(k).word() {
            b"month" if months => Some((Scope::RelMonth(n), k + 1)),
            b"year" if years => Some((Scope::RelYear(n), k + 1)),
            _ => None,
        };
    }
    if let Some((m, j, _)) = month_at(lx, k) {
        if !months {
            return None;
        }
        let j1 = if lx.is_sym(j, ',') { j + 1 } else { j };
        return Some(match year_at(lx, j1) {
            Some((y, e)) => (Scope::Month(Some(y), m), e),
            None => (Scope::Month(None, m), j),
        });
    }
    if years && lx.get(k).k == K::Num {
        let (y, e) = year_at(lx, k)?;
        return Some((Scope::Year(y), e));
    }
    None
}

/// A day, weekday, week or month inside a month or year: `the third tuesday of september
/// 2014`, `last friday of october`, `fifth last day of May`, `2nd last week of October 2018`,
/// `the third month of 2021`, `week 3 of 2027`, `the first 2 weeks of 2021`.
fn picked(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let j = skip_the(lx, i);
    // week 3 of 2027
    if lx.is(j, "week") {
        let t = lx.get(j + 1);
        let n = t.int().filter(|n| t.is_int() && (1..=53).contains(n))?;
        let (s, e) = scope(lx, j + 2, false, true)?;
        return Some((comp(Comp::In(s, Pick::Week(n as i32)), Grain::Week), e));
    }
    // the first 2 weeks of 2021, the last four months of 2021
    if lx.is(j, "first") || lx.is(j, "last") {
        if let Some((n, k)) = count_of(lx, j + 1).filter(|_| lx.get(j + 1).word() != b"a") {
            let u = unit_word(lx.get(k).word())?;
            let (months, years) = match u {
                PUnit::Day | PUnit::Week => (true, true),
                PUnit::Month => (false, true),
                _ => return None,
            };
            if n < 1 {
                return None;
            }
            let (s, e) = scope(lx, k + 1, months, years)?;
            let p = if lx.is(j, "first") {
                Pick::First(n, u)
            } else {
                Pick::Last(n, u)
            };
            return Some((comp(Comp::In(s, p), date::grain_of(u)), e));
        }
    }
    let (n, k) = ordinal(lx, j)?;
    let tk = lx.get(k);
    let w = tk.word();
    let (pick, grain, months, years) = if let Some((wd, _)) = weekday_word(w) {
        (Pick::Weekday(n, wd), Grain::Day, true, false)
    } else {
        match w {
            b"day" => (Pick::Day(n), Grain::Day, true, true),
            b"week" => (Pick::Week(n), Grain::Week, true, true),
            b"month" if n.abs() <= 12 => (Pick::Month(n), Grain::Month, false, true),
            _ => return None,
        }
    };
    let (s, e) = scope(lx, k + 1, months, years)?;
    Some((comp(Comp::In(s, pick), grain), e))
}

/// A day of a relative month: `the 20th of next month`, `20th day of the previous month`,
/// `the 21st this month`; with `day`, of a named month too (`the 15th day of June`).
fn day_of_month(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let the = lx.is(i, "the");
    let j = skip_the(lx, i);
    let t = lx.get(j);
    let (d, k) = day_at(lx, j)?;
    let day = lx.is(k, "day");
    // a plain number needs `the` or `day`: `20 of this month's recruits` counts people
    if t.k == K::Num && !t.ord && !the && !day {
        return None;
    }
    let k = if day { k + 1 } else { k };
    let (s, e) = match scope(lx, k, true, false) {
        Some(r) => r,
        // `the 21st this month`
        None => match rel_dir(lx.get(k).word()) {
            Some(n) if lx.is(k + 1, "month") => (Scope::RelMonth(n), k + 2),
            _ => return None,
        },
    };
    if !day && matches!(s, Scope::Month(..)) {
        return None; // `the 15th of February` is a plain day (`date::day_month`)
    }
    // `of this month's`: a possessive names something else
    if lx.is_sym(e, '\'') || lx.is_sym(e, '\u{2019}') {
        return None;
    }
    Some((comp(Comp::In(s, Pick::Day(d as i32)), Grain::Day), e))
}

/// `the week of October 6th`, `the week beginning February 4`, `the week starting on May 20`.
fn week_of(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let j = skip_the(lx, i);
    if !lx.is(j, "week") {
        return None;
    }
    let mut k = j + 1;
    match lx.get(k).word() {
        b"of" | b"beginning" | b"starting" | b"commencing" => k += 1,
        _ => return None,
    }
    if lx.is(k, "on") {
        k += 1;
    }
    let (d, e) = date::date(lx, k, YearCtx::default())?;
    let base = base_of(d)?;
    Some((comp(Comp::WeekOf(base), Grain::Week), e))
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The Monday of the first and of the last week whose Thursday lies in `from..=to`.
fn weeks_within(from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let thu = i64::from(Weekday::Thu.num_days_from_monday());
    let ahead = (7 + thu - i64::from(from.weekday().num_days_from_monday())) % 7;
    let first_thu = from + Duration::days(ahead);
    let back = (7 + i64::from(to.weekday().num_days_from_monday()) - thu) % 7;
    let last_thu = to - Duration::days(back);
    (first_thu <= last_thu).then(|| (first_thu - Duration::days(3), last_thu - Duration::days(3)))
}

/// The day `n` units after `d` (months and years keep the day, or the month's last).
fn shift_day(d: NaiveDate, n: i64, unit: PUnit) -> Option<NaiveDate> {
    match unit {
        PUnit::Day => d.checked_add_signed(Duration::days(n)),
        PUnit::Week | PUnit::Weekend => d.checked_add_signed(Duration::weeks(n)),
        PUnit::Month | PUnit::Quarter | PUnit::Year => {
            let k = match unit {
                PUnit::Month => 1,
                PUnit::Quarter => 3,
                _ => 12,
            };
            let (y, m) = date::add_months(d.year(), d.month(), n.checked_mul(k)?);
            NaiveDate::from_ymd_opt(y, m, d.day().min(date::days_in_month(y, m)))
        }
    }
}

fn base_day(b: Base, year: Option<i32>, today: Option<NaiveDate>) -> Option<NaiveDate> {
    match b {
        Base::Day(d) => date::day_of(d.y.or(year)?, d.m, d.d).ok(),
        Base::Rel(r) => Some(date::resolve_rel(r, Grain::Day, false, today?)?.from),
    }
}

/// Resolves a composed date: `year` for a year-less month or anchor (from context), `today`
/// for relative parts. `None` when a part is missing or the day does not exist.
pub fn resolve(
    c: Comp,
    grain: Grain,
    year: Option<i32>,
    today: Option<NaiveDate>,
) -> Option<DateValue> {
    let mut relative = false;
    let (from, to) = match c {
        Comp::Shift {
            base,
            n,
            unit,
            weekday,
        } => {
            relative = matches!(base, Base::Rel(_));
            let d = shift_day(base_day(base, year, today)?, n, unit)?;
            let d = match weekday {
                Some(wd) => week_start(d) + Duration::days(i64::from(wd.num_days_from_monday())),
                None => d,
            };
            (d, d)
        }
        Comp::Span(base, n, unit) => {
            relative = matches!(base, Base::Rel(_));
            let d = base_day(base, year, today)?;
            (d, shift_day(d, n, unit)?.pred_opt()?)
        }
        Comp::NthWeekday(n, wd) => {
            relative = true;
            let t = today?;
            let w = i64::from(wd.num_days_from_monday());
            let now = i64::from(t.weekday().num_days_from_monday());
            let d = if n > 0 {
                let ahead = (7 + w - now - 1) % 7 + 1;
                t.checked_add_signed(Duration::days(ahead + 7 * (n - 1)))?
            } else {
                let back = (7 + now - w - 1) % 7 + 1;
                t.checked_sub_signed(Duration::days(back + 7 * (-n - 1)))?
            };
            (d, d)
        }
        Comp::WeekOf(base) => {
            relative = matches!(base, Base::Rel(_));
            let s = week_start(base_day(base, year, today)?);
            (s, s + Duration::days(6))
        }
        Comp::DayWeekday(d, wd) => {
            relative = true;
            let r = today?;
            let d = (-12..=12)
                .filter_map(|k| {
                    let (y, m) = date::add_months(r.year(), r.month(), k);
                    NaiveDate::from_ymd_opt(y, m, d).filter(|x| x.weekday() == wd)
                })
                .min_by_key(|x| (*x - r).num_days().abs())?;
            (d, d)
        }
        Comp::In(scope, pick) => {
            let (sf, st) = match scope {
                Scope::Month(y, m) => date::period(y.or(year)?, m, 1)?,
                Scope::Year(y) => date::period(y, 1, 12)?,
                Scope::RelMonth(n) => {
                    relative = true;
                    let t = today?;
                    let (y, m) = date::add_months(t.year(), t.month(), n);
                    date::period(y, m, 1)?
                }
                Scope::RelYear(n) => {
                    relative = true;
                    date::period(today?.year().checked_add(i32::try_from(n).ok()?)?, 1, 12)?
                }
            };
            pick_in(sf, st, pick)?
        }
    };
    let year_stated = c.stated_year().is_some();
    Some(DateValue {
        from,
        to,
        grain,
        fuzzy: matches!(c, Comp::In(_, Pick::Months(..))),
        weekday: None,
        year_stated,
        relative,
    })
}

/// The part of `from..=to` (a month or a year) a pick names.
fn pick_in(from: NaiveDate, to: NaiveDate, pick: Pick) -> Option<(NaiveDate, NaiveDate)> {
    let within = |a: NaiveDate, b: NaiveDate| (a >= from && b <= to).then_some((a, b));
    let day = |n: i64| {
        if n > 0 {
            from.checked_add_signed(Duration::days(n - 1))
        } else {
            to.checked_add_signed(Duration::days(n + 1))
        }
    };
    match pick {
        Pick::Day(n) => {
            let d = day(i64::from(n))?;
            within(d, d)
        }
        Pick::Weekday(n, wd) => {
            let w = i64::from(wd.num_days_from_monday());
            let d = if n > 0 {
                let ahead = (7 + w - i64::from(from.weekday().num_days_from_monday())) % 7;
                from + Duration::days(ahead + 7 * (i64::from(n) - 1))
            } else {
                let back = (7 + i64::from(to.weekday().num_days_from_monday()) - w) % 7;
                to - Duration::days(back + 7 * (i64::from(-n) - 1))
            };
            within(d, d)
        }
        Pick::Week(n) => {
            let (w1, wl) = weeks_within(from, to)?;
            let s = if n > 0 {
                w1 + Duration::weeks(i64::from(n) - 1)
            } else {
                wl - Duration::weeks(i64::from(-n) - 1)
            };
            (s >= w1 && s <= wl).then(|| (s, s + Duration::days(6)))
        }
        Pick::Months(m1, m2) => {
            let (a, _) = date::period(from.year(), m1, 1)?;
            let (_, b) = date::period(from.year(), m2, 1)?;
            Some((a, b))
        }
        Pick::Month(n) => {
            let m = if n > 0 { n } else { 13 + n };
            if !(1..=12).contains(&m) {
                return None;
            }
            date::period(from.year(), m as u32, 1)
        }
        Pick::First(n, unit) | Pick::Last(n, unit) => {
            let first = matches!(pick, Pick::First(..));
            match unit {
                PUnit::Day => {
                    let (a, b) = if first {
                        (from, day(n)?)
                    } else {
                        (day(-n)?, to)
                    };
                    within(a, b)
                }
                PUnit::Week => {
                    let (w1, wl) = weeks_within(from, to)?;
                    let (a, b) = if first {
                        (w1, w1 + Duration::weeks(n) - Duration::days(1))
                    } else {
                        (wl - Duration::weeks(n - 1), wl + Duration::days(6))
                    };
                    (a >= w1 && b <= wl + Duration::days(6)).then_some((a, b))
                }
                PUnit::Month => {
                    let months = (to.year() - from.year()) * 12 + to.month() as i32
                        - from.month() as i32
                        + 1;
                    let n = i32::try_from(n).ok().filter(|n| *n <= months)?;
                    if first {
                        let (y, m) = date::add_months(from.year(), from.month(), i64::from(n) - 1);
                        Some((from, date::day_of(y, m, date::LAST).ok()?))
                    } else {
                        let (y, m) = date::add_months(to.year(), to.month(), 1 - i64::from(n));
                        Some((NaiveDate::from_ymd_opt(y, m, 1)?, to))
                    }
                }
                _ => None,
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::claims::{extract, ClaimKind, ExtractOptions};

    /// The date claims of `text` as (text, from, to), resolved against `today`.
    pub(in crate::claims) fn dates(text: &str, today: &str) -> Vec<(String, String, String)> {
        let opts = ExtractOptions {
            reference_date: today.parse().ok(),
        };
        extract(text, &crate::digest::parse(text), &opts)
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Date(d) => Some((
                    text[c.span.start..c.span.end].to_string(),
                    d.from.to_string(),
                    d.to.to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    pub(in crate::claims) fn one(text: &str, today: &str) -> (String, String, String) {
        let d = dates(text, today);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        d[0].clone()
    }

    pub(in crate::claims) fn check(today: &str, cases: &[(&str, &str, &str, &str)]) {
        for (text, span, from, to) in cases {
            let got = one(text, today);
            assert_eq!(
                (got.0.as_str(), got.1.as_str(), got.2.as_str()),
                (*span, *from, *to),
                "{text}"
            );
        }
    }

    #[test]
    fn days_counted_from_an_anchor() {
        // 2016-11-07 is a Monday
        check(
            "2016-11-07",
            &[
                (
                    "The ban started 2 weeks before May 13 1999.",
                    "2 weeks before May 13 1999",
                    "1999-04-29",
                    "1999-04-29",
                ),
                (
                    "Talks resume 3 days after January 12th.",
                    "3 days after January 12th",
                    "2017-01-15",
                    "2017-01-15",
                ),
                (
                    "It ends two months after next Friday.",
                    "two months after next Friday",
                    "2017-01-18",
                    "2017-01-18",
                ),
                (
                    "Voting closes three weeks from tomorrow.",
                    "three weeks from tomorrow",
                    "2016-11-29",
                    "2016-11-29",
                ),
                (
                    "It was filed two days before yesterday.",
                    "two days before yesterday",
                    "2016-11-04",
                    "2016-11-04",
                ),
                (
                    "Payment is due 16 days from 01/02/2018.",
                    "16 days from 01/02/2018",
                    "2018-01-18",
                    "2018-01-18",
                ),
                (
                    "Stores reopen 2 weeks before Christmas.",
                    "2 weeks before Christmas",
                    "2016-12-11",
                    "2016-12-11",
                ),
                (
                    "The board meets Monday two weeks from now.",
                    "Monday two weeks from now",
                    "2016-11-21",
                    "2016-11-21",
                ),
                (
                    "The fund closes two days after today.",
                    "two days after today",
                    "2016-11-09",
                    "2016-11-09",
                ),
                (
                    "Ministers meet 3 weeks after Christmas on Friday.",
                    "3 weeks after Christmas on Friday",
                    "2017-01-13",
                    "2017-01-13",
                ),
                (
                    "Results come 3 fridays from now.",
                    "3 fridays from now",
                    "2016-11-25",
                    "2016-11-25",
                ),
                (
                    "It began 2 thursdays ago.",
                    "2 thursdays ago",
                    "2016-10-27",
                    "2016-10-27",
                ),
                // a length counted from a day is a span
                (
                    "The port is shut for 10 days from Dec. 18, 2016.",
                    "10 days from Dec. 18, 2016",
                    "2016-12-18",
                    "2016-12-27",
                ),
                (
                    "Talks run for 2 weeks starting May 20th.",
                    "2 weeks starting May 20th",
                    "2016-05-20",
                    "2016-06-02",
                ),
                (
                    "Offices close for 3 days from today.",
                    "3 days from today",
                    "2016-11-07",
                    "2016-11-09",
                ),
                // a month later keeps the day, or the month's last
                (
                    "The note matures one month after Jan. 31, 2025.",
                    "one month after Jan. 31, 2025",
                    "2025-02-28",
                    "2025-02-28",
                ),
            ],
        );
    }

    #[test]
    fn an_anchor_must_be_a_day() {
        let today = "2016-11-07";
        // no date to count from: the length stays a duration, the year stays a year
        assert!(dates("Results came 3 days after the vote.", today).is_empty());
        assert_eq!(
            dates("He left five years after 2015.", today),
            [(
                "2015".to_string(),
                "2015-01-01".to_string(),
                "2015-12-31".to_string()
            )]
        );
        assert_eq!(one("It fell 10 days after May.", today).0, "May");
        // `from today` is the plain relative form
        assert_eq!(
            one("It ends 3 days from today.", today),
            (
                "3 days from today".to_string(),
                "2016-11-10".to_string(),
                "2016-11-10".to_string()
            )
        );
    }

    #[test]
    fn picks_inside_a_month_or_a_year() {
        check(
            "2016-11-07",
            &[
                (
                    "Voters go to the polls on the third Tuesday of September 2014.",
                    "the third Tuesday of September 2014",
                    "2014-09-16",
                    "2014-09-16",
                ),
                (
                    "The last Sunday of March 2014 was the deadline.",
                    "last Sunday of March 2014",
                    "2014-03-30",
                    "2014-03-30",
                ),
                (
                    "It was due on the last day of October 2015.",
                    "last day of October 2015",
                    "2015-10-31",
                    "2015-10-31",
                ),
                (
                    "The fifth last day of May 2016 was chosen.",
                    "The fifth last day of May 2016",
                    "2016-05-27",
                    "2016-05-27",
                ),
                (
                    "The first Monday of this month was quiet.",
                    "The first Monday of this month",
                    "2016-11-07",
                    "2016-11-07",
                ),
                (
                    "They met on the first monday of last month.",
                    "the first monday of last month",
                    "2016-10-03",
                    "2016-10-03",
                ),
                // weeks whose Thursday falls in the month or year (ISO 8601)
                (
                    "Shares fell in the last week of September 2014.",
                    "last week of September 2014",
                    "2014-09-22",
                    "2014-09-28",
                ),
                (
                    "Trading resumed in the first week of October 2014.",
                    "the first week of October 2014",
                    "2014-09-29",
                    "2014-10-05",
                ),
                (
                    "It was the 2nd last week of October 2018.",
                    "the 2nd last week of October 2018",
                    "2018-10-15",
                    "2018-10-21",
                ),
                (
                    "Sales peaked in the first week of 2021.",
                    "the first week of 2021",
                    "2021-01-04",
                    "2021-01-10",
                ),
                (
                    "Orders in week 3 of 2027 rose.",
                    "week 3 of 2027",
                    "2027-01-18",
                    "2027-01-24",
                ),
                (
                    "They leave the third month of 2021.",
                    "the third month of 2021",
                    "2021-03-01",
                    "2021-03-31",
                ),
                (
                    "Rooms are booked for the first 2 weeks of 2021.",
                    "the first 2 weeks of 2021",
                    "2021-01-04",
                    "2021-01-17",
                ),
                (
                    "Results for the last four months of 2021 are in.",
                    "last four months of 2021",
                    "2021-09-01",
                    "2021-12-31",
                ),
                (
                    "They visited Paris in the first ten days of last year.",
                    "the first ten days of last year",
                    "2015-01-01",
                    "2015-01-10",
                ),
                (
                    "The vote is on the 20th of next month.",
                    "the 20th of next month",
                    "2016-12-20",
                    "2016-12-20",
                ),
                (
                    "It was paid on the 20th of the previous month.",
                    "the 20th of the previous month",
                    "2016-10-20",
                    "2016-10-20",
                ),
                (
                    "Set it up around the 21st this month.",
                    "around the 21st this month",
                    "2016-11-21",
                    "2016-11-21",
                ),
                (
                    "Dates are open the week of April 10th.",
                    "the week of April 10th",
                    "2017-04-10",
                    "2017-04-16",
                ),
            ],
        );
    }

    #[test]
    fn the_rest_of_a_period() {
        // 2018-05-28 is a Monday
        check(
            "2018-05-28",
            &[
                (
                    "Rates fall later this year.",
                    "later this year",
                    "2018-05-28",
                    "2018-12-31",
                ),
                (
                    "It rose earlier this month.",
                    "earlier this month",
                    "2018-05-01",
                    "2018-05-28",
                ),
                (
                    "We met earlier in the week.",
                    "earlier in the week",
                    "2018-05-28",
                    "2018-05-28",
                ),
                (
                    "Vote the week after next.",
                    "the week after next",
                    "2018-06-11",
                    "2018-06-17",
                ),
            ],
        );
        // `later` alone is no date
        assert!(dates("Three years later, the firm said so.", "2018-05-28")
            .iter()
            .all(|d| !d.0.contains("later")));
        assert!(dates("Later in the day it fell.", "2018-05-28").is_empty());
    }

    #[test]
    fn quarters_and_halves_of_a_relative_year() {
        check(
            "2025-09-15",
            &[
                (
                    "Growth slows in the second half of next year.",
                    "second half of next year",
                    "2026-07-01",
                    "2026-12-31",
                ),
                (
                    "Sales fell in Q3 of last year.",
                    "Q3 of last year",
                    "2024-07-01",
                    "2024-09-30",
                ),
            ],
        );
        // `of the year` is the context's year, as a bare quarter is
        let d = dates(
            "In 2023, sales rose in the first quarter of the year.",
            "2025-09-15",
        );
        assert_eq!(
            d[1],
            (
                "first quarter".into(),
                "2023-01-01".into(),
                "2023-03-31".into()
            )
        );
    }

    /// A fuzzy part of a relative period is one claim, found by the scanner at the adjective.
    #[test]
    fn a_fuzzy_part_of_a_relative_period() {
        check(
            "2025-09-15",
            &[
                (
                    "Output should recover early next year, officials said.",
                    "early next year",
                    "2026-01-01",
                    "2026-04-30",
                ),
                (
                    "The plant opens mid-next month.",
                    "mid-next month",
                    "2025-10-11",
                    "2025-10-20",
                ),
                (
                    "Talks stalled late last year.",
                    "late last year",
                    "2024-09-01",
                    "2024-12-31",
                ),
                // near miss: `start` is the verb here, the claim is the whole year
                (
                    "They will start next year.",
                    "next year",
                    "2026-01-01",
                    "2026-12-31",
                ),
            ],
        );
    }

    #[test]
    fn picks_need_their_month_or_year() {
        let today = "2016-11-07";
        // no month or year after them: nothing new is claimed
        assert!(dates("It was the first day of trading.", today).is_empty());
        assert!(dates("Prices rose in the first 2 weeks.", today).is_empty());
        assert_eq!(one("It was the last week of talks.", today).0, "last week");
        assert!(dates("Some 20 of this month's recruits left.", today)
            .iter()
            .all(|d| d.0 != "20 of this month"));
        // a day that is not there
        assert!(
            dates("It fell on the fifth Friday of February 2015.", today)
                .iter()
                .all(|d| !d.0.starts_with("the fifth"))
        );
    }

    #[test]
    fn weekdays_of_a_week_and_days_with_their_weekday() {
        check(
            "2016-11-07",
            &[
                (
                    "It rained sunday from last week.",
                    "sunday from last week",
                    "2016-11-06",
                    "2016-11-06",
                ),
                (
                    "It was last week's Sunday.",
                    "last week's Sunday",
                    "2016-11-06",
                    "2016-11-06",
                ),
                (
                    "We meet next week on Tuesday.",
                    "next week on Tuesday",
                    "2016-11-15",
                    "2016-11-15",
                ),
                // the nearest Monday the 13th
                (
                    "The fair opens on Mon 13th.",
                    "Mon 13th",
                    "2017-02-13",
                    "2017-02-13",
                ),
                (
                    "Let's meet on Wednesday the thirty first.",
                    "Wednesday the thirty first",
                    "2016-08-31",
                    "2016-08-31",
                ),
            ],
        );
        check(
            "2018-07-02",
            &[
                // month first, as in `7/6/2018`; the weekday is kept for checking
                (
                    "Call on Friday 7/6 at noon.",
                    "Friday 7/6",
                    "2018-07-06",
                    "2018-07-06",
                ),
                (
                    "Call on Friday 7.6 at noon.",
                    "Friday 7.6",
                    "2018-07-06",
                    "2018-07-06",
                ),
                // counted before the direction, the span of `the next two weeks`
                (
                    "Over two upcoming weeks.",
                    "two upcoming weeks",
                    "2018-07-09",
                    "2018-07-22",
                ),
                (
                    "In the 5 past years.",
                    "5 past years",
                    "2013-01-01",
                    "2017-12-31",
                ),
                // a fortnight is two weeks
                (
                    "Rates move in a fortnight.",
                    "in a fortnight",
                    "2018-07-16",
                    "2018-07-16",
                ),
                (
                    "Over the past fortnight.",
                    "past fortnight",
                    "2018-06-18",
                    "2018-07-01",
                ),
            ],
        );
        // only the weekday is a date: a fraction, a count, `sat` the verb
        for (text, today, span) in [
            ("On Friday 3/4 of voters left.", "2018-07-02", "Friday"),
            ("We will be only 3 next week.", "2018-07-02", "next week"),
            ("On Monday 21 people were hurt.", "2016-11-07", "Monday"),
            (
                "The panel last week sat for hours.",
                "2016-11-07",
                "last week",
            ),
        ] {
            assert_eq!(one(text, today).0, span, "{text}");
        }
    }
}
