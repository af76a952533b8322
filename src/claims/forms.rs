//! Less common ways to write a day, a month or a year: the year first (`2012/Aug/10`, `2024
//! Aug`), a month glued to its day (`Sep-23-2020`, `August/10, 2012`, `September-2020-23`), years
//! in words (`August two thousand and fifteen`, `13 Sept nineteen seventy two`), two-digit years
//! where nothing else can be meant (`3rd Feb 82`, `Aug 9, 96`, `Aug 96`) and decades (`the
//! 1990s`).

use super::date::{abs, month_at, month_word, Draft, Ymd, LAST};
use super::lex::{Lx, K};
use super::{num, Grain};

/// `-` or `/` glued on both sides.
fn glued_sep(lx: &mut Lx, i: usize) -> Option<char> {
    let t = lx.get(i);
    let ok = !t.sp && (t.k == K::Dash && t.c == '-' || t.k == K::Sym && t.c == '/');
    (ok && lx.glued(i + 1)).then_some(t.c)
}

/// A plain day number 1–31 of at most two digits.
fn day_num(lx: &mut Lx, i: usize) -> Option<u32> {
    let t = lx.get(i);
    if t.k != K::Num || t.fd != 0 || t.commas || t.nd > 2 {
        return None;
    }
    t.int().filter(|d| (1..=31).contains(d))
}

/// A four-digit year 1000–2999 as a plain number.
fn year4(lx: &mut Lx, i: usize) -> Option<i32> {
    let t = lx.get(i);
    if !t.is_int() || t.nd != 4 {
        return None;
    }
    let y = t.int()? as i32;
    (1000..=2999).contains(&y).then_some(y)
}

/// Nothing glued on after token `i - 1`: `2012/Aug/10.` ends, `2012/Aug/10x` does not.
fn free(lx: &mut Lx, i: usize) -> bool {
    let t = lx.get(i);
    t.sp || t.k == K::End
        || t.k == K::Sym && !matches!(t.c, '/' | '.' | ':' | '%')
        || t.k == K::Sym && t.c == '.' && lx.k(i + 1) == K::End
}

fn day(y: Option<i32>, m: u32, d: u32) -> Draft {
    let at = Ymd { y, m, d };
    abs(at, at, Grain::Day, false)
}

/// The year first: `2012/Aug/10`, `2019-aug-01`, and `2024 Aug` / `2017 april` as a month when
/// nothing follows the month name but punctuation.
pub fn year_first(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let y = year4(lx, i)?;
    if let Some(sep) = glued_sep(lx, i + 1) {
        let (m, _) = month_word(lx.get(i + 2).word())?;
        if glued_sep(lx, i + 3)? != sep {
            return None;
        }
        let d = day_num(lx, i + 4)?;
        return free(lx, i + 5).then(|| (day(Some(y), m, d), i + 5));
    }
    let t = lx.get(i + 1);
    if !t.sp {
        return None;
    }
    let (m, _) = month_word(t.word())?;
    let n = lx.get(i + 2);
    let ends = n.k == K::End || n.k == K::Sym && matches!(n.c, '.' | ',' | ';' | ')' | '!' | '?');
    if !ends {
        return None;
    }
    let y = Some(y);
    Some((
        abs(
            Ymd { y, m, d: 1 },
            Ymd { y, m, d: LAST },
            Grain::Month,
            false,
        ),
        i + 2,
    ))
}

/// A month name glued to its day: `Sep-23-2020`, `August/10/2012`, `August-10, 2012`, `Oct/2`,
/// and `September-2020-23` (month, year, day).
pub fn month_sep_day(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let (m, j, _) = month_at(lx, i)?;
    if j != i + 1 {
        return None; // `Sep.-23`
    }
    let sep = glued_sep(lx, j)?;
    if let Some(d) = day_num(lx, j + 1) {
        if glued_sep(lx, j + 2) == Some(sep) {
            let y = year4(lx, j + 3)?;
            return free(lx, j + 4).then(|| (day(Some(y), m, d), j + 4));
        }
        if !free(lx, j + 2) {
            return None;
        }
        // `August-10, 2012`
        let k = if lx.is_sym(j + 2, ',') { j + 3 } else { j + 2 };
        return Some(match year4(lx, k).filter(|_| free(lx, k + 1)) {
            Some(y) => (day(Some(y), m, d), k + 1),
            None => (day(None, m, d), j + 2),
        });
    }
    // `September-2020-23`
    let y = year4(lx, j + 1)?;
    if glued_sep(lx, j + 2)? != sep {
        return None;
    }
    let d = day_num(lx, j + 3)?;
    free(lx, j + 4).then(|| (day(Some(y), m, d), j + 4))
}

/// A two-digit year after a full day or a month (`3rd Feb 82`, `Aug 9, 96`, `April of 87`), only
/// where the sentence or clause ends after it: `on May 5, 20 soldiers` counts soldiers.
/// `over_31`: after a bare month, where the number could be a day: only 50–99 (1950–1999).
pub fn short_year(lx: &mut Lx, i: usize, over_31: bool) -> Option<(i32, usize)> {
    let j = if lx.is_sym(i, ',') || lx.is(i, "of") {
        i + 1
    } else {
        i
    };
    let t = lx.get(j);
    if !t.is_int() || t.nd != 2 || !t.sp {
        return None;
    }
    let v = t.int()? as i32;
    // after a bare month 32–49 is a broken day (`August 32`), not 2032–2049
    if over_31 && v < 50 {
        return None;
    }
    let n = lx.get(j + 1);
    let ends = n.k == K::End || n.k == K::Sym && matches!(n.c, '.' | ';' | ')' | '!' | '?');
    ends.then_some((if v < 50 { 2000 + v } else { 1900 + v }, j + 1))
}

/// A year in words: `two thousand [and] fifteen`, `nineteen seventy two`, `nineteen hundred
/// ninety three`, `twenty twenty five`. Only a clause end or a joining word may follow: `August
/// two thousand people` counts people.
pub fn year_words(lx: &mut Lx, i: usize) -> Option<(i32, usize)> {
    let whole = |n: num::Numeral| {
        (n.v.fract().is_zero() && !n.digits)
            .then(|| u32::try_from(n.v.mantissa()).ok())
            .flatten()
    };
    let a = num::spelled(lx, i)?;
    let v = whole(a)?;
    let (y, e) = if (1000..=2999).contains(&v) {
        // `two thousand and fifteen`, `seventeen hundred thirty three`
        (v, a.next)
    } else if (11..=20).contains(&v) {
        // `nineteen seventy two`, `twenty twenty five`: hundreds, then the rest
        let b = num::spelled(lx, a.next)?;
        let w = whole(b).filter(|w| (10..=99).contains(w))?;
        (v * 100 + w, b.next)
    } else {
        return None;
    };
    let n = lx.get(e);
    let ok = n.k == K::End
        || n.k == K::Sym && matches!(n.c, '.' | ',' | ';' | ')' | '!' | '?')
        || matches!(n.word(), b"and" | b"to" | b"until" | b"when" | b"through");
    ok.then_some((y as i32, e))
}

/// A day written with dots, which the lexer reads as a decimal then `.` and a number:
/// `2014.12.28` (year first), `13.09.2025` (day first, as Europe writes it), `10.31.1974` (month
/// first where the day cannot be the month). The year has four digits: `1.12.3` is a version.
pub fn dotted(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let t = lx.get(i);
    if t.k != K::Num || t.commas || t.ord || !(1..=2).contains(&t.fd) || !lx.is_sym(i + 1, '.') {
        return None;
    }
    let c = lx.get(i + 2);
    if !lx.glued(i + 1) || !lx.glued(i + 2) || !c.is_int() || !free(lx, i + 3) {
        return None;
    }
    let (a, b) = lx.raw(i).split_once('.')?;
    let (a, b, cv) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?, c.int()?);
    let (y, m, d) = match (t.nd, c.nd) {
        (4, 1..=2) => (a, b, cv),
        (1..=2, 4) if a > 12 || b <= 12 => (cv, b, a),
        (1..=2, 4) => (cv, a, b),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2999).contains(&y) {
        return None;
    }
    Some((day(Some(y as i32), m, d), i + 3))
}

/// A decade: `1990s`, `the 2000s` (the `s` glued to a year ending in 0).
pub fn decade(lx: &mut Lx, i: usize) -> Option<(Draft, usize)> {
    let t = lx.get(i);
    if !t.is_int() || t.nd != 4 {
        return None;
    }
    let y = t.int()? as i32;
    if !(1800..=2090).contains(&y) || y % 10 != 0 || !(lx.is(i + 1, "s") && lx.glued(i + 1)) {
        return None;
    }
    let n = lx.get(i + 2);
    if !n.sp && matches!(n.k, K::Word | K::Num) {
        return None;
    }
    let (from, to) = (
        Ymd {
            y: Some(y),
            m: 1,
            d: 1,
        },
        Ymd {
            y: Some(y + 9),
            m: 12,
            d: 31,
        },
    );
    Some((abs(from, to, Grain::Year, false), i + 2))
}

#[cfg(test)]
mod tests {
    use crate::claims::compose::tests::{check, dates, one};

    #[test]
    fn other_orders_and_spelled_years() {
        check(
            "2016-11-07",
            &[
                (
                    "The deadline is 2012/Aug/10.",
                    "2012/Aug/10",
                    "2012-08-10",
                    "2012-08-10",
                ),
                (
                    "Filed 2019-aug-01 in Delhi.",
                    "2019-aug-01",
                    "2019-08-01",
                    "2019-08-01",
                ),
                (
                    "Sales rose in 2017 April.",
                    "2017 April",
                    "2017-04-01",
                    "2017-04-30",
                ),
                (
                    "Due Sep-23-2020.",
                    "Sep-23-2020",
                    "2020-09-23",
                    "2020-09-23",
                ),
                (
                    "Due September-2020-23.",
                    "September-2020-23",
                    "2020-09-23",
                    "2020-09-23",
                ),
                (
                    "Signed August-10, 2012 in Rome.",
                    "August-10, 2012",
                    "2012-08-10",
                    "2012-08-10",
                ),
                (
                    "Signed on 14april 2015.",
                    "14april 2015",
                    "2015-04-14",
                    "2015-04-14",
                ),
                (
                    "They met on 3rd Feb 82.",
                    "3rd Feb 82",
                    "1982-02-03",
                    "1982-02-03",
                ),
                (
                    "They met on Aug 9, 96.",
                    "Aug 9, 96",
                    "1996-08-09",
                    "1996-08-09",
                ),
                ("It opened in Aug 96.", "Aug 96", "1996-08-01", "1996-08-31"),
                (
                    "It opened in April of 87.",
                    "April of 87",
                    "1987-04-01",
                    "1987-04-30",
                ),
                (
                    "I was out August two thousand and fifteen.",
                    "August two thousand and fifteen",
                    "2015-08-01",
                    "2015-08-31",
                ),
                (
                    "They arrived 13 Sept nineteen seventy two.",
                    "13 Sept nineteen seventy two",
                    "1972-09-13",
                    "1972-09-13",
                ),
                (
                    "It sailed on 6 April seventeen hundred thirty three.",
                    "6 April seventeen hundred thirty three",
                    "1733-04-06",
                    "1733-04-06",
                ),
                (
                    "Prices of the 1990s returned.",
                    "1990s",
                    "1990-01-01",
                    "1999-12-31",
                ),
                (
                    "Signed on 13.09.2025 in Bonn.",
                    "13.09.2025",
                    "2025-09-13",
                    "2025-09-13",
                ),
                (
                    "Filed 2014.12.28.",
                    "2014.12.28",
                    "2014-12-28",
                    "2014-12-28",
                ),
                (
                    "Born 10.31.1974 in Ohio.",
                    "10.31.1974",
                    "1974-10-31",
                    "1974-10-31",
                ),
            ],
        );
    }

    #[test]
    fn parts_of_a_decade() {
        check(
            "2016-11-07",
            &[
                (
                    "Rates fell in the mid-1990s.",
                    "the mid-1990s",
                    "1993-01-01",
                    "1996-12-31",
                ),
                (
                    "Since the late 1980s, it grew.",
                    "the late 1980s",
                    "1986-01-01",
                    "1989-12-31",
                ),
                (
                    "Prices of the early 2000s.",
                    "the early 2000s",
                    "2000-01-01",
                    "2003-12-31",
                ),
            ],
        );
    }

    #[test]
    fn numbers_after_a_date_stay_numbers() {
        let today = "2016-11-07";
        // a count after a day, a month or a spelled number is no year
        assert_eq!(one("On May 5, 20 soldiers died.", today).0, "May 5");
        assert_eq!(
            one("In August two thousand people marched.", today).0,
            "August"
        );
        assert_eq!(one("Held on Sept 14, 15 and 16.", today).0, "Sept 14");
        assert!(dates("In Aug 45 people died.", today).is_empty());
        // a day past the month's end is no year
        assert!(dates("It was August 32.", today)
            .iter()
            .all(|d| d.0 != "August 32"));
        // a year before a month name is a year when more words follow
        assert_eq!(one("In 2024 May voters left.", today).0, "2024");
        // a name with a number
        assert!(dates("We run Windows 2000 Aug.", today).is_empty());
        // versions and decimals are no days
        assert!(dates("Version 1.12.3 shipped.", today).is_empty());
        assert!(dates("Shares rose 10.5.", today).is_empty());
        // `1990s` glued to a word is a name
        assert!(dates("The 1990sx label.", today).is_empty());
    }
}
