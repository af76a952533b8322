//! Holidays: their names and the rule that gives their day in a year are data
//! (`rules/lexicon/holidays.toml`); this module matches the names on tokens and resolves a
//! holiday with its year stated (`Easter 2018`, `Diwali in 2019`), relative to today
//! (`next Thanksgiving`, `MLK day of last year`, `thanksgiving in 9 months`, `the closest xmas to
//! today`), and its weekend (`labor day weekend`, `the weekend of Halloween`).

use super::date::{abs, count_of, rel_dir, unit_word, year_at, Draft, PUnit, Rel, Ymd};
use super::lex::{Lx, K};
use super::{num, Grain};
use crate::facts::fast::FastMap;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::Deserialize;
use std::sync::OnceLock;

/// Which occurrence of a holiday a relative mention means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The coming one (today included; one under way counts): `Christmas`, `next Easter`.
    Coming,
    /// The last one before today: `last Thanksgiving`.
    Past,
    /// The one in the year of today moved by n units: `MLK day of last year`,
    /// `thanksgiving in 9 months`, `thanksgiving 1 year ago`.
    Shift(i64, PUnit),
    /// The n-th closest to today (1 = the closest).
    Closest(u8),
}

/// A holiday relative to today, resolved in [`resolve`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    id: u16,
    pick: Pick,
    /// The weekend of the holiday rather than the holiday itself.
    weekend: bool,
}

// ---- the lexicon ---------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Words after a holiday's name (without a year) that make it a season, not a day.
    #[serde(default)]
    not_before: Vec<String>,
    holiday: Vec<Spec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    id: String,
    names: Vec<String>,
    fixed: Option<(u32, u32)>,
    nth: Option<(i32, String, u32)>,
    easter: Option<i64>,
    orthodox: Option<i64>,
    dates: Option<String>,
    cycle: Option<(String, i64)>,
    base: Option<String>,
    #[serde(default)]
    offset: i64,
    days: Option<i64>,
    #[serde(default)]
    eve: bool,
    observed: Option<String>,
    since: Option<i32>,
    #[serde(default)]
    guarded: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Debug)]
enum Rule {
    Fixed(u32, u32),
    /// n-th weekday of a month (n = -1: the last).
    Nth(i32, Weekday, u32),
    Easter(i64),
    Orthodox(i64),
    /// Every occurrence (first day, last day) in date order, and the years covered.
    Table(Vec<(NaiveDate, NaiveDate)>, i32, i32),
    /// A year of a fixed number of days from an anchor day.
    Cycle(NaiveDate, i64),
    /// Another holiday's day.
    Base(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Observed {
    Always,
    NearestWeekday,
    SundayBefore,
}

#[derive(Debug)]
struct Holiday {
    rule: Rule,
    offset: i64,
    days: i64,
    eve: bool,
    observed: Observed,
    since: Option<i32>,
    not_before: Vec<Box<[u8]>>,
}

#[derive(Debug)]
struct Name {
    /// Lower-case words.
    words: Vec<Box<[u8]>>,
    holiday: u16,
    guarded: bool,
}

#[derive(Debug)]
struct Lexicon {
    holidays: Vec<Holiday>,
    names: Vec<Name>,
    /// Names by their first word.
    by_first: FastMap<Box<[u8]>, Vec<u16>>,
    /// [`quick_key`] bits of every first word and form word: most words fail here, unhashed.
    first_bits: [u64; 64],
    /// Words after a bare holiday name that make it a season (`Diwali sales`).
    season_words: Vec<Box<[u8]>>,
}

/// Words that open a holiday form without being a holiday's first word.
const FORM_WORDS: [&[u8]; 2] = [b"weekend", b"closest"];

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let text = crate::rules::embedded("lexicon/holidays.toml").unwrap_or("holiday = []");
        // the file is embedded at build time and checked by this module's tests
        parse(text).unwrap_or_else(|_| Lexicon {
            holidays: Vec::new(),
            names: Vec::new(),
            by_first: FastMap::default(),
            first_bits: [0; 64],
            season_words: Vec::new(),
        })
    })
}

fn weekday_of(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn day_span(s: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let day = |x: &str| x.parse::<NaiveDate>().map_err(|e| format!("{x}: {e}"));
    match s.split_once("..") {
        Some((a, b)) => Ok((day(a)?, day(b)?)),
        None => day(s).map(|d| (d, d)),
    }
}

/// A name's spellings: its words split at spaces, hyphens, apostrophes and dots, once with and
/// once without each `[word]` that may be left out.
fn spellings(name: &str) -> Vec<Vec<Box<[u8]>>> {
    let mut out: Vec<Vec<Box<[u8]>>> = vec![Vec::new()];
    for part in name.split(' ').filter(|p| !p.is_empty()) {
        let optional = part.starts_with('[') && part.ends_with(']');
        let words: Vec<Box<[u8]>> = part
            .trim_matches(|c| c == '[' || c == ']')
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let without = if optional { out.clone() } else { Vec::new() };
        for o in &mut out {
            o.extend(words.iter().cloned());
        }
        out.extend(without);
    }
    out
}

fn parse(text: &str) -> Result<Lexicon, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let ids: Vec<&str> = file.holiday.iter().map(|h| h.id.as_str()).collect();
    let mut holidays = Vec::with_capacity(file.holiday.len());
    let mut names = Vec::new();
    let mut by_first: FastMap<Box<[u8]>, Vec<u16>> = FastMap::default();
    for (hi, s) in file.holiday.iter().enumerate() {
        let mut rules = Vec::new();
        if let Some((m, d)) = s.fixed {
            NaiveDate::from_ymd_opt(2000, m, d).ok_or(format!("{}: bad day", s.id))?;
            rules.push(Rule::Fixed(m, d));
        }
        if let Some((n, wd, m)) = &s.nth {
            let wd = weekday_of(wd).ok_or(format!("{}: weekday {wd}", s.id))?;
            if !(1..=12).contains(m) || !(-1..=5).contains(n) || *n == 0 {
                return Err(format!("{}: bad nth", s.id));
            }
            rules.push(Rule::Nth(*n, wd, *m));
        }
        if let Some(o) = s.easter {
            rules.push(Rule::Easter(o));
        }
        if let Some(o) = s.orthodox {
            rules.push(Rule::Orthodox(o));
        }
        if let Some(list) = &s.dates {
            let mut spans = list
                .split_whitespace()
                .map(day_span)
                .collect::<Result<Vec<_>, _>>()?;
            spans.sort();
            let (first, last) = match (spans.first(), spans.last()) {
                (Some(a), Some(b)) => (a.0.year(), b.0.year()),
                _ => return Err(format!("{}: empty table", s.id)),
            };
            rules.push(Rule::Table(spans, first, last));
        }
        if let Some((anchor, len)) = &s.cycle {
            let a = anchor.parse::<NaiveDate>().map_err(|e| e.to_string())?;
            if *len < 300 {
                return Err(format!("{}: cycle too short", s.id));
            }
            rules.push(Rule::Cycle(a, *len));
        }
        if let Some(b) = &s.base {
            let k = ids
                .iter()
                .position(|i| i == b)
                .filter(|k| *k < hi)
                .ok_or(format!("{}: base {b} must be defined before", s.id))?;
            rules.push(Rule::Base(k));
        }
        if rules.len() != 1 {
            return Err(format!("{}: needs exactly one rule", s.id));
        }
        let observed = match s.observed.as_deref() {
            None => Observed::Always,
            Some("nearest_weekday") => Observed::NearestWeekday,
            Some("sunday_before") => Observed::SundayBefore,
            Some(o) => return Err(format!("{}: observed {o}", s.id)),
        };
        let days = s.days.unwrap_or(1);
        if !(1..=60).contains(&days) || s.offset.abs() > 400 {
            return Err(format!("{}: days or offset out of range", s.id));
        }
        let id = u16::try_from(hi).map_err(|e| e.to_string())?;
        let guarded: Vec<Vec<Box<[u8]>>> = s.guarded.iter().flat_map(|g| spellings(g)).collect();
        let mut used = vec![false; guarded.len()];
        for n in &s.names {
            for words in spellings(n) {
                let Some(first) = words
                    .first()
                    .filter(|w| !n.starts_with('[') && !w.is_empty())
                else {
                    return Err(format!("{}: name {n:?} needs a first word", s.id));
                };
                if words.iter().any(|w| w.len() > super::lex::WORD_CAP) {
                    return Err(format!("{}: a word of {n:?} is too long to match", s.id));
                }
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push(u16::try_from(names.len()).map_err(|e| e.to_string())?);
                let g = guarded.iter().position(|g| *g == words);
                if let Some(g) = g {
                    used[g] = true;
                }
                names.push(Name {
                    words,
                    holiday: id,
                    guarded: g.is_some(),
                });
            }
        }
        if let Some(g) = used.iter().position(|u| !u) {
            return Err(format!(
                "{}: guarded {:?} is not a name",
                s.id, s.guarded[g]
            ));
        }
        holidays.push(Holiday {
            rule: rules.remove(0),
            offset: s.offset,
            days,
            eve: s.eve,
            observed,
            since: s.since,
            not_before: s
                .not_before
                .iter()
                .map(|w| w.as_bytes().to_vec().into_boxed_slice())
                .collect(),
        });
    }
    let season_words = file
        .not_before
        .iter()
        .map(|w| w.as_bytes().to_vec().into_boxed_slice())
        .collect();
    let mut first_bits = [0u64; 64];
    for w in by_first.keys().map(|k| &**k).chain(FORM_WORDS) {
        let k = quick_key(w);
        first_bits[k / 64] |= 1 << (k % 64);
    }
    Ok(Lexicon {
        holidays,
        names,
        by_first,
        first_bits,
        season_words,
    })
}

/// Every word that opens a holiday name or form (for the scanner's trigger test).
#[cfg(test)]
pub(super) fn first_words() -> Vec<&'static [u8]> {
    let lx = lexicon();
    lx.by_first.keys().map(|k| &**k).chain(FORM_WORDS).collect()
}

/// A 12-bit key from a word's length and first and last bytes.
fn quick_key(w: &[u8]) -> usize {
    let (a, z) = match (w.first(), w.last()) {
        (Some(a), Some(z)) => (usize::from(*a), usize::from(*z)),
        _ => return 0,
    };
    (a.wrapping_mul(131) ^ z.wrapping_mul(1031) ^ w.len().wrapping_mul(37)) & 4095
}

/// Does a (lower-case) word open a holiday name or a holiday form? The scanner tries a
/// candidate there.
pub fn starts_name(w: &[u8]) -> bool {
    let lx = lexicon();
    let k = quick_key(w);
    lx.first_bits[k / 64] & (1 << (k % 64)) != 0
        && (FORM_WORDS.contains(&w) || lx.by_first.contains_key(w))
}

// ---- days ----------------------------------------------------------------------------------

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Orthodox Easter Sunday: the Julian computus (Meeus), moved to the Gregorian calendar by the
/// days the calendars differ in that century.
fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = NaiveDate::from_ymd_opt(y, month as u32, day as u32)?;
    let shift = y / 100 - y / 400 - 2;
    julian.checked_add_signed(Duration::days(i64::from(shift)))
}

/// The n-th weekday of a month (n = -1: the last).
fn nth_weekday(y: i32, m: u32, wd: Weekday, n: i32) -> Option<NaiveDate> {
    if n < 0 {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
        return last.checked_sub_signed(Duration::days(i64::from(back)));
    }
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let ahead = (7 + wd.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let d = first.checked_add_signed(Duration::days(i64::from(ahead) + 7 * i64::from(n - 1)))?;
    (d.month() == m).then_some(d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

/// The k-th occurrence (0-based) of holiday `h` whose day falls in year `y`, before its
/// offset, length and eve are applied: (first day, last day).
fn raw_in_year(lx: &Lexicon, h: usize, y: i32, k: usize) -> Option<(NaiveDate, NaiveDate)> {
    let hol = lx.holidays.get(h)?;
    if let Rule::Table(list, ..) = &hol.rule {
        return list.iter().filter(|s| s.0.year() == y).nth(k).copied();
    }
    if k > 0 {
        return None;
    }
    let d = match hol.rule {
        Rule::Fixed(m, d) => {
            let x = NaiveDate::from_ymd_opt(y, m, d)?;
            match (hol.observed, x.weekday()) {
                (Observed::NearestWeekday, Weekday::Sat)
                | (Observed::SundayBefore, Weekday::Sun) => x.pred_opt()?,
                (Observed::NearestWeekday, Weekday::Sun) => x.succ_opt()?,
                _ => x,
            }
        }
        Rule::Nth(n, wd, m) => nth_weekday(y, m, wd, n)?,
        Rule::Easter(o) => add_days(easter(y)?, o)?,
        Rule::Orthodox(o) => add_days(orthodox_easter(y)?, o)?,
        Rule::Cycle(anchor, len) => {
            let jan1 = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let k = (jan1 - anchor).num_days().div_euclid(len)
                + i64::from((jan1 - anchor).num_days().rem_euclid(len) != 0);
            let d = add_days(anchor, k.checked_mul(len)?)?;
            if d.year() != y {
                return None;
            }
            d
        }
        Rule::Base(b) => occurrence(lx, b, y, 0)?.0,
        Rule::Table(..) => return None,
    };
    Some((d, d))
}

/// The k-th occurrence (0-based) of holiday `h` in year `y`: its first and last day.
fn occurrence(lx: &Lexicon, h: usize, y: i32, k: usize) -> Option<(NaiveDate, NaiveDate)> {
    let hol = lx.holidays.get(h)?;
    if hol.since.is_some_and(|s| y < s) {
        return None;
    }
    let (a, b) = raw_in_year(lx, h, y, k)?;
    let a = add_days(a, hol.offset)?;
    let b = add_days(b, hol.offset)?;
    let b = if hol.days > 1 {
        add_days(a, hol.days - 1)?
    } else {
        b
    };
    let a = if hol.eve { a.pred_opt()? } else { a };
    Some((a, b))
}

/// Does the holiday's rule know year `y`? (Tables cover only their years.)
fn covers(lx: &Lexicon, h: usize, y: i32) -> bool {
    match lx.holidays.get(h).map(|x| &x.rule) {
        Some(Rule::Table(_, a, b)) => (*a..=*b).contains(&y),
        Some(Rule::Base(b)) => covers(lx, *b, y),
        Some(_) => true,
        None => false,
    }
}

/// Every occurrence in the years around `y`, in date order.
fn around(lx: &Lexicon, h: usize, y: i32, reach: i32) -> Vec<(NaiveDate, NaiveDate)> {
    let mut v = Vec::new();
    for yy in y.saturating_sub(reach)..=y.saturating_add(reach) {
        for k in 0..2 {
            if let Some(o) = occurrence(lx, h, yy, k) {
                v.push(o);
            }
        }
    }
    v.sort();
    v
}

/// The weekend a holiday falls in or makes: a Thursday or Friday holiday runs to the Sunday
/// after it, a Monday or Tuesday one from the Saturday before it; a Wednesday has none.
fn weekend(day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (back, ahead) = match day.weekday() {
        Weekday::Mon => (2, 0),
        Weekday::Tue => (3, 0),
        Weekday::Wed => return None,
        Weekday::Thu => (0, 3),
        Weekday::Fri => (0, 2),
        Weekday::Sat => (0, 1),
        Weekday::Sun => (1, 0),
    };
    Some((add_days(day, -back)?, add_days(day, ahead)?))
}

fn shift(today: NaiveDate, n: i64, u: PUnit) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> {
        let m = Months::new(u32::try_from(k.unsigned_abs()).ok()?);
        if k < 0 {
            today.checked_sub_months(m)
        } else {
            today.checked_add_months(m)
        }
    };
    match u {
        PUnit::Day => add_days(today, n),
        PUnit::Week | PUnit::Weekend => add_days(today, n.checked_mul(7)?),
        PUnit::Month => months(n),
        PUnit::Quarter => months(n.checked_mul(3)?),
        PUnit::Year => months(n.checked_mul(12)?),
    }
}

/// The days a relative holiday mention names, counted from `today`.
pub fn resolve(w: When, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let lx = lexicon();
    let h = usize::from(w.id);
    let y = today.year();
    let (a, b) = match w.pick {
        Pick::Coming | Pick::Past | Pick::Closest(_) if !covers(lx, h, y) => return None,
        Pick::Coming => around(lx, h, y, 1).into_iter().find(|o| o.1 >= today)?,
        Pick::Past => around(lx, h, y, 1)
            .into_iter()
            .rev()
            .find(|o| o.0 < today)?,
        Pick::Closest(n) => {
            let mut v = around(lx, h, y, 3);
            v.sort_by_key(|o| ((o.0 - today).num_days().abs(), o.0));
            *v.get(usize::from(n).checked_sub(1)?)?
        }
        Pick::Shift(n, u) => occurrence(lx, h, shift(today, n, u)?.year(), 0)?,
    };
    if w.weekend {
        weekend(if lx.holidays.get(h)?.eve {
            a.succ_opt()?
        } else {
            a
        })
    } else {
        Some((a, b))
    }
}

// ---- the grammar ---------------------------------------------------------------------------

/// Skips what may join a name's words: `'s`, an apostrophe, a dot after an abbreviation, a
/// hyphen between glued words.
fn joint(lx: &mut Lx, j: usize) -> usize {
    let t = lx.get(j);
    if t.sp {
        return j;
    }
    match t.k {
        K::Sym if t.c == '\'' || t.c == '\u{2019}' => {
            let n = lx.get(j + 1);
            if n.word() == b"s" && !n.sp && lx.get(j + 2).sp {
                j + 2 // `King's`
            } else if !n.sp || j > 0 && lx.get(j - 1).word().ends_with(b"s") {
                j + 1 // `b'av`, `Presidents'`
            } else {
                j // `King' day` is no possessive
            }
        }
        K::Sym if t.c == '.' => j + 1,
        K::Dash if lx.glued(j + 1) => j + 1,
        _ => j,
    }
}

/// The longest holiday name at token `i`: (name index, token after it).
fn name_at(lx: &mut Lx, i: usize) -> Option<(usize, usize)> {
    let lexi = lexicon();
    let first = lx.get(i);
    let cands = lexi.by_first.get(first.word())?;
    let mut best: Option<(usize, usize)> = None;
    for &n in cands {
        let name = &lexi.names[usize::from(n)];
        let mut j = i + 1;
        let mut ok = true;
        for w in &name.words[1..] {
            let k = joint(lx, j);
            if lx.get(k).word() != &**w {
                ok = false;
                break;
            }
            j = k + 1;
        }
        if ok && best.map_or(true, |(_, e)| j > e) {
            best = Some((usize::from(n), j));
        }
    }
    best
}

/// What a mention says about the year: stated, or relative to today.
enum Which {
    Year(i32),
    Rel(Pick),
}

/// `9 months`, `a year`, `five years`: (count, unit, token after).
fn amount(lx: &mut Lx, j: usize) -> Option<(i64, PUnit, usize)> {
    let (n, k) = count_of(lx, j)?;
    let u = unit_word(lx.get(k).word()).filter(|u| *u != PUnit::Weekend)?;
    (n <= 100).then_some((n, u, k + 1))
}

/// A year written out: `two thousand ten`.
fn spelled_year(lx: &mut Lx, j: usize) -> Option<(i32, usize)> {
    let v = num::spelled(lx, j)?;
    let y = i32::try_from(v.v.mantissa())
        .ok()
        .filter(|_| v.v.scale() == 0)?;
    (1900..=2100).contains(&y).then_some((y, v.next))
}

/// What follows a holiday's name at `e`: its year, stated or relative.
fn year_after(lx: &mut Lx, e: usize) -> Option<(Which, usize)> {
    if let Some((y, k)) = year_at(lx, e).or_else(|| spelled_year(lx, e)) {
        return Some((Which::Year(y), k));
    }
    if lx.is(e, "of") || lx.is(e, "in") {
        if let Some((y, k)) = year_at(lx, e + 1) {
            return Some((Which::Year(y), k));
        }
    }
    // `of next year`, `this year`
    let k = if lx.is(e, "of") { e + 1 } else { e };
    if let Some(n) = rel_dir(lx.get(k).word()) {
        if lx.is(k + 1, "year") {
            return Some((Which::Rel(Pick::Shift(n, PUnit::Year)), k + 2));
        }
    }
    // `in 9 months`, `in a year`
    if lx.is(e, "in") || lx.is(e, "within") {
        if let Some((n, u, k)) = amount(lx, e + 1) {
            return Some((Which::Rel(Pick::Shift(n, u)), k));
        }
    }
    // `3 months ago`, `9 months from now`, `six years hence`
    let (n, u, k) = amount(lx, e)?;
    if lx.is(k, "ago") {
        return Some((Which::Rel(Pick::Shift(-n, u)), k + 1));
    }
    if lx.is(k, "hence") || lx.is(k, "later") {
        return Some((Which::Rel(Pick::Shift(n, u)), k + 1));
    }
    if lx.is(k, "from") && (lx.is(k + 1, "now") || lx.is(k + 1, "today")) {
        return Some((Which::Rel(Pick::Shift(n, u)), k + 2));
    }
    None
}

/// A holiday at `i` with what follows it: (holiday, which one, weekend, end).
fn mention(lx: &mut Lx, i: usize) -> Option<(u16, Which, bool, usize)> {
    let lexi = lexicon();
    // `next Easter`, `last MLK day`, `this thanksgiving`
    let mut dir = rel_dir(lx.get(i).word());
    let mut start = if dir.is_some() { i + 1 } else { i };
    // `this past Christmas`
    if dir == Some(0) && lx.is(start, "past") {
        dir = Some(-1);
        start += 1;
    }
    let (n, e) = name_at(lx, start)?;
    let name = &lexi.names[n];
    let hol = lexi.holidays.get(usize::from(name.holiday))?;
    if hol.not_before.iter().any(|w| lx.get(e).word() == &**w) {
        return None;
    }
    // a name inside a compound (`the boss day-to-day`, `Holi-themed`) is no holiday
    if lx.get(e).k == K::Dash && lx.glued(e) && lx.glued(e + 1) {
        return None;
    }
    let mut end = e;
    let mut wkend = false;
    if lx.is(end, "weekend") {
        wkend = true;
        end += 1;
    }
    let which = match dir {
        Some(d) => Which::Rel(if d < 0 { Pick::Past } else { Pick::Coming }),
        None => match year_after(lx, end) {
            Some((w, k)) => {
                end = k;
                w
            }
            // a name that is also an ordinary word needs its year
            None if name.guarded => return None,
            // `Diwali sales`, `Christmas shopping`: a season, not the day
            None if lexi.season_words.iter().any(|w| lx.get(end).word() == &**w) => return None,
            None => Which::Rel(Pick::Coming),
        },
    };
    if !wkend && lx.is(end, "weekend") {
        wkend = true;
        end += 1;
    }
    Some((name.holiday, which, wkend, end))
}

fn draft(id: u16, which: Which, weekend_of: bool, end: usize) -> Option<(Draft, usize)> {
    match which {
        Which::Year(y) => {
            let lexi = lexicon();
            let (a, b) = occurrence(lexi, usize::from(id), y, 0)?;
            let (a, b) = if weekend_of {
                let day = if lexi.holidays.get(usize::from(id))?.eve {
                    a.succ_opt()?
                } else {
                    a
                };
                weekend(day)?
            } else {
                (a, b)
            };
            let ymd = |d: NaiveDate| Ymd {
                y: Some(d.year()),
                m: d.month(),
                d: d.day(),
            };
            Some((abs(ymd(a), ymd(b), Grain::Day, false), end))
        }
        Which::Rel(pick) => Some((
            Draft::Rel(
                Rel::Holiday(When {
                    id,
                    pick,
                    weekend: weekend_of,
                }),
                Grain::Day,
                false,
            ),
            end,
        )),
    }
}

/// An ordinal for `the second closest`: 2nd, second, …
fn ordinal(lx: &mut Lx, i: usize) -> Option<u8> {
    let t = lx.get(i);
    if t.k == K::Num && t.ord {
        return u8::try_from(t.int()?).ok().filter(|n| (1..=9).contains(n));
    }
    Some(match t.word() {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        _ => None?,
    })
}

/// A holiday at token `i`: alone (the coming one), with its year, after `this`/`next`/`last`,
/// with `of next year`, `in 9 months`, `3 months ago`, its weekend (`labor day weekend`,
/// `the weekend of Halloween`) or `the closest Christmas to today`.
pub fn holiday_date(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let j = if lx.is(i, "the") { i + 1 } else { i };
    if lx.is(j, "weekend") && lx.is(j + 1, "of") {
        let (id, which, _, end) = mention(lx, j + 2)?;
        return draft(id, which, true, end);
    }
    // `the closest xmas to today`, `the 2nd closest xmas to today`
    let (n, k) = match ordinal(lx, j) {
        Some(n) => (n, j + 1),
        None => (1, j),
    };
    if lx.is(k, "closest") {
        let (n0, e) = name_at(lx, k + 1)?;
        if lx.is(e, "to") && (lx.is(e + 1, "today") || lx.is(e + 1, "now")) {
            let id = lexicon().names[n0].holiday;
            return draft(id, Which::Rel(Pick::Closest(n)), false, e + 2);
        }
        return None;
    }
    let (id, which, wkend, end) = mention(lx, i)?;
    draft(id, which, wkend, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn id(name: &str) -> usize {
        let raw = crate::rules::embedded("lexicon/holidays.toml").unwrap();
        let file: File = toml::from_str(raw).unwrap();
        file.holiday.iter().position(|h| h.id == name).unwrap()
    }

    fn on(name: &str, y: i32) -> Option<(String, String)> {
        occurrence(lexicon(), id(name), y, 0).map(|(a, b)| (a.to_string(), b.to_string()))
    }

    fn day(name: &str, y: i32) -> String {
        let (a, b) = on(name, y).unwrap();
        assert_eq!(a, b, "{name} {y} is one day");
        a
    }

    #[test]
    fn the_lexicon_parses_and_every_holiday_has_a_day_in_its_years() {
        let raw = crate::rules::embedded("lexicon/holidays.toml").unwrap();
        let lx = parse(raw).unwrap();
        assert!(lx.holidays.len() > 100, "{}", lx.holidays.len());
        for h in 0..lx.holidays.len() {
            for y in 2001..=2035 {
                assert!(
                    occurrence(&lx, h, y, 0).is_some() || lx.holidays[h].since > Some(y),
                    "holiday {h} has no day in {y}"
                );
            }
            assert!(occurrence(&lx, h, 2037, 0).is_some() == covers(&lx, h, 2037));
        }
    }

    #[test]
    fn bad_lexicons_are_refused() {
        for bad in [
            "[[holiday]]\nid = \"x\"\nnames = [\"x\"]\n",
            "[[holiday]]\nid = \"x\"\nnames = [\"x\"]\nfixed = [2, 30]\n",
            "[[holiday]]\nid = \"x\"\nnames = [\"x\"]\nfixed = [2, 3]\neaster = 1\n",
            "[[holiday]]\nid = \"x\"\nnames = [\"x\"]\nbase = \"y\"\n",
            "[[holiday]]\nid = \"x\"\nnames = [\"[x] y\"]\nfixed = [1, 1]\n",
            "[[holiday]]\nid = \"x\"\nnames = [\"x\"]\nfixed = [1, 1]\nguarded = [\"z\"]\n",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn computus_western_and_orthodox() {
        for (y, w, o) in [
            (2010, "2010-04-04", "2010-04-04"),
            (2013, "2013-03-31", "2013-05-05"),
            (2018, "2018-04-01", "2018-04-08"),
            (2020, "2020-04-12", "2020-04-19"),
            (2024, "2024-03-31", "2024-05-05"),
            (2025, "2025-04-20", "2025-04-20"),
        ] {
            assert_eq!(easter(y), Some(d(w)), "{y}");
            assert_eq!(orthodox_easter(y), Some(d(o)), "{y}");
        }
    }

    #[test]
    fn rules_give_the_right_days() {
        assert_eq!(day("thanksgiving", 2013), "2013-11-28");
        assert_eq!(day("black_friday", 2017), "2017-11-24");
        assert_eq!(day("memorial_day", 2021), "2021-05-31");
        assert_eq!(day("mlk_day", 2012), "2012-01-16");
        assert_eq!(day("whit_monday", 2013), "2013-05-20");
        assert_eq!(day("mardi_gras", 2013), "2013-02-12");
        assert_eq!(day("clean_monday", 2018), "2018-02-19");
        // observed days
        assert_eq!(day("bosses_day", 2016), "2016-10-17");
        assert_eq!(day("bosses_day", 2021), "2021-10-15");
        assert_eq!(day("koningsdag", 2014), "2014-04-26");
        assert_eq!(on("koningsdag", 2013), None);
        // spans; the Jewish day begins at the evening before
        for (h, y, from, to) in [
            ("lent", 2018, "2018-02-14", "2018-03-31"),
            ("rosh_hashanah", 2018, "2018-09-09", "2018-09-11"),
            ("yom_kippur", 2023, "2023-09-24", "2023-09-25"),
            ("ramadan", 2018, "2018-05-16", "2018-06-14"),
        ] {
            assert_eq!(on(h, y), Some((from.into(), to.into())), "{h} {y}");
        }
        assert_eq!(day("eid_al_adha", 2018), "2018-08-21");
        // a cycle of 365 days
        assert_eq!(day("parsi_new_year", 2018), "2018-08-17");
        assert_eq!(day("parsi_new_year", 2022), "2022-08-16");
        assert_eq!(day("parsi_new_year", 2010), "2010-08-19");
        // outside a table's years: nothing
        assert_eq!(on("diwali", 2040), None);
        assert_eq!(on("eid_al_fitr", 1930), None);
        assert_eq!(day("eid_al_fitr", 1975), "1975-10-06");
        // an Islamic holiday can fall twice in a Gregorian year
        let lx = lexicon();
        assert_eq!(
            occurrence(lx, id("eid_al_fitr"), 2033, 1).map(|o| o.0),
            Some(d("2033-12-23"))
        );
    }

    #[test]
    fn relative_picks() {
        let today = d("2013-02-12");
        let w = |name: &str, pick, weekend| When {
            id: id(name) as u16,
            pick,
            weekend,
        };
        let r = |x| resolve(x, today).map(|(a, b)| (a.to_string(), b.to_string()));
        let one = |s: &str| Some((s.to_string(), s.to_string()));
        assert_eq!(r(w("easter", Pick::Coming, false)), one("2013-03-31"));
        assert_eq!(r(w("easter", Pick::Past, false)), one("2012-04-08"));
        assert_eq!(r(w("mlk_day", Pick::Coming, false)), one("2014-01-20"));
        assert_eq!(r(w("mlk_day", Pick::Past, false)), one("2013-01-21"));
        assert_eq!(
            r(w("thanksgiving", Pick::Shift(-3, PUnit::Month), false)),
            one("2012-11-22")
        );
        assert_eq!(
            r(w("thanksgiving", Pick::Shift(1, PUnit::Year), false)),
            one("2014-11-27")
        );
        assert_eq!(
            r(w("christmas", Pick::Closest(1), false)),
            one("2012-12-25")
        );
        assert_eq!(
            r(w("christmas", Pick::Closest(2), false)),
            one("2013-12-25")
        );
        assert_eq!(
            r(w("christmas", Pick::Closest(3), false)),
            one("2011-12-25")
        );
        // Thursday: to the Sunday after; Monday: from the Saturday before
        assert_eq!(
            r(w("thanksgiving", Pick::Coming, true)),
            Some(("2013-11-28".into(), "2013-12-01".into()))
        );
        assert_eq!(
            r(w("labor_day", Pick::Coming, true)),
            Some(("2013-08-31".into(), "2013-09-02".into()))
        );
        // a table does not answer for a year it does not cover
        let late = d("2040-01-01");
        assert_eq!(resolve(w("diwali", Pick::Past, false), late), None);
        assert_eq!(resolve(w("diwali", Pick::Coming, false), late), None);
    }

    /// The date claims of `text` as (text, from, to), resolved against `today`.
    fn dates(text: &str, today: &str) -> Vec<(String, String, String)> {
        let opts = crate::claims::ExtractOptions {
            reference_date: today.parse().ok(),
        };
        crate::claims::extract(text, &crate::digest::parse(text), &opts)
            .iter()
            .filter_map(|c| match &c.kind {
                crate::claims::ClaimKind::Date(v) => Some((
                    text[c.span.start..c.span.end].to_string(),
                    v.from.to_string(),
                    v.to.to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn holiday_mentions_in_prose() {
        let today = "2021-03-10";
        for (text, span, from, to) in [
            (
                "Shops close on Good Friday.",
                "Good Friday",
                "2021-04-02",
                "2021-04-02",
            ),
            (
                "Offices shut for Diwali in 2022.",
                "Diwali in 2022",
                "2022-10-24",
                "2022-10-24",
            ),
            (
                "The deal closed before Eid al-Adha 2024.",
                "Eid al-Adha 2024",
                "2024-06-16",
                "2024-06-16",
            ),
            (
                "Trading resumes after Lunar New Year 2026.",
                "Lunar New Year 2026",
                "2026-02-17",
                "2026-02-17",
            ),
            (
                "Factories idle over Chinese New Year 2025.",
                "Chinese New Year 2025",
                "2025-01-29",
                "2025-01-29",
            ),
            (
                "Markets reopen the day after last Thanksgiving.",
                "last Thanksgiving",
                "2020-11-26",
                "2020-11-26",
            ),
            (
                "Sales peaked on Black Friday of last year.",
                "Black Friday of last year",
                "2020-11-27",
                "2020-11-27",
            ),
            (
                "Turnout dipped over the Memorial Day weekend.",
                "Memorial Day weekend",
                "2021-05-29",
                "2021-05-31",
            ),
            (
                "Rallies were held on the weekend of Juneteenth.",
                "the weekend of Juneteenth",
                "2021-06-19",
                "2021-06-20",
            ),
            (
                "Fasting during Ramadan 2023 shifted demand.",
                "Ramadan 2023",
                "2023-03-23",
                "2023-04-20",
            ),
            (
                "Services resumed after Yom Kippur 2022.",
                "Yom Kippur 2022",
                "2022-10-04",
                "2022-10-05",
            ),
            (
                "It opened on Orthodox Easter 2021.",
                "Orthodox Easter 2021",
                "2021-05-02",
                "2021-05-02",
            ),
            (
                "Pentecost falls late this year.",
                "Pentecost",
                "2021-05-23",
                "2021-05-23",
            ),
            (
                "They met on Whit Monday.",
                "Whit Monday",
                "2021-05-24",
                "2021-05-24",
            ),
            (
                "Koningsdag 2025 drew crowds.",
                "Koningsdag 2025",
                "2025-04-26",
                "2025-04-26",
            ),
            (
                "Vaisakhi 2030 is in April.",
                "Vaisakhi 2030",
                "2030-04-14",
                "2030-04-14",
            ),
            (
                "Parsi New Year 2026 is a bank holiday.",
                "Parsi New Year 2026",
                "2026-08-15",
                "2026-08-15",
            ),
            (
                "It rained this past Christmas.",
                "this past Christmas",
                "2020-12-25",
                "2020-12-25",
            ),
            (
                "Prices rose before New Year's Day 2022.",
                "New Year's Day 2022",
                "2022-01-01",
                "2022-01-01",
            ),
            (
                "Banks close on Presidents' Day 2022.",
                "Presidents' Day 2022",
                "2022-02-21",
                "2022-02-21",
            ),
            (
                "Flowers sold for Mother's Day.",
                "Mother's Day",
                "2021-05-09",
                "2021-05-09",
            ),
            (
                "Offices shut on Martin Luther King Jr. Day 2022.",
                "Martin Luther King Jr. Day 2022",
                "2022-01-17",
                "2022-01-17",
            ),
            (
                "Parades on St. Patrick's Day.",
                "St. Patrick's Day",
                "2021-03-17",
                "2021-03-17",
            ),
            (
                "Orders peaked on Singles' Day.",
                "Singles' Day",
                "2021-11-11",
                "2021-11-11",
            ),
            (
                "Sales jumped Thanksgiving 1 year ago.",
                "Thanksgiving 1 year ago",
                "2020-11-26",
                "2020-11-26",
            ),
            (
                "Easter in two years falls early.",
                "Easter in two years",
                "2023-04-09",
                "2023-04-09",
            ),
            (
                "The closest Halloween to today.",
                "The closest Halloween to today",
                "2020-10-31",
                "2020-10-31",
            ),
            (
                "Trains were full before Qingming 2024.",
                "Qingming 2024",
                "2024-04-04",
                "2024-04-04",
            ),
        ] {
            let got = dates(text, today);
            assert!(
                got.iter()
                    .any(|g| (g.0.as_str(), g.1.as_str(), g.2.as_str()) == (span, from, to)),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn ordinary_words_and_places_are_not_holidays() {
        // (text, a word no claim may cover)
        for (text, word) in [
            ("He lent the company money.", "lent"),
            ("The Independence Party won seats.", "Independence"),
            ("The Labor party met in Sydney.", "Labor"),
            ("Tourists visited Easter Island.", "Easter"),
            ("They hid Easter eggs.", "Easter"),
            ("Output at the Corpus Christi refinery fell.", "Corpus"),
            ("Clean Monday mornings are rare.", "Clean"),
            ("Christmas trees sold out early.", "Christmas"),
            ("Diwali sales rose sharply.", "Diwali"),
            ("Chinese new energy firms rallied.", "Chinese"),
            ("Chinese New Year travel demand rose.", "Chinese"),
            ("Rakhi Sawant spoke to reporters.", "Rakhi"),
            ("The great fast food chains grew.", "fast"),
            ("A white Sunday dress.", "white"),
            ("The Chinese economy slowed.", "Chinese"),
            ("Martin Luther King' day", "King"),
            ("The boss day-to-day runs it.", "boss"),
            ("Holiday weekend traffic was heavy.", "weekend"),
        ] {
            let got = dates(text, "2021-03-10");
            assert!(got.iter().all(|g| !g.0.contains(word)), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_year_outside_a_table_gives_no_holiday_claim() {
        // the Islamic tables end in 2076: the year alone is all that is claimed
        let got = dates("Eid al-Fitr 2080 will fall in summer.", "2021-03-10");
        assert!(got.iter().all(|g| !g.0.contains("Eid")), "{got:?}");
        let got = dates("Eid al-Fitr 2046 will fall in summer.", "2021-03-10");
        assert!(got.iter().any(|g| g.0 == "Eid al-Fitr 2046"), "{got:?}");
    }
}
