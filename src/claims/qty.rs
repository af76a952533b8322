//! Percentages, durations, counts, multipliers and bare numbers.

use super::lex::{Lx, K};
use super::num::{self, hedge, range_joiner};
use super::{ClaimKind, DurationUnit, Hedge, Magnitude, PercentUnit};
use crate::source::Span;
use rust_decimal::Decimal;

/// A hyphen glued on both sides (`100-basis-point`, `0.5‑percentage‑point`).
fn joined_hyphen(lx: &mut Lx, i: usize) -> bool {
    let t = lx.get(i);
    t.k == K::Dash && matches!(t.c, '-' | '\u{2010}' | '\u{2011}') && !t.sp && lx.glued(i + 1)
}

/// A unit written as a compound adjective after its number: `a 100-basis-point cut`, `a
/// 25-bp hike`, `a 0.5-percentage-point rise`.
fn hyphenated_pct_unit(lx: &mut Lx, i: usize) -> Option<(PercentUnit, usize)> {
    if !joined_hyphen(lx, i) {
        return None;
    }
    let w = i + 1;
    let then = |lx: &mut Lx, j: usize| if joined_hyphen(lx, j) { j + 1 } else { j };
    let unit = match lx.get(w).word() {
        b"bp" | b"bps" => return Some((PercentUnit::BasisPoint, w + 1)),
        b"basis" => PercentUnit::BasisPoint,
        b"percentage" => PercentUnit::PercentagePoint,
        _ => return None,
    };
    let j = then(lx, w + 1);
    (lx.is(j, "point") || lx.is(j, "points")).then_some((unit, j + 1))
}

fn pct_unit(lx: &mut Lx, i: usize) -> Option<(PercentUnit, usize)> {
    if let Some(u) = hyphenated_pct_unit(lx, i) {
        return Some(u);
    }
    let t = lx.get(i);
    if t.k == K::Sym && (t.c == '%' || t.c == '\u{ff05}') {
        // `%20`, `%e3`: percent-encoding, not a percent sign
        let n = lx.get(i + 1);
        if !n.sp && matches!(n.k, K::Num | K::Word) {
            return None;
        }
        // `2 % points`
        if lx.is(i + 1, "points") || lx.is(i + 1, "point") || lx.is(i + 1, "pts") {
            return Some((PercentUnit::PercentagePoint, i + 2));
        }
        return Some((PercentUnit::Percent, i + 1));
    }
    match t.word() {
        b"percent" | b"pct" | b"percentage" | b"percents" => {
            let t1 = lx.get(i + 1);
            let n = t1.word();
            if matches!(n, b"point" | b"points" | b"pts") {
                Some((PercentUnit::PercentagePoint, i + 2))
            } else {
                Some((PercentUnit::Percent, i + 1))
            }
        }
        b"per" if lx.is(i + 1, "cent") => Some((PercentUnit::Percent, i + 2)),
        b"pp" | b"ppt" | b"ppts" => Some((PercentUnit::PercentagePoint, i + 1)),
        b"basis" if lx.is(i + 1, "point") || lx.is(i + 1, "points") => {
            Some((PercentUnit::BasisPoint, i + 2))
        }
        b"bp" | b"bps" => Some((PercentUnit::BasisPoint, i + 1)),
        _ => None,
    }
}

/// A percentage, percentage points or basis points, with ranges and hedges.
pub fn percent(lx: &mut Lx, i: usize) -> Option<(ClaimKind, Option<Hedge>, usize)> {
    // `minus five percent`
    if lx.is(i, "minus") || lx.is(i, "negative") {
        let (k, h, e) = percent(lx, i + 1)?;
        if let ClaimKind::Percent {
            value: Magnitude::Exact(v),
            unit,
        } = k
        {
            return Some((
                ClaimKind::Percent {
                    value: Magnitude::Exact(-v),
                    unit,
                },
                h,
                e,
            ));
        }
        return None;
    }
    let (h, mut i) = hedge(lx, i);
    let between = lx.is(i, "between");
    let from = lx.is(i, "from");
    if between || from {
        i += 1;
    }
    let a = num::numeral(lx, i)?;
    let u1 = pct_unit(lx, a.next);
    let j = u1.map_or(a.next, |(_, j)| j);
    // a bare year before `to 1.4%` is the period a forecast is for (`raised their growth
    // forecast for 2025 to 1.4%`), not the start of a range
    let year_like = u1.is_none()
        && a.v.fract().is_zero()
        && (Decimal::from(1900)..=Decimal::from(2100)).contains(&a.v);
    if let Some(k) = range_joiner(lx, j, between).filter(|_| !year_like) {
        if let Some(b) = num::numeral(lx, k) {
            if let Some((u2, e)) = pct_unit(lx, b.next) {
                if u1.map_or(true, |(u, _)| u == u2) {
                    return Some((
                        ClaimKind::Percent {
                            value: Magnitude::Range(a.v, b.v),
                            unit: u2,
                        },
                        h,
                        e,
                    ));
                }
            }
        }
    }
    if between || from {
        return None;
    }
    let (u, e) = u1?;
    Some((
        ClaimKind::Percent {
            value: num::bounded(a.v, h),
            unit: u,
        },
        h,
        e,
    ))
}

fn dur_unit(w: &[u8]) -> Option<(DurationUnit, Decimal)> {
    use DurationUnit::*;
    let one = Decimal::ONE;
    Some(match w {
        b"second" | b"seconds" | b"sec" | b"secs" => (Second, one),
        b"minute" | b"minutes" | b"min" | b"mins" => (Minute, one),
        b"hour" | b"hours" | b"hr" | b"hrs" => (Hour, one),
        b"day" | b"days" => (Day, one),
        // a stay counted in nights lasts that many days (`two nights in custody`)
        b"night" | b"nights" => (Day, one),
        b"week" | b"weeks" | b"wk" | b"wks" => (Week, one),
        b"fortnight" | b"fortnights" => (Week, Decimal::TWO),
        b"month" | b"months" => (Month, one),
        b"quarter" | b"quarters" => (Quarter, one),
        b"year" | b"years" | b"yr" | b"yrs" => (Year, one),
        b"decade" | b"decades" => (Year, Decimal::TEN),
        b"century" | b"centuries" => (Year, Decimal::ONE_HUNDRED),
        _ => return None,
    })
}

/// Is token `i` a number in a suspended-hyphen list (`5-, 10- and 30-year`)?
fn suspended(lx: &mut Lx, i: usize) -> bool {
    // the number's own hyphen is followed by `,`, `and`, `or`
    lx.is_dash(i + 1) && lx.glued(i + 1) && {
        let n = lx.get(i + 2);
        n.k == K::Sym && n.c == ',' || matches!(n.word(), b"and" | b"or" | b"to")
    }
}

/// A fraction written after `and` or alone: `a half`, `half`, `a quarter`, `one quarter`,
/// `three quarters`, `two quarters` (an optional `of` after it). Returns the value and the token
/// after it.
fn fraction(lx: &mut Lx, i: usize) -> Option<(Decimal, usize)> {
    let mut j = i;
    let mut n = Decimal::ONE;
    if lx.is(j, "a") || lx.is(j, "an") {
        j += 1;
    } else if let Some(k) = num::spelled(lx, j).filter(|k| k.v < Decimal::from(4)) {
        if lx.is(k.next, "quarter") || lx.is(k.next, "quarters") {
            n = k.v;
            j = k.next;
        }
    }
    let v = match lx.get(j).word() {
        b"half" if n == Decimal::ONE => Decimal::new(5, 1),
        b"quarter" | b"quarters" => n * Decimal::new(25, 2),
        _ => return None,
    };
    j += 1;
    if lx.is(j, "of") {
        j += 1;
    }
    Some((v, j))
}

/// `½`, `¼`, `¾`.
fn frac_sign(c: char) -> Option<Decimal> {
    match c {
        '\u{bd}' => Some(Decimal::new(5, 1)),
        '\u{bc}' => Some(Decimal::new(25, 2)),
        '\u{be}' => Some(Decimal::new(75, 2)),
        _ => None,
    }
}

/// A unit word at `j`: `h` only glued to its number (`3h`), never a plural after a hyphen
/// (`120-day`, but `5-years` is no adjective).
fn unit_at(lx: &mut Lx, j: usize, hyph: bool) -> Option<(DurationUnit, Decimal)> {
    let t = lx.get(j);
    let w = t.word();
    // a letter or digit glued on after the unit makes a name: `Windows 11 24H2`
    if lx.glued(j + 1) && matches!(lx.k(j + 1), K::Word | K::Num) {
        return None;
    }
    if w == b"h" {
        // `2H 2025` is the second half of a year in a results table, not two hours
        let n = lx.get(j + 1);
        if n.sp && n.is_int() && n.nd == 4 {
            return None;
        }
        return (!t.sp && !hyph && t.k == K::Word).then_some((DurationUnit::Hour, Decimal::ONE));
    }
    let u = dur_unit(w)?;
    if hyph && w.ends_with(b"s") && w != b"days" {
        return None;
    }
    Some(u)
}

/// A duration: `four years`, `30 days`, `a ~120-day window`, `1.5 hours`, `half an hour`,
/// `one and a quarter hours`, `2 more minutes`, `1/2 hour`, `two nights`.
///
/// `after_list`: the number follows `5-, 10- and` (a tenor list, no duration); `article_ok`: a
/// bare `a`/`an` may count as one here (after `for`, `within`, `over`…, not in `call it a day`);
/// both read the words before the candidate, so they are asked only where the grammar needs them.
pub fn duration(
    lx: &mut Lx,
    i: usize,
    after_list: &dyn Fn() -> bool,
    article_ok: &dyn Fn(&mut Lx) -> bool,
) -> Option<(ClaimKind, Option<Hedge>, usize)> {
    let (h, mut i) = hedge(lx, i);
    // `a half hour`, `a half-hour`
    if (lx.is(i, "a") || lx.is(i, "an")) && lx.is(i + 1, "half") && (h.is_some() || article_ok(lx))
    {
        i += 1;
    }
    // `half an hour`, `half a year`, `half hour`, `half-day`, `½ hour`
    let lone_half = lx.is(i, "half") || lx.sym(i).and_then(frac_sign).is_some();
    if lone_half {
        let v = lx.sym(i).and_then(frac_sign).unwrap_or(Decimal::new(5, 1));
        let mut j = i + 1;
        let hyph = lx.is_dash(j) && lx.glued(j) && lx.glued(j + 1);
        if hyph || lx.is(j, "a") || lx.is(j, "an") {
            j += 1;
        }
        if lx.get(j).word().ends_with(b"s") {
            return None;
        }
        let (u, m) = unit_at(lx, j, hyph)?;
        return Some((
            ClaimKind::Duration {
                value: num::bounded(v.checked_mul(m)?, h),
                unit: u,
            },
            h,
            j + 1,
        ));
    }
    let (a, single) = if lx.is(i, "a") || lx.is(i, "an") {
        if h.is_none() && !article_ok(lx) {
            return None;
        }
        (
            num::Numeral {
                v: Decimal::ONE,
                next: i + 1,
                digits: false,
            },
            true,
        )
    } else {
        (num::numeral(lx, i)?, false)
    };
    if a.digits && (suspended(lx, i) || after_list()) {
        return None;
    }
    let mut av = a.v;
    let mut b = None;
    let mut j = a.next;
    // `1/2 hour`, `3/4 hour`: a fraction of one unit (a date such as `1/2` needs a unit after)
    if a.digits && lx.is_sym(j, '/') && lx.glued(j) && lx.glued(j + 1) {
        let d = lx.get(j + 1);
        let den = d
            .is_int()
            .then(|| d.int())
            .flatten()
            .filter(|d| (2..=4).contains(d))?;
        if a.v >= Decimal::from(den) || a.v.fract() != Decimal::ZERO {
            return None;
        }
        av = a.v / Decimal::from(den);
        j += 2;
    }
    // `1½ hours`
    if a.digits && lx.glued(j) {
        if let Some(f) = lx.sym(j).and_then(frac_sign) {
            av = av.checked_add(f)?;
            j += 1;
        }
    }
    // `one and a half hours`, `5 and a half minutes`, `two and three quarters hours`
    let mut frac_before = false;
    if !single && lx.is(j, "and") {
        if let Some((f, k)) = fraction(lx, j + 1) {
            if dur_unit(lx.get(k).word()).is_some() {
                frac_before = true;
                av = av.checked_add(f)?;
                j = k;
            }
        }
    }
    if !single && !frac_before {
        if let Some(k) = range_joiner(lx, j, false) {
            if let Some(n) = num::numeral(lx, k) {
                if dur_unit(lx.get(n.next).word()).is_some() || lx.is_dash(n.next) {
                    b = Some(n.v);
                    j = n.next;
                }
            }
        }
    }
    // `2 more minutes`, `two additional years`: one word between the number and the unit
    if b.is_none()
        && !single
        && matches!(
            lx.get(j).word(),
            b"more" | b"additional" | b"extra" | b"further" | b"less" | b"fewer"
        )
        && dur_unit(lx.get(j + 1).word()).is_some()
    {
        j += 1;
    }
    // `120-day` (adjectival) or `120 days`
    let hyph = lx.is_dash(j) && lx.glued(j) && lx.glued(j + 1);
    if hyph {
        j += 1;
    }
    let t = lx.get(j);
    let (u, m) = unit_at(lx, j, hyph)?;
    // a single `a` needs the singular: `a year`, not `a years`
    if single && t.word().ends_with(b"s") {
        return None;
    }
    // `a quarter of respondents`, `three quarters of voters`: a share, not three months
    // (`two quarters of growth`, `3 quarters of losses` stay lengths)
    if u == DurationUnit::Quarter
        && lx.is(j + 1, "of")
        && !a.digits
        && (a.v == Decimal::ONE || a.v == Decimal::from(3))
    {
        return None;
    }
    let mut e = j + 1;
    // `an hour and a half`, `one year and a quarter`
    if !hyph && !frac_before && lx.is(e, "and") {
        // (not `a year and a quarter of the revenue`)
        if let Some((f, k)) = fraction(lx, e + 1).filter(|(_, k)| !lx.is(k - 1, "of")) {
            av = av.checked_add(f)?;
            e = k;
        }
    }
    let (mut av, mut u) = (av.checked_mul(m)?, u);
    // `2 years and 3 months`, `1 hour, 20 minutes and 5 seconds`: summed in the smallest unit
    if b.is_none() && !hyph {
        while let Some((v2, u2, e2)) = next_part(lx, e, u) {
            av = in_unit(av, u, u2)?.checked_add(v2)?;
            u = u2;
            e = e2;
        }
    }
    let value = match b {
        Some(bv) => Magnitude::Range(av, bv.checked_mul(m)?),
        None => num::bounded(av, h),
    };
    Some((ClaimKind::Duration { value, unit: u }, h, e))
}

/// Seconds in a unit (a month is 30 days, a year 365, as the peers count).
fn unit_seconds(u: DurationUnit) -> i64 {
    use DurationUnit::*;
    match u {
        Second => 1,
        Minute => 60,
        Hour => 3600,
        Day => 86_400,
        Week => 604_800,
        Month => 2_592_000,
        Quarter => 7_776_000,
        Year => 31_536_000,
    }
}

/// `v` in unit `from`, expressed in the smaller unit `to` (months, quarters and years convert
/// among themselves exactly).
fn in_unit(v: Decimal, from: DurationUnit, to: DurationUnit) -> Option<Decimal> {
    use DurationUnit::*;
    let months = |u: DurationUnit| match u {
        Month => Some(1),
        Quarter => Some(3),
        Year => Some(12),
        _ => None,
    };
    if let (Some(a), Some(b)) = (months(from), months(to)) {
        return v
            .checked_mul(Decimal::from(a))?
            .checked_div(Decimal::from(b));
    }
    v.checked_mul(Decimal::from(unit_seconds(from)))?
        .checked_div(Decimal::from(unit_seconds(to)))
}

/// The next part of a compound duration after token `e`: `and 3 months`, `, 2 days`, `thirty`
/// (minutes after hours). Only a smaller unit continues it.
fn next_part(lx: &mut Lx, e: usize, u: DurationUnit) -> Option<(Decimal, DurationUnit, usize)> {
    let mut k = e;
    if lx.is_sym(k, ',') {
        k += 1;
    }
    if lx.is(k, "and") {
        k += 1;
    }
    let n = num::numeral(lx, k)?;
    match dur_unit(lx.get(n.next).word()) {
        Some((u2, m2)) if unit_seconds(u2) < unit_seconds(u) => {
            Some((n.v.checked_mul(m2)?, u2, n.next + 1))
        }
        Some(_) => None,
        // `1 hour thirty`, `2 hours ten`: minutes, when nothing else follows
        None if u == DurationUnit::Hour && n.v < Decimal::from(60) && lx.k(n.next) == K::End => {
            Some((n.v, DurationUnit::Minute, n.next))
        }
        None => None,
    }
}

/// Words that end a counted noun phrase.
fn stop_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"in"
            | b"of"
            | b"to"
            | b"for"
            | b"and"
            | b"or"
            | b"the"
            | b"a"
            | b"an"
            | b"with"
            | b"that"
            | b"which"
            | b"who"
            | b"at"
            | b"on"
            | b"by"
            | b"from"
            | b"as"
            | b"vs"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"has"
            | b"have"
            | b"had"
            | b"across"
            | b"per"
            | b"than"
            | b"into"
            | b"over"
            | b"under"
            | b"end"
            | b"mid"
            | b"early"
            | b"late"
            | b"next"
            | b"this"
            | b"last"
            | b"since"
            | b"after"
            | b"before"
            | b"during"
            | b"while"
            | b"but"
            | b"not"
            | b"it"
            | b"its"
            | b"their"
            | b"each"
            | b"between"
            | b"among"
            | b"via"
            | b"against"
            | b"through"
            | b"up"
            | b"down"
            | b"out"
            | b"so"
            | b"if"
            | b"when"
            | b"where"
            | b"would"
            | b"will"
            | b"could"
            | b"can"
            | b"may"
            | b"more"
            | b"less"
            | b"year"
            | b"years"
            | b"ago"
            | b"apart"
    )
}

/// A multiplier: `2×`, `100x`, `~2×`, `up to 100×`.
pub fn ratio(lx: &mut Lx, i: usize) -> Option<(ClaimKind, Option<Hedge>, usize)> {
    let (h, i) = hedge(lx, i);
    let a = num::digits(lx, i)?;
    let mut j = a.next;
    let mut b = None;
    if lx.is_dash(j) && lx.glued(j) {
        if let Some(n) = num::digits(lx, j + 1) {
            b = Some(n.v);
            j = n.next;
        }
    }
    let t = lx.get(j);
    let is_x = t.k == K::Sym && t.c == '\u{d7}' || t.k == K::Word && t.word() == b"x" && !t.sp;
    if !is_x {
        return None;
    }
    // `2x4`, `3x3 matrix`: a dimension, not a multiplier
    let n = lx.get(j + 1);
    if !n.sp && n.k == K::Num {
        return None;
    }
    let value = match b {
        Some(b) => Magnitude::Range(a.v, b),
        None => num::bounded(a.v, h),
    };
    Some((ClaimKind::Ratio { value }, h, j + 1))
}

/// A count with its noun (`300,000 H20 GPUs`, `~157 million monthly active users`), else a bare
/// number worth keeping (`1.6 million`, `300,000`).
pub fn count(lx: &mut Lx, i: usize) -> Option<(ClaimKind, Option<Hedge>, usize)> {
    let (mut h, i) = hedge(lx, i);
    let a = num::digits(lx, i)?;
    let t = lx.get(i);
    // `(1)` enumerations and decimals without a scale (`4.0`) are no counts
    let (v, scaled, mut j) = match num::scale(lx, a.next) {
        Some((s, j)) => (a.v.checked_mul(s)?, true, j),
        None => {
            let n = lx.get(a.next);
            if n.k == K::Word && !n.sp {
                return None; // `910C`, `5y`, `40nm`
            }
            (a.v, false, a.next)
        }
    };
    // an index level in points may have decimals (`from 148.3 points to 142.8 points`)
    if t.fd > 0 && !scaled && !matches!(lx.get(j).word(), b"points" | b"pts") {
        return None;
    }
    if lx.is_sym(j, '+') && lx.glued(j) {
        h = h.or(Some(Hedge::AtLeast));
        j += 1;
    }
    // the noun: up to four words, names with digits allowed (`H20 GPUs`, `Ascend 910C chips`)
    let noun_start = j;
    let mut k = j;
    let mut words = 0;
    let mut last_lower = false;
    while words < 4 {
        let w = lx.get(k);
        if w.k == K::Word {
            if stop_word(w.word())
                || super::date::month_word(w.word()).is_some()
                || super::money::code_before_amount(lx, k)
            {
                break;
            }
            let raw = lx.raw(k);
            last_lower = raw.as_bytes()[0].is_ascii_lowercase() || raw.ends_with('s');
            k += 1;
            // glued digits: `H20`
            while lx.k(k) == K::Num && lx.glued(k) || lx.k(k) == K::Word && lx.glued(k) {
                k += 1;
            }
            words += 1;
        } else if w.k == K::Num && words > 0 && w.sp {
            // `Ascend 910C`
            k += 1;
            while lx.k(k) == K::Word && lx.glued(k) {
                k += 1;
            }
            last_lower = false;
            words += 1;
        } else if w.k == K::Dash && words > 0 && !w.sp && lx.k(k + 1) == K::Word && lx.glued(k + 1)
        {
            // `monthly-active`
            k += 2;
        } else {
            break;
        }
    }
    // drop trailing capitalised words that are not plural nouns
    let value = num::bounded(v, h);
    let plain_year =
        t.nd == 4 && !t.commas && !scaled && (1900..=2100).contains(&t.int().unwrap_or(0));
    if words > 0 && last_lower && !plain_year {
        let (s, _) = lx.span(noun_start, k);
        let e = lx.get(k - 1).e;
        return Some((
            ClaimKind::Count {
                value,
                noun: Span { start: s, end: e },
            },
            h,
            k,
        ));
    }
    if scaled || t.commas {
        return Some((ClaimKind::Number { value: v }, h, j));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::scan::scanned;
    use super::*;

    /// Every duration in `t`: (text, amount normalised, unit).
    fn durations(t: &str) -> Vec<(String, String, DurationUnit)> {
        scanned(t)
            .into_iter()
            .filter_map(|(s, k)| match k {
                ClaimKind::Duration {
                    value: Magnitude::Exact(v),
                    unit,
                } => Some((s, v.normalize().to_string(), unit)),
                _ => None,
            })
            .collect()
    }

    fn one(t: &str) -> (String, String, DurationUnit) {
        let d = durations(t);
        assert_eq!(d.len(), 1, "{t:?}: {d:?}");
        d[0].clone()
    }

    #[test]
    fn fractions_of_a_unit() {
        use DurationUnit::*;
        let cases = [
            ("The vote took half an hour.", "half an hour", "0.5", Hour),
            ("The strike was a half-day affair.", "half-day", "0.5", Day),
            ("Talks paused for half hour only.", "half hour", "0.5", Hour),
            ("We need a ½ hour call.", "½ hour", "0.5", Hour),
            ("The window is 3/4 hour long.", "3/4 hour", "0.75", Hour),
            (
                "It ran for one and a quarter years.",
                "one and a quarter years",
                "1.25",
                Year,
            ),
            (
                "Wait two and three quarters hours.",
                "two and three quarters hours",
                "2.75",
                Hour,
            ),
            (
                "The gap was one year and a quarter.",
                "one year and a quarter",
                "1.25",
                Year,
            ),
            (
                "Talks lasted an hour and a half.",
                "an hour and a half",
                "1.5",
                Hour,
            ),
            ("Delivery takes 1½ days.", "1½ days", "1.5", Day),
        ];
        for (t, s, v, u) in cases {
            assert_eq!(one(t), (s.to_string(), v.to_string(), u), "{t}");
        }
        // a fraction of something else stays out of the duration
        assert_eq!(
            one("It took a year and a quarter of the budget.").0,
            "a year"
        );
        // dates and rates are no fractions of a unit
        assert!(durations("The deal on 1/2 was signed; open 24/7 days a week.").is_empty());
        assert!(durations("It took 5/4 hour.").is_empty());
    }

    #[test]
    fn a_share_in_quarters_is_no_length() {
        assert!(durations("A quarter of respondents said no.").is_empty());
        assert!(durations("Three quarters of voters agreed.").is_empty());
        assert_eq!(one("It shrank for two quarters of 2024.").1, "2");
        assert_eq!(one("It lost money for 3 quarters of the past 4.").1, "3");
        assert_eq!(one("Profit fell for a quarter.").0, "a quarter");
    }

    #[test]
    fn counted_forms() {
        use DurationUnit::*;
        assert_eq!(one("Give it 2 more minutes.").1, "2");
        assert_eq!(one("It needs two additional years.").2, Year);
        assert_eq!(one("He spent two nights in custody.").2, Day);
        assert_eq!(one("The outage lasted 3h.").2, Hour);
        // `h` only glued to its number
        assert!(durations("Group 3 h shares fell.").is_empty());
    }

    #[test]
    fn index_levels_in_points_keep_their_decimals() {
        let got = scanned("The index fell from 148.3 points to 142.8 points.");
        let counts: Vec<&str> = got
            .iter()
            .filter(|(_, k)| matches!(k, ClaimKind::Count { .. }))
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(counts, ["148.3 points", "142.8 points"]);
        // other decimals without a scale stay no counts
        assert!(scanned("Version 4.0 shipped.")
            .iter()
            .all(|(_, k)| !matches!(k, ClaimKind::Count { .. })));
    }

    #[test]
    fn hyphenated_basis_and_percentage_points() {
        let got: Vec<(String, PercentUnit)> =
            scanned("a 100-basis-point cut, a 300\u{2011}basis\u{2011}point move, 25-bp hikes and a 0.5-percentage-point rise")
                .into_iter()
                .filter_map(|(s, k)| match k {
                    ClaimKind::Percent { unit, .. } => Some((s, unit)),
                    _ => None,
                })
                .collect();
        assert_eq!(
            got,
            [
                ("100-basis-point".to_string(), PercentUnit::BasisPoint),
                (
                    "300\u{2011}basis\u{2011}point".to_string(),
                    PercentUnit::BasisPoint
                ),
                ("25-bp".to_string(), PercentUnit::BasisPoint),
                (
                    "0.5-percentage-point".to_string(),
                    PercentUnit::PercentagePoint
                ),
            ]
        );
    }

    #[test]
    fn a_year_before_to_a_percent_is_no_range_start() {
        let percents: Vec<String> = scanned("raised its forecast for 2025 to 1.4% from 1.2%")
            .into_iter()
            .filter(|(_, k)| matches!(k, ClaimKind::Percent { .. }))
            .map(|(s, _)| s)
            .collect();
        assert_eq!(percents, ["1.4%", "1.2%"]);
        let range = scanned("odds of 40 to 46% and yields from 2.5 to 3%");
        assert!(range.iter().any(|(s, _)| s == "40 to 46%"), "{range:?}");
        assert!(
            range.iter().any(|(s, _)| s == "from 2.5 to 3%"),
            "{range:?}"
        );
    }

    #[test]
    fn offsets_and_tenors_are_no_lengths() {
        assert!(durations("A day after the vote, shares fell.").is_empty());
        assert!(durations("A week later it closed.").is_empty());
        assert!(durations("It sold 5-, 10- and 30-year bonds.").is_empty());
        assert!(durations("Qwen3-235B shipped on Sept 14\u{2013}15.").is_empty());
        // a unit with a letter or digit glued on is a name: `24H2` is a release, not 24 hours
        assert!(durations("Windows 11 24H2 shipped.").is_empty());
        assert!(durations("Its 2H 2025 guidance held.").is_empty());
        assert_eq!(one("It took 3h to ship.").0, "3h");
        // but a length after its verb stays one
        assert_eq!(one("The talks lasted a day after all.").0, "a day");
    }
}
