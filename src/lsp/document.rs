//! An open document: its text as the editor has it, edits applied, and positions in the
//! encoding negotiated with the client.

use crate::source::{LineIndex, Span};
use lsp_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// `utf-8` when the client offers it, else LSP's default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The position of byte `offset`.
    pub fn position(self, index: &LineIndex, text: &str, offset: usize) -> Position {
        let (line, character) = match self {
            Encoding::Utf8 => index.utf8_position(text, offset),
            Encoding::Utf16 => index.utf16_position(text, offset),
        };
        Position { line, character }
    }

    /// The byte offset of a position; a column past the line's end clamps to it, a line past
    /// the last to the end of the text (as LSP asks).
    pub fn offset(self, index: &LineIndex, text: &str, pos: Position) -> usize {
        match self {
            Encoding::Utf8 => index.offset_of_utf8(text, pos.line, pos.character),
            Encoding::Utf16 => index.offset_of_utf16(text, pos.line, pos.character),
        }
    }

    pub fn range(self, index: &LineIndex, text: &str, span: Span) -> Range {
        Range {
            start: self.position(index, text, span.start),
            end: self.position(index, text, span.end),
        }
    }

    /// The byte span of a range, start and end put in order.
    pub fn span(self, index: &LineIndex, text: &str, range: Range) -> Span {
        let a = self.offset(index, text, range.start);
        let b = self.offset(index, text, range.end);
        Span::new(a.min(b), a.max(b))
    }
}

/// A document's text with its line index kept current.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub index: LineIndex,
    pub version: i32,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        let index = LineIndex::new(&text);
        Document {
            text,
            index,
            version,
        }
    }

    /// Applies the changes of one `didChange`, in order: a change with a range replaces that
    /// range of the text as it stands after the changes before it; one without replaces it all.
    pub fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = enc.span(&self.index, &self.text, range);
                    self.text.replace_range(span.start..span.end, &change.text);
                }
                None => self.text = change.text,
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    pub fn range(&self, enc: Encoding, span: Span) -> Range {
        enc.range(&self.index, &self.text, span)
    }

    pub fn offset(&self, enc: Encoding, pos: Position) -> usize {
        enc.offset(&self.index, &self.text, pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    fn change(range: Option<(Position, Position)>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(start, end)| Range { start, end }),
            range_length: None,
            text: text.to_string(),
        }
    }

    // “Sept 14–15” costs ¥9bn (€1,2) in 😀 non‑breaking: every kind of width on one line.
    const TEXT: &str = "Title\r\n“Sept 14–15” ¥9bn €1 😀 non‑breaking x\nlast";

    /// UTF-16 columns counted by hand from the scalar widths: BMP chars 1 unit, 😀 2 units.
    #[test]
    fn utf16_positions_of_wide_characters() {
        let idx = LineIndex::new(TEXT);
        let enc = Encoding::Utf16;
        let x = TEXT.find(" x").unwrap() + 1;
        // “Sept 14–15” = 12 units, then " ¥9bn €1 " = 9, 😀 = 2, " non‑breaking " = 14.
        assert_eq!(enc.position(&idx, TEXT, x), pos(1, 12 + 9 + 2 + 14));
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(enc.position(&idx, TEXT, emoji), pos(1, 21));
        assert_eq!(enc.position(&idx, TEXT, emoji + 4), pos(1, 23));
        for off in [0, 7, emoji, emoji + 4, x, TEXT.len()] {
            assert_eq!(enc.offset(&idx, TEXT, enc.position(&idx, TEXT, off)), off);
        }
        // The middle of the surrogate pair lands after the emoji, never inside it.
        assert_eq!(enc.offset(&idx, TEXT, pos(1, 22)), emoji + 4);
    }

    #[test]
    fn utf8_positions_are_byte_columns() {
        let idx = LineIndex::new(TEXT);
        let enc = Encoding::Utf8;
        let line1 = TEXT.find('“').unwrap();
        let dash = TEXT.find('–').unwrap();
        assert_eq!(
            enc.position(&idx, TEXT, dash),
            pos(1, (dash - line1) as u32)
        );
        assert_eq!(enc.offset(&idx, TEXT, pos(1, (dash - line1) as u32)), dash);
        // A column inside the 3-byte dash rounds down to its start.
        assert_eq!(
            enc.offset(&idx, TEXT, pos(1, (dash - line1 + 1) as u32)),
            dash
        );
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let idx = LineIndex::new(TEXT);
        let line0_end = TEXT.find('\r').unwrap();
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(enc.offset(&idx, TEXT, pos(0, 999)), line0_end);
            assert_eq!(enc.offset(&idx, TEXT, pos(99, 0)), TEXT.len());
        }
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf16);
    }

    #[test]
    fn incremental_edits_apply_in_order_in_utf16() {
        let mut doc = Document::new(TEXT.to_string(), 1);
        // Replace "14–15" (cols 6..11 on line 1) with "13", then, in the edited text, insert
        // after the emoji (now 3 units further left), then append a line at the end.
        let emoji_col = 21 - 3;
        doc.apply_changes(
            vec![
                change(Some((pos(1, 6), pos(1, 11))), "13"),
                change(Some((pos(1, emoji_col + 2), pos(1, emoji_col + 2))), "!"),
                change(Some((pos(2, 4), pos(2, 4))), "\nmore"),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(
            doc.text,
            "Title\r\n“Sept 13” ¥9bn €1 😀! non‑breaking x\nlast\nmore"
        );
        assert_eq!(doc.version, 2);
        assert_eq!(doc.index.line_count(), 4);
        let more = doc.text.find("more").unwrap();
        assert_eq!(
            doc.range(Encoding::Utf16, Span::new(more, more + 4)).start,
            pos(3, 0)
        );
    }

    #[test]
    fn incremental_edits_in_utf8_and_full_replacement() {
        let mut doc = Document::new("a€b\nc".to_string(), 1);
        // Delete the euro sign: bytes 1..4 of line 0.
        doc.apply_changes(
            vec![change(Some((pos(0, 1), pos(0, 4))), "")],
            2,
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "ab\nc");
        // Deleting across a line break, range given end-first.
        doc.apply_changes(
            vec![change(Some((pos(1, 0), pos(0, 2))), "-")],
            3,
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "ab-c");
        doc.apply_changes(vec![change(None, "new\ntext")], 4, Encoding::Utf8);
        assert_eq!(doc.text, "new\ntext");
        assert_eq!(doc.index.line_count(), 2);
    }
}
