//! A lazy tokenizer for the claim grammars.
//!
//! The scanner only starts a [`Lx`] at candidate positions; tokens are produced on demand, at most
//! [`MAX_TOKENS`] per candidate and never across a line end, so prose costs nothing here.

use rust_decimal::Decimal;

/// Most tokens one claim may span.
pub const MAX_TOKENS: usize = 40;
/// Longest word kept for keyword matching (longer words never match a keyword).
pub const WORD_CAP: usize = 15;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum K {
    /// Digits, with thousands separators, decimals and an ordinal suffix.
    Num,
    /// A run of ASCII letters.
    Word,
    /// One other character (`$`, `%`, `€`, `(`, …).
    Sym,
    /// A hyphen or dash of any kind (ASCII `-`, U+2010–2014, U+2212).
    Dash,
    /// Line end, end of text or the token cap.
    End,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// Whitespace before this token.
    pub sp: bool,
    /// The character of a `Sym` or `Dash`.
    pub c: char,
    /// The value of a `Num`.
    pub v: Decimal,
    /// Integer digits of a `Num` (separators not counted).
    pub nd: u8,
    /// Fraction digits of a `Num`.
    pub fd: u8,
    /// A `Num` written with thousands separators.
    pub commas: bool,
    /// A `Num` with an ordinal suffix (`13th`).
    pub ord: bool,
    /// Lowercased word (ASCII), `wl` bytes long; `wl == 0` when longer than [`WORD_CAP`].
    pub w: [u8; WORD_CAP],
    pub wl: u8,
}

impl Tok {
    fn new(s: usize, e: usize, k: K, sp: bool) -> Tok {
        Tok {
            s,
            e,
            k,
            sp,
            c: '\0',
            v: Decimal::ZERO,
            nd: 0,
            fd: 0,
            commas: false,
            ord: false,
            w: [0; WORD_CAP],
            wl: 0,
        }
    }
    pub fn word(&self) -> &[u8] {
        if self.k == K::Word {
            &self.w[..self.wl as usize]
        } else {
            b""
        }
    }
    /// A plain integer: no separators, decimals or ordinal suffix.
    pub fn is_int(&self) -> bool {
        self.k == K::Num && self.fd == 0 && !self.commas && !self.ord
    }
    /// The integer value of a plain integer of at most 9 digits.
    pub fn int(&self) -> Option<u32> {
        if self.k == K::Num && self.fd == 0 && !self.commas && self.nd <= 9 {
            u32::try_from(self.v.mantissa()).ok()
        } else {
            None
        }
    }
}

pub fn is_space_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{a0}'
            | '\u{2009}'
            | '\u{202f}'
            | '\u{2007}'
            | '\u{200a}'
            | '\u{2002}'
            | '\u{2003}'
    )
}

pub fn is_dash_char(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

/// The tokens from one start position, lexed on demand.
pub struct Lx<'a> {
    pub t: &'a str,
    pub b: &'a [u8],
    toks: Vec<Tok>,
    next: usize,
    done: bool,
    /// The last count read by `date::count_of` (token, result): the relative and composed date
    /// grammars both ask for the count at the start token.
    pub(super) count_memo: Option<(usize, Option<(i64, usize)>)>,
    /// The last hedge read by `num::hedge` (token, result): the date, money, percent and
    /// duration grammars all ask for the hedge at the start token.
    pub(super) hedge_memo: Option<(usize, (Option<super::Hedge>, usize))>,
}

impl<'a> Lx<'a> {
    pub fn new(t: &'a str) -> Self {
        Lx {
            t,
            b: t.as_bytes(),
            toks: Vec::with_capacity(MAX_TOKENS),
            next: 0,
            done: true,
            count_memo: None,
            hedge_memo: None,
        }
    }

    /// Starts over at byte `pos` (a char boundary).
    pub fn reset(&mut self, pos: usize) {
        self.toks.clear();
        self.next = pos;
        self.done = false;
        self.count_memo = None;
        self.hedge_memo = None;
    }

    /// Token `i` from the start position; `End` past the line or the cap.
    #[inline]
    pub fn get(&mut self, i: usize) -> Tok {
        if let Some(t) = self.toks.get(i) {
            return *t;
        }
        self.lex_to(i);
        match self.toks.get(i) {
            Some(t) => *t,
            None => Tok::new(self.next, self.next, K::End, false),
        }
    }

    /// Token `i` by reference (`None` past the end), without copying it.
    #[inline]
    fn tok(&mut self, i: usize) -> Option<&Tok> {
        if i >= self.toks.len() {
            self.lex_to(i);
        }
        self.toks.get(i)
    }

    /// Lexes up to token `i` (the grammars mostly ask for tokens already lexed).
    #[inline(never)]
    fn lex_to(&mut self, i: usize) {
        while self.toks.len() <= i && !self.done {
            self.lex_one();
        }
    }

    pub fn k(&mut self, i: usize) -> K {
        self.tok(i).map_or(K::End, |t| t.k)
    }
    /// Does token `i` equal the lowercase keyword `w`?
    pub fn is(&mut self, i: usize, w: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| t.k == K::Word && t.word() == w.as_bytes())
    }
    pub fn sym(&mut self, i: usize) -> Option<char> {
        self.tok(i).and_then(|t| (t.k == K::Sym).then_some(t.c))
    }
    pub fn is_sym(&mut self, i: usize, c: char) -> bool {
        self.sym(i) == Some(c)
    }
    pub fn is_dash(&mut self, i: usize) -> bool {
        self.k(i) == K::Dash
    }
    /// Token `i` follows token `i-1` without whitespace.
    pub fn glued(&mut self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.sp)
    }
    /// Start and end byte of tokens `a..b` (b exclusive, b > a).
    pub fn span(&mut self, a: usize, b: usize) -> (usize, usize) {
        let s = self.get(a).s;
        let e = self.get(b.saturating_sub(1).max(a)).e;
        (s, e)
    }
    /// The original text of token `i`.
    pub fn raw(&mut self, i: usize) -> &'a str {
        let t = self.get(i);
        self.t.get(t.s..t.e).unwrap_or("")
    }

    fn push_end(&mut self) {
        self.done = true;
    }

    fn lex_one(&mut self) {
        if self.toks.len() >= MAX_TOKENS {
            return self.push_end();
        }
        let b = self.b;
        let mut p = self.next;
        let mut sp = false;
        // whitespace
        loop {
            match b.get(p) {
                Some(b' ') | Some(b'\t') => {
                    p += 1;
                    sp = true;
                }
                Some(&x) if x >= 0x80 => {
                    let c = self.t[p..].chars().next().unwrap_or('\0');
                    if is_space_char(c) {
                        p += c.len_utf8();
                        sp = true;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        self.next = p;
        let Some(&x) = b.get(p) else {
            return self.push_end();
        };
        if x == b'\n' || x == b'\r' {
            return self.push_end();
        }
        let tok = if x.is_ascii_digit() {
            lex_num(b, p, sp)
        } else if x.is_ascii_alphabetic() {
            // one read gives the word's end and its lower-case form (see [`word_at`])
            let (e, packed) = word_at(b, p);
            let mut t = Tok::new(p, e, K::Word, sp);
            if e - p <= WORD_CAP {
                t.w = unpack(packed);
                t.wl = (e - p) as u8;
            }
            t
        } else {
            let c = if x < 0x80 {
                x as char
            } else {
                self.t[p..].chars().next().unwrap_or('\0')
            };
            let e = p + c.len_utf8().max(1);
            let mut t = Tok::new(p, e, if is_dash_char(c) { K::Dash } else { K::Sym }, sp);
            t.c = c;
            t
        };
        self.next = tok.e;
        self.toks.push(tok);
    }
}

/// Lexes a number at `p` (an ASCII digit).
pub fn lex_num(b: &[u8], p: usize, sp: bool) -> Tok {
    let dig = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut e = p;
    let mut mant: u128 = 0;
    let mut nd: u32 = 0;
    let mut total: u32 = 0;
    let push = |d: u8, mant: &mut u128, total: &mut u32| {
        if *total < 27 {
            *mant = *mant * 10 + u128::from(d - b'0');
        }
        *total += 1;
    };
    while dig(e) {
        push(b[e], &mut mant, &mut total);
        nd += 1;
        e += 1;
    }
    let mut commas = false;
    // Indian grouping: `12,34,567`, `1,25,000` (pairs, then a final group of three)
    if nd <= 2 {
        let mut k = e;
        let mut pairs = 0;
        while b.get(k) == Some(&b',') && dig(k + 1) && dig(k + 2) && b.get(k + 3) == Some(&b',') {
            k += 3;
            pairs += 1;
        }
        if pairs > 0 && dig(k + 1) && dig(k + 2) && dig(k + 3) && !dig(k + 4) {
            while e < k + 4 {
                if b[e] != b',' {
                    push(b[e], &mut mant, &mut total);
                    nd += 1;
                }
                e += 1;
            }
            commas = true;
        }
    }
    if nd <= 3 && !commas {
        while b.get(e) == Some(&b',') && dig(e + 1) && dig(e + 2) && dig(e + 3) && !dig(e + 4) {
            for k in 1..4 {
                push(b[e + k], &mut mant, &mut total);
            }
            nd += 3;
            e += 4;
            commas = true;
        }
    }
    let mut fd: u32 = 0;
    if b.get(e) == Some(&b'.') && dig(e + 1) {
        e += 1;
        while dig(e) {
            push(b[e], &mut mant, &mut total);
            fd += 1;
            e += 1;
        }
    }
    let mut ord = false;
    if fd == 0 && !commas {
        let l = |i: usize| b.get(i).map(|c| c.to_ascii_lowercase());
        let suffix = [l(e), l(e + 1)];
        let after = b.get(e + 2).is_some_and(|c| c.is_ascii_alphanumeric());
        if matches!(
            suffix,
            [Some(b's'), Some(b't')]
                | [Some(b'n'), Some(b'd')]
                | [Some(b'r'), Some(b'd')]
                | [Some(b't'), Some(b'h')]
        ) && !after
        {
            ord = true;
            e += 2;
        }
    }
    let mut t = Tok::new(p, e, K::Num, sp);
    if total <= 27 {
        t.v = Decimal::try_from_i128_with_scale(mant as i128, fd.min(28)).unwrap_or(Decimal::ZERO);
        t.nd = nd.min(255) as u8;
    } else {
        // too long to be a claim: make it unusable
        t.nd = 255;
    }
    t.fd = fd.min(255) as u8;
    t.commas = commas;
    t.ord = ord;
    t
}

/// A word packed into two little-endian words of its (lower-case) bytes, zero-padded:
/// letters are never zero, so the pair is the word and its length.
pub type Packed = (u64, u64);

pub const fn pack(w: &[u8]) -> Packed {
    let mut p = [0u8; 16];
    let mut k = 0;
    while k < w.len() && k < 16 {
        p[k] = w[k] | 0x20;
        k += 1;
    }
    let mut lo = 0u64;
    let mut hi = 0u64;
    let mut k = 0;
    while k < 8 {
        lo |= (p[k] as u64) << (8 * k);
        hi |= (p[k + 8] as u64) << (8 * k);
        k += 1;
    }
    (lo, hi)
}

/// Per word length (at most 15): the masks keeping a word's bytes in its two packed halves.
static MASKS: [Packed; 16] = {
    let mut m = [(0u64, 0u64); 16];
    let mut n = 1;
    while n < 16 {
        m[n] = if n < 8 {
            ((1u64 << (8 * n)) - 1, 0)
        } else if n == 8 {
            (u64::MAX, 0)
        } else {
            (u64::MAX, (1u64 << (8 * (n - 8))) - 1)
        };
        n += 1;
    }
    m
};

/// The letters `b[s..e]` (at most [`WORD_CAP`]) in lower case, packed (see [`pack`]).
#[inline]
pub fn packed_lower(b: &[u8], s: usize, e: usize) -> Packed {
    match b.get(s..s + 16) {
        Some(chunk) => {
            // sixteen bytes at once; the bytes past the word are masked off
            let mut lo = [0u8; 8];
            let mut hi = [0u8; 8];
            lo.copy_from_slice(&chunk[..8]);
            hi.copy_from_slice(&chunk[8..]);
            let (lo, hi) = (u64::from_le_bytes(lo), u64::from_le_bytes(hi));
            let (ml, mh) = MASKS[(e - s) & 15];
            (
                (lo | 0x2020_2020_2020_2020) & ml,
                (hi | 0x2020_2020_2020_2020) & mh,
            )
        }
        None => pack(&b[s..e]),
    }
}

/// The letters `b[s..e]` (at most [`WORD_CAP`]) in lower case, zero-padded.
#[inline]
pub fn lower_word(b: &[u8], s: usize, e: usize) -> [u8; WORD_CAP] {
    unpack(packed_lower(b, s, e))
}

/// The bytes of a packed word (see [`pack`]), zero-padded.
#[inline]
pub fn unpack((lo, hi): Packed) -> [u8; WORD_CAP] {
    let mut out = [0u8; WORD_CAP];
    out[..8].copy_from_slice(&lo.to_le_bytes());
    out[8..].copy_from_slice(&hi.to_le_bytes()[..WORD_CAP - 8]);
    out
}

const L: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte of `x` (eight text bytes, little-endian) that is no ASCII letter.
#[inline]
fn non_letters(x: u64) -> u64 {
    let high = x & (0x80 * L);
    let y = (x | (0x20 * L)) & (0x7f * L); // fold case; bytes stay below 0x80
    let ge_a = y + 0x1f * L; // top bit set where y >= b'a'
    let gt_z = y + 0x05 * L; // top bit set where y > b'z'
    !(ge_a & !gt_z & !high) & (0x80 * L)
}

/// The bytes before the lowest byte flagged in `other` (a [`non_letters`] mask, non-zero).
#[inline]
fn before_first(other: u64) -> u64 {
    ((other & other.wrapping_neg()) >> 7).wrapping_sub(1)
}

/// The word at `s` (an ASCII letter): where its letters end and, for at most [`WORD_CAP`]
/// letters, its packed lower-case form (else `(0, 0)`). One sixteen-byte read gives both, where
/// [`letter_run_end`] and [`packed_lower`] would read the word twice. (Always inlined: it is the
/// scanner's per-word step, and a call per word costs more than the read.)
#[inline(always)]
pub fn word_at(b: &[u8], s: usize) -> (usize, Packed) {
    let Some(chunk) = b.get(s..s + 16) else {
        let e = letter_run_end(b, s + 1);
        return (
            e,
            if e - s <= WORD_CAP {
                pack(&b[s..e])
            } else {
                (0, 0)
            },
        );
    };
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&chunk[..8]);
    hi.copy_from_slice(&chunk[8..]);
    let (lo, hi) = (u64::from_le_bytes(lo), u64::from_le_bytes(hi));
    let lower = 0x20 * L;
    let ol = non_letters(lo);
    if ol != 0 {
        let m = before_first(ol);
        return (
            s + (ol.trailing_zeros() / 8) as usize,
            ((lo | lower) & m, 0),
        );
    }
    let oh = non_letters(hi);
    if oh != 0 {
        let m = before_first(oh);
        let e = s + 8 + (oh.trailing_zeros() / 8) as usize;
        return (e, (lo | lower, (hi | lower) & m));
    }
    (letter_run_end(b, s + 16), (0, 0))
}

/// The end of the run of ASCII letters starting at `e`, eight bytes at a time.
#[inline]
pub fn letter_run_end(b: &[u8], mut e: usize) -> usize {
    while let Some(chunk) = b.get(e..e + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let other = non_letters(u64::from_le_bytes(w));
        if other != 0 {
            return e + (other.trailing_zeros() / 8) as usize;
        }
        e += 8;
    }
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_digest_tokens() {
        let t = "~$1.27bn, 300,000 H20 on Sept. 13th 16\u{2013}17";
        let mut lx = Lx::new(t);
        lx.reset(0);
        assert!(lx.is_sym(0, '~'));
        assert!(lx.is_sym(1, '$'));
        let n = lx.get(2);
        assert_eq!(n.v.to_string(), "1.27");
        assert!(lx.is(3, "bn") && lx.glued(3));
        let n = lx.get(5);
        assert_eq!((n.v.to_string(), n.commas), ("300000".into(), true));
        assert!(lx.is(6, "h"));
        assert_eq!(lx.get(7).int(), Some(20));
        assert!(lx.get(11).ord);
        assert!(lx.is_dash(13));
        assert_eq!(lx.k(15), K::End);
    }

    #[test]
    fn word_at_reads_as_run_end_and_packed_lower() {
        let t = "Ab c Sept.13 abcdefghijklmno abcdefghijklmnop WORDS ending x";
        let b = t.as_bytes();
        for s in (0..b.len()).filter(|&s| b[s].is_ascii_alphabetic()) {
            let e = letter_run_end(b, s + 1);
            let packed = if e - s <= WORD_CAP {
                packed_lower(b, s, e)
            } else {
                (0, 0)
            };
            assert_eq!(word_at(b, s), (e, packed), "{:?}", &t[s..]);
        }
    }

    #[test]
    fn indian_grouping() {
        let v = |t: &str| {
            let n = lex_num(t.as_bytes(), 0, false);
            (n.v.to_string(), n.e, n.commas)
        };
        assert_eq!(v("12,34,567.89 rupees"), ("1234567.89".into(), 12, true));
        assert_eq!(v("1,25,000"), ("125000".into(), 8, true));
        assert_eq!(v("1,250,000"), ("1250000".into(), 9, true));
        // a list of numbers is no grouping
        assert_eq!(v("12,34,56"), ("12".into(), 2, false));
        assert_eq!(v("1,25,0000"), ("1".into(), 1, false));
    }
}
