//! Findings as LSP diagnostics.

use super::document::{Document, Encoding};
use crate::finding::{Finding, Severity};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

/// The name diagnostics carry in `source`.
pub const SOURCE: &str = "digest-lint";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding of `doc` as a diagnostic. `locate` maps a related span's document (an index
/// into the documents linted together; `None` is `doc` itself) to its URI and text. For a client
/// that does not show `relatedInformation`, `inline_related` also names the related places in
/// the message (`see 148:57: dated Sept. 13, 2025 here`, lines and columns as people count).
pub fn to_diagnostic<'a>(
    finding: &Finding,
    doc: &Document,
    enc: Encoding,
    inline_related: bool,
    locate: impl Fn(Option<usize>) -> Option<(&'a Uri, &'a Document)>,
) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            let (uri, other) = locate(r.file)?;
            if inline_related {
                let at = other.index.line_col(&other.text, r.span.start);
                let file = match r.file {
                    Some(_) => format!("{}:", uri.as_str().rsplit('/').next().unwrap_or("")),
                    None => String::new(),
                };
                message.push_str(&format!("\nsee {file}{at}: {}", r.message));
            }
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: other.range(enc, r.span),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: doc.range(enc, finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.clone())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Related;
    use crate::source::Span;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn finding(text: &str, at: &str, other: &str, file: Option<usize>) -> Finding {
        let s = text.find(at).unwrap();
        let o = text.find(other).unwrap();
        Finding {
            code: "DL201".into(),
            name: "date-conflict".into(),
            severity: Severity::Error,
            message: "two dates".into(),
            help: None,
            span: Span::new(s, s + at.len()),
            label: String::new(),
            related: vec![Related {
                file,
                span: Span::new(o, o + other.len()),
                message: "other".into(),
            }],
            topic: None,
            fix: None,
            evidence: vec![],
        }
    }

    #[test]
    fn ranges_and_related_in_utf16() {
        let text = "“A” on Sept. 13, 2025.\n😀 “B” around Sept 14–15, 2025.\n";
        let doc = Document::new(text.to_string(), 3);
        let uri = Uri::from_str("file:///d.txt").unwrap();
        let f = finding(text, "Sept 14–15, 2025", "Sept. 13, 2025", None);
        let d = to_diagnostic(&f, &doc, Encoding::Utf16, false, |_| Some((&uri, &doc)));
        assert_eq!(d.message, "two dates");
        // Line 1: 😀 (2) + space + “B” (3) + " around " (8) = 14 units before the date, whose
        // 16 scalars are all in the BMP.
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 14), Position::new(1, 30))
        );
        let rel = d.related_information.unwrap();
        assert_eq!(
            rel[0].location.range,
            Range::new(Position::new(0, 7), Position::new(0, 21))
        );
        assert_eq!(d.code, Some(NumberOrString::String("DL201".into())));
        assert_eq!(d.source.as_deref(), Some("digest-lint"));
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
    }

    #[test]
    fn related_in_an_unknown_document_is_dropped() {
        let text = "Sept. 13 and Sept 14";
        let doc = Document::new(text.to_string(), 1);
        let f = finding(text, "Sept 14", "Sept. 13", Some(5));
        let d = to_diagnostic(&f, &doc, Encoding::Utf8, true, |_| None);
        assert_eq!(d.message, "two dates");
        assert!(d.related_information.is_none());
        assert_eq!(
            d.range,
            Range::new(Position::new(0, 13), Position::new(0, 20))
        );
    }

    #[test]
    fn related_places_inline_for_clients_without_related_information() {
        let text = "“A” on Sept. 13, 2025.\n😀 “B” around Sept 14–15, 2025.\n";
        let doc = Document::new(text.to_string(), 1);
        let other = Document::new("x\n– Sept. 13\n".to_string(), 1);
        let uri = Uri::from_str("file:///d/a.txt").unwrap();
        let other_uri = Uri::from_str("file:///d/b.md").unwrap();
        let mut f = finding(text, "Sept 14–15, 2025", "Sept. 13, 2025", None);
        f.help = Some("make them agree".into());
        f.related.push(Related {
            file: Some(1),
            span: Span::new(6, 10),
            message: "elsewhere".into(),
        });
        let d = to_diagnostic(&f, &doc, Encoding::Utf16, true, |file| match file {
            None => Some((&uri, &doc)),
            Some(_) => Some((&other_uri, &other)),
        });
        // Columns count scalars from 1: `“A” on ` is 7 of them; `– ` 2.
        assert_eq!(
            d.message,
            "two dates\nhelp: make them agree\nsee 1:8: other\nsee b.md:2:3: elsewhere"
        );
        assert_eq!(d.related_information.unwrap().len(), 2);
    }
}
