//! Money: a currency sign, code or word with an amount, scale, range and hedge.

use super::lex::{Lx, K};
use super::num::{self, hedge, range_joiner};
use super::{ClaimKind, Currency, Hedge, Magnitude};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One `[[currency]]` of `rules/lexicon/currencies.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    qualifiers: Vec<String>,
    #[serde(default)]
    bare: bool,
    #[serde(default)]
    ambiguous: bool,
    #[serde(default)]
    minor: Vec<String>,
    #[serde(default)]
    minor_per: Option<u32>,
    #[serde(default)]
    code_is_word: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    currency: Vec<Entry>,
}

/// A qualified name: the qualifier's words after the first, then one of the names.
struct Qualified {
    rest: Vec<Box<[u8]>>,
    names: Vec<Box<[u8]>>,
    code: Currency,
}

/// The currency lexicon, read once from `rules/lexicon/currencies.toml`.
pub struct Table {
    /// Every ISO code listed, sorted.
    codes: Vec<[u8; 3]>,
    /// Codes that are also names (`COP30`, the climate summit): they name a currency only with a
    /// space before the amount.
    word_codes: Vec<[u8; 3]>,
    /// A bare name and the currency it means.
    bare: HashMap<Box<[u8]>, Cur>,
    /// Qualified names by the qualifier's first word.
    qualified: HashMap<Box<[u8]>, Vec<Qualified>>,
    /// Minor-unit words: the currencies they belong to and how many make one unit.
    minor: HashMap<Box<[u8]>, Vec<(Currency, u32)>>,
    /// A bit per [`quick_key`] of every bare name and qualifier's first word: most words after
    /// a number are rejected here, before any hashing.
    quick: [u64; 64],
}

/// A 12-bit key from a lowercase word's length and first, second and last letters.
fn quick_key(w: &[u8]) -> usize {
    let n = w.len();
    let (a, b, z) = match w {
        [] => return 0,
        [a] => (*a, 0, *a),
        [a, b] => (*a, *b, *b),
        [a, b, .., z] => (*a, *b, *z),
    };
    ((usize::from(a) * 613) ^ (usize::from(b) * 97) ^ (usize::from(z) * 2909) ^ (n * 1231)) & 4095
}

impl Default for Table {
    fn default() -> Self {
        Table {
            codes: Vec::new(),
            word_codes: Vec::new(),
            bare: HashMap::new(),
            qualified: HashMap::new(),
            minor: HashMap::new(),
            quick: [0; 64],
        }
    }
}

fn bytes(s: &str) -> Box<[u8]> {
    s.to_ascii_lowercase().into_bytes().into_boxed_slice()
}

impl Table {
    pub fn parse(text: &str) -> Result<Table, String> {
        let f: File = toml::from_str(text).map_err(|e| format!("lexicon/currencies.toml: {e}"))?;
        let mut t = Table::default();
        for e in f.currency {
            let b = e.code.as_bytes();
            if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) {
                return Err(format!("lexicon/currencies.toml: bad code {:?}", e.code));
            }
            let code = Currency([b[0], b[1], b[2]]);
            t.codes.push(code.0);
            if e.code_is_word {
                t.word_codes.push(code.0);
            }
            let names: Vec<Box<[u8]>> = e.names.iter().map(|n| bytes(n)).collect();
            if e.bare {
                for n in &names {
                    t.bare.entry(n.clone()).or_insert(Cur {
                        code,
                        amb: e.ambiguous,
                        sub: false,
                        pow: 0,
                    });
                }
            }
            for q in &e.qualifiers {
                let mut words = q.split_whitespace().map(bytes);
                let Some(first) = words.next() else { continue };
                t.qualified.entry(first).or_default().push(Qualified {
                    rest: words.collect(),
                    names: names.clone(),
                    code,
                });
            }
            let per = e.minor_per.unwrap_or(100);
            for m in &e.minor {
                t.minor.entry(bytes(m)).or_default().push((code, per));
            }
        }
        t.codes.sort_unstable();
        t.codes.dedup();
        let keys: Vec<usize> = t
            .bare
            .keys()
            .chain(t.qualified.keys())
            .map(|k| quick_key(k))
            .collect();
        for k in keys {
            t.quick[k / 64] |= 1 << (k % 64);
        }
        Ok(t)
    }

    /// The built-in table (`rules/lexicon/currencies.toml`, compiled in).
    pub fn builtin() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| {
            Table::parse(crate::rules::embedded("lexicon/currencies.toml").unwrap_or(""))
                .unwrap_or_default()
        })
    }

    fn is_code(&self, raw: &[u8]) -> bool {
        raw.len() == 3 && self.codes.binary_search(&[raw[0], raw[1], raw[2]]).is_ok()
    }

    /// How many minor units of `word` make one `code` (`kopiykas` of UAH: 100).
    fn minor_of(&self, word: &[u8], code: Currency) -> Option<u32> {
        self.minor
            .get(word)?
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, per)| *per)
    }
}

/// How a currency was named.
#[derive(Clone, Copy, Debug)]
pub struct Cur {
    pub code: Currency,
    pub amb: bool,
    /// `cents`, `pence`: a hundredth of the unit.
    pub sub: bool,
    /// A power of ten the code itself carries: `MUSD` is a million dollars (6).
    pub pow: u32,
}

fn cur(code: &str, amb: bool) -> Cur {
    Cur {
        code: Currency::new(code),
        amb,
        sub: false,
        pow: 0,
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
        '\u{20b4}' => cur("UAH", false),
        '\u{20b8}' => cur("KZT", false),
        '\u{20a1}' => cur("CRC", false),
        '\u{20be}' => cur("GEL", false),
        '\u{20ad}' => cur("LAK", false),
        '\u{20b5}' => cur("GHS", false),
        '\u{20b2}' => cur("PYG", false),
        '\u{20ae}' => cur("MNT", false),
        '\u{20bc}' => cur("AZN", false),
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

/// An ISO code at `i`: capitals from the table, `RMB`, or a lowercase code that is no English
/// word (next to an amount only: callers check).
fn iso_at(lx: &mut Lx, i: usize) -> Option<Currency> {
    let t = lx.get(i);
    if t.k != K::Word || t.wl != 3 {
        return None;
    }
    let raw = lx.raw(i).as_bytes();
    if raw == b"RMB" || raw == b"rmb" {
        return Some(Currency::new("CNY"));
    }
    if Table::builtin().is_code(raw) {
        return Some(Currency([raw[0], raw[1], raw[2]]));
    }
    let w = t.word();
    is_lower_code(w).then(|| Currency([w[0] - 32, w[1] - 32, w[2] - 32]))
}

/// A currency code glued to the amount after it (`USD50`): no noun of a count before it.
pub fn code_before_amount(lx: &mut Lx, k: usize) -> bool {
    lx.glued(k + 1) && lx.k(k + 1) == K::Num && iso_at(lx, k).is_some()
}

/// Lowercase codes read as currencies next to an amount (`rmb 10`, `usd 20`).
pub fn is_lower_code(w: &[u8]) -> bool {
    matches!(
        w,
        b"usd"
            | b"eur"
            | b"gbp"
            | b"jpy"
            | b"cny"
            | b"inr"
            | b"aud"
            | b"cad"
            | b"hkd"
            | b"sgd"
            | b"chf"
            | b"myr"
            | b"rmb"
    )
}

/// `MUSD`, `MEUR`: a million of the currency, as Nordic and German business English writes it.
fn mega_at(lx: &mut Lx, i: usize) -> Option<Currency> {
    let t = lx.get(i);
    if t.k != K::Word || t.wl != 4 {
        return None;
    }
    let raw = lx.raw(i).as_bytes();
    (raw[0] == b'M' && Table::builtin().is_code(&raw[1..]))
        .then(|| Currency([raw[1], raw[2], raw[3]]))
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
                // `COP30` is a summit, `COP 30 billion` an amount
                if !lx.get(i + 1).sp && Table::builtin().word_codes.contains(&code.0) {
                    return None;
                }
                // `USD 700 million`, `EUR1.2bn`, `USD$5`
                let j = if lx.is_sym(i + 1, '$') && lx.glued(i + 1) {
                    i + 2
                } else {
                    i + 1
                };
                return Some((of(code), j));
            }
            if let Some(code) = mega_at(lx, i) {
                // `MAUD 60`
                return Some((Cur { pow: 6, ..of(code) }, i + 1));
            }
            None
        }
        _ => None,
    }
}

/// A currency named without ambiguity.
fn of(code: Currency) -> Cur {
    Cur {
        code,
        amb: false,
        sub: false,
        pow: 0,
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
        let c = match t.c {
            // `10¢`
            '\u{a2}' => Cur {
                sub: true,
                ..cur("USD", true)
            },
            // `100元`: the yuan's own sign
            '\u{5143}' => cur("CNY", false),
            c => sign(c, &MoneyCtx::default())?,
        };
        let n = lx.get(i + 1);
        if n.k == K::Num || n.k == K::Word && !n.sp {
            return None;
        }
        return Some((c, i + 1));
    }
    if t.k != K::Word {
        return None;
    }
    // `USD50` belongs to the amount glued after it, not to one before
    let glued_num = lx.glued(i + 1) && lx.k(i + 1) == K::Num;
    if let Some(code) = iso_at(lx, i) {
        return (!glued_num).then_some((of(code), i + 1));
    }
    if let Some(code) = mega_at(lx, i) {
        // `30 MUSD`
        return (!glued_num).then_some((Cur { pow: 6, ..of(code) }, i + 1));
    }
    // `3.14US$`
    if lx.is_sym(i + 1, '$') && lx.glued(i + 1) && !t.sp {
        if let Some(code) = dollar_prefix(t.word()) {
            return Some((cur(code, false), i + 2));
        }
    }
    match lx.raw(i) {
        "RM" => return Some((cur("MYR", false), i + 1)),
        "Rs" => return Some((cur("INR", true), i + 1)),
        _ => {}
    }
    let w = t.word();
    let sub = |code: &str| {
        Some((
            Cur {
                sub: true,
                ..cur(code, true)
            },
            i + 1,
        ))
    };
    match w {
        b"u" if lx.is_sym(i + 1, '.') && lx.is(i + 2, "s") && lx.is_sym(i + 3, '.') => {
            return plural(lx.get(i + 4).word(), b"dollar").then(|| (cur("USD", false), i + 5));
        }
        b"pound" | b"pounds" if lx.is(i + 1, "sterling") => {
            return Some((cur("GBP", false), i + 2));
        }
        b"cent" | b"cents" | b"c" if w != b"c" || !t.sp => return sub("USD"),
        b"pence" | b"penny" | b"pennies" | b"p" if w != b"p" || !t.sp => return sub("GBP"),
        _ => {}
    }
    let table = Table::builtin();
    let k = quick_key(w);
    if table.quick[k / 64] & (1 << (k % 64)) == 0 {
        return None;
    }
    if let Some(qs) = table.qualified.get(w) {
        for q in qs {
            let mut j = i + 1;
            if !q.rest.iter().all(|r| {
                let ok = lx.get(j).word() == &r[..];
                j += 1;
                ok
            }) {
                continue;
            }
            let name = lx.get(j);
            if q.names.iter().any(|n| name.word() == &n[..]) {
                return Some((of(q.code), j + 1));
            }
        }
    }
    table.bare.get(w).map(|c| (*c, i + 1))
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
            // `1666.90125 BRL`: no sum of money is written to a hundred-thousandth of a unit
            // (a price below one unit may be: `$0.00012`)
            if n.digits && lx.get(i).fd > 4 && n.v >= Decimal::ONE {
                return None;
            }
            // `$20s`, `$5xyz`: glued letters that are no scale make it no amount, unless they
            // name the currency (`20Rs`, `42RM`, `3.14US$`, `EUR1.2bn` is a scale)
            let t = lx.get(n.next);
            if t.k == K::Word && !t.sp && n.digits && !glued_currency(lx, n.next) {
                return None;
            }
            Some((n.v, None, n.next))
        }
    }
}

/// Letters glued to an amount that name its currency: a code, `RM`, `Rs`, `US$`.
fn glued_currency(lx: &mut Lx, k: usize) -> bool {
    iso_at(lx, k).is_some()
        || mega_at(lx, k).is_some()
        || matches!(lx.raw(k), "RM" | "Rs")
        || lx.is_sym(k + 1, '$') && lx.glued(k + 1) && dollar_prefix(lx.get(k).word()).is_some()
}

fn times(v: Decimal, s: Option<Decimal>) -> Option<Decimal> {
    match s {
        Some(s) => v.checked_mul(s),
        None => Some(v),
    }
}

/// How many of the minor unit at token `k` make one `code`: `cents` for any currency, the
/// table's words for the currency's own (`kopiykas`, `pence`, `sen`).
fn minor_at(lx: &mut Lx, k: usize, code: Currency) -> Option<Decimal> {
    let t = lx.get(k);
    let w = t.word();
    if matches!(w, b"cent" | b"cents") || w == b"c" && !t.sp {
        return Some(Decimal::ONE_HUNDRED);
    }
    Table::builtin().minor_of(w, code).map(Decimal::from)
}

/// `… and 43 cents`, `… 4 kopiykas`, `… and forty-five`: the minor units after a whole amount.
fn cents_after(lx: &mut Lx, e: usize, v: Magnitude, code: Currency) -> Option<(Magnitude, usize)> {
    let x = match v {
        Magnitude::Exact(x) | Magnitude::AtLeast(x) | Magnitude::AtMost(x) => x,
        Magnitude::Range(..) => return None,
    };
    if x.fract() != Decimal::ZERO {
        return None;
    }
    let and = lx.is(e, "and");
    let k = if and { e + 1 } else { e };
    let n = num::numeral(lx, k)?;
    if n.v.fract() != Decimal::ZERO {
        return None;
    }
    let with = |y: Decimal| match v {
        Magnitude::AtLeast(_) => Magnitude::AtLeast(y),
        Magnitude::AtMost(_) => Magnitude::AtMost(y),
        _ => Magnitude::Exact(y),
    };
    if let Some(per) = minor_at(lx, n.next, code) {
        let y = x.checked_add(n.v / per)?;
        return (n.v < per).then(|| (with(y), n.next + 1));
    }
    // a bare number only when nothing follows it (`15 dollars and 50.`, `13 dollars forty five`)
    let t = lx.get(n.next);
    let ends =
        matches!(t.k, K::End) || t.k == K::Sym && matches!(t.c, '.' | ',' | ';' | ')' | '?' | '!');
    if ends && n.v < Decimal::ONE_HUNDRED {
        return Some((with(x.checked_add(n.v / Decimal::ONE_HUNDRED)?), n.next));
    }
    None
}

/// `a dollar`, `an euro`: one unit, when what follows does not make the name an adjective
/// (`a dollar bond`, `a pound of`). Returns the token after the article.
fn one_unit(lx: &mut Lx, i: usize) -> Option<usize> {
    if !(lx.is(i, "a") || lx.is(i, "an")) {
        return None;
    }
    // `$7 a pound`, `90 cents a pound`: a rate per unit of weight, after an amount
    let b = lx.b;
    let mut k = lx.get(i).s;
    while k > 0 && b[k - 1] == b' ' {
        k -= 1;
    }
    let mut w = k;
    while w > 0 && b[w - 1].is_ascii_alphabetic() {
        w -= 1;
    }
    let before = &b[w..k];
    if w > 0 && b[w - 1].is_ascii_digit()
        || before.is_empty() && k > 0 && b[k - 1].is_ascii_digit()
        || matches!(before, b"cents" | b"pence" | b"dollars" | b"euros" | b"yen")
    {
        return None;
    }
    let (c, e) = suffix(lx, i + 1)?;
    let name = lx.get(i + 1);
    if c.pow != 0 || name.k != K::Word || name.word().ends_with(b"s") || e != i + 2 {
        return None;
    }
    let n = lx.get(e);
    let free = n.k != K::Word
        || matches!(
            n.word(),
            b"and"
                | b"a"
                | b"an"
                | b"per"
                | b"each"
                | b"apiece"
                | b"or"
                | b"more"
                | b"less"
                | b"for"
        );
    free.then_some(i + 1)
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
        if s1.is_none() && value.is_none() {
            if let Some((x, k)) = cents_after(lx, end, v, c.code) {
                v = x;
                end = k;
            }
        }
        (c, v, end)
    } else {
        let (v1, s1, j) = match one_unit(lx, i) {
            Some(j) => (Decimal::ONE, None, j),
            None => amount(lx, i, true)?,
        };
        let mut value = None;
        let mut j = j;
        // the currency after the amount, read once (asked again below when nothing follows)
        let (j0, after) = (j, suffix(lx, j));
        // `from 10 dollars to 20 dollars`: each end names the currency
        let mut j1 = j;
        if let Some((c1, k1)) = after {
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
        // `a 12-cent dividend`, `a one-yen bid`, `a 500-euro note` (not `5-pound bag`: a weight)
        if value.is_none()
            && lx.is_dash(j)
            && lx.glued(j)
            && lx.glued(j + 1)
            && matches!(
                lx.get(j + 1).word(),
                b"cent" | b"dollar" | b"euro" | b"yen" | b"yuan" | b"rupee" | b"penny"
            )
        {
            j += 1;
        }
        let (c, e) = if j == j0 { after } else { suffix(lx, j) }?;
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
                    v = v.checked_scale(s)?;
                    end = k;
                }
            }
        }
        if !c.sub && end == e {
            if let Some((x, k)) = cents_after(lx, e, v, c.code) {
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
    let value = if cur.pow > 0 {
        value.checked_scale(num::pow10(cur.pow))?
    } else {
        value
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

#[cfg(test)]
mod tests {
    use super::super::resolve::RawKind;
    use super::super::scan::{scan, scanned};
    use super::*;

    /// Every money claim in `t`: (text, value, currency).
    fn money_in(t: &str) -> Vec<(String, String, String)> {
        scanned(t)
            .into_iter()
            .filter_map(|(s, k)| match k {
                ClaimKind::Money {
                    value, currency, ..
                } => {
                    let v = match value {
                        Magnitude::Range(a, b) => format!("{}..{}", a.normalize(), b.normalize()),
                        Magnitude::AtLeast(v) => format!(">={}", v.normalize()),
                        Magnitude::AtMost(v) => format!("<={}", v.normalize()),
                        Magnitude::Exact(v) => v.normalize().to_string(),
                    };
                    Some((s, v, currency.to_string()))
                }
                _ => None,
            })
            .collect()
    }

    fn one(t: &str) -> (String, String) {
        let m = money_in(t);
        assert_eq!(m.len(), 1, "{t:?}: {m:?}");
        (m[0].1.clone(), m[0].2.clone())
    }

    #[test]
    fn the_table_parses_and_knows_its_codes() {
        let t = Table::parse(crate::rules::embedded("lexicon/currencies.toml").unwrap()).unwrap();
        assert!(t.is_code(b"UAH") && t.is_code(b"FIM") && !t.is_code(b"CEO"));
        assert_eq!(t.minor_of(b"kopiykas", Currency::new("UAH")), Some(100));
        assert_eq!(t.minor_of(b"kopiykas", Currency::new("USD")), None);
        assert!(Table::parse("[[currency]]\ncode = \"usd\"").is_err());
    }

    #[test]
    fn currency_names_from_the_table() {
        let cases = [
            (
                "The 1994 deal was worth 420 million Finnish markka.",
                "420000000",
                "FIM",
            ),
            (
                "Zeta sold 6.65 billion pesetas of shares.",
                "6650000000",
                "ESP",
            ),
            (
                "Bonds worth 250 million Dutch guilders matured.",
                "250000000",
                "NLG",
            ),
            ("Tickets cost 40 Kuwaiti dinars each.", "40", "KWD"),
            ("Rent is 9,000 rand a month.", "9000", "ZAR"),
            ("Lagos paid 2 billion naira.", "2000000000", "NGN"),
            ("It fell to 3,500 Pakistani rupees.", "3500", "PKR"),
            ("Kyiv raised 12 billion hryvnias.", "12000000000", "UAH"),
        ];
        for (t, v, c) in cases {
            assert_eq!(one(t), (v.to_string(), c.to_string()), "{t}");
        }
        // a bare shared name is the likeliest currency, marked ambiguous
        let r = scan("It cost 40 dinars.");
        assert!(matches!(
            r[0].kind,
            RawKind::Done(ClaimKind::Money {
                ambiguous: true,
                ..
            })
        ));
        // names that are English words count only with their qualifier
        assert!(money_in("He got 5 marks in the exam and 3 real chances.").is_empty());
        assert_eq!(one("It cost 5 Deutsche marks.").1, "DEM");
        assert_eq!(one("It cost 8 Brazilian real.").1, "BRL");
    }

    #[test]
    fn minor_units_after_a_whole_amount() {
        assert_eq!(one("Fare: 3 UAH 4 kopiykas.").0, "3.04");
        assert_eq!(one("It sold for 2 dollars and 15 cents.").0, "2.15");
        assert_eq!(one("It costs 13 dollars forty five.").0, "13.45");
        // a number that goes on is no cents: `15 dollars 50 more`
        assert_eq!(one("If they had just 15 dollars 50 more").0, "15");
        assert_eq!(
            one("It sold for more than 1 dollar and forty-two cents.").0,
            ">=1.42"
        );
        assert_eq!(one("It traded above a dollar and 42 cents.").0, ">=1.42");
        // a subunit of another currency does not add up
        assert_eq!(money_in("It cost 3 UAH 4 pence.").len(), 2);
        // `rmb 10 usd 20` is two amounts (the code starts the second)
        assert_eq!(
            money_in("Swap rmb 10 usd 20 today"),
            [
                ("rmb 10".into(), "10".into(), "CNY".into()),
                ("usd 20".into(), "20".into(), "USD".into())
            ]
        );
    }

    #[test]
    fn one_unit_only_as_an_amount() {
        assert_eq!(one("Shares now cost a dollar.").0, "1");
        assert_eq!(one("It rose to a euro per share.").0, "1");
        // a rate per unit of weight after an amount: only the amount
        assert_eq!(one("Beef sold at 7 dollars a pound.").0, "7");
        assert_eq!(one("Coffee rose 90 cents a pound.").0, "0.9");
        assert_eq!(one("Beef sold at $7 a pound.").0, "7");
        for t in [
            "He sold a dollar bond.",
            "It weighs a pound of flesh.",
            "The dollars flowed.",
        ] {
            assert!(money_in(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn glued_and_coded_forms() {
        assert_eq!(one("Price 3.14US$ today").1, "USD");
        assert_eq!(one("It costs 20Rs only").1, "INR");
        assert_eq!(one("Petronas paid RM42 per share").1, "MYR");
        assert_eq!(one("Losses of 30 MUSD were reported").0, "30000000");
        assert_eq!(one("Revenues of about MAUD 60 in 2024").0, "60000000");
        // a code glued to the next number belongs to it
        assert_eq!(
            money_in("We give away 3 USD50 cards"),
            [("USD50".into(), "50".into(), "USD".into())]
        );
        // a word that merely starts with M and a code is no amount
        assert!(money_in("MUSDX 60 units").is_empty());
        // a code that is also a name names a currency only apart from its amount
        assert!(money_in("COP30 opened in Belém.").is_empty());
        assert_eq!(one("Bogotá raised COP 30 billion.").1, "COP");
    }

    #[test]
    fn spelled_fractions_of_a_scale() {
        assert_eq!(one("It costs half a million dollars.").0, "500000");
        assert_eq!(one("It costs a quarter million US dollars.").0, "250000");
        assert_eq!(
            one("It costs three quarters billion us dollars.").0,
            "750000000"
        );
    }

    #[test]
    fn hyphenated_amounts_and_new_signs() {
        assert_eq!(one("a 12-cent-a-share dividend").0, "0.12");
        assert_eq!(one("its one-yen bid").1, "JPY");
        assert!(money_in("a 5-pound bag of sugar").is_empty());
        assert_eq!(one("the cost is 100\u{5143}!").1, "CNY");
        assert_eq!(one("a fee of \u{20b4}50").1, "UAH");
        assert_eq!(one("it costs 10\u{a2}").0, "0.1");
    }

    #[test]
    fn overflowing_scales_give_no_claim_and_no_panic() {
        assert!(money_in("999999999999999999999999999 USD million").is_empty());
        assert!(money_in("99999999999999999999999 MUSD").is_empty());
        assert_eq!(one("0.80000000000000000000US$bn").0, "800000000");
    }

    #[test]
    fn indian_grouping_and_precision() {
        assert_eq!(one("a loan of 12,34,567.89 rupees").0, "1234567.89");
        assert_eq!(one("Rs 1,25,000 was paid").0, "125000");
        // coordinates and other five-decimal figures are no sums of money
        assert!(money_in("Latitude: 40.1693, 1666.90125 BRL").is_empty());
        assert_eq!(one("The token hit $0.000123.").0, "0.000123");
    }
}
