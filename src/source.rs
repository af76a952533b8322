//! Bytes to text, and byte offsets to the line/column numbers people and editors use.
//!
//! Spans everywhere are byte offsets into the file exactly as read: a BOM is skipped by the
//! parsers (see [`body_start`]), never stripped, so offsets stay true to the original bytes.

use serde::Serialize;
use std::fmt;

/// A half-open byte range `start..end` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Why a file's bytes are not a text we can lint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
}

/// Checks that `bytes` are UTF-8 text. A NUL byte marks a binary file, as in git and ripgrep.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Where the text proper starts: after a UTF-8 byte order mark, if there is one.
pub fn body_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

/// Line starts of a text, computed once; answers positions in bytes, Unicode scalars (for
/// people) and UTF-16 code units (for LSP). `\r\n` and `\n` both end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column, the column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// The byte range of a 0-based line without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and Unicode-scalar column of a byte offset (clamped to a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        // A BOM is no character a person sees: line 1 counts from after it.
        let start = match line {
            0 => body_start(text).min(offset),
            _ => self.line_start(line),
        };
        LineCol {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 0-based line and UTF-16 column of a byte offset, as LSP counts by default.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col: usize = text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// 0-based line and UTF-8 column of a byte offset (LSP's `utf-8` position encoding).
    pub fn utf8_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        (line as u32, (offset - self.line_start(line)) as u32)
    }

    /// The byte offset of a 0-based line and UTF-16 column; past the line's end it clamps there.
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> usize {
        if line as usize >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line as usize);
        let mut units = 0u32;
        for (i, c) in span.of(text).char_indices() {
            if units >= col {
                return span.start + i;
            }
            units += c.len_utf16() as u32;
        }
        span.end
    }

    /// The byte offset of a 0-based line and UTF-8 column, clamped to the line and a char boundary.
    pub fn offset_of_utf8(&self, text: &str, line: u32, col: u32) -> usize {
        if line as usize >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line as usize);
        floor_char_boundary(text, (span.start + col as usize).min(span.end))
    }
}

/// The largest char boundary at or below `offset` (stable `str::floor_char_boundary`).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalars_and_utf16_units() {
        let text = "a–b\r\n€1 😀x\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(idx.utf16_position(text, x), (1, 5));
        assert_eq!(idx.offset_of_utf16(text, 1, 5), x);
        assert_eq!(idx.line_span(text, 0).of(text), "a–b");
        let b = text.find('b').unwrap();
        assert_eq!(idx.line_col(text, b), LineCol { line: 1, column: 3 });
    }

    #[test]
    fn decode_reports_offsets() {
        assert_eq!(
            decode(b"ab\xffc".to_vec()),
            Err(DecodeError::InvalidUtf8 { offset: 2 })
        );
        assert_eq!(
            decode(b"ab\0c".to_vec()),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(body_start("\u{feff}x"), 3);
    }

    #[test]
    fn a_bom_is_not_a_column() {
        let text = "\u{feff}ab\r\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 2 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 2, column: 1 });
    }
}
