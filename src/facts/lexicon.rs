//! The lexicons under `rules/lexicon/`: entity aliases and generic names, event and measure
//! classes, and the words that split clauses or mark aggregates and distinct events.

use crate::facts::fast::{FastMap, FastSet};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

#[derive(Deserialize)]
struct EntitiesFile {
    aliases: std::collections::BTreeMap<String, Vec<String>>,
    generic: GenericNames,
}

#[derive(Deserialize)]
struct GenericNames {
    names: Vec<String>,
    #[serde(default)]
    company_words: Vec<String>,
}

#[derive(Deserialize)]
struct EventsFile {
    classes: std::collections::BTreeMap<String, ClassDef>,
}

#[derive(Deserialize)]
struct ClassDef {
    kind: String,
    strong: Vec<String>,
    weak: Vec<String>,
    #[serde(default)]
    varies: bool,
    #[serde(default)]
    recurring: bool,
}

#[derive(Deserialize)]
struct ClausesFile {
    clause_breaks: Vec<String>,
    aggregate_words: Vec<String>,
    distinct_words: Vec<String>,
    report_words: Vec<String>,
    distinctive_max_topic_share_pct: u32,
}

/// A word that names a class: strong (it names the class on its own) or weak (a verb several
/// classes share).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassWord {
    pub class: u16,
    pub strong: bool,
}

/// Everything the lexicons say about one lower-cased word, looked up once.
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// The class it names on its own.
    pub class: Option<ClassWord>,
    /// Phrases it opens: indexes into [`Lexicon::phrases`].
    pub phrases: Vec<usize>,
    /// A reporting word (`reported`).
    pub report: bool,
    /// A one-word aggregate word (`combined`).
    pub aggregate: bool,
    /// Its distinct-event bit (`another`), or 0.
    pub distinct: u64,
    /// Aggregate phrases it opens (`in all`): indexes into [`Lexicon::aggregate_phrases`].
    pub aggregate_phrases: Vec<usize>,
}

impl WordInfo {
    /// Whether the lexicons list the word itself (not only as the first of an aggregate phrase).
    pub fn listed(&self) -> bool {
        self.class.is_some()
            || !self.phrases.is_empty()
            || self.report
            || self.aggregate
            || self.distinct != 0
    }
}

/// One event or measure class.
#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    /// Keys dates.
    pub event: bool,
    /// Keys amounts.
    pub measure: bool,
    /// A level that changes over time: compared only at overlapping dates.
    pub varies: bool,
    /// An event held again and again (policy meetings): two dates of it far apart are two
    /// occurrences, not one misdated.
    pub recurring: bool,
}

/// The lexicons, parsed once.
#[derive(Debug)]
pub struct Lexicon {
    /// Lower-cased alias → canonical name.
    pub aliases: FastMap<String, Arc<str>>,
    /// Lower-cased generic names.
    pub generic: FastSet<String>,
    /// Words that end a company's name (`Energy`, `Holdings`): `Woodside` is `Woodside Energy`.
    pub company_words: FastSet<String>,
    pub classes: Vec<Class>,
    /// Lower-cased single word → class.
    pub words: FastMap<String, ClassWord>,
    /// Lower-cased word prefixes (`divest*`) → class.
    pub prefixes: Vec<(String, ClassWord)>,
    /// The first bytes of `prefixes`, as a bit set (every byte when one of them is empty).
    pub prefix_first: [u64; 4],
    /// Multi-word phrases, lower-cased and split into words → class.
    pub phrases: Vec<(Vec<String>, ClassWord)>,
    pub clause_breaks: Vec<String>,
    /// The clause breaks as one matcher.
    pub clause_re: ClauseBreaks,
    /// Phrases by their first word: indexes into `phrases`.
    pub phrases_by_first: FastMap<String, Vec<usize>>,
    pub aggregate: Vec<String>,
    pub distinct: FastSet<String>,
    /// The distinct-event words in file order (their bit positions).
    pub distinct_order: Vec<String>,
    pub report: FastSet<String>,
    /// Every word the lexicons know, with what they say of it.
    pub info: FastMap<String, WordInfo>,
    /// Which (first byte, length) pairs the words of `info` have: a word outside it is looked up
    /// no further.
    pub shape: Box<[u64; 256]>,
    /// The same for (last byte, length).
    pub shape_last: Box<[u64; 256]>,
    /// A one-hash Bloom filter of the words of `info` over their two first and two last bytes
    /// and length: most prose words that pass `shape` (`and`, `supply`) fail it.
    pub bloom: Box<[u64; 64]>,
    /// Multi-word aggregate phrases (`in all`).
    pub aggregate_phrases: Vec<String>,
    /// An entity in more than this share of the topics does not key facts.
    pub max_topic_share_pct: u32,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            aliases: Default::default(),
            generic: Default::default(),
            company_words: Default::default(),
            classes: Vec::new(),
            words: Default::default(),
            prefixes: Vec::new(),
            prefix_first: [0; 4],
            phrases: Vec::new(),
            clause_breaks: Vec::new(),
            clause_re: ClauseBreaks::default(),
            phrases_by_first: Default::default(),
            aggregate: Vec::new(),
            distinct: Default::default(),
            distinct_order: Vec::new(),
            report: Default::default(),
            info: Default::default(),
            shape: Box::new([0u64; 256]),
            shape_last: Box::new([0u64; 256]),
            bloom: Box::new([0u64; 64]),
            aggregate_phrases: Vec::new(),
            max_topic_share_pct: 0,
        }
    }
}

impl Lexicon {
    /// The built-in lexicons (the files compiled into the binary).
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let get = |p: &str| crate::rules::embedded(p).unwrap_or("");
            Lexicon::parse(
                get("lexicon/entities.toml"),
                get("lexicon/events.toml"),
                get("lexicon/clauses.toml"),
            )
            .unwrap_or_default()
        })
    }

    /// Parses the three lexicon files.
    pub fn parse(entities: &str, events: &str, clauses: &str) -> Result<Lexicon, String> {
        let e: EntitiesFile =
            toml::from_str(entities).map_err(|e| format!("lexicon/entities.toml: {e}"))?;
        let v: EventsFile =
            toml::from_str(events).map_err(|e| format!("lexicon/events.toml: {e}"))?;
        let c: ClausesFile =
            toml::from_str(clauses).map_err(|e| format!("lexicon/clauses.toml: {e}"))?;
        let mut lex = Lexicon::default();
        for (canon, names) in e.aliases {
            let canon: Arc<str> = Arc::from(canon.as_str());
            lex.aliases.insert(norm_name(&canon), canon.clone());
            for n in names {
                lex.aliases.insert(norm_name(&n), canon.clone());
            }
        }
        lex.generic = e.generic.names.iter().map(|n| norm_name(n)).collect();
        lex.company_words = e.generic.company_words.iter().cloned().collect();
        for (i, (name, def)) in v.classes.into_iter().enumerate() {
            let id = i as u16;
            let (event, measure) = match def.kind.as_str() {
                "event" => (true, false),
                "measure" => (false, true),
                "both" => (true, true),
                k => {
                    return Err(format!(
                        "lexicon/events.toml: class {name}: unknown kind `{k}`"
                    ))
                }
            };
            lex.classes.push(Class {
                name,
                event,
                measure,
                varies: def.varies,
                recurring: def.recurring,
            });
            let words = def.strong.into_iter().map(|w| (w, true));
            for (w, strong) in words.chain(def.weak.into_iter().map(|w| (w, false))) {
                let w = w.to_lowercase().replace('‑', "-");
                let entry = ClassWord { class: id, strong };
                if let Some(p) = w.strip_suffix('*') {
                    lex.prefixes.push((p.to_string(), entry));
                } else if w.contains(' ') {
                    lex.phrases
                        .push((w.split(' ').map(String::from).collect(), entry));
                } else {
                    // a measure or event noun is never who a fact is about (`EBITDA`, `GDP`,
                    // `Capex` written as a name)
                    if strong {
                        lex.generic.insert(norm_name(&w));
                    }
                    lex.words.insert(w, entry);
                }
            }
        }
        for (p, _) in &lex.prefixes {
            match p.as_bytes().first() {
                Some(&b) => lex.prefix_first[b as usize / 64] |= 1 << (b % 64),
                None => lex.prefix_first = [u64::MAX; 4],
            }
        }
        lex.clause_re = ClauseBreaks::new(&c.clause_breaks)
            .map_err(|e| format!("lexicon/clauses.toml: clause_breaks: {e}"))?;
        lex.clause_breaks = c.clause_breaks;
        for (k, (words, _)) in lex.phrases.iter().enumerate() {
            if let Some(first) = words.first() {
                lex.phrases_by_first
                    .entry(first.clone())
                    .or_default()
                    .push(k);
            }
        }
        lex.aggregate = c.aggregate_words.iter().map(|w| w.to_lowercase()).collect();
        lex.distinct_order = c.distinct_words.iter().map(|w| w.to_lowercase()).collect();
        lex.distinct = lex.distinct_order.iter().cloned().collect();
        lex.report = c.report_words.iter().map(|w| w.to_lowercase()).collect();
        lex.max_topic_share_pct = c.distinctive_max_topic_share_pct;
        // one table for the per-word lookups
        let mut info: FastMap<String, WordInfo> = FastMap::default();
        for (w, c) in &lex.words {
            info.entry(w.clone()).or_default().class = Some(*c);
        }
        for (w, ps) in &lex.phrases_by_first {
            info.entry(w.clone()).or_default().phrases = ps.clone();
        }
        for w in &lex.report {
            info.entry(w.clone()).or_default().report = true;
        }
        for w in &lex.aggregate {
            if w.contains(' ') {
                lex.aggregate_phrases.push(w.clone());
            } else {
                info.entry(w.clone()).or_default().aggregate = true;
            }
        }
        for w in &lex.distinct_order {
            let bit = lex.distinct_bit(w).unwrap_or(0);
            info.entry(w.clone()).or_default().distinct = bit;
        }
        for (k, a) in lex.aggregate_phrases.iter().enumerate() {
            if let Some(first) = a.split(' ').next() {
                info.entry(first.to_string())
                    .or_default()
                    .aggregate_phrases
                    .push(k);
            }
        }
        let mut shape = Box::new([0u64; 256]);
        let mut shape_last = Box::new([0u64; 256]);
        for w in info.keys() {
            if let (Some(&b), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) {
                shape[b as usize] |= 1u64 << w.len().min(63);
                shape_last[z as usize] |= 1u64 << w.len().min(63);
            }
        }
        for w in info.keys() {
            if !w.is_empty() {
                let h = bloom_bit(w.as_bytes());
                lex.bloom[h / 64] |= 1 << (h % 64);
            }
        }
        lex.shape = shape;
        lex.shape_last = shape_last;
        lex.info = info;
        Ok(lex)
    }

    /// What the lexicons say of a lower-cased word.
    #[inline]
    pub fn word_info(&self, w: &str) -> Option<&WordInfo> {
        let (b, z) = (*w.as_bytes().first()?, *w.as_bytes().last()?);
        let len = 1u64 << w.len().min(63);
        if self.shape[b as usize] & len == 0 || self.shape_last[z as usize] & len == 0 {
            return None;
        }
        let h = bloom_bit(w.as_bytes());
        if self.bloom[h / 64] & (1 << (h % 64)) == 0 {
            return None;
        }
        self.info.get(w)
    }

    /// The class of a lower-cased word, if it names one.
    pub fn class_of_word(&self, w: &str) -> Option<ClassWord> {
        if let Some(c) = self.words.get(w) {
            return Some(*c);
        }
        self.prefix_class(w)
    }

    /// The class of a lower-cased word that begins with a listed prefix (`divestment`).
    #[inline]
    pub fn prefix_class(&self, w: &str) -> Option<ClassWord> {
        let b = w.as_bytes().first().copied().unwrap_or(0);
        if self.prefix_first[b as usize / 64] & (1 << (b % 64)) == 0 && !w.is_empty() {
            return None; // the common case: no prefix starts so
        }
        self.prefixes
            .iter()
            .find(|(p, _)| w.starts_with(p.as_str()))
            .map(|(_, c)| *c)
    }

    /// The bit of a distinct-event word (`another`, `second`, …), if it is one.
    pub fn distinct_bit(&self, w: &str) -> Option<u64> {
        let i = self.distinct_order.iter().position(|d| d == w)?;
        Some(1u64 << (i % 64))
    }

    /// The class's name.
    pub fn class_name(&self, id: u16) -> &str {
        self.classes
            .get(id as usize)
            .map_or("", |c| c.name.as_str())
    }
}

/// A word's bit in [`Lexicon::bloom`] (of 4096): its first two and last two bytes and its
/// length, mixed by one multiplication. `w` is not empty.
#[inline]
fn bloom_bit(w: &[u8]) -> usize {
    let n = w.len();
    let key = u64::from(w[0])
        | u64::from(w[n.min(2) - 1]) << 8
        | u64::from(w[n.saturating_sub(2)]) << 16
        | u64::from(w[n - 1]) << 24
        | (n as u64) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
}

/// The clause breaks as one literal matcher with the semantics of a regex alternation of them
/// (leftmost match; at one position the break listed first; the next search starts after it).
#[derive(Debug, Default)]
pub struct ClauseBreaks {
    ac: Option<aho_corasick::AhoCorasick>,
}

impl ClauseBreaks {
    /// The matcher of `breaks` (an empty break, which would cut everywhere, is left out).
    pub fn new(breaks: &[String]) -> Result<ClauseBreaks, String> {
        let pats: Vec<&str> = breaks
            .iter()
            .map(String::as_str)
            .filter(|b| !b.is_empty())
            .collect();
        if pats.is_empty() {
            return Ok(ClauseBreaks { ac: None });
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(pats)
            .map_err(|e| e.to_string())?;
        Ok(ClauseBreaks { ac: Some(ac) })
    }

    /// Whether there is no break to find.
    pub fn is_empty(&self) -> bool {
        self.ac.is_none()
    }

    /// The breaks of `s`, left to right, without overlaps: start and end of each.
    pub fn find_iter<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.ac
            .iter()
            .flat_map(move |ac| ac.find_iter(s))
            .map(|m| (m.start(), m.end()))
    }
}

/// A name as the alias tables key it: lower case, possessive and a leading `the` dropped,
/// non-breaking hyphens made plain.
pub fn norm_name(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    // ASCII (the common case) needs neither Unicode case rules nor the dash/quote mapping
    let lower = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase().replace('‑', "-").replace('’', "'")
    };
    match lower.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        let get = |p: &str| crate::rules::embedded(p).unwrap();
        let lex = Lexicon::parse(
            get("lexicon/entities.toml"),
            get("lexicon/events.toml"),
            get("lexicon/clauses.toml"),
        )
        .unwrap();
        assert_eq!(
            lex.aliases
                .get("china's ministry of commerce")
                .map(|s| &**s),
            Some("MOFCOM")
        );
        assert!(lex.generic.contains("china"));
        let probe = lex.class_of_word("investigation").unwrap();
        assert_eq!(lex.class_of_word("anti-dumping"), Some(probe));
        assert!(probe.strong);
        assert_eq!(lex.class_name(probe.class), "probe");
        assert!(!lex.class_of_word("sold").unwrap().strong);
        assert!(lex.class_of_word("divestment").is_some());
        assert!(lex.class_of_word("banana").is_none());
    }

    #[test]
    fn the_filters_let_every_listed_word_through() {
        let lex = Lexicon::builtin();
        for w in lex.info.keys() {
            assert!(lex.word_info(w).is_some(), "{w}");
        }
        assert!(lex.word_info("and").is_none());
        assert!(lex.prefix_class("divested").is_some());
        assert!(lex.prefix_class("supply").is_none());
    }

    #[test]
    fn unknown_class_kind_is_an_error() {
        let bad = "[classes.x]\nkind = \"nope\"\nstrong = [\"x\"]\nweak = []\n";
        let ents = "[aliases]\n[generic]\nnames = []\n";
        let cl = "clause_breaks=[]\naggregate_words=[]\ndistinct_words=[]\nreport_words=[]\ndistinctive_max_topic_share_pct=50\n";
        assert!(Lexicon::parse(ents, bad, cl).unwrap_err().contains("nope"));
    }
}
