//! The `sarif` format: SARIF 2.1.0 for code scanning. The rules in force are declared in
//! `tool.driver.rules` (results point at them by `ruleId` and `ruleIndex`); regions carry lines
//! and columns in Unicode code points (`columnKind: unicodeCodePoints`, end column exclusive)
//! plus byte offsets; related spans become `relatedLocations`; a stable `partialFingerprints`
//! entry (file, code and evidence, no line numbers) lets code scanning track a finding across
//! edits; unreadable paths become `toolExecutionNotifications`.

use super::{DocReport, RunReport};
use crate::finding::{Finding, Severity};
use crate::rules::RuleSpec;
use serde_json::{json, Value};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(run: &RunReport<'_>, version: &str) -> String {
    let mut s = serde_json::to_string_pretty(&value(run, version)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

pub fn value(run: &RunReport<'_>, version: &str) -> Value {
    // The rules in force, plus any code a finding carries that is not among them.
    let mut codes: Vec<(String, Option<&RuleSpec>)> = run
        .rules
        .iter()
        .map(|r| (r.code.clone(), Some(r)))
        .collect();
    for (_, f) in run.findings() {
        if !codes.iter().any(|(c, _)| *c == f.code) {
            codes.push((f.code.clone(), None));
        }
    }
    codes.sort_by(|a, b| a.0.cmp(&b.0));
    let rules: Vec<Value> = codes
        .iter()
        .map(|(code, spec)| rule(code, *spec, run))
        .collect();
    let results: Vec<Value> = run
        .findings()
        .map(|(d, f)| {
            let index = codes.iter().position(|(c, _)| *c == f.code).unwrap_or(0);
            result(run, d, f, index)
        })
        .collect();
    let notifications: Vec<Value> = run
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", e.path, e.message)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "digest-lint",
                "version": version,
                "semanticVersion": version,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": run.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: &str, spec: Option<&RuleSpec>, run: &RunReport<'_>) -> Value {
    match spec {
        Some(r) => json!({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": first_sentence(&r.description, &r.name)},
            "fullDescription": {"text": r.description.trim()},
            "help": {"text": r.help},
            "defaultConfiguration": {"level": level(r.level)},
            "properties": {"kind": r.kind},
        }),
        None => {
            let name = run
                .findings()
                .find(|(_, f)| f.code == code)
                .map(|(_, f)| f.name.clone())
                .unwrap_or_default();
            json!({"id": code, "name": name, "shortDescription": {"text": name}})
        }
    }
}

fn first_sentence(text: &str, fallback: &str) -> String {
    let t = text.trim();
    let flat: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat.find(". ").map(|i| i + 1).unwrap_or(flat.len());
    let s = &flat[..end];
    if s.is_empty() {
        fallback.to_string()
    } else {
        s.to_string()
    }
}

fn location(doc: &DocReport<'_>, span: crate::source::Span) -> Value {
    let p = doc.position(span);
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&doc.path)},
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column,
                "byteOffset": span.start,
                "byteLength": span.end.saturating_sub(span.start),
            },
        }
    })
}

fn result(run: &RunReport<'_>, doc: &DocReport<'_>, f: &Finding, rule_index: usize) -> Value {
    let mut loc = location(doc, f.span);
    loc["message"] = json!({"text": f.label});
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut l = location(run.related_doc(doc, r.file), r.span);
            l["id"] = json!(i + 1);
            l["message"] = json!({"text": r.message});
            l
        })
        .collect();
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message = format!("{message}\n\nhelp: {h}");
    }
    let mut v = json!({
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": message},
        "locations": [loc],
        "partialFingerprints": {"digestLintEvidence/v1": fingerprint(&doc.path, f)},
    });
    if !related.is_empty() {
        v["relatedLocations"] = json!(related);
    }
    v
}

/// A stable hash of file, code and evidence (FNV-1a, hex): survives edits elsewhere.
fn fingerprint(path: &str, f: &Finding) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(path);
    eat(&f.code);
    for e in &f.evidence {
        eat(e);
    }
    format!("{h:016x}")
}

/// A relative path as a URI reference: forward slashes, reserved bytes percent-encoded;
/// an absolute path as a `file://` URI.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
