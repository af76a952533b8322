//! The `json` format, exactly as INTERFACES.md lays it out (fields may be added, never renamed):
//! `schema_version`, `diagnostics[]`, `files[]`, `errors[]`; plus `stale_baseline[]` (baseline
//! entries that matched nothing) and, per diagnostic, `evidence` (the claim texts a baseline
//! keys on) and `fix` when there is one.

use super::{DocReport, RunReport};
use crate::finding::Finding;
use serde_json::{json, Value};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(run: &RunReport<'_>) -> String {
    let mut s = serde_json::to_string_pretty(&value(run)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The whole document as a JSON value.
pub fn value(run: &RunReport<'_>) -> Value {
    let diagnostics: Vec<Value> = run.findings().map(|(d, f)| diagnostic(run, d, f)).collect();
    let files: Vec<Value> = run
        .docs
        .iter()
        .map(|d| json!({"path": d.path, "bytes": d.text.len(), "claims": d.claims}))
        .collect();
    let errors: Vec<Value> = run
        .errors
        .iter()
        .map(|e| json!({"path": e.path, "message": e.message}))
        .collect();
    let stale: Vec<Value> = run
        .stale
        .iter()
        .map(|s| json!({"baseline": s.baseline, "file": s.file, "code": s.code, "evidence": s.evidence}))
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "diagnostics": diagnostics,
        "files": files,
        "errors": errors,
        "stale_baseline": stale,
    })
}

fn diagnostic(run: &RunReport<'_>, doc: &DocReport<'_>, f: &Finding) -> Value {
    let p = doc.position(f.span);
    let related: Vec<Value> = f
        .related
        .iter()
        .map(|r| {
            let rd = run.related_doc(doc, r.file);
            let rp = rd.position(r.span);
            json!({
                "file": rd.path,
                "start": r.span.start, "end": r.span.end,
                "line": rp.line, "column": rp.column,
                "end_line": rp.end_line, "end_column": rp.end_column,
                "message": r.message,
            })
        })
        .collect();
    let mut v = json!({
        "code": f.code,
        "name": f.name,
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": f.help,
        "file": doc.path,
        "start": f.span.start, "end": f.span.end,
        "line": p.line, "column": p.column,
        "end_line": p.end_line, "end_column": p.end_column,
        "topic": f.topic,
        "related": related,
        "evidence": f.evidence,
    });
    if let Some(fix) = &f.fix {
        v["fix"] = json!({
            "title": fix.title,
            "start": fix.span.start, "end": fix.span.end,
            "replacement": fix.replacement,
        });
    }
    v
}
