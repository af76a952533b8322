//! Code actions: a finding's own fix, and suppression directives for it.

use super::document::{Document, Encoding};
use crate::finding::Finding;
use crate::source::{body_start, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The actions for the findings over `range` (a cursor counts when it touches a finding).
/// `diagnostics[i]` is the published diagnostic of `findings[i]`.
pub fn code_actions(
    uri: &Uri,
    doc: &Document,
    enc: Encoding,
    findings: &[Finding],
    diagnostics: &[Diagnostic],
    range: Span,
) -> Vec<CodeActionOrCommand> {
    let mut fixes = Vec::new();
    let mut suppressions = Vec::new();
    let mut seen_line = Vec::new();
    let mut seen_file = Vec::new();
    for (f, d) in findings.iter().zip(diagnostics) {
        if f.span.start > range.end || range.start > f.span.end {
            continue;
        }
        let action = |title: String, edit: TextEdit, preferred: bool| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            })
        };
        if let Some(fix) = &f.fix {
            let edit = TextEdit {
                range: doc.range(enc, fix.span),
                new_text: fix.replacement.clone(),
            };
            fixes.push(action(capitalised(&fix.title), edit, true));
        }
        let line = doc.index.line_of(f.span.start);
        if !seen_line.contains(&(line, &f.code)) {
            seen_line.push((line, &f.code));
            let edit = suppress_line_edit(doc, enc, line, &f.code);
            suppressions.push(action(
                format!("Suppress {} on this line", f.code),
                edit,
                false,
            ));
        }
        if !seen_file.contains(&&f.code) {
            seen_file.push(&f.code);
            let edit = suppress_file_edit(doc, enc, &f.code);
            suppressions.push(action(
                format!("Suppress {} in this file", f.code),
                edit,
                false,
            ));
        }
    }
    fixes.extend(suppressions);
    fixes
}

/// The edit that silences `code` on `line`: the code added to a `disable-next-line` directive
/// right above it, or a new directive line above it with its indentation.
pub fn suppress_line_edit(doc: &Document, enc: Encoding, line: usize, code: &str) -> TextEdit {
    let text = &doc.text;
    let mut span = doc.index.line_span(text, line);
    // Never put the directive in front of a byte order mark.
    span.start = span.start.max(body_start(text)).min(span.end);
    let content = span.of(text);
    if line > 0 {
        let above = doc.index.line_span(text, line - 1);
        if let Some(at) = extendable_directive(above.of(text), NEXT_LINE, code) {
            let at = above.start + at;
            return TextEdit {
                range: doc.range(enc, Span::new(at, at)),
                new_text: format!(" {code}"),
            };
        }
    }
    let indent_len = content.len() - content.trim_start_matches([' ', '\t']).len();
    let indent = &content[..indent_len];
    TextEdit {
        range: doc.range(enc, Span::new(span.start, span.start)),
        new_text: format!(
            "{indent}<!-- {NEXT_LINE} {code} -->{}",
            line_ending(doc, line)
        ),
    }
}

const NEXT_LINE: &str = "digest-lint-disable-next-line";
const FILE: &str = "digest-lint-disable-file";

/// The edit that silences `code` in the whole file: the code added to a `disable-file`
/// directive on the first line, or a new one there (after a byte order mark).
pub fn suppress_file_edit(doc: &Document, enc: Encoding, code: &str) -> TextEdit {
    let text = &doc.text;
    let at = body_start(text);
    let first = doc.index.line_span(text, 0);
    let first = Span::new(at.min(first.end), first.end);
    if let Some(k) = extendable_directive(first.of(text), FILE, code) {
        let k = first.start + k;
        return TextEdit {
            range: doc.range(enc, Span::new(k, k)),
            new_text: format!(" {code}"),
        };
    }
    TextEdit {
        range: doc.range(enc, Span::new(at, at)),
        new_text: format!("<!-- {FILE} {code} -->{}", line_ending(doc, 0)),
    }
}

/// Where to add a code to a comment directive of `kind` (the byte after its last code), when
/// the line is one without `match=` and without `code` already.
fn extendable_directive(line: &str, kind: &str, code: &str) -> Option<usize> {
    let t = line.trim_end();
    let inner = t.trim_start().strip_prefix("<!--")?.strip_suffix("-->")?;
    let codes = inner.trim().strip_prefix(kind)?;
    if !codes.starts_with([' ', '\t']) || codes.contains('=') {
        return None;
    }
    let mut list = codes.split([' ', ',', '\t']).filter(|c| !c.is_empty());
    if list.clone().any(|c| c == code) || list.next().is_none() {
        return None;
    }
    let end_of_codes = t.len() - 3; // before `-->`
    Some(t[..end_of_codes].trim_end().len())
}

/// A menu entry starts with a capital: `write Tuesday` → `Write Tuesday`.
fn capitalised(title: &str) -> String {
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The line ending the text uses at `line` (`\n` when the line has none).
fn line_ending(doc: &Document, line: usize) -> &'static str {
    let span = doc.index.line_span(&doc.text, line);
    if doc.text[span.end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Severity};
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn finding(text: &str, at: &str, code: &str, fix: Option<(&str, &str)>) -> Finding {
        let s = text.find(at).unwrap();
        Finding {
            code: code.into(),
            name: "x".into(),
            severity: Severity::Warning,
            message: "m".into(),
            help: None,
            span: Span::new(s, s + at.len()),
            label: String::new(),
            related: vec![],
            topic: None,
            fix: fix.map(|(from, to)| {
                let f = text.find(from).unwrap();
                Fix {
                    title: format!("replace with `{to}`"),
                    span: Span::new(f, f + from.len()),
                    replacement: to.into(),
                }
            }),
            evidence: vec![],
        }
    }

    // `WorkspaceEdit` keys its changes by `Uri`, which clippy thinks mutable; it is not.
    #[allow(clippy::mutable_key_type)]
    fn edits(a: &CodeActionOrCommand) -> (&str, Vec<TextEdit>) {
        let CodeActionOrCommand::CodeAction(a) = a else {
            panic!("not an action")
        };
        let changes = a.edit.as_ref().unwrap().changes.as_ref().unwrap();
        (a.title.as_str(), changes.values().next().unwrap().clone())
    }

    fn apply(text: &str, enc: Encoding, e: &TextEdit) -> String {
        let mut d = Document::new(text.to_string(), 0);
        d.apply_changes(
            vec![lsp_types::TextDocumentContentChangeEvent {
                range: Some(e.range),
                range_length: None,
                text: e.new_text.clone(),
            }],
            1,
            enc,
        );
        d.text
    }

    #[test]
    fn fix_then_suppressions_with_indentation_and_crlf() {
        let text = "Title\r\nKey Points\r\n  • “Deal” on Tuesday, Oct. 7 (x.com)\r\n";
        let doc = Document::new(text.to_string(), 1);
        let uri = Uri::from_str("file:///d.txt").unwrap();
        let f = finding(
            text,
            "Tuesday, Oct. 7",
            "DL102",
            Some(("Tuesday", "Wednesday")),
        );
        let d = Diagnostic::default();
        let at = text.find("Oct").unwrap();
        let acts = code_actions(&uri, &doc, Encoding::Utf16, &[f], &[d], Span::new(at, at));
        assert_eq!(acts.len(), 3);
        let (title, e) = edits(&acts[0]);
        assert_eq!(title, "Replace with `Wednesday`");
        // `  • “Deal” on ` is 14 UTF-16 units.
        assert_eq!(
            e[0].range,
            Range::new(Position::new(2, 14), Position::new(2, 21))
        );
        let (title, e) = edits(&acts[1]);
        assert_eq!(title, "Suppress DL102 on this line");
        assert_eq!(
            apply(text, Encoding::Utf16, &e[0]),
            "Title\r\nKey Points\r\n  <!-- digest-lint-disable-next-line DL102 -->\r\n  • “Deal” on Tuesday, Oct. 7 (x.com)\r\n"
        );
        let (_, e) = edits(&acts[2]);
        assert!(apply(text, Encoding::Utf16, &e[0])
            .starts_with("<!-- digest-lint-disable-file DL102 -->\r\nTitle\r\n"));
    }

    #[test]
    fn extends_an_existing_directive_above() {
        let text = "<!-- digest-lint-disable-next-line DL201 -->\nOn Sept 13 and Sept 14.\n";
        let doc = Document::new(text.to_string(), 1);
        let e = suppress_line_edit(&doc, Encoding::Utf8, 1, "DL202");
        assert_eq!(
            apply(text, Encoding::Utf8, &e),
            "<!-- digest-lint-disable-next-line DL201 DL202 -->\nOn Sept 13 and Sept 14.\n"
        );
        // A directive that already names the code, or narrows by match, gets a new line.
        for above in [
            "<!-- digest-lint-disable-next-line DL202 -->",
            "<!-- digest-lint-disable-next-line DL201 match=\"x\" -->",
        ] {
            let t = format!("{above}\nSept 14\n");
            let doc = Document::new(t.clone(), 1);
            let e = suppress_line_edit(&doc, Encoding::Utf8, 1, "DL202");
            assert_eq!(e.range.start, Position::new(1, 0));
        }
    }

    #[test]
    fn findings_outside_the_range_get_nothing() {
        let text = "Sept 13.\nSept 14.\n";
        let doc = Document::new(text.to_string(), 1);
        let uri = Uri::from_str("file:///d.txt").unwrap();
        let f = finding(text, "Sept 14", "DL201", None);
        let acts = code_actions(
            &uri,
            &doc,
            Encoding::Utf8,
            &[f],
            &[Diagnostic::default()],
            Span::new(0, 3),
        );
        assert!(acts.is_empty());
    }

    #[test]
    fn directive_goes_after_a_byte_order_mark() {
        let text = "\u{feff}  Sept 14\n";
        let doc = Document::new(text.to_string(), 1);
        let e = suppress_line_edit(&doc, Encoding::Utf16, 0, "DL201");
        assert_eq!(e.range.start, Position::new(0, 1));
        assert_eq!(
            apply(text, Encoding::Utf16, &e),
            "\u{feff}  <!-- digest-lint-disable-next-line DL201 -->\n  Sept 14\n"
        );
    }

    #[test]
    fn file_suppression_joins_a_file_directive_on_the_first_line() {
        let text = "\u{feff}<!-- digest-lint-disable-file DL501 -->\nTitle\n";
        let doc = Document::new(text.to_string(), 1);
        let e = suppress_file_edit(&doc, Encoding::Utf16, "DL201");
        assert_eq!(
            apply(text, Encoding::Utf16, &e),
            "\u{feff}<!-- digest-lint-disable-file DL501 DL201 -->\nTitle\n"
        );
        let plain = "Title\n";
        let doc = Document::new(plain.to_string(), 1);
        let e = suppress_file_edit(&doc, Encoding::Utf16, "DL201");
        assert_eq!(
            apply(plain, Encoding::Utf16, &e),
            "<!-- digest-lint-disable-file DL201 -->\nTitle\n"
        );
    }
}
