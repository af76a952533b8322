//! The `full` format: each finding rendered by miette with the source around it.
//!
//! A [`Finding`] becomes a [`MietteDiagnostic`] (code, severity, help, the primary label at its
//! span and a label for every related span in the same file); a related span in another file of
//! the run becomes a related diagnostic with that file as its source. Sources are served by
//! [`DocSource`], which answers line and column numbers from a [`LineIndex`] (columns in Unicode
//! scalars, as everywhere in digest-lint: miette's own `str` source counts bytes) and shows only
//! a window of a very long line, so a 50 MB single-line file prints a short excerpt.

use crate::finding::{Finding, Severity};
use crate::source::{floor_char_boundary, LineIndex};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::fmt;

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FullOptions {
    /// ANSI colours (the unicode theme); without, the no-colour unicode theme.
    pub color: bool,
    /// The width to wrap messages at.
    pub width: usize,
}

impl Default for FullOptions {
    fn default() -> Self {
        FullOptions {
            color: false,
            width: 100,
        }
    }
}

/// A document of the run, by the name it is shown under.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// Renders the findings of one document that stands alone (cross-file related spans are named
/// by their document index only).
pub fn render(findings: &[Finding], path: &str, text: &str, opts: &FullOptions) -> String {
    render_run(findings, 0, &[Document { path, text }], opts)
}

/// Renders the findings of document `doc` of a run; related spans in other documents are shown
/// in those documents.
pub fn render_run(
    findings: &[Finding],
    doc: usize,
    docs: &[Document<'_>],
    opts: &FullOptions,
) -> String {
    let sources: Vec<DocSource<'_>> = docs
        .iter()
        .map(|d| DocSource::new(d.path, d.text))
        .collect();
    let Some(own) = sources.get(doc) else {
        return String::new();
    };
    let handler = handler(opts);
    let mut out = String::new();
    for f in findings {
        let report = to_report(f, doc, own, &sources);
        // Writing into a String cannot fail; a render error would come from a bad span, which
        // DocSource clamps, so the fallback below is only a guard.
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!("{}: {} {}\n", own.name, f.code, f.message));
        }
        out.push('\n');
    }
    out
}

/// Renders any miette diagnostic (a configuration error, say) with the same theme.
pub fn render_diagnostic(d: &dyn Diagnostic, opts: &FullOptions) -> String {
    let mut out = String::new();
    if handler(opts).render_report(&mut out, d).is_err() {
        out = format!("error: {d}\n");
    }
    out
}

fn handler(opts: &FullOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
}

/// The miette severity of a finding's severity.
pub fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn to_report<'a>(
    f: &Finding,
    doc: usize,
    own: &'a DocSource<'a>,
    sources: &'a [DocSource<'a>],
) -> Report<'a> {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(f.label.clone()),
        own.clamp(f.span.start, f.span.end),
    )];
    let mut related = Vec::new();
    for r in &f.related {
        match r.file {
            None => labels.push(LabeledSpan::new_with_span(
                Some(r.message.clone()),
                own.clamp(r.span.start, r.span.end),
            )),
            Some(i) if i == doc => labels.push(LabeledSpan::new_with_span(
                Some(r.message.clone()),
                own.clamp(r.span.start, r.span.end),
            )),
            Some(i) => match sources.get(i) {
                Some(other) => related.push(Report {
                    diag: MietteDiagnostic::new(format!("{} (in {})", r.message, other.name))
                        .with_severity(miette::Severity::Advice)
                        .with_label(LabeledSpan::new_primary_with_span(
                            Some(r.message.clone()),
                            other.clamp(r.span.start, r.span.end),
                        )),
                    source: other,
                    related: Vec::new(),
                }),
                None => related.push(Report {
                    diag: MietteDiagnostic::new(format!(
                        "{} (in document {} of the run, bytes {}..{})",
                        r.message, i, r.span.start, r.span.end
                    ))
                    .with_severity(miette::Severity::Advice),
                    source: own,
                    related: Vec::new(),
                }),
            },
        }
    }
    let mut diag = MietteDiagnostic::new(f.message.clone())
        .with_code(f.code.clone())
        .with_severity(miette_severity(f.severity))
        .with_labels(labels);
    if let Some(h) = &f.help {
        diag = diag.with_help(h.clone());
    }
    Report {
        diag,
        source: own,
        related,
    }
}

/// A finding as miette sees it: the diagnostic, its file, and diagnostics in other files.
#[derive(Debug)]
struct Report<'a> {
    diag: MietteDiagnostic,
    source: &'a DocSource<'a>,
    related: Vec<Report<'a>>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.diag, f)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.diag.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag.help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.diag.labels()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// Longest excerpt shown from one line, in bytes; longer lines are cut around the span.
const MAX_LINE_BYTES: usize = 320;
/// Bytes kept on each side of a span when a line is cut.
const WINDOW_BYTES: usize = 80;

/// A document as a miette [`SourceCode`], with line and scalar-column numbers from a
/// [`LineIndex`].
#[derive(Debug)]
pub struct DocSource<'a> {
    name: String,
    text: Cow<'a, str>,
    index: LineIndex,
}

impl<'a> DocSource<'a> {
    pub fn new(name: &str, text: &'a str) -> Self {
        DocSource {
            name: name.to_string(),
            index: LineIndex::new(text),
            text: Cow::Borrowed(text),
        }
    }

    /// A source that owns its text (e.g. a configuration file in an error).
    pub fn owned(name: &str, text: String) -> DocSource<'static> {
        DocSource {
            name: name.to_string(),
            index: LineIndex::new(&text),
            text: Cow::Owned(text),
        }
    }

    /// A span clamped into the text, on char boundaries.
    pub fn clamp(&self, start: usize, end: usize) -> SourceSpan {
        let s = floor_char_boundary(&self.text, start);
        let e = floor_char_boundary(&self.text, end.max(s));
        (s, e - s).into()
    }

    /// The end of a 0-based line, its line break included.
    fn line_end_with_break(&self, line: usize) -> usize {
        if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        }
    }
}

impl SourceCode for DocSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text: &str = &self.text;
        if span.offset() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let start = floor_char_boundary(text, span.offset());
        let end = floor_char_boundary(text, (span.offset() + span.len()).max(start));
        let first = self.index.line_of(start);
        let last = if end > start {
            self.index.line_of(end - 1)
        } else {
            first
        };
        let column = |at: usize| {
            text[self.index.line_start(self.index.line_of(at))..at]
                .chars()
                .count()
        };
        if before == 0 && after == 0 {
            // Where a label starts: miette reads its line and column for the header.
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &text.as_bytes()[start..end],
                (start, end - start).into(),
                first,
                column(start),
                last - first + 1,
            )));
        }
        let from_line = first.saturating_sub(before);
        let to_line = (last + after).min(self.index.line_count() - 1);
        let mut data_start = self.index.line_start(from_line);
        let mut data_end = self.line_end_with_break(to_line);
        let mut line = from_line;
        let longest = (from_line..=to_line)
            .map(|l| self.line_end_with_break(l) - self.index.line_start(l))
            .max()
            .unwrap_or(0);
        if longest > MAX_LINE_BYTES {
            // A very long line: show only a window around the span, on its own lines.
            line = first;
            data_start = floor_char_boundary(
                text,
                start
                    .saturating_sub(WINDOW_BYTES)
                    .max(self.index.line_start(first)),
            );
            let line_end = self.index.line_span(text, last).end;
            let cap = (end + WINDOW_BYTES).min(line_end).max(end);
            data_end = floor_char_boundary(text, cap.min(data_start + 4 * MAX_LINE_BYTES).max(end));
            // Cut between words where one is near, not inside a word.
            if data_start > self.index.line_start(first) {
                if let Some(sp) = text[data_start..start].find(' ') {
                    data_start += sp + 1;
                }
            }
            if data_end < line_end {
                if let Some(sp) = text[end..data_end].rfind(' ') {
                    data_end = end + sp;
                }
            }
        }
        let data_col = column(data_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            line,
            data_col,
            to_line.min(
                self.index
                    .line_of(data_end.saturating_sub(1).max(data_start)),
            ) - line
                + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Related;
    use crate::source::Span;

    fn finding(text: &str, primary: &str, other: &str) -> Finding {
        let p = text.find(primary).unwrap();
        let o = text.find(other).unwrap();
        Finding {
            code: "DL201".into(),
            name: "date-conflict".into(),
            severity: Severity::Error,
            message: "dates disagree".into(),
            help: Some("make them agree".into()),
            span: Span::new(p, p + primary.len()),
            label: "this date".into(),
            related: vec![Related {
                file: None,
                span: Span::new(o, o + other.len()),
                message: "that date".into(),
            }],
            topic: None,
            fix: None,
            evidence: vec![primary.into(), other.into()],
        }
    }

    /// The display column of `needle` in the rendered line that contains `line_text`.
    fn col_in(out: &str, line_text: &str, needle: &str) -> usize {
        let line = out.lines().find(|l| l.contains(line_text)).unwrap();
        line[..line.find(needle).unwrap()].chars().count()
    }

    #[test]
    fn underline_sits_under_the_span_after_wide_bytes() {
        // Each of these is one column but 2–3 bytes: the underline must not drift right.
        let text = "Talks “on” ¥5bn – Sept 14‑15, 2025 ok\nProbe on Sept. 13, 2025.\n";
        let f = finding(text, "Sept 14‑15, 2025", "Sept. 13, 2025");
        let out = render(&[f], "a.txt", text, &FullOptions::default());
        let src_col = col_in(&out, "Talks", "Sept 14");
        let under = out
            .lines()
            .skip_while(|l| !l.contains("Talks"))
            .nth(1)
            .unwrap();
        let first_mark = under
            .char_indices()
            .find(|(_, c)| matches!(c, '─' | '┬'))
            .map(|(i, _)| under[..i].chars().count())
            .unwrap();
        assert_eq!(first_mark, src_col, "\n{out}");
        let width = under.chars().filter(|c| matches!(c, '─' | '┬')).count();
        assert_eq!(width, "Sept 14‑15, 2025".chars().count(), "\n{out}");
        // The header names line and scalar column (1-based): "Talks “on” ¥5bn – " is 18 scalars.
        assert!(out.contains("[a.txt:1:19]"), "\n{out}");
        assert!(out.contains("that date"), "\n{out}");
    }

    #[test]
    fn cross_file_related_names_the_other_file() {
        let a = "Probe opened Sept. 13, 2025.\n";
        let b = "Probe opened Sept. 15, 2025.\n";
        let mut f = finding(a, "Sept. 13, 2025", "Sept. 13, 2025");
        f.related[0].file = Some(1);
        f.related[0].span = Span::new(13, 27);
        let docs = [
            Document {
                path: "a.txt",
                text: a,
            },
            Document {
                path: "b.txt",
                text: b,
            },
        ];
        let out = render_run(&[f], 0, &docs, &FullOptions::default());
        assert!(out.contains("[b.txt:1:14]"), "\n{out}");
        assert!(out.contains("that date (in b.txt)"), "\n{out}");
    }

    #[test]
    fn a_very_long_line_is_cut_around_the_span() {
        let mut text = "x ".repeat(200_000);
        let at = text.len();
        text.push_str("Sept. 13, 2025 and Sept 14–15, 2025");
        text.push_str(&" y".repeat(200_000));
        let f = finding(&text, "Sept. 13, 2025", "Sept 14–15, 2025");
        let out = render(&[f], "big.txt", &text, &FullOptions::default());
        assert!(out.len() < 4000, "{} bytes", out.len());
        assert!(out.contains(&format!("[big.txt:1:{}]", at + 1)), "\n{out}");
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let text = "short";
        let mut f = finding(text, "short", "short");
        f.span = Span::new(3, 99);
        f.related[0].span = Span::new(99, 120);
        let out = render(&[f], "s.txt", text, &FullOptions::default());
        assert!(out.contains("DL201"));
    }
}
