//! Holidays: fixed days (`Christmas`), the n-th weekday of a month (`Thanksgiving`) and days
//! counted from Easter, each with its year stated, implied (the coming one) or relative
//! (`next Christmas`).

use super::date::{abs, days_in_month, rel_dir, year_at, Draft, Rel, Ymd};
use super::lex::Lx;
use super::Grain;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A holiday at token `i`, alone, with its year, or after `this`/`next`/`last`.
pub fn holiday_date(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    if let Some(((m, d), e)) = holiday(lx, i) {
        return Some(match year_at(lx, e) {
            Some((y, e2)) => {
                let ymd = Ymd { y: Some(y), m, d };
                (abs(ymd, ymd, Grain::Day, false), e2)
            }
            // a holiday without a year is the coming one
            None => (Draft::Rel(Rel::MonthDay(m, d, 0), Grain::Day, false), e),
        });
    }
    // `this christmas`, `next Easter`
    let n = rel_dir(lx.get(i).word())? as i32;
    let ((m, d), e) = holiday(lx, i + 1)?;
    Some((Draft::Rel(Rel::MonthDay(m, d, n), Grain::Day, false), e))
}

/// Holidays with a fixed day.
fn holiday(lx: &mut Lx, i: usize) -> Option<((u32, u32), usize)> {
    let t0 = lx.get(i);
    let w = t0.word();
    Some(match w {
        b"christmas" | b"xmas" => {
            let j = if lx.is(i + 1, "day") { i + 2 } else { i + 1 };
            if lx.is(i + 1, "eve") {
                ((12, 24), i + 2)
            } else {
                ((12, 25), j)
            }
        }
        b"halloween" => ((10, 31), i + 1),
        b"valentine" | b"valentines" => {
            let j = if lx.is_sym(i + 1, '\'') || lx.is_sym(i + 1, '\u{2019}') {
                i + 3
            } else {
                i + 1
            };
            let j = if lx.is(j, "day") { j + 1 } else { return None };
            ((2, 14), j)
        }
        // holidays on the n-th weekday of a month, and Easter: day codes resolved per year
        b"thanksgiving" => ((11, nth(4, Weekday::Thu)), day_word(lx, i + 1)),
        b"memorial" | b"labor" | b"labour" | b"independence" | b"boxing" if lx.is(i + 1, "day") => {
            let md = match w {
                b"memorial" => (5, nth(0, Weekday::Mon)),
                b"labor" | b"labour" => (9, nth(1, Weekday::Mon)),
                b"independence" => (7, 4),
                _ => (12, 26),
            };
            (md, i + 2)
        }
        b"mlk" | b"martin" => {
            let mut j = i + 1;
            if w == b"martin" {
                if !(lx.is(j, "luther") && lx.is(j + 1, "king")) {
                    return None;
                }
                j += 2;
            }
            j = possessive(lx, j);
            if lx.is(j, "jr") {
                j += if lx.is_sym(j + 1, '.') { 2 } else { 1 };
            }
            j = possessive(lx, j);
            if !lx.is(j, "day") {
                return None;
            }
            ((1, nth(3, Weekday::Mon)), j + 1)
        }
        b"presidents" | b"president" => {
            let j = possessive(lx, i + 1);
            if !lx.is(j, "day") {
                return None;
            }
            ((2, nth(3, Weekday::Mon)), j + 1)
        }
        b"mother" | b"mothers" | b"father" | b"fathers" => {
            let j = possessive(lx, i + 1);
            if !lx.is(j, "day") {
                return None;
            }
            let md = if w.starts_with(b"m") {
                (5, nth(2, Weekday::Sun))
            } else {
                (6, nth(3, Weekday::Sun))
            };
            (md, j + 1)
        }
        b"black" if lx.is(i + 1, "friday") => ((11, BLACK_FRIDAY), i + 2),
        b"st" | b"saint" => {
            let j = if lx.is_sym(i + 1, '.') { i + 2 } else { i + 1 };
            if !(lx.is(j, "patrick")
                || lx.is(j, "patricks")
                || lx.is(j, "paddy")
                || lx.is(j, "paddys"))
            {
                return None;
            }
            let j = possessive(lx, j + 1);
            if !lx.is(j, "day") {
                return None;
            }
            ((3, 17), j + 1)
        }
        b"easter" => {
            if lx.is(i + 1, "monday") {
                ((3, EASTER + 1), i + 2)
            } else {
                (
                    (3, EASTER),
                    day_word(lx, i + 1).max(if lx.is(i + 1, "sunday") { i + 2 } else { i + 1 }),
                )
            }
        }
        b"good" if lx.is(i + 1, "friday") => ((3, EASTER - 2), i + 2),
        b"new" if lx.is(i + 1, "year") || lx.is(i + 1, "years") => {
            let mut j = i + 2;
            if lx.is_sym(j, '\'') || lx.is_sym(j, '\u{2019}') {
                j += 1;
                if lx.is(j, "s") {
                    j += 1;
                }
            }
            if lx.is(j, "eve") {
                ((12, 31), j + 1)
            } else if lx.is(j, "day") {
                ((1, 1), j + 1)
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// Day codes for holidays that move: the n-th weekday of the month (`n` 0 = the last),
/// Black Friday, and Easter ± days.
pub const NTH: u32 = 200;
const BLACK_FRIDAY: u32 = 300;
const EASTER: u32 = 400;

const fn nth(n: u32, wd: Weekday) -> u32 {
    NTH + n * 10 + wd.num_days_from_monday()
}

/// An optional `day` after a holiday name.
fn day_word(lx: &mut Lx, j: usize) -> usize {
    if lx.is(j, "day") {
        j + 1
    } else {
        j
    }
}

/// Skips `'s`, `’s`, `s'` after a name.
fn possessive(lx: &mut Lx, j: usize) -> usize {
    if (lx.is_sym(j, '\'') || lx.is_sym(j, '\u{2019}')) && lx.glued(j) {
        if lx.is(j + 1, "s") && lx.glued(j + 1) {
            return j + 2;
        }
        return j + 1;
    }
    j
}

/// Easter Sunday (the anonymous Gregorian computus).
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

/// The day a moving holiday code names in year `y`.
pub fn moving_day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if d >= EASTER - 10 {
        let shift = i64::from(d) - i64::from(EASTER);
        return easter(y)?.checked_add_signed(Duration::days(shift));
    }
    if d == BLACK_FRIDAY {
        return moving_day(y, 11, nth(4, Weekday::Thu))?.succ_opt();
    }
    let (n, wd) = ((d - NTH) / 10, (d - NTH) % 10);
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let offset = (7 + i64::from(wd) - i64::from(first.weekday().num_days_from_monday())) % 7;
    let first_wd = first + Duration::days(offset);
    if n == 0 {
        let last = NaiveDate::from_ymd_opt(y, m, days_in_month(y, m))?;
        let back = (7 + i64::from(last.weekday().num_days_from_monday()) - i64::from(wd)) % 7;
        return Some(last - Duration::days(back));
    }
    Some(first_wd + Duration::days(7 * (i64::from(n) - 1)))
}
