//! Reading a sentence for facts: words, clauses, names (alias-resolved), class words and markers.

use super::lexicon::{norm_name, ClassWord, Lexicon};
use super::{days, Fact};
use crate::claims::{Claim, ClaimKind};
use crate::facts::fast::{FastMap, FastSet};
use crate::source::Span;
use chrono::NaiveDate;
use std::sync::Arc;

/// A word of a sentence: byte span and whether it starts with a capital (or is a code like `H20`).
#[derive(Debug, Clone, Copy)]
struct Tok {
    span: Span,
    cap: bool,
    /// Plain ASCII letters and digits (no trimming, no possessive).
    plain: bool,
    /// Plain with no capital: the lexicons read it as written.
    lower: bool,
}

fn is_word_char(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.' | '&' | '+') || is_alphanumeric(c)
}

/// `char::is_alphanumeric`, answering at once for the punctuation and currency signs common in
/// digests (U+2000–U+206F, U+20A0–U+20CF hold no letter or digit), which would otherwise each
/// cost a Unicode table search.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if matches!(c, '\u{2000}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}') {
        return false;
    }
    c.is_alphanumeric()
}

/// The words of `span`, trailing punctuation trimmed (`U.S.` keeps its dots).
fn tokens(text: &str, span: Span) -> Vec<Tok> {
    let mut out = Vec::with_capacity(span.len() / 6);
    tokens_into(text, span, &mut out);
    out
}

/// What a byte is to the tokenizer: not part of a word (0), an ASCII lower-case letter or digit,
/// an ASCII capital, ASCII punctuation that may sit inside a word, the start of a multi-byte
/// character.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            CAPITAL
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else if matches!(c, b'\'' | b'-' | b'.' | b'&' | b'+') {
            INNER
        } else if c >= 0x80 {
            MULTI
        } else {
            0
        };
        b += 1;
    }
    t
};
const LOWER: u8 = 1;
const CAPITAL: u8 = 2;
const ALNUM: u8 = LOWER | CAPITAL;
const INNER: u8 = 4;
const MULTI: u8 = 8;

/// A word that is not plain ASCII alphanumeric (`s[a..b]`, `s` starting at `base`), trimmed of
/// outer punctuation (`U.S.` keeps its dots).
fn push_trimmed(s: &str, base: usize, a: usize, b: usize, out: &mut Vec<Tok>) {
    let w = &s[a..b];
    let inner_dot = w.trim_end_matches('.').contains('.');
    let trimmed = w.trim_end_matches(|c: char| {
        matches!(c, '\'' | '’' | '-' | '‑' | '&' | '+') || (c == '.' && !inner_dot)
    });
    let lead = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| !is_alphanumeric(c))
            .len();
    let (off, trimmed) = (a + lead, &trimmed[lead..]);
    if trimmed.is_empty() {
        return;
    }
    let first = trimmed.chars().next().unwrap_or(' ');
    out.push(Tok {
        span: Span::new(base + off, base + off + trimmed.len()),
        cap: first.is_uppercase(),
        plain: false,
        lower: false,
    });
}

/// [`tokens`], appended to `out`.
fn tokens_into(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = span.of(text);
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if BYTE_CLASS[bytes[i] as usize] == 0 {
            i += 1; // an ASCII byte outside words
            continue;
        }
        // the word starting here, if any: runs of ASCII alphanumerics (the common case, in a
        // tight loop), joined by inner punctuation or other word characters
        let a = i;
        let mut plain = true;
        // the classes seen, OR-ed: a capital anywhere means the word needs lower-casing
        let mut seen = 0u8;
        loop {
            while i < n && BYTE_CLASS[bytes[i] as usize] & ALNUM != 0 {
                seen |= BYTE_CLASS[bytes[i] as usize];
                i += 1;
            }
            match bytes.get(i).map(|&b| BYTE_CLASS[b as usize]) {
                Some(INNER) => {
                    plain = false;
                    i += 1;
                }
                Some(MULTI) => {
                    let c = s[i..].chars().next().unwrap_or(' ');
                    if !is_word_char(c) {
                        break;
                    }
                    plain = false;
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        if i > a {
            if plain {
                // plain ASCII alphanumeric words need no trimming
                out.push(Tok {
                    span: Span::new(span.start + a, span.start + i),
                    cap: bytes[a].is_ascii_uppercase(),
                    plain: true,
                    lower: seen & CAPITAL == 0,
                });
            } else {
                push_trimmed(s, span.start, a, i, out);
            }
            continue;
        }
        // a character outside words
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
}

/// Appends a word as the lexicons read it: lower case, possessive `'s` dropped, U+2011 made `-`.
fn push_lower(w: &str, out: &mut String) {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if w.is_ascii() {
        let from = out.len();
        out.push_str(w);
        out[from..].make_ascii_lowercase();
    } else {
        out.reserve(w.len());
        for c in w.chars() {
            if c.is_ascii() {
                // most characters even of a word with a curly apostrophe or dash
                out.push(c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    out.push(if l == '‑' { '-' } else { l });
                }
            }
        }
    }
}

/// Words that open a sentence with a capital but are no part of a name.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "as",
    "after",
    "before",
    "since",
    "with",
    "and",
    "but",
    "while",
    "under",
    "per",
    "over",
    "during",
    "throughout",
    "when",
    "if",
    "a",
    "an",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "both",
];

/// Names the digest defines itself (`China's Ministry of Commerce (MOFCOM)`), over the lexicon.
#[derive(Debug, Default)]
pub(super) struct Names {
    defined: FastMap<String, Arc<str>>,
    /// The names written in capitals (`GCF`, `TFFF`), and each longer written name's canonical
    /// name with its initials: a name whose initials the digest also writes is that name
    /// (`Green Climate Fund` ≡ `GCF`, even where it is never defined).
    caps: std::cell::RefCell<FastSet<String>>,
    by_initials: std::cell::RefCell<Vec<(Arc<str>, String)>>,
    /// Written name → its canonical name (or `None`, generic), resolved once per digest.
    cache: std::cell::RefCell<FastMap<String, Option<Arc<str>>>>,
    /// One `Arc` per canonical name, so equal names are the same pointer (see [`name_id`]).
    interned: std::cell::RefCell<FastSet<Arc<str>>>,
}

/// The initials of a name of two or more capitalised words (`of`, `for`, `and`, `the` left out):
/// `Asian Infrastructure Investment Bank` → `AIIB`.
fn initials(name: &str) -> Option<String> {
    let mut acr = String::new();
    let mut words = 0;
    for w in name.split_whitespace() {
        if ["of", "for", "and", "the", "&"]
            .iter()
            .any(|f| w.eq_ignore_ascii_case(f))
        {
            continue;
        }
        let c = w.chars().next()?;
        if !c.is_ascii_uppercase() {
            return None;
        }
        acr.push(c);
        words += 1;
    }
    (words >= 2).then_some(acr)
}

/// A canonical name's identity within a digest: its interned pointer.
pub(super) fn name_id(name: &Arc<str>) -> usize {
    Arc::as_ptr(name) as *const u8 as usize
}

impl Names {
    pub(super) fn learn(text: &str, lex: &Lexicon) -> Names {
        let mut defined = FastMap::default();
        let bytes = text.as_bytes();
        for open in memchr::memchr_iter(b'(', bytes) {
            let rest = &text[open + 1..];
            let Some(close) = rest.as_bytes().iter().take(12).position(|&b| b == b')') else {
                continue;
            };
            let acr = &rest[..close];
            if acr.len() < 2
                || !acr.bytes().all(|b| b.is_ascii_uppercase() || b == b'&')
                || text[..open].ends_with(|c: char| !c.is_whitespace())
            {
                continue;
            }
            // the name before the parenthesis: capitalised words (and `of`/`for`/`and`)
            let line_start = text[..open]
                .rfind(['\n', ',', ';', '—', ':', '('])
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            let before = Span::new(line_start, open);
            let toks = tokens(text, before);
            let mut first = toks.len();
            while first > 0 {
                let t = toks[first - 1];
                let w = t.span.of(text);
                if t.cap || (matches!(w, "of" | "for" | "and" | "&") && first < toks.len()) {
                    first -= 1;
                } else {
                    break;
                }
            }
            while first < toks.len() && !toks[first].cap {
                first += 1;
            }
            if first >= toks.len() {
                continue;
            }
            let long = Span::new(toks[first].span.start, toks[toks.len() - 1].span.end).of(text);
            let (nl, na) = (norm_name(long), norm_name(acr));
            let canon = lex
                .aliases
                .get(&nl)
                .or_else(|| lex.aliases.get(&na))
                .cloned()
                .unwrap_or_else(|| Arc::from(acr));
            // a possessive country before the name (`China's Ministry …`) defines it too
            if let Some((_, tail)) = nl.split_once("'s ") {
                defined.insert(tail.to_string(), canon.clone());
            }
            defined.insert(nl, canon.clone());
            defined.insert(na, canon);
        }
        // sized once for a digest's written names (about one per 600 bytes), not grown step by step
        let names = text.len() / 512;
        Names {
            defined,
            caps: Default::default(),
            by_initials: Default::default(),
            cache: FastMap::with_capacity_and_hasher(names, Default::default()).into(),
            interned: FastSet::with_capacity_and_hasher(names, Default::default()).into(),
        }
    }

    /// The canonical name of a written name, or `None` for a generic one (cached).
    fn resolve_cached(&self, written: &str, lex: &Lexicon) -> Option<Arc<str>> {
        if let Some(hit) = self.cache.borrow().get(written) {
            return hit.clone();
        }
        let r = self.resolve(written, lex).map(|a| self.intern(a));
        if let Some(canon) = &r {
            self.note_initials(written, canon);
        }
        self.cache
            .borrow_mut()
            .insert(written.to_string(), r.clone());
        r
    }

    /// Keeps what [`Names::initial_aliases`] needs of a newly resolved written name.
    fn note_initials(&self, written: &str, canon: &Arc<str>) {
        let w = written.trim();
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        if (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) {
            self.caps.borrow_mut().insert(w.to_string());
        } else if let Some(i) = initials(w) {
            self.by_initials.borrow_mut().push((canon.clone(), i));
        }
    }

    /// Longer names whose initials the digest writes as a name of their own, each mapped (by
    /// [`name_id`]) to that name's canonical form.
    pub(super) fn initial_aliases(&self, lex: &Lexicon) -> FastMap<usize, Arc<str>> {
        let mut out = FastMap::default();
        let found: Vec<(Arc<str>, String)> = {
            let caps = self.caps.borrow();
            self.by_initials
                .borrow()
                .iter()
                .filter(|(_, i)| caps.contains(i))
                .cloned()
                .collect()
        };
        for (canon, i) in found {
            if let Some(a) = self.resolve_cached(&i, lex).filter(|a| *a != canon) {
                out.insert(name_id(&canon), a);
            }
        }
        out
    }

    /// The one `Arc` of a name.
    pub(super) fn intern(&self, a: Arc<str>) -> Arc<str> {
        if let Some(x) = self.interned.borrow().get(&a) {
            return x.clone();
        }
        self.interned.borrow_mut().insert(a.clone());
        a
    }

    /// The canonical name of a written name, or `None` for a generic one.
    fn resolve(&self, written: &str, lex: &Lexicon) -> Option<Arc<str>> {
        let n = norm_name(written);
        if let Some(c) = self.defined.get(&n).or_else(|| lex.aliases.get(&n)) {
            return Some(c.clone());
        }
        if lex.generic.contains(&n) {
            return None;
        }
        // a leading `the`, or a generic first word before an acronym or a longer name (`U.S.
        // NSA`, `Chinese Ministry of Finance`): the rest is the name; `Qatar Airways` and
        // `Saudi Aramco` stay whole
        // a name of one word (most) needs no list of its words
        let words: Vec<&str> = if written.trim().contains(char::is_whitespace) {
            written.split_whitespace().collect()
        } else {
            Vec::new()
        };
        if words.len() > 1 {
            let first = norm_name(words[0]);
            let rest = &words[1..];
            let acronym = rest.len() == 1
                && rest[0].len() >= 2
                && rest[0]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&');
            let function_word = FUNCTION_WORDS.contains(&first.as_str());
            if function_word || lex.generic.contains(&first) {
                let inner = self.resolve(&rest.join(" "), lex)?;
                if function_word || acronym || rest.len() > 1 {
                    return Some(inner);
                }
            }
        }
        if n.len() < 2 || n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let w = written.trim();
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        Some(Arc::from(w))
    }
}

/// Where a lower-cased word is: a range of the text (already lower case) or of the buffer.
#[derive(Debug, Clone, Copy)]
enum Low {
    Text(usize, usize),
    Buf(usize, usize),
}

/// What a sentence says around its claims. One is refilled sentence after sentence, so its
/// buffers are allocated once per document.
#[derive(Debug, Default)]
pub(super) struct SentenceInfo {
    /// The sentence read, if any.
    pub(super) span: Option<Span>,
    clauses: Vec<Span>,
    /// Resolved names (non-generic) and whether each is joined to the previous by `and`/`&`.
    names: Vec<(Span, Arc<str>, bool)>,
    class_words: Vec<(Span, ClassWord)>,
    aggregate: Vec<Span>,
    distinct: Vec<(Span, u64)>,
    report: Vec<Span>,
    toks: Vec<Tok>,
    /// The claims inside the sentence.
    claims: std::ops::Range<usize>,
    /// Scratch: clause cuts, the token ranges of the clauses holding claims, the lower-cased
    /// words in one buffer and each word's range in it.
    cuts: Vec<usize>,
    claim_toks: Vec<std::ops::Range<usize>>,
    buf: String,
    lower: Vec<Low>,
    /// The first word in `lower`.
    base: usize,
    tmp: String,
}

impl SentenceInfo {
    /// Reads the sentence `span`, whose first claim is `first`. (`inline`: `build_with` is its
    /// only caller, and whether the two share a codegen unit moved the cost by ~5M
    /// instructions on 2 MiB.)
    #[inline]
    pub(super) fn fill(
        &mut self,
        text: &str,
        span: Span,
        claims: &[Claim],
        first: usize,
        lex: &Lexicon,
        names: &Names,
    ) {
        self.span = Some(span);
        let mut end = first;
        while end < claims.len() && claims[end].span.start < span.end {
            end += 1;
        }
        self.claims = first..end;
        let inside = &claims[first..end];
        self.cut_clauses(text, span, inside, lex);
        self.tokenize(text, inside);
        self.read_names(text, inside, lex, names);
        self.read_words(text, lex);
    }

    /// The sentence's clauses, up to the one holding its last claim.
    fn cut_clauses(&mut self, text: &str, span: Span, inside: &[Claim], lex: &Lexicon) {
        self.cuts.clear();
        if !lex.clause_re.is_empty() {
            // clauses after the one holding the last claim are never read: stop at its end
            let last_claim = inside.last().map(|c| c.span.start);
            for (m_start, _) in lex.clause_re.find_iter(span.of(text)) {
                let at = span.start + m_start;
                if !inside.iter().any(|c| c.span.start <= at && at < c.span.end) {
                    self.cuts.push(at);
                    if last_claim.map_or(true, |l| at > l) {
                        break;
                    }
                }
            }
        }
        self.clauses.clear();
        let mut from = span.start;
        for &c in &self.cuts {
            if c > from {
                self.clauses.push(Span::new(from, c));
                from = c;
            }
        }
        self.clauses.push(Span::new(from, span.end));
    }

    /// The words of the clauses that hold a claim, and of the clauses before the first of them
    /// (a clause without a subject takes the sentence's first named one); the words of the
    /// clauses holding claims lower-cased, in one buffer.
    fn tokenize(&mut self, text: &str, inside: &[Claim]) {
        let holds = |c: &Span| {
            inside
                .iter()
                .any(|x| c.start <= x.span.start && x.span.start < c.end)
        };
        let last_needed = self.clauses.iter().rposition(holds);
        self.toks.clear();
        // the tokens of the clauses that hold claims: only their class, aggregate, distinct and
        // report words are ever read (the clauses before them lend names only)
        self.claim_toks.clear();
        let mut seen_claim = false;
        for (n, c) in self.clauses.iter().enumerate() {
            if last_needed.map_or(true, |last| n > last) {
                break;
            }
            let has = holds(c);
            if has || !seen_claim {
                let from = self.toks.len();
                tokens_into(text, *c, &mut self.toks);
                if has {
                    self.claim_toks.push(from..self.toks.len());
                }
            }
            seen_claim |= has;
        }
        // the words before the first clause holding a claim are lower-cased only where the
        // name reading asks
        self.buf.clear();
        self.lower.clear();
        self.base = self.claim_toks.first().map_or(self.toks.len(), |r| r.start);
        for t in &self.toks[self.base..] {
            if t.lower {
                self.lower.push(Low::Text(t.span.start, t.span.end));
                continue;
            }
            if t.plain {
                // ASCII with a capital: lower-cased as it is copied
                let from = self.buf.len();
                self.buf.push_str(t.span.of(text));
                self.buf[from..].make_ascii_lowercase();
                self.lower.push(Low::Buf(from, self.buf.len()));
                continue;
            }
            let w = t.span.of(text);
            let bare = w.strip_suffix("'s").unwrap_or(w);
            if bare
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                // already as the lexicons read it (most words): the text itself
                let start = t.span.start;
                self.lower.push(Low::Text(start, start + bare.len()));
            } else {
                let from = self.buf.len();
                push_lower(w, &mut self.buf);
                self.lower.push(Low::Buf(from, self.buf.len()));
            }
        }
    }

    /// Whether the lower-cased word `k` passes `f` (read from the buffer, else lower-cased into
    /// `tmp`).
    fn word_is(&self, text: &str, k: usize, tmp: &mut String, f: impl Fn(&str) -> bool) -> bool {
        if k >= self.base {
            f(self.lw(text, k))
        } else {
            tmp.clear();
            push_lower(self.toks[k].span.of(text), tmp);
            f(tmp)
        }
    }

    /// The lower-cased word `k` (of the clauses holding claims).
    #[inline]
    fn lw<'a>(&'a self, text: &'a str, k: usize) -> &'a str {
        match self.lower[k - self.base] {
            Low::Text(a, b) => &text[a..b],
            Low::Buf(a, b) => &self.buf[a..b],
        }
    }

    /// Names: runs of capitalised words, joined by `of`/`for`/`&` between capitals, resolved.
    fn read_names(&mut self, text: &str, inside: &[Claim], lex: &Lexicon, names: &Names) {
        let mut tmp = std::mem::take(&mut self.tmp);
        let mut found = std::mem::take(&mut self.names);
        found.clear();
        let toks = &self.toks;
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].cap || inside.iter().any(|c| c.span.contains(toks[i].span)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() {
                let gap = &text[toks[j - 1].span.end..toks[j].span.start];
                let prev = toks[j - 1].span.of(text);
                if !(gap == " " || gap == "\u{a0}") || prev.ends_with("'s") || prev.ends_with("’s")
                {
                    break;
                }
                if toks[j].cap {
                    j += 1;
                } else if toks.get(j + 1).is_some_and(|t| t.cap)
                    && self.word_is(text, j, &mut tmp, |w| {
                        matches!(w, "of" | "for" | "&" | "de")
                    })
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let nspan = Span::new(toks[i].span.start, toks[j - 1].span.end);
            // a lone capitalised word opening the sentence that names a class (`Revenue rose`)
            // is no name
            let opener_word = j == i + 1
                && i == 0
                && self.word_is(text, i, &mut tmp, |w| lex.class_of_word(w).is_some());
            if opener_word {
                i = j;
                continue;
            }
            if let Some(canon) = names.resolve_cached(nspan.of(text), lex) {
                let joined = found.last().is_some_and(|(p, _, _)| {
                    let gap = text[p.end..nspan.start].trim();
                    matches!(gap, "and" | "&" | "," | "/")
                });
                found.push((nspan, canon, joined));
            }
            i = j;
        }
        self.names = found;
        self.tmp = tmp;
    }

    /// Class words (with phrases), aggregates, distinct-event and reporting words of the
    /// clauses holding claims: one lookup per word.
    fn read_words(&mut self, text: &str, lex: &Lexicon) {
        let mut class_words = std::mem::take(&mut self.class_words);
        let mut aggregate = std::mem::take(&mut self.aggregate);
        let mut distinct = std::mem::take(&mut self.distinct);
        let mut report = std::mem::take(&mut self.report);
        class_words.clear();
        aggregate.clear();
        distinct.clear();
        report.clear();
        let toks = &self.toks;
        let n_words = toks.len();
        for r in &self.claim_toks {
            for k in r.clone() {
                let l = self.lw(text, k);
                let span = toks[k].span;
                let info = lex.word_info(l);
                for &p in info.map_or(&[][..], |i| &i.aggregate_phrases) {
                    let words = lex.aggregate_phrases[p].split(' ');
                    let n = words.clone().count();
                    if k + n <= n_words && words.enumerate().all(|(o, w)| self.lw(text, k + o) == w)
                    {
                        aggregate.push(Span::new(span.start, toks[k + n - 1].span.end));
                    }
                }
                let Some(info) = info.filter(|i| i.listed()) else {
                    if let Some(c) = lex.prefix_class(l) {
                        class_words.push((span, c));
                    }
                    continue;
                };
                if let Some(c) = info.class {
                    class_words.push((span, c));
                }
                for &p in &info.phrases {
                    let (words, c) = &lex.phrases[p];
                    if k + words.len() <= n_words
                        && words
                            .iter()
                            .enumerate()
                            .all(|(o, w)| self.lw(text, k + o) == w.as_str())
                    {
                        let sp = Span::new(span.start, toks[k + words.len() - 1].span.end);
                        class_words.push((sp, *c));
                    }
                }
                if info.aggregate {
                    aggregate.push(span);
                }
                if info.distinct != 0 {
                    distinct.push((span, info.distinct));
                }
                if info.report {
                    report.push(span);
                }
            }
        }
        // words inside a name (`California Public Employees' Retirement System`) name no class
        let found = &self.names;
        class_words.retain(|(s, _)| {
            !found
                .iter()
                .any(|(n, _, _)| n.contains(*s) && *n != *s && n.of(text).contains(' '))
        });
        // a negated event (`submitted its plan without a sale`, `no deal`) is none
        class_words.retain(|(s, _)| !negated(&text[..s.start]));
        class_words.sort_by_key(|(s, _)| s.start);
        self.class_words = class_words;
        self.aggregate = aggregate;
        self.distinct = distinct;
        self.report = report;
    }

    /// The classes of claim `i` in `clause`, nearest first, and whether they were read from a
    /// strong word. The words between the claim and its neighbours of the same family (dates for
    /// a date, amounts for an amount; a conversion partner is no neighbour) count: the nearest
    /// strong word before it, else after it, else a weak one (which admits the strong classes of
    /// the clause).
    fn classes_of(
        &self,
        text: &str,
        claims: &[Claim],
        i: usize,
        clause: Span,
        lex: &Lexicon,
    ) -> (Vec<u16>, bool, Span) {
        let c = &claims[i];
        let within = |s: Span| clause.start <= s.start && s.end <= clause.end;
        let is_date = matches!(c.kind, ClaimKind::Date(_));
        // a period an amount is for (`a 137,000 bpd rise for December`, `guidance for 2026`)
        // dates no event (a day is still one: `scheduled for Dec. 18`)
        if c.date()
            .is_some_and(|d| d.grain != crate::claims::Grain::Day)
            && text[..c.span.start].ends_with(" for ")
        {
            return (Vec::new(), false, clause);
        }
        let wanted = |w: &ClassWord, strong: bool| {
            w.strong == strong
                && lex.classes.get(w.class as usize).is_some_and(|cl| {
                    if is_date {
                        cl.event
                    } else {
                        cl.measure
                    }
                })
        };
        let family = |x: &Claim| matches!(x.kind, ClaimKind::Date(_)) == is_date;
        let others = || {
            self.claims.clone().filter(move |&k| {
                k != i
                    && c.pair != Some(k)
                    && claims[k].pair != Some(i)
                    && within(claims[k].span)
                    && family(&claims[k])
            })
        };
        let seg_lo = others()
            .map(|k| claims[k].span.end)
            .filter(|&e| e <= c.span.start)
            .max()
            .unwrap_or(clause.start);
        let seg_hi = others()
            .map(|k| claims[k].span.start)
            .filter(|&s| s >= c.span.end)
            .min()
            .unwrap_or(clause.end);
        // the nearest class word, with those right beside it (`stake sale`)
        let beside = |a: Span, b: Span| {
            let (lo, hi) = if a.end <= b.start {
                (a.end, b.start)
            } else {
                (b.end, a.start)
            };
            hi.saturating_sub(lo) <= 2
        };
        let before_from = |lo: usize, strong: bool| -> Vec<u16> {
            let mut v: Vec<u16> = Vec::new();
            let mut last: Option<Span> = None;
            for (s, w) in self.class_words.iter().rev() {
                if s.start >= lo && s.end <= c.span.start && wanted(w, strong) {
                    if last.is_some_and(|l| !beside(l, *s)) {
                        break;
                    }
                    last = Some(*s);
                    if !v.contains(&w.class) {
                        v.push(w.class);
                    }
                }
            }
            v
        };
        let before = |strong: bool| before_from(seg_lo, strong);
        // words after a reason (`fined £21 million for letting high-risk customers open
        // accounts`, `over failures`, `because`) say why, not what the claim measures
        // read only when a word after the claim is looked at (most claims find theirs before)
        let after_hi = std::cell::OnceCell::new();
        let after_hi = || *after_hi.get_or_init(|| reason_start(text, c.span.end, seg_hi));
        let after = |strong: bool| -> Vec<u16> {
            let mut v: Vec<u16> = Vec::new();
            let mut last: Option<Span> = None;
            for (s, w) in &self.class_words {
                if s.start >= c.span.end && wanted(w, strong) && s.end <= after_hi() {
                    if last.is_some_and(|l| !beside(l, *s)) {
                        break;
                    }
                    last = Some(*s);
                    if !v.contains(&w.class) {
                        v.push(w.class);
                    }
                }
            }
            v
        };
        let mut found: Vec<u16> = Vec::new();
        let mut class_strong = true;
        if let ClaimKind::Count { noun, .. } = c.kind {
            found.extend(
                self.class_words
                    .iter()
                    .find(|(s, w)| noun.start <= s.start && s.start < noun.end && wanted(w, true))
                    .map(|(_, w)| w.class),
            );
        }
        // `€400 million in provisions`, `$5bn in revenue`: a measure named right after `in`
        // is the amount's own, before any word further back
        if found.is_empty() && !is_date && text[c.span.end..].starts_with(" in ") {
            let at = c.span.end + 4;
            found.extend(
                self.class_words
                    .iter()
                    .find(|(s, w)| s.start == at && wanted(w, true) && s.end <= after_hi())
                    .map(|(_, w)| w.class),
            );
        }
        if found.is_empty() {
            found = before(true);
        }
        if found.is_empty() {
            found = after(true);
        }
        // `launched the fund on Nov. 6 at the Belém summit`: the verb before a date names its
        // event as well as the noun (not a verb after it: `rose in July as investors priced in`)
        if is_date && !found.is_empty() {
            for k in before(false) {
                if !found.contains(&k) {
                    found.push(k);
                }
            }
        }
        if found.is_empty() {
            class_strong = false;
            found = before(false);
            if found.is_empty() {
                found = after(false);
            }
            // the second of a list of parallel amounts shares the verb of the first (`sign
            // Kerkez for £40 million and Frimpong for £29.5 million`)
            if found.is_empty()
                && !is_date
                && seg_lo > clause.start
                && self.parallel_subject(text, claims, i, clause).is_some()
            {
                found = before_from(clause.start, false);
            }
            // a weak word (or none) admits the strong classes of its clause
            for (s, w) in &self.class_words {
                if within(*s) && wanted(w, true) && !found.contains(&w.class) {
                    found.push(w.class);
                }
            }
        }
        (found, class_strong, Span::new(seg_lo, seg_hi))
    }

    /// In a clause of parallel amounts (`valuing Dunamu at 15.1 trillion won and Naver at 4.9
    /// trillion won`: a name stands between two of its amounts), the name nearest before amount
    /// `i`: each amount is that one's, not the subject of the whole clause. `None` elsewhere.
    fn parallel_subject(
        &self,
        text: &str,
        claims: &[Claim],
        i: usize,
        clause: Span,
    ) -> Option<&Arc<str>> {
        let c = &claims[i];
        if !is_amount(c) {
            return None;
        }
        let within = |s: Span| clause.start <= s.start && s.end <= clause.end;
        // the clause's amounts, a conversion counted once (by its first member)
        // the sentence's claims only (a document may hold tens of thousands)
        let lead: Vec<Span> = self
            .claims
            .clone()
            .map(|k| (k, &claims[k]))
            .filter(|(k, d)| within(d.span) && is_amount(d) && d.pair.map_or(true, |p| p > *k))
            .map(|(_, d)| d.span)
            .collect();
        let named_between = lead.windows(2).any(|w| {
            self.names
                .iter()
                .any(|(s, _, _)| w[0].end <= s.start && s.end <= w[1].start)
        });
        if !named_between {
            return None;
        }
        // the nearest name before it that is no origin (`signed João Pedro from Brighton for
        // £60 million`: the player, not the club he came from)
        let before = || {
            self.names
                .iter()
                .filter(|(s, _, _)| within(*s) && s.end <= c.span.start)
        };
        before()
            .filter(|(s, _, _)| !text[..s.start].ends_with("from "))
            .max_by_key(|(s, _, _)| s.end)
            .or_else(|| before().max_by_key(|(s, _, _)| s.end))
            .map(|(_, name, _)| name)
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(super) fn fact(
        &self,
        text: &str,
        claims: &[Claim],
        i: usize,
        block: usize,
        topic: usize,
        sentence: Option<usize>,
        lex: &Lexicon,
    ) -> Fact {
        let c = &claims[i];
        let clause = self
            .clauses
            .iter()
            .copied()
            .find(|s| s.start <= c.span.start && c.span.start < s.end)
            .unwrap_or(c.span);
        let within = |s: Span| clause.start <= s.start && s.end <= clause.end;
        // allocated on the first name the clause holds (many hold none)
        let mut entities: Vec<Arc<str>> = Vec::new();
        let mut before_claim: Vec<bool> = Vec::new();
        let mut aggregate = self.aggregate.iter().any(|s| within(*s));
        for (k, (s, name, joined)) in self.names.iter().enumerate() {
            if within(*s) {
                if *joined && k > 0 && within(self.names[k - 1].0) {
                    aggregate = true;
                }
                if !entities.contains(name) {
                    entities.push(name.clone());
                    before_claim.push(s.end <= c.span.start);
                }
            }
        }
        // parallel amounts (`valuing Dunamu at 15.1 trillion won and Naver at 4.9 trillion won`)
        // each belong to the name just before them
        if let Some(own) = self.parallel_subject(text, claims, i, clause) {
            for (e, b) in entities.iter().zip(before_claim.iter_mut()) {
                *b = e == own;
            }
        }
        // a clause that names its owner only after the claim (`and the Oct. 3 fire at
        // Chevron's refinery`) is about that owner
        if !before_claim.iter().any(|b| *b) {
            for (n, name, _) in &self.names {
                let owner =
                    clause.start <= n.start && n.end <= clause.end && n.start >= c.span.end && {
                        let w = n.of(text);
                        let after = &text[n.end..];
                        w.ends_with("'s")
                            || w.ends_with("’s")
                            || after.starts_with("'s")
                            || after.starts_with("’s")
                    };
                if owner {
                    if let Some(p) = entities.iter().position(|e| e == name) {
                        before_claim[p] = true;
                    }
                }
            }
        }
        // a clause that names no one before its claim (`, which valued it at $2.8 billion`)
        // speaks of the subject of its sentence: the names of the first clause that has any
        if !before_claim.iter().any(|b| *b) {
            let prev = self
                .clauses
                .iter()
                .filter(|s| s.end <= clause.start)
                .find_map(|s| {
                    let v: Vec<&Arc<str>> = self
                        .names
                        .iter()
                        .filter(|(n, _, _)| s.start <= n.start && n.end <= s.end)
                        .map(|(_, name, _)| name)
                        .collect();
                    (!v.is_empty()).then_some(v)
                });
            for name in prev.unwrap_or_default() {
                if let Some(p) = entities.iter().position(|e| e == name) {
                    before_claim[p] = true;
                } else {
                    entities.push(name.clone());
                    before_claim.push(true);
                }
            }
        }
        let is_date = matches!(c.kind, ClaimKind::Date(_));
        let (found, class_strong, segment) = self.classes_of(text, claims, i, clause, lex);
        let class = found.first().copied();
        let clause_classes: Vec<u16> = found.iter().skip(1).copied().collect();
        // distinct-event words count between the claim and its neighbours (`up from 40 a year
        // earlier` marks the 40, not the 48 before it)
        let markers = self
            .distinct
            .iter()
            .filter(|(s, _)| segment.start <= s.start && s.end <= segment.end)
            .fold(0u64, |m, (_, b)| m | b);
        let reported = is_date
            && self.report.iter().any(|r| {
                within(*r)
                    && r.end <= c.span.start
                    && self
                        .toks
                        .iter()
                        .filter(|t| t.span.start >= r.end && t.span.end <= c.span.start)
                        .count()
                        <= 2
            });
        // the date stated with a non-date claim: nearest in the clause, else in the sentence
        let mut when: Option<(NaiveDate, NaiveDate)> = None;
        let mut crowded = false;
        if !is_date {
            let dist = |o: &Claim| o.span.start.abs_diff(c.span.start);
            // outside the clause a target (`due to add 64 mtpa by 2030`) dates what it is the
            // target of, not the amount
            let target = |k: usize| {
                let before = text[..claims[k].span.start].trim_end();
                [" by", " for", " until", " through"]
                    .iter()
                    .any(|w| before.ends_with(w))
            };
            // `since 2020` starts a period, it dates nothing stated with it
            let since = |k: usize| text[..claims[k].span.start].trim_end().ends_with(" since");
            let dated = |in_clause: bool| {
                self.claims
                    .clone()
                    .filter(|&k| k != i && (!in_clause || within(claims[k].span)))
                    .filter(|&k| (in_clause || !target(k)) && !since(k))
                    .filter_map(|k| days(&claims[k]).map(|d| (dist(&claims[k]), d)))
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, d)| d)
            };
            when = dated(true).or_else(|| dated(false));
            // a list: another amount in the same unit close by (`€500 million and Meta €200
            // million`, `2.1% (5y), 2.5% (10y)`)
            let amounts = self.claims.clone().filter(|&k| {
                k != i
                    && c.pair != Some(k)
                    && claims[k].pair != Some(i)
                    && within(claims[k].span)
                    && !matches!(claims[k].kind, ClaimKind::Date(_))
                    && !per_unit(text, claims[k].span.end)
            });
            crowded = amounts.into_iter().any(|k| {
                let o = claims[k].span;
                let gap = if o.start >= c.span.end {
                    o.start - c.span.end
                } else {
                    c.span.start.saturating_sub(o.end)
                };
                gap <= LIST_GAP_BYTES
                    && same_unit(text, c, &claims[k])
                    && self
                        .classes_of(text, claims, k, clause, lex)
                        .0
                        .first()
                        .copied()
                        == class
            });
        }
        let year = match c.date() {
            Some(d) => Some(chrono::Datelike::year(&d.lo())),
            None => super::year_of(when),
        };
        Fact {
            claim: i,
            topic,
            block,
            sentence,
            clause,
            entities,
            before_claim,
            keys: Vec::new(),
            subject: Vec::new(),
            class,
            class_strong,
            clause_classes,
            hedge: c.hedge,
            year,
            when,
            aggregate,
            markers,
            reported,
            crowded,
        }
    }
}

/// Two amounts of one unit this close (bytes between them) are a list.
const LIST_GAP_BYTES: usize = 40;

/// Whether the claim ending at `end` is a price per unit (`$5 per hectare`, `$80/bbl`, `€90 a
/// tonne`, `$2 each`) rather than a sum: the first word after it says so.
pub fn per_unit(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    if after.starts_with('/') {
        return true;
    }
    let mut words = after.split(|c: char| !c.is_alphanumeric());
    match words.next().map(str::to_ascii_lowercase).as_deref() {
        Some("per" | "each" | "apiece") => true,
        // `a tonne`, `an hour`: an article then a word (not `a year ago`, a time)
        Some("a" | "an") => {
            words
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic))
                && words.next() != Some("ago")
        }
        _ => false,
    }
}

/// Whether the text before a word negates it: `without a`, `no`, `not a`.
fn negated(before: &str) -> bool {
    let b = before.trim_end();
    let b = ["a", "an", "the", "any"]
        .iter()
        .find_map(|art| {
            b.strip_suffix(art)
                .filter(|r| r.ends_with([' ', '\u{a0}']))
                .map(str::trim_end)
        })
        .unwrap_or(b);
    ["without", "no", "not"].iter().any(|w| {
        b.strip_suffix(w)
            .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// Where a reason begins in `text[from..to]` (`for` and a gerund, `over`, `because`), else `to`.
/// Only the first bytes after a claim are read: a reason further on is another phrase's.
fn reason_start(text: &str, from: usize, to: usize) -> usize {
    const REACH: usize = 64;
    let end = crate::source::floor_char_boundary(text, to.min(from + REACH));
    let Some(seg) = text.get(from..end) else {
        return to;
    };
    let mut best = to;
    for (k, _) in seg.match_indices(' ') {
        let rest = &seg[k + 1..];
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let reason = match &rest[..word_end] {
            "over" | "because" => true,
            "for" => {
                let next = rest[word_end..].trim_start_matches(' ');
                let next = &next[..next.find(' ').unwrap_or(next.len())];
                next.len() > 4 && next.ends_with("ing")
            }
            _ => false,
        };
        if reason {
            best = from + k + 1;
            break;
        }
    }
    best
}

/// The last word of a count's noun, lower-cased and without a plural `s`.
pub fn noun_head(text: &str, noun: Span) -> String {
    let w = noun
        .of(text)
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    w.strip_suffix('s').map(str::to_string).unwrap_or(w)
}

/// Whether two counted nouns have the same [`noun_head`], compared in place when both last
/// words are ASCII (the common case) instead of through two lower-cased copies.
pub(super) fn same_noun_head(ta: &str, x: Span, tb: &str, y: Span) -> bool {
    fn last(t: &str, n: Span) -> &str {
        n.of(t)
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
    }
    let (a, b) = (last(ta, x), last(tb, y));
    if !(a.is_ascii() && b.is_ascii()) {
        return noun_head(ta, x) == noun_head(tb, y);
    }
    // one plural `s` (either case: it is read lower-cased) dropped from each
    fn bare(w: &str) -> &str {
        w.strip_suffix(['s', 'S']).unwrap_or(w)
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

/// Whether two claims state values in the same unit (same currency, percent unit, counted noun).
pub fn same_unit(text: &str, a: &Claim, b: &Claim) -> bool {
    match (&a.kind, &b.kind) {
        (ClaimKind::Money { currency: x, .. }, ClaimKind::Money { currency: y, .. }) => x == y,
        (ClaimKind::Percent { unit: x, .. }, ClaimKind::Percent { unit: y, .. }) => x == y,
        (ClaimKind::Count { noun: x, .. }, ClaimKind::Count { noun: y, .. }) => {
            same_noun_head(text, *x, text, *y)
        }
        // bare numbers with the same unit word after them (`2,500 MW`, `1,000 MW`)
        (ClaimKind::Number { .. }, ClaimKind::Number { .. }) => {
            let unit = |c: &Claim| {
                text[c.span.end..]
                    .split_whitespace()
                    .next()
                    .map(|w| {
                        w.trim_end_matches(|ch: char| !ch.is_alphanumeric())
                            .to_lowercase()
                    })
                    .filter(|w| w.chars().any(char::is_alphabetic))
            };
            unit(a).is_some() && unit(a) == unit(b)
        }
        _ => false,
    }
}

/// An amount that belongs to a subject: money, a count, a percentage.
fn is_amount(c: &Claim) -> bool {
    matches!(
        c.kind,
        ClaimKind::Money { .. } | ClaimKind::Count { .. } | ClaimKind::Percent { .. }
    )
}

#[cfg(test)]
mod acronym_tests {
    use super::initials;

    #[test]
    fn initials_of_capitalised_names() {
        assert_eq!(initials("Green Climate Fund").as_deref(), Some("GCF"));
        assert_eq!(
            initials("Asian Infrastructure Investment Bank").as_deref(),
            Some("AIIB")
        );
        assert_eq!(initials("Bank of England").as_deref(), Some("BE"));
        assert_eq!(initials("The Green Climate Fund").as_deref(), Some("GCF"));
        assert_eq!(initials("Tencent"), None);
        assert_eq!(initials("Tencent cloud"), None);
    }
}

#[cfg(test)]
mod fast_path_tests {
    #[test]
    fn push_lower_reads_words_as_the_lexicons_do() {
        for (w, want) in [
            ("Nvidia’s", "nvidia"),
            ("Anti‑Dumping", "anti-dumping"),
            ("ÉTATS-Unis", "états-unis"),
            ("Don’t", "don’t"),
            ("İstanbul", "i\u{307}stanbul"),
            ("U.S.'s", "u.s."),
        ] {
            let mut out = String::from("x");
            super::push_lower(w, &mut out);
            assert_eq!(out, format!("x{want}"), "{w}");
        }
    }

    #[test]
    fn same_noun_head_agrees_with_noun_head() {
        use crate::source::Span;
        let t = "GPUs gpu Wafers wafer WAFERS process chips chip Stacks stack s S Équipes équipe";
        let words: Vec<Span> = {
            let mut v = Vec::new();
            let mut at = 0;
            for w in t.split(' ') {
                v.push(Span::new(at, at + w.len()));
                at += w.len() + 1;
            }
            v
        };
        for &x in &words {
            for &y in &words {
                assert_eq!(
                    super::same_noun_head(t, x, t, y),
                    super::noun_head(t, x) == super::noun_head(t, y),
                    "{} {}",
                    x.of(t),
                    y.of(t)
                );
            }
        }
    }

    #[test]
    fn is_alphanumeric_agrees_with_char_in_the_ranges_it_answers() {
        for c in ('\u{1F00}'..='\u{2200}').chain('\0'..='\u{FF}') {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}

#[cfg(test)]
mod reason_tests {
    use super::reason_start;

    #[test]
    fn a_reason_ends_what_names_an_amount() {
        let at = |t: &str| reason_start(t, 0, t.len());
        assert_eq!(at(" for letting customers open accounts"), 1);
        assert_eq!(at(" in fines over failures"), 10);
        assert_eq!(at(" because of delays"), 1);
        assert_eq!(at(" for a 10% stake"), 16);
        assert_eq!(at(" for king"), 9, "a short word is no gerund");
        assert_eq!(at(" in provisions"), 14);
    }

    #[test]
    fn negated_words_name_no_event() {
        use super::negated;
        assert!(negated("submitted its plan without a "));
        assert!(negated("there was no "));
        assert!(negated("it is not a "));
        assert!(!negated("announced a "));
        assert!(!negated("the piano "));
        assert!(!negated("Casino "));
    }
}
