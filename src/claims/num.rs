//! Numerals (digits and spelled out), scale words and hedges, shared by every kind.

use super::lex::{Lx, K};
use super::{Hedge, Magnitude};
use rust_decimal::Decimal;

/// A parsed numeral: its value and the token after it.
#[derive(Clone, Copy, Debug)]
pub struct Numeral {
    pub v: Decimal,
    pub next: usize,
    /// Written in digits (as opposed to words).
    pub digits: bool,
}

pub fn pow10(n: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(n), 0)
}

/// A number written in digits at token `i` (no ordinal).
pub fn digits(lx: &mut Lx, i: usize) -> Option<Numeral> {
    let t = lx.get(i);
    if t.k != K::Num || t.ord || t.nd > 27 {
        return None;
    }
    Some(Numeral {
        v: t.v,
        next: i + 1,
        digits: true,
    })
}

fn unit_word(w: &[u8]) -> Option<u32> {
    Some(match w {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &[u8]) -> Option<u32> {
    Some(match w {
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fourty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

fn big_word(w: &[u8]) -> Option<u32> {
    Some(match w {
        b"thousand" => 3,
        b"million" => 6,
        b"billion" => 9,
        b"trillion" => 12,
        _ => return None,
    })
}

/// The first byte and length test that lets the scanner skip words that start no numeral.
pub fn is_number_word(w: &[u8]) -> bool {
    unit_word(w).is_some()
        || tens_word(w).is_some()
        || matches!(w, b"a" | b"an" | b"dozen" | b"couple")
}

/// A number spelled out: `four`, `twenty-five`, `a hundred`, `two thousand three hundred`,
/// `a dozen`, `a couple of` (2).
pub fn spelled(lx: &mut Lx, i: usize) -> Option<Numeral> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        None,
        Unit,
        Tens,
        Hundred,
        Big,
    }
    if let Some(n) = fraction_of_big(lx, i) {
        return Some(n);
    }
    let mut total: i128 = 0;
    let mut cur: i128 = 0;
    let mut last = Last::None;
    let mut j = i;
    let mut end = i;
    loop {
        let t = lx.get(j);
        if t.k != K::Word {
            break;
        }
        let w = t.word();
        if let Some(u) = unit_word(w) {
            let after_tens = last == Last::Tens && (1..10).contains(&u);
            if !matches!(last, Last::None | Last::Hundred | Last::Big) && !after_tens {
                break;
            }
            cur += i128::from(u);
            last = Last::Unit;
            j += 1;
            end = j;
        } else if let Some(u) = tens_word(w) {
            if !matches!(last, Last::None | Last::Hundred | Last::Big) {
                break;
            }
            cur += i128::from(u);
            last = Last::Tens;
            j += 1;
            end = j;
            // twenty-five
            if lx.is_dash(j) && lx.glued(j) && lx.glued(j + 1) {
                if let Some(u) = unit_word(lx.get(j + 1).word()).filter(|u| (1..10).contains(u)) {
                    cur += i128::from(u);
                    last = Last::Unit;
                    j += 2;
                    end = j;
                }
            }
        } else if (w == b"a" || w == b"an") && last == Last::None {
            let n = lx.get(j + 1);
            if matches!(
                n.word(),
                b"hundred" | b"thousand" | b"million" | b"billion" | b"dozen"
            ) {
                cur = 1;
                last = Last::Unit;
                j += 1;
            } else if n.word() == b"couple" {
                if !lx.is(j + 2, "of") {
                    break;
                }
                cur = 2;
                last = Last::Unit;
                j += 3;
                end = j;
            } else {
                break;
            }
        } else if w == b"hundred" && matches!(last, Last::Unit | Last::Tens) && cur % 100 != 0 {
            cur *= 100;
            last = Last::Hundred;
            j += 1;
            end = j;
        } else if w == b"dozen" && last == Last::Unit {
            cur *= 12;
            last = Last::Big;
            j += 1;
            end = j;
        } else if let Some(p) =
            big_word(w).filter(|_| matches!(last, Last::Unit | Last::Tens | Last::Hundred))
        {
            total += cur * 10i128.pow(p);
            cur = 0;
            last = Last::Big;
            j += 1;
            end = j;
        } else if w == b"and" && matches!(last, Last::Hundred | Last::Big) {
            let n = lx.get(j + 1).word().to_vec();
            if unit_word(&n).is_some() || tens_word(&n).is_some() {
                j += 1;
            } else {
                break;
            }
        } else {
            break;
        }
        if total > 10i128.pow(24) || cur > 10i128.pow(24) {
            return None;
        }
    }
    if end == i {
        return None;
    }
    Some(Numeral {
        v: Decimal::from_i128_with_scale(total + cur, 0),
        next: end,
        digits: false,
    })
}

/// `half a million`, `a quarter billion`, `three-quarters of a million`: a fraction of a scale
/// word (the fraction alone, `half a year`, is no numeral).
fn fraction_of_big(lx: &mut Lx, i: usize) -> Option<Numeral> {
    let t = lx.get(i);
    let w = t.word();
    // (hundredths of the scale, the token after the fraction)
    let (part, mut j): (i128, usize) = match w {
        b"half" => (50, i + 1),
        b"quarter" => (25, i + 1),
        b"a" | b"one" if lx.is(i + 1, "quarter") => (25, i + 2),
        b"three" if lx.is(i + 1, "quarter") || lx.is(i + 1, "quarters") => (75, i + 2),
        b"three" if lx.is_dash(i + 1) && lx.is(i + 2, "quarters") => (75, i + 3),
        _ => return None,
    };
    if lx.is(j, "of") {
        j += 1;
    }
    if lx.is(j, "a") || lx.is(j, "an") {
        j += 1;
    }
    let p = big_word(lx.get(j).word())?;
    Some(Numeral {
        v: Decimal::from_i128_with_scale(part * 10i128.pow(p), 2).normalize(),
        next: j + 1,
        digits: false,
    })
}

/// Digits or words.
pub fn numeral(lx: &mut Lx, i: usize) -> Option<Numeral> {
    digits(lx, i).or_else(|| spelled(lx, i))
}

/// A scale word after a numeral at `i`: `bn`, `billion`, `M`, `k`, `lakh`, `crore`, … Single
/// letters and short abbreviations must be glued to the number (`$60M`), words may follow a space.
pub fn scale(lx: &mut Lx, i: usize) -> Option<(Decimal, usize)> {
    let t = lx.get(i);
    if t.k != K::Word {
        return None;
    }
    let glued = !t.sp;
    let raw = lx.raw(i);
    let p = match t.word() {
        b"thousand" => 3,
        b"million" | b"millions" => 6,
        b"billion" | b"billions" => 9,
        b"trillion" => 12,
        b"lakh" | b"lakhs" | b"lac" => 5,
        b"crore" | b"crores" | b"cr" => 7,
        b"bn" | b"bln" => 9,
        b"mn" | b"mln" => 6,
        b"tn" | b"trn" => 12,
        b"k" if glued => 3,
        b"m" if glued => 6,
        b"b" if glued => 9,
        b"t" if glued && raw == "T" => 12,
        _ => return None,
    };
    // `1.2 lakh crore`, `45 thousand crore`: Indian scales compound (10^12, 10^10)
    if p <= 5 && matches!(lx.get(i + 1).word(), b"crore" | b"crores") {
        return Some((pow10(p + 7), i + 2));
    }
    // a following letter would make it another word (`5 mph`), already excluded by the lexer
    Some((pow10(p), i + 1))
}

/// A hedge at `i`: the hedge and the token after it (kept in the lexer: several grammars ask for
/// the hedge at the same start token).
pub fn hedge(lx: &mut Lx, i: usize) -> (Option<Hedge>, usize) {
    match lx.hedge_memo {
        Some((k, r)) if k == i => r,
        _ => {
            let r = hedge_at(lx, i);
            lx.hedge_memo = Some((i, r));
            r
        }
    }
}

/// [`hedge`], read afresh.
fn hedge_at(lx: &mut Lx, i: usize) -> (Option<Hedge>, usize) {
    let t = lx.get(i);
    match t.k {
        K::Sym => match t.c {
            '~' | '\u{2248}' | '\u{223c}' => (Some(Hedge::About), i + 1),
            '>' => {
                if lx.is_sym(i + 1, '=') {
                    (Some(Hedge::AtLeast), i + 2)
                } else {
                    (Some(Hedge::MoreThan), i + 1)
                }
            }
            '\u{2265}' => (Some(Hedge::AtLeast), i + 1),
            '<' => {
                if lx.is_sym(i + 1, '=') {
                    (Some(Hedge::UpTo), i + 2)
                } else {
                    (Some(Hedge::LessThan), i + 1)
                }
            }
            '\u{2264}' => (Some(Hedge::UpTo), i + 1),
            _ => (None, i),
        },
        K::Word => {
            let w = t.word();
            let two = |lx: &mut Lx, s: &str| lx.is(i + 1, s);
            match w {
                b"about" | b"around" | b"roughly" | b"approximately" | b"some" | b"circa" => {
                    (Some(Hedge::About), i + 1)
                }
                b"approx" => {
                    let j = if lx.is_sym(i + 1, '.') { i + 2 } else { i + 1 };
                    (Some(Hedge::About), j)
                }
                b"ca" | b"c" if lx.is_sym(i + 1, '.') => (Some(Hedge::About), i + 2),
                b"nearly" | b"almost" => (Some(Hedge::Nearly), i + 1),
                b"just" if two(lx, "under") || two(lx, "below") => (Some(Hedge::Nearly), i + 2),
                b"just" if two(lx, "over") || two(lx, "above") => (Some(Hedge::MoreThan), i + 2),
                b"more" | b"greater" | b"higher" if two(lx, "than") => {
                    (Some(Hedge::MoreThan), i + 2)
                }
                b"over" | b"above" | b"exceeding" => (Some(Hedge::MoreThan), i + 1),
                b"upwards" if two(lx, "of") => (Some(Hedge::MoreThan), i + 2),
                b"in" if two(lx, "excess") && lx.is(i + 2, "of") => (Some(Hedge::MoreThan), i + 3),
                b"at" if two(lx, "least") => (Some(Hedge::AtLeast), i + 2),
                b"at" if two(lx, "most") => (Some(Hedge::UpTo), i + 2),
                b"no" | b"not" if two(lx, "less") && lx.is(i + 2, "than") => {
                    (Some(Hedge::AtLeast), i + 3)
                }
                b"no" | b"not" if two(lx, "more") && lx.is(i + 2, "than") => {
                    (Some(Hedge::UpTo), i + 3)
                }
                b"up" if two(lx, "to") => (Some(Hedge::UpTo), i + 2),
                b"as"
                    if (two(lx, "much") || two(lx, "many") || two(lx, "high"))
                        && lx.is(i + 2, "as") =>
                {
                    (Some(Hedge::UpTo), i + 3)
                }
                b"less" | b"fewer" | b"lower" if two(lx, "than") => (Some(Hedge::LessThan), i + 2),
                b"under" | b"below" => (Some(Hedge::LessThan), i + 1),
                _ => (None, i),
            }
        }
        _ => (None, i),
    }
}

/// The hedge words that may start a candidate (first words of [`hedge`]).
pub fn is_hedge_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"minus"
            | b"negative"
            | b"about"
            | b"around"
            | b"roughly"
            | b"approximately"
            | b"some"
            | b"circa"
            | b"approx"
            | b"ca"
            | b"nearly"
            | b"almost"
            | b"just"
            | b"more"
            | b"greater"
            | b"higher"
            | b"over"
            | b"above"
            | b"exceeding"
            | b"upwards"
            | b"in"
            | b"at"
            | b"no"
            | b"not"
            | b"up"
            | b"as"
            | b"less"
            | b"fewer"
            | b"lower"
            | b"under"
            | b"below"
            | b"between"
            | b"from"
    )
}

/// The magnitude of a point value under a hedge: bounds become open intervals.
pub fn bounded(v: Decimal, h: Option<Hedge>) -> Magnitude {
    match h {
        Some(Hedge::MoreThan) | Some(Hedge::AtLeast) => Magnitude::AtLeast(v),
        Some(Hedge::UpTo) | Some(Hedge::LessThan) => Magnitude::AtMost(v),
        _ => Magnitude::Exact(v),
    }
}

/// A range joiner at `i`: a dash, `to`, `through`, or `and` after `between`. Returns the token after.
pub fn range_joiner(lx: &mut Lx, i: usize, between: bool) -> Option<usize> {
    let t = lx.get(i);
    match t.k {
        K::Dash => Some(i + 1),
        K::Word => match t.word() {
            b"to" | b"through" | b"thru" if !between => Some(i + 1),
            b"and" if between => Some(i + 1),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_indian_scales() {
        let sc = |t: &str| {
            let mut lx = Lx::new(t);
            lx.reset(0);
            scale(&mut lx, 1).map(|(v, j)| (v.to_string(), j))
        };
        assert_eq!(sc("1.2 lakh crore"), Some(("1000000000000".into(), 3)));
        assert_eq!(sc("45 thousand crore"), Some(("10000000000".into(), 3)));
        assert_eq!(sc("5 crore rupees"), Some(("10000000".into(), 2)));
        // a million crore is no phrase: the million stands alone
        assert_eq!(sc("5 million crore"), Some(("1000000".into(), 2)));
    }

    fn sp(t: &str) -> Option<String> {
        let mut lx = Lx::new(t);
        lx.reset(0);
        spelled(&mut lx, 0).map(|n| format!("{}@{}", n.v, n.next))
    }

    #[test]
    fn spelled_numbers() {
        assert_eq!(sp("four years").as_deref(), Some("4@1"));
        assert_eq!(sp("twenty-five dollars").as_deref(), Some("25@3"));
        assert_eq!(sp("twenty five").as_deref(), Some("25@2"));
        assert_eq!(sp("a hundred and five").as_deref(), Some("105@4"));
        assert_eq!(sp("two thousand three hundred").as_deref(), Some("2300@4"));
        assert_eq!(sp("a dozen eggs").as_deref(), Some("12@2"));
        assert_eq!(sp("a couple of days").as_deref(), Some("2@3"));
        assert_eq!(sp("a day"), None);
        assert_eq!(sp("half a million people").as_deref(), Some("500000@3"));
        assert_eq!(sp("a quarter billion").as_deref(), Some("250000000@3"));
        assert_eq!(
            sp("three-quarters of a million").as_deref(),
            Some("750000@6")
        );
        assert_eq!(sp("three quarters billion").as_deref(), Some("750000000@3"));
        // a fraction of a time unit or a year is no numeral
        assert_eq!(sp("half a year"), None);
        assert_eq!(sp("a quarter of the year"), None);
        assert_eq!(sp("three quarters"), Some("3@1".into()));
        assert_eq!(sp("one one"), Some("1@1".into()));
    }
}
