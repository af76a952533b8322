//! The `json` format, exactly as INTERFACES.md lays it out (fields may be added, never renamed):
//! `schema_version`, `diagnostics[]`, `files[]`, `errors[]`; plus `stale_baseline[]` (baseline
//! entries that matched nothing) and, per diagnostic, `evidence` (the claim texts a baseline
//! keys on) and `fix` when there is one. Fields come in the order INTERFACES.md shows.

use super::{DocReport, RunReport};
use crate::finding::Finding;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    schema_version: u32,
    diagnostics: Vec<Diagnostic<'a>>,
    files: Vec<File<'a>>,
    errors: Vec<Error<'a>>,
    stale_baseline: Vec<Stale<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    #[serde(flatten)]
    at: At<'a>,
    topic: Option<&'a str>,
    related: Vec<Related<'a>>,
    evidence: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    at: At<'a>,
    message: &'a str,
}

/// Where a span is: file, byte offsets, lines and scalar columns.
#[derive(Serialize)]
struct At<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl<'a> At<'a> {
    fn new(doc: &'a DocReport<'_>, span: crate::source::Span) -> Self {
        let p = doc.position(span);
        At {
            file: &doc.path,
            start: span.start,
            end: span.end,
            line: p.line,
            column: p.column,
            end_line: p.end_line,
            end_column: p.end_column,
        }
    }
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    bytes: usize,
    claims: usize,
}

#[derive(Serialize)]
struct Error<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Stale<'a> {
    baseline: &'a str,
    file: &'a str,
    code: &'a str,
    evidence: &'a [String],
}

pub fn render(run: &RunReport<'_>) -> String {
    let out = Output {
        schema_version: SCHEMA_VERSION,
        diagnostics: run.findings().map(|(d, f)| diagnostic(run, d, f)).collect(),
        files: run
            .docs
            .iter()
            .map(|d| File {
                path: &d.path,
                bytes: d.text.len(),
                claims: d.claims,
            })
            .collect(),
        errors: run
            .errors
            .iter()
            .map(|e| Error {
                path: &e.path,
                message: &e.message,
            })
            .collect(),
        stale_baseline: run
            .stale
            .iter()
            .map(|s| Stale {
                baseline: &s.baseline,
                file: &s.file,
                code: &s.code,
                evidence: &s.evidence,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn diagnostic<'a>(
    run: &'a RunReport<'_>,
    doc: &'a DocReport<'_>,
    f: &'a Finding,
) -> Diagnostic<'a> {
    Diagnostic {
        code: &f.code,
        name: &f.name,
        severity: f.severity.as_str(),
        message: &f.message,
        help: f.help.as_deref(),
        at: At::new(doc, f.span),
        topic: f.topic.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| Related {
                at: At::new(run.related_doc(doc, r.file), r.span),
                message: &r.message,
            })
            .collect(),
        evidence: &f.evidence,
        fix: f.fix.as_ref().map(|x| Fix {
            title: &x.title,
            start: x.span.start,
            end: x.span.end,
            replacement: &x.replacement,
        }),
    }
}
