//! Sentence boundaries within a block: `.`, `?` or `!` followed by white space and a capital,
//! digit or quote, except after abbreviations news prose is full of (`Sept.`, `U.S.`, `Inc.`).

use super::Sentence;
use crate::source::Span;

/// Words that end in a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "ms", "dr",
    "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "vs",
    "approx", "est", "e.g", "i.e", "etc", "u.s", "u.k", "u.n", "e.u", "fig", "al",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "Michael C. Schena"
    }
    let lower = w.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Appends the sentences of `block` (a span of `text`) to `out`.
pub fn split(text: &str, block: Span, index: usize, out: &mut Vec<Sentence>) {
    let s = block.of(text);
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // jump from one `.`/`?`/`!` to the next: nothing else can end a sentence
    while let Some(off) = memchr::memchr3(b'.', b'?', b'!', &bytes[i..]) {
        i += off;
        let c = bytes[i];
        let mut j = i + 1;
        // closing quotes or brackets stay with the sentence they end
        while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
            j += 1;
        }
        if s[j..].starts_with('”') || s[j..].starts_with('’') {
            j += 3;
        }
        let ws = s[j..].len() - s[j..].trim_start().len();
        let next = s[j + ws..].chars().next();
        let word_start = || {
            s[..i]
                .char_indices()
                .rev()
                .find(|(_, ch)| ch.is_whitespace())
                .map_or(0, |(p, ch)| p + ch.len_utf8())
        };
        let ends = ws > 0
            && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n))
            && !(c == b'.' && is_abbreviation(&s[word_start()..i]));
        if ends {
            push(out, block.start + start, block.start + j, index, text);
            start = j + ws;
            i = start;
            continue;
        }
        i += 1;
    }
    if start < s.len() {
        push(out, block.start + start, block.end, index, text);
    }
}

fn push(out: &mut Vec<Sentence>, start: usize, end: usize, block: usize, text: &str) {
    let t = &text[start..end];
    let end = start + t.trim_end().len();
    if end > start {
        out.push(Sentence {
            span: Span::new(start, end),
            block,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split(t, Span::new(0, t.len()), 0, &mut v);
        v.iter().map(|s| s.span.of(t)).collect()
    }

    #[test]
    fn splits_on_sentence_ends_not_abbreviations() {
        // Multi-byte white space before a full stop (a property-test find).
        assert_eq!(sents("\u{2000}. Ә"), vec!["\u{2000}.", "Ә"]);
        assert_eq!(
            sents("The U.S. moved on Sept. 13. It said “no.” Then 2025 came! Done"),
            vec![
                "The U.S. moved on Sept. 13.",
                "It said “no.”",
                "Then 2025 came!",
                "Done"
            ]
        );
        assert_eq!(
            sents("Version 4.0 shipped. Michael C. Schena was sentenced."),
            vec!["Version 4.0 shipped.", "Michael C. Schena was sentenced."]
        );
    }
}
