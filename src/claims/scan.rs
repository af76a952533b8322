//! The claim scanner: one forward pass over the bytes.
//!
//! Prose is skipped with a 256-entry byte class table: only digits, currency signs, `~ > <`
//! and a short list of trigger words (months, hedges, `next`, `mid`, currency codes, spelled
//! numbers…) start a candidate, and a letter-initial word is only looked up after a length check.
//! At a candidate the grammars of every kind run on a lazily lexed token window; the longest
//! match wins (dates, then money, percent, duration on ties), with multipliers and counts as
//! the fallback. The second pass (`resolve`) applies the digest's context.

use super::lex::{lower_word, pack, packed_lower, unpack, word_at, Lx, Packed, WORD_CAP};
use super::money::{self, MoneyCtx};
use super::resolve::{self, Raw, RawKind};
use super::{date, num, qty, Claim, ExtractOptions, Hedge};
use crate::digest::Digest;
use crate::source::Span;
use memchr::memmem;

const SKIP: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SIGN: u8 = 3;
const LEAD: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [SKIP; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'$' || c == b'~' || c == b'>' || c == b'<' || c == b'\'' {
            SIGN
        } else if c == 0xC2 || c == 0xE2 || c == 0xEF || c == 0xE0 {
            LEAD
        } else {
            SKIP
        };
        i += 1;
    }
    t
};

/// All claims in `text`, in text order.
pub fn extract(text: &str, digest: &Digest, opts: &ExtractOptions) -> Vec<Claim> {
    resolve::resolve(text, digest, opts, scan(text))
}

/// The claims as found, before years and relative dates are resolved. (Not inlined into
/// [`extract`]: one call per document, and the profile keeps the stage apart.)
#[inline(never)]
pub fn scan(text: &str) -> Vec<Raw> {
    let b = text.as_bytes();
    let n = b.len();
    let ctx = MoneyCtx {
        yen_is_cny: names_yuan(b),
    };
    let mut lx = Lx::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        match CLASS[b[i] as usize] {
            SKIP => i += 1,
            LETTER => {
                // words separated by single spaces are taken in this inner loop
                let mut s = i;
                i = loop {
                    let (mut e, packed) = word_at(b, s);
                    // most words are prose before a space and a letter: no URL, currency or
                    // code shape, only the trigger table to ask
                    if b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_alphabetic)
                    {
                        if packed.0 != 0 && listed(b, s, e, packed) {
                            if let Some(end) = attempt(&mut lx, s, &ctx, &mut out) {
                                break end;
                            }
                        }
                        s = e + 1;
                        continue;
                    }
                    if b.get(e) == Some(&b':') && b.get(e + 1) == Some(&b'/')
                        || b.get(e) == Some(&b'.') && &b[s..e] == b"www"
                    {
                        // a URL: no claims inside
                        while e < n && !b[e].is_ascii_whitespace() {
                            e += 1;
                        }
                        break e;
                    }
                    if packed.0 != 0 && trigger(b, s, e, packed) {
                        if let Some(end) = attempt(&mut lx, s, &ctx, &mut out) {
                            break end;
                        }
                    }
                    while e < n && b[e].is_ascii_alphanumeric() {
                        e += 1;
                    }
                    if b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_alphabetic)
                    {
                        s = e + 1;
                    } else {
                        break e;
                    }
                };
            }
            DIGIT => {
                if !name_part(b, i) {
                    if let Some(end) = attempt(&mut lx, i, &ctx, &mut out) {
                        i = end;
                        continue;
                    }
                }
                let mut e = i + 1;
                while e < n
                    && (b[e].is_ascii_alphanumeric()
                        || (b[e] == b'.' || b[e] == b',')
                            && b.get(e + 1).is_some_and(u8::is_ascii_digit))
                {
                    e += 1;
                }
                i = e;
            }
            SIGN if b[i] == b'\'' && !two_digits_after(b, i + 1) => i += 1,
            SIGN => {
                if let Some(end) = attempt(&mut lx, i, &ctx, &mut out) {
                    i = end;
                } else {
                    i += 1;
                }
            }
            // general punctuation (dashes, quotes, bullets, U+2011): only `’25` starts a claim
            _ if b[i] == 0xE2
                && b.get(i + 1) == Some(&0x80)
                && !(b.get(i + 2) == Some(&0x99) && two_digits_after(b, i + 3)) =>
            {
                i += 3
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or('\0');
                let starts = matches!(
                    c,
                    '\u{20ac}'
                        | '\u{a3}'
                        | '\u{a5}'
                        | '\u{ffe5}'
                        | '\u{20b9}'
                        | '\u{20a9}'
                        | '\u{20bd}'
                        | '\u{20ba}'
                        | '\u{20a6}'
                        | '\u{20b1}'
                        | '\u{e3f}'
                        | '\u{20ab}'
                        | '\u{20aa}'
                        | '\u{20b4}'
                        | '\u{20b8}'
                        | '\u{20a1}'
                        | '\u{20be}'
                        | '\u{20ad}'
                        | '\u{20b5}'
                        | '\u{20b2}'
                        | '\u{20ae}'
                        | '\u{20bc}'
                        | '\u{bd}'
                        | '\u{bc}'
                        | '\u{be}'
                        | '\u{2248}'
                        | '\u{223c}'
                        | '\u{2265}'
                        | '\u{2264}'
                        | '\u{2019}'
                );
                let starts = starts && (c != '\u{2019}' || two_digits_after(b, i + 3));
                if starts {
                    if let Some(end) = attempt(&mut lx, i, &ctx, &mut out) {
                        i = end;
                        continue;
                    }
                }
                i += c.len_utf8().max(1);
            }
        }
    }
    out
}

/// Does the text name the Chinese currency anywhere (then `¥` is the yuan)? The searchers are
/// built once, not per document.
fn names_yuan(b: &[u8]) -> bool {
    static FINDERS: std::sync::OnceLock<Vec<memmem::Finder<'static>>> = std::sync::OnceLock::new();
    FINDERS
        .get_or_init(|| {
            ["yuan", "RMB", "renminbi", "CN\u{a5}", "Yuan"]
                .iter()
                .map(|w| memmem::Finder::new(w.as_bytes()))
                .collect()
        })
        .iter()
        .any(|f| f.find(b).is_some())
}

/// `'25`: exactly two digits follow.
fn two_digits_after(b: &[u8], p: usize) -> bool {
    let d = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    d(p) && d(p + 1) && !d(p + 2)
}

/// A digit right after `X-` where X is a letter or digit: part of a name (`Qwen3-235B`, `COVID-19`).
fn name_part(b: &[u8], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).and_then(|p| b.get(p)).copied();
    // `10 000`: a digit group after a space-separated number is no number of its own
    if before(1) == Some(b' ')
        && before(2).is_some_and(|c| c.is_ascii_digit())
        && !b.get(i + 3).is_some_and(|c| c.is_ascii_digit())
        && b[i..].starts_with(b"000")
    {
        return true;
    }
    let (dash_len, ok) = match before(1) {
        Some(b'-') | Some(b'/') => (1, true),
        Some(x) if x >= 0x80 => {
            // U+2010–2014 are E2 80 90–94; U+2212 is E2 88 92
            let tri = (before(3), before(2), before(1));
            match tri {
                (Some(0xE2), Some(0x80), Some(0x90..=0x94))
                | (Some(0xE2), Some(0x88), Some(0x92)) => (3, true),
                _ => (0, false),
            }
        }
        _ => (0, false),
    };
    ok && before(dash_len + 1).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The word before `i` (skipping spaces), as bytes.
fn prev_word(b: &[u8], i: usize) -> &[u8] {
    let mut e = i;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    &b[s..e]
}

/// Is the word before `i` a capitalised name (not the first word of a sentence)? Then the
/// number is part of the name (`Seedream 4.0`, `Ascend 1000`).
fn after_name(b: &[u8], i: usize) -> bool {
    let e = back_spaces(b, i);
    e != i && name_before(b, e, prev_word(b, e))
}

/// [`after_name`] for the word `w` ending at `e`, with the spaces after it already skipped.
fn name_before(b: &[u8], e: usize, w: &[u8]) -> bool {
    if w.is_empty() || !w[0].is_ascii_uppercase() {
        return false;
    }
    if w.len() <= WORD_CAP {
        let mut lw = [0u8; WORD_CAP];
        for (k, c) in w.iter().enumerate() {
            lw[k] = c.to_ascii_lowercase();
        }
        let lw = &lw[..w.len()];
        if date::is_date_word(lw) || num::is_hedge_word(lw) {
            return false;
        }
    }
    let mut k = e - w.len();
    while k > 0 && b[k - 1] == b' ' {
        k -= 1;
    }
    !(k == 0 || matches!(b[k - 1], b'.' | b'\n' | b':' | b'!' | b'?' | b'\t'))
}

/// Is `i` inside a suspended-hyphen list (`5-, 10- and 30-year`) after its first item?
fn after_list(b: &[u8], i: usize) -> bool {
    let mut e = i;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    let w = prev_word(b, e);
    if w == b"and" || w == b"or" || w == b"to" {
        e -= w.len();
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
    } else if e > 0 && b[e - 1] == b',' {
        e -= 1;
    } else {
        return false;
    }
    if e > 0 && b[e - 1] == b',' {
        e -= 1;
    }
    name_part(b, e + 1) || e >= 2 && b[e - 1] == b'-' && b[e - 2].is_ascii_digit() || {
        e >= 4 && b[e - 3] == 0xE2 && b[e - 4].is_ascii_digit()
    }
}

/// Every lowercase word that may start a candidate (the words the date, hedge and number
/// grammars accept first). Prose words are rejected by a hashed bitset of these before any
/// string comparison. A grammar that learns a new first word must list it here (the
/// `trigger_words_are_accepted` test checks the converse).
const TRIGGER_WORDS: &[&str] = &[
    "chinese",
    "negative",
    "minus",
    "good",
    "easter",
    "saint",
    "st",
    "black",
    "fathers",
    "father",
    "mothers",
    "mother",
    "president",
    "presidents",
    "martin",
    "mlk",
    "boxing",
    "independence",
    "labour",
    "labor",
    "memorial",
    "thanksgiving",
    "thirtieth",
    "twentieth",
    "nineteenth",
    "eighteenth",
    "seventeenth",
    "sixteenth",
    "fifteenth",
    "fourteenth",
    "thirteenth",
    "twelfth",
    "eleventh",
    "tenth",
    "ninth",
    "eighth",
    "seventh",
    "sixth",
    "fifth",
    "a",
    "about",
    "above",
    "almost",
    "an",
    "approx",
    "approximately",
    "apr",
    "april",
    "around",
    "as",
    "at",
    "aug",
    "august",
    "autumn",
    "beginning",
    "below",
    "between",
    "ca",
    "christmas",
    "circa",
    "coming",
    "couple",
    "current",
    "dec",
    "december",
    "dozen",
    "early",
    "earlier",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "end",
    "exceeding",
    "fall",
    "feb",
    "february",
    "fewer",
    "fifteen",
    "fifty",
    "first",
    "five",
    "following",
    "forty",
    "four",
    "fourteen",
    "fourth",
    "fourty",
    "fri",
    "friday",
    "from",
    "greater",
    "h",
    "half",
    "halloween",
    "higher",
    "in",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "just",
    "last",
    "late",
    "later",
    "less",
    "lower",
    "mar",
    "march",
    "may",
    "mid",
    "middle",
    "mon",
    "monday",
    "more",
    "nearly",
    "new",
    "next",
    "nine",
    "nineteen",
    "ninety",
    "no",
    "not",
    "nov",
    "november",
    "oct",
    "october",
    "one",
    "over",
    "past",
    "previous",
    "q",
    "roughly",
    "sat",
    "saturday",
    "second",
    "sep",
    "sept",
    "september",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "some",
    "spring",
    "start",
    "summer",
    "sun",
    "sunday",
    "ten",
    "the",
    "third",
    "thirteen",
    "thirty",
    "this",
    "three",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "today",
    "tomorrow",
    "tonight",
    "tue",
    "tues",
    "tuesday",
    "twelve",
    "twenty",
    "two",
    "under",
    "up",
    "upcoming",
    "upwards",
    "valentine",
    "wed",
    "wednesday",
    "week",
    "winter",
    "within",
    "xmas",
    "yesterday",
    "zero",
    // holidays (rules/lexicon/holidays.toml) and their forms
    "alvida",
    "amun",
    "annakut",
    "anzac",
    "arabic",
    "armistice",
    "ascension",
    "ash",
    "ashoura",
    "ashura",
    "assumption",
    "baisakhi",
    "bakr",
    "bakra",
    "bakrid",
    "basant",
    "bastille",
    "bhai",
    "bhau",
    "bhogi",
    "bijoya",
    "bogi",
    "bonfire",
    "boss",
    "bosses",
    "branch",
    "buddha",
    "chaitra",
    "chanuka",
    "chanukah",
    "chanukkah",
    "chhat",
    "chhath",
    "chhoti",
    "ching",
    "choti",
    "cinco",
    "closest",
    "columbus",
    "corpus",
    "covenant",
    "cyber",
    "dala",
    "dasara",
    "deepavali",
    "deepawali",
    "dhanatrayodashi",
    "dhanteras",
    "dhantrayodashi",
    "dhulandi",
    "dhuleti",
    "divali",
    "diwali",
    "dragon",
    "duanwu",
    "durga",
    "durgotsav",
    "durgotsava",
    "dussehra",
    "dussera",
    "earth",
    "eid",
    "epiphany",
    "fat",
    "feast",
    "ganesh",
    "ganesha",
    "gokulashtami",
    "govardhan",
    "groundhog",
    "gudi",
    "guru",
    "guy",
    "hannukah",
    "hannukkah",
    "hanuka",
    "hanukah",
    "hanukka",
    "hanukkah",
    "hanuman",
    "hijri",
    "holi",
    "holika",
    "holocaust",
    "holy",
    "id",
    "indigenous",
    "islamic",
    "isra",
    "jamat",
    "jamshedi",
    "janmashtami",
    "jumat",
    "jummat",
    "jumu",
    "jumuatul",
    "juneteenth",
    "kaanum",
    "kali",
    "kamudu",
    "kanni",
    "kanum",
    "karva",
    "karwa",
    "king",
    "kings",
    "koningsdag",
    "krishna",
    "krishnashtami",
    "kurban",
    "lag",
    "lailat",
    "lakshmi",
    "laxmi",
    "laylat",
    "lazarus",
    "lent",
    "lohri",
    "lunar",
    "maattu",
    "maghi",
    "maha",
    "maharishi",
    "maharshi",
    "mahashivaratri",
    "mahashivratri",
    "mahaveer",
    "mahavir",
    "makar",
    "makara",
    "mardi",
    "mattu",
    "maundy",
    "mawlid",
    "milad",
    "moon",
    "mooncake",
    "mouloud",
    "narak",
    "naraka",
    "navaratri",
    "navratri",
    "navroz",
    "night",
    "onam",
    "orthodox",
    "palm",
    "pancake",
    "pargat",
    "parsi",
    "pascha",
    "passover",
    "pentecost",
    "pesach",
    "pesah",
    "phagwah",
    "pongal",
    "prophet",
    "purim",
    "qingming",
    "qurban",
    "rakhi",
    "rakhri",
    "raksha",
    "rakshabandhan",
    "rama",
    "ramadan",
    "ramadhan",
    "ramazan",
    "ramzan",
    "rangwali",
    "ras",
    "rath",
    "ratha",
    "rathyatra",
    "ravidas",
    "remembrance",
    "resurrection",
    "rosh",
    "sacrifice",
    "samvatsaradi",
    "saraswati",
    "shab",
    "sharad",
    "shavuos",
    "shavuot",
    "shavuoth",
    "shemini",
    "shivaratri",
    "shivratri",
    "shmini",
    "shrove",
    "shushan",
    "simchas",
    "simchat",
    "simhat",
    "singles",
    "succos",
    "succot",
    "sukkos",
    "sukkot",
    "surya",
    "thiru",
    "thiruvonam",
    "tish",
    "tisha",
    "tomb",
    "trinity",
    "tu",
    "ugadi",
    "uttarayan",
    "vaisakha",
    "vaisakhi",
    "vaishakhi",
    "valentines",
    "valmiki",
    "vasakhi",
    "vasant",
    "vesak",
    "veteran",
    "veterans",
    "vijaya",
    "vijayadashami",
    "vinayaka",
    "visakhi",
    "weekend",
    "wesak",
    "whit",
    "whitmonday",
    "whitsun",
    "whitsunday",
    "yom",
    "yugadi",
];

/// Slots of the trigger table (a power of two, under half full).
const TABLE_BITS: u32 = 10;

const fn slot_of((lo, hi): Packed) -> usize {
    ((lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

/// [`TRIGGER_WORDS`] in an open-addressed table (linear probing; `(0, 0)` is empty): a prose
/// word is rejected by one probe and an exact comparison, never by a string match chain.
static TRIGGER_TABLE: [Packed; 1 << TABLE_BITS] = {
    let mut t = [(0u64, 0u64); 1 << TABLE_BITS];
    let mut i = 0;
    while i < TRIGGER_WORDS.len() {
        let p = pack(TRIGGER_WORDS[i].as_bytes());
        let mut k = slot_of(p);
        while t[k].0 != 0 && !(t[k].0 == p.0 && t[k].1 == p.1) {
            k = (k + 1) & ((1 << TABLE_BITS) - 1);
        }
        t[k] = p;
        i += 1;
    }
    t
};

/// The slot of the lower-case form of `w` (letters only, at most [`WORD_CAP`]) in
/// [`TRIGGER_TABLE`], if it is a trigger word.
#[inline]
fn trigger_slot(b: &[u8], s: usize, e: usize) -> Option<usize> {
    slot_of_packed(packed_lower(b, s, e))
}

/// The slot of a packed lower-case word in [`TRIGGER_TABLE`], if it is a trigger word.
#[inline]
fn slot_of_packed(p: Packed) -> Option<usize> {
    let mut k = slot_of(p);
    loop {
        let t = TRIGGER_TABLE[k];
        if t == p {
            return Some(k);
        }
        if t.0 == 0 {
            return None;
        }
        k = (k + 1) & ((1 << TABLE_BITS) - 1);
    }
}

/// Per slot of [`TRIGGER_TABLE`]: does its word open a grammar (the holiday part is read from
/// the lexicon, once)?
fn trigger_accepted() -> &'static [bool; 1 << TABLE_BITS] {
    static A: std::sync::OnceLock<[bool; 1 << TABLE_BITS]> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        let mut a = [false; 1 << TABLE_BITS];
        for w in TRIGGER_WORDS {
            let w = w.as_bytes();
            if let Some(k) = trigger_slot(w, 0, w.len()) {
                a[k] = starts_grammar(w);
            }
        }
        a
    })
}

/// Does the lower-case word `w` open one of the grammars?
fn starts_grammar(w: &[u8]) -> bool {
    date::is_date_word(w)
        || num::is_hedge_word(w)
        || num::is_number_word(w)
        || w == b"half"
        || w == b"as"
}

/// Does the word `b[s..e]` (`packed` in lower case) start a candidate?
fn trigger(b: &[u8], s: usize, e: usize, packed: Packed) -> bool {
    shape(b, s, e).unwrap_or_else(|| listed(b, s, e, packed))
}

/// Is the word `b[s..e]` (`packed` in lower case) a trigger word that starts a candidate here?
/// (The table probe is inlined; the phrase rules are asked only for listed words.)
#[inline(always)]
fn listed(b: &[u8], s: usize, e: usize, packed: Packed) -> bool {
    match slot_of_packed(packed) {
        Some(slot) => accepted_here(slot, b, s, e),
        None => false,
    }
}

/// Does the listed word in `slot`, at `b[s..e]`, start a candidate here?
#[inline(never)]
fn accepted_here(slot: usize, b: &[u8], s: usize, e: usize) -> bool {
    trigger_accepted()[slot] && listed_trigger(b, s, e)
}

/// The currency and period shapes of a word, told by the bytes around it (`US$`, `Q3`, `USD 700`,
/// `MAUD 60`): `Some` decides the word, `None` leaves it to the trigger table.
fn shape(b: &[u8], s: usize, e: usize) -> Option<bool> {
    let len = e - s;
    let next = b.get(e).copied().unwrap_or(0);
    if len <= 3 {
        // (the rare cases first: most short words are prose before a space and a letter)
        match next {
            b'$' | 0xC2 | 0xEF => return Some(true), // US$, HK$, CN¥
            b' ' if b.get(e + 1) == Some(&b'$') => return Some(true), // c $
            _ => {}
        }
        if len == 1 {
            if b[s] == b'U' && b.get(e..e + 4) == Some(b".S.$") {
                return Some(true);
            }
            if next.is_ascii_digit() {
                // Q3, H1 (one digit), not H20
                let one = !b.get(e + 1).is_some_and(u8::is_ascii_digit);
                return Some(one && matches!(b[s], b'Q' | b'q' | b'H' | b'h'));
            }
        } else if next_is_digit(b, e) {
            // a currency code before an amount: `USD 700 million`, `RMB 5 billion`, `Rs 2,500`
            let code = b[s].is_ascii_uppercase()
                && (len == 3 && b[s..e].iter().all(u8::is_ascii_uppercase)
                    || len == 2 && matches!(&b[s..e], b"Rs" | b"RM"));
            // `rmb 10`, `usd 20`: lowercase codes that are no English word
            let lower = len == 3 && money::is_lower_code(&b[s..e]);
            if code || lower {
                return Some(true);
            }
        }
    }
    // `MAUD 60`: a million of the currency
    if len == 4 && b[s] == b'M' && b[s..e].iter().all(u8::is_ascii_uppercase) && next_is_digit(b, e)
    {
        return Some(true);
    }
    None
}

/// Does the listed trigger word `b[s..e]` start a candidate here (the phrase and function-word
/// rules)?
fn listed_trigger(b: &[u8], s: usize, e: usize) -> bool {
    let len = e - s;
    let w = lower_word(b, s, e);
    let w = &w[..len];
    // the word after, read once for the phrase rules and the function words
    let next = next_word(b, e);
    if let Some(ok) = follow(w, b, e, next) {
        return ok;
    }
    // the commonest function words start a claim only before a number, a sign or a keyword
    if matches!(
        w,
        b"the"
            | b"a"
            | b"an"
            | b"in"
            | b"at"
            | b"as"
            | b"on"
            | b"no"
            | b"not"
            | b"up"
            | b"some"
            | b"more"
            | b"less"
            | b"over"
            | b"under"
            | b"from"
            | b"this"
            | b"last"
            | b"next"
            | b"first"
            | b"second"
    ) {
        return next_starts_claim(next);
    }
    true
}

/// The next thing after `e` past spaces: a lowercased word (empty if none or longer than
/// [`WORD_CAP`]), its length, its first byte and where it starts.
fn next_word(b: &[u8], e: usize) -> ([u8; WORD_CAP], usize, u8, usize) {
    let mut p = e;
    while p < b.len() && b[p] == b' ' {
        p += 1;
    }
    let first = b.get(p).copied().unwrap_or(0);
    if !first.is_ascii_alphabetic() {
        return ([0; WORD_CAP], 0, first, p);
    }
    match word_at(b, p) {
        (_, (0, _)) => ([0; WORD_CAP], 0, first, p),
        (q, packed) => (unpack(packed), q - p, first, p),
    }
}

/// [`date::is_date_word`] for the word `w` read at `b[p..]`, answered by the trigger table for most
/// words: every date word is a trigger word (the tests below check the grammar keywords and the
/// holiday words).
fn is_listed_date_word(w: &[u8], b: &[u8], p: usize) -> bool {
    !w.is_empty()
        && slot_of_packed(packed_lower(b, p, p + w.len())).is_some()
        && date::is_date_word(w)
}

/// Words that are only the first half of a phrase (`at least`, `up to`, `more than`): does the
/// rest follow? `None` for words with no such rule.
fn follow(
    w: &[u8],
    b: &[u8],
    e: usize,
    (nw, n, first, p): ([u8; WORD_CAP], usize, u8, usize),
) -> Option<bool> {
    let next = &nw[..n];
    // a digit, `~ $ > <`, or a currency or approximation sign (not a dash or a quote)
    let sign = first.is_ascii_digit()
        || matches!(first, b'~' | b'$' | b'>' | b'<' | 0xC2 | 0xEF)
        || first == 0xE2 && matches!(b.get(p + 1), Some(0x82) | Some(0x88) | Some(0x89));
    let month = || date::month_word(next).is_some();
    let dash_then = |ok: &dyn Fn(u8, &[u8]) -> bool| {
        // `end‑2025`, `mid‑September`: a glued hyphen, then a digit or a word
        let d = match (b.get(e), b.get(e + 1), b.get(e + 2)) {
            (Some(b'-'), ..) => e + 1,
            (Some(0xE2), Some(0x80), Some(0x90..=0x94)) => e + 3,
            _ => return false,
        };
        let (nw2, n2, f2, _) = next_word(b, d);
        ok(f2, &nw2[..n2])
    };
    Some(match w {
        b"around" | b"about" | b"roughly" | b"approximately" | b"circa" => {
            sign || month()
                || num::is_number_word(next)
                || matches!(next, b"mid" | b"early" | b"late" | b"the" | b"end")
        }
        b"between" | b"from" if date::is_ordinal_word(next) => true,
        b"between" | b"from" => {
            sign || month()
                || num::is_number_word(next)
                || matches!(next, b"mid" | b"early" | b"late" | b"the")
        }
        b"new" => matches!(next, b"year" | b"years"),
        // `Chinese New Year`: `Chinese` alone is everywhere in China news
        b"chinese" => next == b"new",
        b"early" | b"mid" | b"middle" | b"late" | b"end" | b"start" | b"beginning" => {
            // `early next year`, `mid-last month`: only the adjectives, since `start next year`
            // is mostly the verb
            let relative = |nw: &[u8]| {
                matches!(w, b"early" | b"mid" | b"late")
                    && matches!(nw, b"this" | b"next" | b"last")
            };
            dash_then(&|f, nw| {
                f.is_ascii_digit()
                    || date::month_word(nw).is_some()
                    || matches!(nw, b"late" | b"early" | b"mid")
                    || relative(nw)
            }) || b.get(e) == Some(&b' ')
                && (sign || month() || matches!(next, b"of" | b"late") || relative(next))
        }
        b"the" => {
            if first.is_ascii_digit() {
                // `the 15th`, not `the 2025 target`
                let mut k = p;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                b.get(k)
                    .is_some_and(|c| matches!(c | 0x20, b's' | b'n' | b'r' | b't'))
            } else {
                matches!(
                    next,
                    b"day"
                        | b"end"
                        | b"beginning"
                        | b"start"
                        | b"middle"
                        | b"first"
                        | b"second"
                        | b"third"
                        | b"fourth"
                ) || is_listed_date_word(next, b, p)
                    && !matches!(
                        next,
                        b"the" | b"a" | b"an" | b"in" | b"this" | b"last" | b"next" | b"past"
                    )
            }
        }
        b"at" => matches!(next, b"least" | b"most"),
        b"as" => matches!(next, b"much" | b"many" | b"high"),
        b"no" | b"not" => matches!(next, b"less" | b"more"),
        b"up" => next == b"to",
        b"more" | b"less" | b"fewer" | b"lower" | b"higher" | b"greater" => next == b"than",
        b"in" => {
            // `in 3 days`, `in a week`, `in excess of`; not `in 2025` (the year starts alone)
            if first.is_ascii_digit() {
                let mut k = p;
                while k < b.len() && (b[k].is_ascii_digit() || b[k] == b'.') {
                    k += 1;
                }
                let (uw, un, ..) = next_word(b, k);
                is_time_unit(&uw[..un])
            } else {
                sign || matches!(next, b"a" | b"an" | b"excess") || num::is_number_word(next)
            }
        }
        b"within" => sign || matches!(next, b"a" | b"an") || num::is_number_word(next),
        b"a" | b"an" => matches!(
            next,
            b"day"
                | b"week"
                | b"month"
                | b"year"
                | b"quarter"
                | b"decade"
                | b"fortnight"
                | b"hundred"
                | b"thousand"
                | b"million"
                | b"billion"
                | b"dozen"
                | b"couple"
                | b"minute"
                | b"hour"
                | b"second"
                | b"century"
                | b"dollar"
                | b"euro"
                | b"pound"
                | b"penny"
                | b"cent"
                | b"yen"
                | b"yuan"
                | b"rupee"
                | b"buck"
                | b"half"
        ),
        b"some" | b"over" | b"under" | b"above" | b"below" | b"nearly" | b"almost"
        | b"exceeding" | b"just" => {
            sign || num::is_number_word(next)
                || matches!(next, b"under" | b"over" | b"below" | b"above")
        }
        _ => return None,
    })
}

/// A unit of time, singular or plural.
fn is_time_unit(w: &[u8]) -> bool {
    matches!(
        w,
        b"day"
            | b"days"
            | b"week"
            | b"weeks"
            | b"month"
            | b"months"
            | b"year"
            | b"years"
            | b"quarter"
            | b"quarters"
            | b"decade"
            | b"decades"
            | b"hour"
            | b"hours"
            | b"minute"
            | b"minutes"
    )
}

/// Is the next non-space byte after `e` (a `.` allowed first) a digit?
fn next_is_digit(b: &[u8], e: usize) -> bool {
    let mut p = e;
    if b.get(p) == Some(&b'.') {
        p += 1;
    }
    while p < b.len() && b[p] == b' ' {
        p += 1;
    }
    b.get(p).is_some_and(u8::is_ascii_digit)
}

/// Does the word after a function word (as [`next_word`] reads it) look like part of a claim?
fn next_starts_claim((nw, n, c, _): ([u8; WORD_CAP], usize, u8, usize)) -> bool {
    if !c.is_ascii_alphabetic() {
        return c.is_ascii_digit() || matches!(c, b'~' | b'$' | b'>' | b'<' | 0xC2 | 0xE2 | 0xEF);
    }
    // (a word longer than WORD_CAP letters reads as empty: no keyword)
    let w = &nw[..n];
    date::is_date_word(w)
        || num::is_hedge_word(w)
        || num::is_number_word(w)
        || is_time_unit(w)
        || matches!(
            w,
            b"half"
                | b"than"
                | b"least"
                | b"most"
                | b"to"
                | b"much"
                | b"many"
                | b"excess"
                | b"less"
                | b"more"
                | b"weekend"
                | b"fortnight"
                | b"of"
                | b"eve"
                | b"sterling"
                | b"dozen"
                | b"fifth"
                | b"sixth"
                | b"seventh"
                | b"eighth"
                | b"ninth"
                | b"tenth"
        )
}

type Cand = (RawKind, Option<Hedge>, usize);

/// Keeps the longer candidate; on a tie the earlier one.
fn pick(best: &mut Option<Cand>, c: Option<Cand>) {
    if let Some(c) = c {
        if best.as_ref().map_or(true, |b| c.2 > b.2) {
            *best = Some(c);
        }
    }
}

/// Runs the grammars at byte `s`; pushes the claim and returns its end byte.
fn attempt(lx: &mut Lx, s: usize, ctx: &MoneyCtx, out: &mut Vec<Raw>) -> Option<usize> {
    lx.reset(s);
    let b = lx.b;
    let done = |r: Option<(super::ClaimKind, Option<Hedge>, usize)>| {
        r.map(|(k, h, e)| (RawKind::Done(k), h, e))
    };
    let mut best: Option<Cand> = None;
    // the words before the candidate, read once and only if a date grammar asks
    let mut year_cx: Option<date::YearCtx> = None;
    let mut cx = || *year_cx.get_or_insert_with(|| year_ctx(b, s));
    pick(&mut best, date_hedged(lx, &mut cx));
    // a month, weekday or relative word starts nothing but a date
    let t0 = lx.get(0);
    if t0.k == super::lex::K::Word && t0.wl > 0 && date_only_slot(&t0.w) {
        return push(lx, s, best, out);
    }
    pick(&mut best, done(money::money(lx, 0, ctx)));
    pick(&mut best, done(qty::percent(lx, 0)));
    // what the words before say, read only if the duration grammar asks
    let list = || after_list(b, s);
    let article_ok = |lx: &mut Lx| {
        let pw = prev_word(b, s);
        // no word before: a sentence or clause start, not a rate after an amount (`5% a year`)
        let lead = back_spaces(b, s);
        let rate =
            lead > 0 && (b[lead - 1].is_ascii_digit() || matches!(b[lead - 1], b'%' | b'+' | b')'));
        // `A day after the vote`, `A week later`: an offset from an event, told as no length
        let offset = matches!(
            lx.get(2).word(),
            b"after" | b"before" | b"later" | b"earlier" | b"ago" | b"on"
        );
        pw.is_empty() && !rate && !offset
            || matches!(
                pw,
                b"for"
                    | b"For"
                    | b"over"
                    | b"within"
                    | b"than"
                    | b"lasting"
                    | b"lasts"
                    | b"last"
                    | b"lasted"
                    | b"took"
                    | b"taking"
                    | b"takes"
                    | b"take"
                    | b"spent"
                    | b"after"
                    | b"once"
                    | b"per"
            )
    };
    pick(&mut best, done(qty::duration(lx, 0, &list, &article_ok)));
    if best.is_none() {
        pick(&mut best, done(qty::ratio(lx, 0)));
    }
    if best.is_none() && !year_cx.map_or_else(|| after_name(b, s), |c| c.after_name) {
        pick(&mut best, done(qty::count(lx, 0)));
    }
    push(lx, s, best, out)
}

/// [`date_only`] for a lexed word (lower case, zero-padded), by its slot in the trigger table:
/// every date word is a trigger word (the tests check it), so a word outside it is no date word.
fn date_only_slot(w: &[u8; WORD_CAP]) -> bool {
    static D: std::sync::OnceLock<[bool; 1 << TABLE_BITS]> = std::sync::OnceLock::new();
    let flags = D.get_or_init(|| {
        let mut d = [false; 1 << TABLE_BITS];
        for w in TRIGGER_WORDS {
            let w = w.as_bytes();
            if let Some(k) = trigger_slot(w, 0, w.len()) {
                d[k] = date_only(w);
            }
        }
        d
    });
    let mut hi = [0u8; 8];
    hi[..WORD_CAP - 8].copy_from_slice(&w[8..]);
    let lo = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
    slot_of_packed((lo, u64::from_le_bytes(hi))).is_some_and(|k| flags[k])
}

/// Words that can start a date and nothing else.
fn date_only(w: &[u8]) -> bool {
    date::is_date_word(w) && !num::is_hedge_word(w) && !num::is_number_word(w) && w != b"half"
}

fn push(lx: &mut Lx, s: usize, best: Option<Cand>, out: &mut Vec<Raw>) -> Option<usize> {
    let (kind, hedge, e) = best?;
    if e == 0 {
        return None;
    }
    let end = lx.get(e - 1).e;
    out.push(Raw {
        span: Span { start: s, end },
        kind,
        hedge,
    });
    Some(end)
}

/// A date, optionally after an approximating hedge (`around Sept 14–15, 2025`).
fn date_hedged(lx: &mut Lx, cx: &mut dyn FnMut() -> date::YearCtx) -> Option<Cand> {
    let (h, j) = num::hedge(lx, 0);
    if h.is_some_and(Hedge::is_approx) {
        if let Some((d, e)) = date::date_in(lx, j, cx) {
            return Some((RawKind::Date(d), h, e));
        }
    }
    date::date_in(lx, 0, cx).map(|(d, e)| (RawKind::Date(d), None, e))
}

/// The lowercased word ending at `e` (at most [`WORD_CAP`] letters) and where it starts.
fn word_before(b: &[u8], e: usize) -> ([u8; WORD_CAP], usize, usize) {
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if e - s > WORD_CAP {
        return ([0; WORD_CAP], 0, s);
    }
    (lower_word(b, s, e), e - s, s)
}

/// Skips spaces backwards from `e`.
fn back_spaces(b: &[u8], mut e: usize) -> usize {
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    e
}

/// What the words before a candidate at `s` say of a number or month name there: a name
/// ([`after_name`]), a preposition ([`is_prep`]), a number or a broken day. The word before is
/// read once, and nothing more when the candidate is glued to what precedes it.
fn year_ctx(b: &[u8], s: usize) -> date::YearCtx {
    let e = back_spaces(b, s);
    let w = prev_word(b, e);
    let after_prep = is_prep(w);
    if e == s {
        return date::YearCtx {
            after_name: false,
            after_prep,
            after_number: false,
        };
    }
    date::YearCtx {
        after_name: name_before(b, e, w),
        after_prep,
        after_number: number_before(b, e) || broken_day_before(b, e),
    }
}

/// Does the candidate follow a day that is no day, with its month (`32 August 2014`, `August
/// 32, 2014`)? A real day would have made one date of it, so the year belongs to a broken date,
/// not alone. `e` is where the spaces before the candidate start (at least one).
fn broken_day_before(b: &[u8], mut e: usize) -> bool {
    if e > 0 && b[e - 1] == b',' {
        e = back_spaces(b, e - 1);
    }
    let digits_end = e;
    while e > 0 && b[e - 1].is_ascii_digit() {
        e -= 1;
    }
    let nd = digits_end - e;
    if nd > 0 {
        // `August 32, 2014`: one or two digits after a month name
        if nd > 2 || e > 0 && !matches!(b[e - 1], b' ' | b'.') {
            return false;
        }
        let e = back_spaces(b, e);
        let e = if e > 0 && b[e - 1] == b'.' { e - 1 } else { e };
        let (w, n, _) = word_before(b, e);
        return n > 0 && date::month_word(&w[..n]).is_some();
    }
    // `32 August 2014`: a month name after one or two digits
    let (w, n, s) = word_before(b, digits_end);
    if n == 0 || date::month_word(&w[..n]).is_none() || s == digits_end {
        return false;
    }
    let e = back_spaces(b, s);
    let mut k = e;
    while k > 0 && b[k - 1].is_ascii_digit() {
        k -= 1;
    }
    e < s && (1..=2).contains(&(e - k))
}

/// Does a number stand just before the candidate (`32 August`, `32 - 2015`), a dash between?
/// `k` is where the spaces before the candidate start (at least one).
fn number_before(b: &[u8], mut k: usize) -> bool {
    if k > 0 && b[k - 1] == b'-' {
        k -= 1;
        while k > 0 && b[k - 1] == b' ' {
            k -= 1;
        }
    }
    k > 0 && b[k - 1].is_ascii_digit()
}

/// Prepositions that make a following number a year.
fn is_prep(w: &[u8]) -> bool {
    let mut lw = [0u8; 12];
    if w.len() > lw.len() {
        return false;
    }
    for (k, c) in w.iter().enumerate() {
        lw[k] = c.to_ascii_lowercase();
    }
    matches!(
        &lw[..w.len()],
        b"in"
            | b"by"
            | b"since"
            | b"of"
            | b"from"
            | b"until"
            | b"till"
            | b"through"
            | b"to"
            | b"throughout"
            | b"during"
            | b"before"
            | b"after"
            | b"for"
            | b"the"
            | b"early"
            | b"mid"
            | b"late"
            | b"end"
            | b"and"
            | b"or"
            | b"between"
            | b"around"
            | b"circa"
            | b"year"
            | b"fiscal"
            | b"spring"
            | b"summer"
            | b"autumn"
            | b"fall"
            | b"winter"
    )
}

/// Each finished claim of `t` with its text, for the grammars' unit tests.
#[cfg(test)]
pub(super) fn scanned(t: &str) -> Vec<(String, super::ClaimKind)> {
    scan(t)
        .into_iter()
        .filter_map(|r| match r.kind {
            RawKind::Done(k) => Some((t[r.span.start..r.span.end].to_string(), k)),
            RawKind::Date(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::lex::letter_run_end;
    use super::*;

    #[test]
    fn letter_runs() {
        for t in [
            "",
            "a",
            "abc def",
            "abcdefghijklmnop",
            "ABCxyz[",
            "Zz@ab",
            "éabc",
            "abcdefgh{",
            "abcdefghi`",
            "abc\u{2011}day",
        ] {
            let b = t.as_bytes();
            for start in 0..b.len() {
                let mut e = start;
                while e < b.len() && b[e].is_ascii_alphabetic() {
                    e += 1;
                }
                assert_eq!(letter_run_end(b, start), e, "{t:?} from {start}");
            }
        }
    }

    #[test]
    fn trigger_words_are_accepted() {
        for w in TRIGGER_WORDS {
            let w = w.as_bytes();
            assert!(
                starts_grammar(w),
                "{:?} is listed but starts nothing",
                std::str::from_utf8(w)
            );
            let k = trigger_slot(w, 0, w.len());
            assert!(k.is_some_and(|k| trigger_accepted()[k]));
            // read sixteen bytes at once inside a text, the bytes after the word masked off
            let text = [w, b" and then some more words"].concat();
            assert_eq!(k, trigger_slot(&text, 0, w.len()));
            assert_eq!(
                k,
                trigger_slot(w.to_ascii_uppercase().as_slice(), 0, w.len())
            );
        }
    }

    #[test]
    fn every_holiday_first_word_is_a_trigger_word() {
        for w in super::super::holiday::first_words() {
            let k = trigger_slot(w, 0, w.len());
            assert!(
                k.is_some_and(|k| trigger_accepted()[k]),
                "{:?} opens a holiday but is no trigger word",
                std::str::from_utf8(w)
            );
        }
    }

    #[test]
    fn grammar_words_in_the_sources_are_trigger_words() {
        // every lower-case keyword the claim modules spell out that opens a grammar
        let srcs = [
            include_str!("date.rs"),
            include_str!("compose.rs"),
            include_str!("forms.rs"),
            include_str!("holiday.rs"),
            include_str!("money.rs"),
            include_str!("num.rs"),
            include_str!("qty.rs"),
            include_str!("range.rs"),
            include_str!("scan.rs"),
        ];
        for src in srcs {
            for lit in src.split("b\"").skip(1) {
                let w = lit.split('"').next().unwrap_or("").as_bytes();
                if w.is_empty() || w.len() > WORD_CAP || !w.iter().all(u8::is_ascii_lowercase) {
                    continue;
                }
                if starts_grammar(w) {
                    assert!(
                        trigger_slot(w, 0, w.len()).is_some(),
                        "{:?} opens a grammar but is no trigger word",
                        std::str::from_utf8(w)
                    );
                }
            }
        }
    }

    #[test]
    fn prose_is_skipped_and_claims_found() {
        let t = "The firms said nothing new. In September 2025 Tencent sold 9 billion yuan.";
        let raws = scan(t);
        let texts: Vec<&str> = raws.iter().map(|r| &t[r.span.start..r.span.end]).collect();
        assert_eq!(texts, ["September 2025", "9 billion yuan"]);
    }

    #[test]
    fn function_words_start_a_claim_only_before_one() {
        // the word after `in`/`as`/`over` is read once for the phrase rules and the function
        // words; a word longer than the keyword cap is no keyword
        let t = "In internationalisation, as incomprehensibilities go, over 3 days in March.";
        assert_eq!(texts(t), ["over 3 days", "March"]);
    }

    #[test]
    fn glued_day_month_year() {
        let t = "Due 10-August-2012, 09/JAN/2017, 21-APR-16 and 10/August 2012; not 10-Augustine or 3/4.";
        let raws = scan(t);
        let texts: Vec<&str> = raws.iter().map(|r| &t[r.span.start..r.span.end]).collect();
        assert_eq!(
            texts,
            [
                "10-August-2012",
                "09/JAN/2017",
                "21-APR-16",
                "10/August 2012"
            ]
        );
    }

    fn texts(t: &str) -> Vec<&str> {
        scan(t)
            .iter()
            .map(|r| &t[r.span.start..r.span.end])
            .collect()
    }

    #[test]
    fn a_broken_day_lends_its_year_to_no_claim() {
        assert!(texts("It was due 32 August 2014.").is_empty());
        assert!(texts("It was due August 32, 2014.").is_empty());
        // a real day keeps its date, and years after a month-year stay years
        assert_eq!(texts("Due August 12, 2014."), ["August 12, 2014"]);
        assert_eq!(
            texts("In June 2019, 2020 and 2021 sales fell."),
            ["June 2019", "2020", "2021"]
        );
    }

    #[test]
    fn an_article_is_one_unit_only_where_a_duration_stands() {
        assert_eq!(texts("The talks lasted a week."), ["a week"]);
        assert_eq!(texts("A decade of growth ended."), ["A decade"]);
        // a rate after an amount is no duration
        assert_eq!(texts("Sales grew 5% a year."), ["5%"]);
        assert_eq!(texts("Rent is $100 a month."), ["$100"]);
        assert!(texts("We will call it a day.").is_empty());
    }

    #[test]
    fn weekday_after_next() {
        let t = "We meet Friday after next.";
        let raws = scan(t);
        let texts: Vec<&str> = raws.iter().map(|r| &t[r.span.start..r.span.end]).collect();
        assert_eq!(texts, ["Friday after next"]);
        let tue = chrono::NaiveDate::from_ymd_opt(2013, 2, 12).unwrap();
        let after_next = |wd| {
            let r = date::Rel::Weekday(wd, 2);
            let v = date::resolve_rel(r, crate::claims::Grain::Day, false, tue);
            v.map(|v| v.from.to_string())
        };
        assert_eq!(
            after_next(chrono::Weekday::Fri).as_deref(),
            Some("2013-02-22")
        );
        // today's weekday: two weeks on
        assert_eq!(
            after_next(chrono::Weekday::Tue).as_deref(),
            Some("2013-02-26")
        );
    }
}
