//! Money: a currency sign, code or word with an amount, scale, range and hedge.

use super::lex::{Lx, K};
use super::num::{self, hedge, range_joiner};
use super::{ClaimKind, Currency, Hedge, Magnitude};
use rust_decimal::Decimal;

const ISO: &[&str] = &[
    "LBP", "BGN", "MNT", "JOD", "OMR", "MAD", "TND", "DZD", "IQD", "IRR", "HRK", "GEL", "KZT",
    "UZS", "BYN", "USD", "EUR", "GBP", "JPY", "CNY", "CNH", "HKD", "TWD", "SGD", "AUD", "CAD",
    "BRL", "INR", "KRW", "CHF", "SEK", "NOK", "DKK", "RUB", "ZAR", "MXN", "NZD", "TRY", "SAR",
    "AED", "IDR", "MYR", "THB", "PHP", "VND", "PLN", "CZK", "HUF", "ILS", "EGP", "NGN", "KES",
    "PKR", "ARS", "CLP", "COP", "PEN", "QAR", "KWD", "BHD", "UAH", "RON", "ISK", "BDT", "LKR",
];

/// How a currency was named.
#[derive(Clone, Copy, Debug)]
pub struct Cur {
    pub code: Currency,
    pub amb: bool,
    /// `cents`, `pence`: a hundredth of the unit.
    pub sub: bool,
}

fn cur(code: &str, amb: bool) -> Cur {
    Cur {
        code: Currency::new(code),
        amb,
        sub: false,
    }
}

/// The document's reading of `¥` (yen unless the text speaks of yuan).
#[derive(Clone, Copy, Debug, Default)]
pub struct MoneyCtx {
    pub yen_is_cny: bool,
}

fn sign(c: char, ctx: &MoneyCtx) -> Option<Cur> {
    Some(match c {
        '$' => cur("USD", true),
        '\u{20ac}' => cur("EUR", false),
        '\u{a3}' => cur("GBP", true),
        '\u{a5}' | '\u{ffe5}' => cur(if ctx.yen_is_cny { "CNY" } else { "JPY" }, true),
        '\u{20b9}' => cur("INR", false),
        '\u{20a9}' => cur("KRW", false),
        '\u{20bd}' => cur("RUB", false),
        '\u{20ba}' => cur("TRY", false),
        '\u{20a6}' => cur("NGN", false),
        '\u{20b1}' => cur("PHP", false),
        '\u{e3f}' => cur("THB", false),
        '\u{20ab}' => cur("VND", false),
        '\u{20aa}' => cur("ILS", false),
        _ => return None,
    })
}

/// Letters that qualify a `$`: `US$`, `HK$`, `NT$`, `S$`, `A$`, `C$`, `R$`, `NZ$`.
fn dollar_prefix(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"us" | b"u" => "USD",
        b"hk" => "HKD",
        b"nt" => "TWD",
        b"s" | b"sg" => "SGD",
        b"a" | b"au" => "AUD",
        b"c" | b"ca" | b"can" => "CAD",
        b"r" => "BRL",
        b"nz" => "NZD",
        b"mx" | b"mex" | b"mxn" => "MXN",
        b"aud" => "AUD",
        b"cad" => "CAD",
        b"nzd" => "NZD",
        b"hkd" => "HKD",
        b"sgd" => "SGD",
        b"usd" => "USD",
        _ => return None,
    })
}

fn iso_at(lx: &mut Lx, i: usize) -> Option<&'static str> {
    let t = lx.get(i);
    if t.k != K::Word || t.wl != 3 {
        return None;
    }
    let raw = lx.raw(i);
    if raw == "RMB" || raw == "rmb" {
        return Some("CNY");
    }
    if let Some(c) = ISO.iter().copied().find(|c| *c == raw) {
        return Some(c);
    }
    // lowercase codes that are no English word, next to an amount only (callers check)
    const LOWER: &[&str] = &[
        "usd", "eur", "gbp", "jpy", "cny", "inr", "aud", "cad", "hkd", "sgd", "chf", "myr",
    ];
    let w = t.word();
    LOWER.iter().copied().find(|c| c.as_bytes() == w).map(|c| {
        ISO.iter()
            .copied()
            .find(|i| i.eq_ignore_ascii_case(c))
            .unwrap_or("XXX")
    })
}

/// `¥` in a digest that also speaks of yuan: yen when Japan or the yen is named just before.
fn near_japan(lx: &Lx, at: usize) -> bool {
    let mut from = at.saturating_sub(240);
    while !lx.t.is_char_boundary(from) {
        from += 1;
    }
    let before = &lx.t[from..at];
    ["Japan", " yen", "Tokyo", "Nikkei"]
        .iter()
        .any(|w| before.contains(w))
}

/// A currency before the amount; returns the token after it.
pub fn prefix(lx: &mut Lx, i: usize, ctx: &MoneyCtx) -> Option<(Cur, usize)> {
    let t = lx.get(i);
    match t.k {
        K::Sym => {
            let mut c = sign(t.c, ctx)?;
            if c.code.as_str() == "CNY" && near_japan(lx, t.s) {
                c.code = Currency::new("JPY");
            }
            Some((c, i + 1))
        }
        K::Word => {
            let n = lx.get(i + 1);
            // `c $ 16.4 million`, `hk $ 10`: a spaced sign after a two-letter qualifier
            if n.sp
                && n.k == K::Sym
                && n.c == '$'
                && t.wl >= 1
                && !matches!(t.word(), b"a" | b"s" | b"r" | b"us")
            {
                if let Some(code) = dollar_prefix(t.word()) {
                    if lx.get(i + 2).k == K::Num {
                        return Some((cur(code, false), i + 2));
                    }
                }
            }
            if !n.sp && n.k == K::Sym {
                if n.c == '$' {
                    if let Some(code) = dollar_prefix(t.word()) {
                        return Some((cur(code, false), i + 2));
                    }
                }
                if n.c == '\u{a5}' || n.c == '\u{ffe5}' {
                    match t.word() {
                        b"cn" | b"rmb" => return Some((cur("CNY", false), i + 2)),
                        b"jp" => return Some((cur("JPY", false), i + 2)),
                        _ => {}
                    }
                }
                // `U.S.$`
                if t.word() == b"u"
                    && n.c == '.'
                    && lx.is(i + 2, "s")
                    && lx.is_sym(i + 3, '.')
                    && lx.is_sym(i + 4, '$')
                {
                    return Some((cur("USD", false), i + 5));
                }
            }
            let raw = lx.raw(i);
            if raw == "RM" && lx.get(i + 1).k == K::Num {
                return Some((cur("MYR", false), i + 1));
            }
            if raw == "Rs" || raw == "INR" {
                let j = if lx.is_sym(i + 1, '.') && lx.glued(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                return Some((cur("INR", raw == "Rs"), j));
            }
            if let Some(code) = iso_at(lx, i) {
                // `USD 700 million`, `EUR1.2bn`, `USD$5`
                let j = if lx.is_sym(i + 1, '$') && lx.glued(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                return Some((cur(code, false), j));
            }
            None
        }
        _ => None,
    }
}

fn plural(w: &[u8], one: &[u8]) -> bool {
    w == one || w.len() == one.len() + 1 && w.starts_with(one) && w.ends_with(b"s")
}

/// A currency after the amount: `yuan`, `dollars`, `US dollars`, `Hong Kong dollars`, `USD`,
/// `cents`. Returns the token after it.
pub fn suffix(lx: &mut Lx, i: usize) -> Option<(Cur, usize)> {
    let t = lx.get(i);
    if t.k == K::Sym {
        // `20€`, `10 $`: a sign after the amount (not before another amount: `10 $ 30`)
        let c = sign(t.c, &MoneyCtx::default())?;
        let n = lx.get(i + 1);
        if n.k == K::Num || n.k == K::Word && !n.sp {
            return None;
        }
        return Some((c, i + 1));
    }
    if t.k != K::Word {
        return None;
    }
    if let Some(code) = iso_at(lx, i) {
        return Some((cur(code, false), i + 1));
    }
    let w = t.word();
    let dollar = |lx: &mut Lx, j: usize| plural(lx.get(j).word(), b"dollar");
    let qualified = |lx: &mut Lx, code: &'static str, j: usize| {
        if dollar(lx, j) {
            Some((cur(code, false), j + 1))
        } else {
            None
        }
    };
    let r = match w {
        b"us" | b"american" => qualified(lx, "USD", i + 1),
        b"u" if lx.is_sym(i + 1, '.') && lx.is(i + 2, "s") && lx.is_sym(i + 3, '.') => {
            qualified(lx, "USD", i + 4)
        }
        b"hong" if lx.is(i + 1, "kong") => qualified(lx, "HKD", i + 2),
        b"singapore" | b"singaporean" => qualified(lx, "SGD", i + 1),
        b"australian" | b"aussie" => qualified(lx, "AUD", i + 1),
        b"canadian" => qualified(lx, "CAD", i + 1),
        b"taiwan" | b"taiwanese" => qualified(lx, "TWD", i + 1),
        b"new" if lx.is(i + 1, "taiwan") => qualified(lx, "TWD", i + 2),
        b"new" if lx.is(i + 1, "zealand") => qualified(lx, "NZD", i + 2),
        b"dollar" | b"dollars" | b"bucks" | b"buck" => Some((cur("USD", true), i + 1)),
        b"yuan" | b"renminbi" | b"rmb" => Some((cur("CNY", false), i + 1)),
        b"chinese" if lx.is(i + 1, "yuan") => Some((cur("CNY", false), i + 2)),
        b"euro" | b"euros" | b"eur" => Some((cur("EUR", false), i + 1)),
        b"pound" | b"pounds" | b"quid" => {
            if lx.is(i + 1, "sterling") {
                Some((cur("GBP", false), i + 2))
            } else {
                Some((cur("GBP", true), i + 1))
            }
        }
        b"british" if plural(lx.get(i + 1).word(), b"pound") => Some((cur("GBP", false), i + 2)),
        b"sterling" | b"gbp" => Some((cur("GBP", false), i + 1)),
        b"yen" => Some((cur("JPY", false), i + 1)),
        b"japanese" if lx.is(i + 1, "yen") => Some((cur("JPY", false), i + 2)),
        b"rupee" | b"rupees" => Some((cur("INR", true), i + 1)),
        b"indian" if plural(lx.get(i + 1).word(), b"rupee") => Some((cur("INR", false), i + 2)),
        b"won" => Some((cur("KRW", false), i + 1)),
        b"korean" | b"south" => {
            let j = if w == b"south" && lx.is(i + 1, "korean") {
                i + 2
            } else {
                i + 1
            };
            if lx.is(j, "won") {
                Some((cur("KRW", false), j + 1))
            } else {
                None
            }
        }
        b"franc" | b"francs" => Some((cur("CHF", true), i + 1)),
        b"swiss" if plural(lx.get(i + 1).word(), b"franc") => Some((cur("CHF", false), i + 2)),
        b"peso" | b"pesos" => Some((cur("MXN", true), i + 1)),
        b"mexican" if plural(lx.get(i + 1).word(), b"peso") => Some((cur("MXN", false), i + 2)),
        b"reais" | b"real" if w == b"reais" => Some((cur("BRL", false), i + 1)),
        b"ruble" | b"rubles" | b"rouble" | b"roubles" => Some((cur("RUB", false), i + 1)),
        b"rand" => Some((cur("ZAR", false), i + 1)),
        b"turkish" if plural(lx.get(i + 1).word(), b"lira") || lx.is(i + 1, "liras") => {
            Some((cur("TRY", false), i + 2))
        }
        b"malaysian" | b"malaysia" if lx.is(i + 1, "ringgit") || lx.is(i + 1, "ringgits") => {
            Some((cur("MYR", false), i + 2))
        }
        b"egyptian" | b"lebanese" if plural(lx.get(i + 1).word(), b"pound") => Some((
            cur(if w == b"egyptian" { "EGP" } else { "LBP" }, false),
            i + 2,
        )),
        b"kuwaiti" | b"jordanian" | b"bahraini" | b"iraqi" | b"algerian" | b"tunisian"
            if plural(lx.get(i + 1).word(), b"dinar") =>
        {
            let code = match w {
                b"kuwaiti" => "KWD",
                b"jordanian" => "JOD",
                b"bahraini" => "BHD",
                b"iraqi" => "IQD",
                b"algerian" => "DZD",
                _ => "TND",
            };
            Some((cur(code, false), i + 2))
        }
        b"qatari" | b"saudi" | b"omani" | b"iranian"
            if plural(lx.get(i + 1).word(), b"riyal") || plural(lx.get(i + 1).word(), b"rial") =>
        {
            let code = match w {
                b"qatari" => "QAR",
                b"saudi" => "SAR",
                b"omani" => "OMR",
                _ => "IRR",
            };
            Some((cur(code, false), i + 2))
        }
        b"dinar" | b"dinars" => Some((cur("KWD", true), i + 1)),
        b"rial" | b"rials" => Some((cur("SAR", true), i + 1)),
        b"ringgits" => Some((cur("MYR", false), i + 1)),
        b"tugrik" | b"tugriks" | b"tughrik" => Some((cur("MNT", false), i + 1)),
        b"lira" | b"liras" => Some((cur("TRY", true), i + 1)),
        b"ringgit" => Some((cur("MYR", false), i + 1)),
        b"baht" => Some((cur("THB", false), i + 1)),
        b"rupiah" => Some((cur("IDR", false), i + 1)),
        b"zloty" | b"zlotys" => Some((cur("PLN", false), i + 1)),
        b"dirham" | b"dirhams" => Some((cur("AED", true), i + 1)),
        b"riyal" | b"riyals" => Some((cur("SAR", true), i + 1)),
        b"shekel" | b"shekels" => Some((cur("ILS", false), i + 1)),
        b"naira" => Some((cur("NGN", false), i + 1)),
        b"krona" | b"kronor" => Some((cur("SEK", true), i + 1)),
        b"krone" | b"kroner" => Some((cur("NOK", true), i + 1)),
        b"cent" | b"cents" | b"c" if w != b"c" || !t.sp => {
            let mut c = cur("USD", true);
            c.sub = true;
            Some((c, i + 1))
        }
        b"pence" | b"p" if w != b"p" || !t.sp => {
            let mut c = cur("GBP", true);
            c.sub = true;
            Some((c, i + 1))
        }
        _ => None,
    };
    r
}

/// An amount after a currency sign: digits with an optional scale (`$60M`, `$ 4 billion`),
/// or spelled-out words after a code. Returns (value, scale, next).
fn amount(lx: &mut Lx, i: usize, words: bool) -> Option<(Decimal, Option<Decimal>, usize)> {
    let n = if words {
        num::numeral(lx, i)?
    } else {
        num::digits(lx, i)?
    };
    match num::scale(lx, n.next) {
        Some((s, j)) => Some((n.v, Some(s), j)),
        None => {
            // `$20s`, `$5xyz`: glued letters that are no scale make it no amount
            let t = lx.get(n.next);
            if t.k == K::Word && !t.sp && n.digits && iso_at(lx, n.next).is_none() {
                return None;
            }
            Some((n.v, None, n.next))
        }
    }
}

fn times(v: Decimal, s: Option<Decimal>) -> Option<Decimal> {
    match s {
        Some(s) => v.checked_mul(s),
        None => Some(v),
    }
}

/// `… and 43 cents`, `… 50 cents`, `… and forty-five`: the hundredths after a whole amount.
fn cents_after(lx: &mut Lx, e: usize, v: Magnitude) -> Option<(Magnitude, usize)> {
    let Magnitude::Exact(x) = v else {
        return None;
    };
    if x.fract() != Decimal::ZERO {
        return None;
    }
    let k = if lx.is(e, "and") { e + 1 } else { e };
    let n = num::numeral(lx, k)?;
    if n.v >= Decimal::ONE_HUNDRED || n.v.fract() != Decimal::ZERO {
        return None;
    }
    let t = lx.get(n.next);
    let sub = matches!(
        t.word(),
        b"cents" | b"cent" | b"pence" | b"penny" | b"sen" | b"sens" | b"c"
    ) && (t.word() != b"c" || !t.sp);
    if sub {
        return Some((Magnitude::Exact(x + n.v / Decimal::ONE_HUNDRED), n.next + 1));
    }
    // a bare number only when nothing follows it (`15 dollars and 50.`)
    if matches!(t.k, K::End) || t.k == K::Sym && matches!(t.c, '.' | ',' | ';' | ')' | '?' | '!') {
        return Some((Magnitude::Exact(x + n.v / Decimal::ONE_HUNDRED), n.next));
    }
    None
}

/// A money claim at `i`: (kind, hedge, token after).
pub fn money(lx: &mut Lx, i: usize, ctx: &MoneyCtx) -> Option<(ClaimKind, Option<Hedge>, usize)> {
    let (mut h, mut i) = hedge(lx, i);
    let mut between = false;
    let mut from = false;
    if lx.is(i, "between") {
        between = true;
        i += 1;
    } else if lx.is(i, "from") {
        from = true;
        i += 1;
    }
    let (cur, value, mut end) = if let Some((c, j)) = prefix(lx, i, ctx) {
        let (v1, s1, j) = amount(lx, j, false)?;
        let mut end = j;
        let mut value = None;
        if let Some(k) = range_joiner(lx, j, between) {
            let k2 = match prefix(lx, k, ctx) {
                Some((c2, k2)) if c2.code == c.code => k2,
                _ => k,
            };
            if let Some((v2, s2, e2)) = amount(lx, k2, false) {
                let s1b = s1.or(s2);
                value = Some(Magnitude::Range(times(v1, s1b)?, times(v2, s2.or(s1))?));
                end = e2;
            }
        }
        if between && value.is_none() || from && value.is_none() {
            return None;
        }
        let mut v = match value {
            Some(v) => v,
            None => num::bounded(times(v1, s1)?, h),
        };
        // `$5 million dollars`, `$5 USD`
        if let Some((c2, e)) = suffix(lx, end) {
            if c2.code == c.code && !c2.sub {
                end = e;
            }
        }
        // `$20 and 43c`
        if s1.is_none() && value.is_none() && h.is_none() {
            if let Some((x, k)) = cents_after(lx, end, v) {
                v = x;
                end = k;
            }
        }
        (c, v, end)
    } else {
        let (v1, s1, j) = amount(lx, i, true)?;
        let mut value = None;
        let mut j = j;
        // `from 10 dollars to 20 dollars`: each end names the currency
        let mut j1 = j;
        if let Some((c1, k1)) = suffix(lx, j) {
            if range_joiner(lx, k1, between).is_some() {
                j1 = k1;
                let _ = c1;
            }
        }
        if let Some(k) = range_joiner(lx, j1, between) {
            if let Some((v2, s2, e2)) = amount(lx, k, true) {
                if j1 == j || suffix(lx, e2).is_some() {
                    value = Some((v1, s1, v2, s2));
                    j = e2;
                }
            }
        }
        if (between || from) && value.is_none() {
            return None;
        }
        let (c, e) = suffix(lx, j)?;
        let sub = |v: Decimal| if c.sub { v / Decimal::ONE_HUNDRED } else { v };
        let v = match value {
            Some((v1, s1, v2, s2)) => {
                Magnitude::Range(sub(times(v1, s1.or(s2))?), sub(times(v2, s2.or(s1))?))
            }
            None => num::bounded(sub(times(v1, s1)?), h),
        };
        let mut end = e;
        let mut v = v;
        // `75 USD million`
        if s1.is_none() && value.is_none() {
            if let Some((s, k)) = num::scale(lx, e) {
                if lx.get(e).wl > 1 {
                    v = v.scale(s);
                    end = k;
                }
            }
        }
        if !c.sub && end == e {
            if let Some((x, k)) = cents_after(lx, e, v) {
                v = x;
                end = k;
            }
        }
        (c, v, end)
    };
    // `$100M+`, `$5bn or more`
    if h.is_none() {
        if lx.is_sym(end, '+') && lx.glued(end) {
            h = Some(Hedge::AtLeast);
            end += 1;
        } else if lx.is(end, "or") && (lx.is(end + 1, "more") || lx.is(end + 1, "above")) {
            h = Some(Hedge::AtLeast);
            end += 2;
        }
    }
    let value = match (value, h) {
        (Magnitude::Exact(v), Some(Hedge::AtLeast)) => Magnitude::AtLeast(v),
        (v, _) => v,
    };
    Some((
        ClaimKind::Money {
            value,
            currency: cur.code,
            ambiguous: cur.amb,
        },
        h,
        end,
    ))
}
