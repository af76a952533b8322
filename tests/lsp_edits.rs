//! Incremental edits through the server's document code, checked against a model that knows
//! nothing of byte offsets: the text as lines of `char`s, positions counted in UTF-16 units or
//! UTF-8 bytes by summing each char's width.

use digest_lint::lsp::{Document, Encoding};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use proptest::prelude::*;

/// Characters digests are full of: ASCII, en dash, curly quotes, currency signs, U+2011, NBSP,
/// astral chars, and line breaks (LF and CRLF).
const ALPHABET: &[&str] = &[
    "a", "Z", "7", " ", ".", "–", "“", "”", "’", "¥", "€", "£", "\u{2011}", "\u{a0}", "😀", "𝔘",
    "\n", "\r\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..60).prop_map(|v| v.concat())
}

fn width(c: char, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => c.len_utf8() as u32,
        Encoding::Utf16 => c.len_utf16() as u32,
    }
}

/// Lines without their terminators, and each line's terminator.
fn lines(text: &str) -> Vec<(Vec<char>, &str)> {
    let mut out = Vec::new();
    for piece in text.split_inclusive('\n') {
        let (body, end) = match piece.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => match piece.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (piece, ""),
            },
        };
        out.push((body.chars().collect(), end));
    }
    if text.is_empty() || text.ends_with('\n') {
        out.push((Vec::new(), ""));
    }
    out
}

/// The char index into the whole text of (line, k-th char of the line).
fn char_index(text: &str, line: usize, k: usize) -> usize {
    let ls = lines(text);
    ls[..line]
        .iter()
        .map(|(b, e)| b.len() + e.chars().count())
        .sum::<usize>()
        + k
}

/// A valid position: a line and a char boundary within it, as (position, char index).
fn valid_position(
    text: &str,
    enc: Encoding,
    line_pick: usize,
    col_pick: usize,
) -> (Position, usize) {
    let ls = lines(text);
    let line = line_pick % ls.len();
    let k = col_pick % (ls[line].0.len() + 1);
    let col: u32 = ls[line].0[..k].iter().map(|&c| width(c, enc)).sum();
    (Position::new(line as u32, col), char_index(text, line, k))
}

fn check_edit(
    t: &str,
    enc: Encoding,
    picks: (usize, usize, usize, usize),
    insert: &str,
) -> Result<(), TestCaseError> {
    let (p1, i1) = valid_position(t, enc, picks.0, picks.1);
    let (p2, i2) = valid_position(t, enc, picks.2, picks.3);
    let (start, end, a, b) = if i1 <= i2 {
        (p1, p2, i1, i2)
    } else {
        (p2, p1, i2, i1)
    };
    let mut model: Vec<char> = t.chars().collect();
    model.splice(a..b, insert.chars());
    let expected: String = model.into_iter().collect();
    let mut doc = Document::new(t.to_string(), 1);
    doc.apply_changes(
        vec![TextDocumentContentChangeEvent {
            range: Some(Range::new(start, end)),
            range_length: None,
            text: insert.to_string(),
        }],
        2,
        enc,
    );
    prop_assert_eq!(&doc.text, &expected);
    // The line index was rebuilt: every char's position round-trips (but the `\n` of a `\r\n`,
    // which no position addresses: a column past the line's end clamps before the `\r`).
    for (off, c) in doc.text.char_indices() {
        if c == '\n' && doc.text[..off].ends_with('\r') {
            continue;
        }
        let pos = doc.range(enc, digest_lint::Span::new(off, off)).start;
        prop_assert_eq!(doc.offset(enc, pos), off);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn utf16_edits_match_the_model(t in text(), picks in any::<(usize, usize, usize, usize)>(), ins in text()) {
        check_edit(&t, Encoding::Utf16, picks, &ins)?;
    }

    #[test]
    fn utf8_edits_match_the_model(t in text(), picks in any::<(usize, usize, usize, usize)>(), ins in text()) {
        check_edit(&t, Encoding::Utf8, picks, &ins)?;
    }

    /// Any position at all (past line ends, past the last line, inside a character) is clamped
    /// to a char boundary: the edit never panics and the text stays valid.
    #[test]
    fn arbitrary_positions_never_break_the_text(
        t in text(),
        r in any::<(u8, u8, u8, u8)>(),
        ins in text(),
        utf8 in any::<bool>(),
    ) {
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut doc = Document::new(t.clone(), 1);
        let range = Range::new(
            Position::new(u32::from(r.0 % 8), u32::from(r.1 % 40)),
            Position::new(u32::from(r.2 % 8), u32::from(r.3 % 40)),
        );
        doc.apply_changes(
            vec![TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: ins.clone() }],
            2,
            enc,
        );
        // The kept text is a prefix and a suffix of the old one around the insertion.
        prop_assert!(doc.text.len() <= t.len() + ins.len());
        let at = doc.text.find(&ins).is_some();
        prop_assert!(at);
    }
}
