//! A hand-built run for the printer tests: no extraction, no checks, so each printer is tested
//! alone on findings whose every field is known.

#![allow(dead_code)]

use digest_lint::finding::{Finding, Fix, Related, Severity};
use digest_lint::report::{DocReport, FileError, RunReport, StaleEntry};
use digest_lint::rules::{Examples, RuleSet, RuleSpec};
use digest_lint::Span;

/// Line 3 has multi-byte scalars before the claims: curly quotes, en dash, ¥, U+2011.
pub const A: &str = "Chip curbs – round two\n2 articles • summary\n“Talks” – worth ¥5bn – began on Sept 14‑15, 2025; the probe opened Sept. 13, 2025. (afn.net)\n\nKey Points\n  • A 50% stake, 100% owned.\n";
pub const B: &str = "Probe follow-up\n1 articles • summary\nMOFCOM opened the probe on Sept. 20, 2025. (reuters.com)\n";

fn span(text: &str, needle: &str) -> Span {
    let s = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(s, s + needle.len())
}

fn spec(code: &str, name: &str, level: Severity) -> RuleSpec {
    RuleSpec {
        code: code.into(),
        name: name.into(),
        kind: name.replace('-', "_"),
        level,
        message: "m".into(),
        help: format!("how to fix {code}"),
        description: format!("What {name} checks. Why it matters."),
        examples: Examples {
            fires: "x".into(),
            passes: "y".into(),
        },
        params: Default::default(),
    }
}

pub fn rules() -> RuleSet {
    let mut set = RuleSet::default();
    set.insert(spec("DL201", "date-conflict", Severity::Error));
    set.insert(spec("DL203", "cross-digest-date-conflict", Severity::Error));
    set.insert(spec("DL402", "change-arithmetic", Severity::Warning));
    set.insert(spec("DL901", "unused-suppression", Severity::Warning));
    set
}

pub fn findings_a() -> Vec<Finding> {
    vec![
        Finding {
            code: "DL201".into(),
            name: "date-conflict".into(),
            severity: Severity::Error,
            message:
                "the probe is dated Sept 14‑15, 2025 here but Sept. 13, 2025 in the same paragraph"
                    .into(),
            help: Some("make the dates agree, or say why they differ".into()),
            span: span(A, "Sept 14‑15, 2025"),
            label: "dated Sept 14‑15, 2025 here".into(),
            related: vec![Related {
                file: None,
                span: span(A, "Sept. 13, 2025"),
                message: "conflicting date stated here".into(),
            }],
            topic: Some("Chip curbs – round two".into()),
            fix: None,
            evidence: vec!["Sept 14‑15, 2025".into(), "Sept. 13, 2025".into()],
        },
        Finding {
            code: "DL402".into(),
            name: "change-arithmetic".into(),
            severity: Severity::Info,
            // Characters the github format must escape: %, a line break, `:` and `,`.
            message: "50% of 100% is 50%: check,\nthen recheck".into(),
            help: None,
            span: span(A, "50%"),
            label: "this share".into(),
            related: vec![],
            topic: Some("Chip curbs – round two".into()),
            fix: Some(Fix {
                title: "write 50 percent".into(),
                span: span(A, "50%"),
                replacement: "50 percent".into(),
            }),
            evidence: vec!["50%".into()],
        },
    ]
}

pub fn findings_b() -> Vec<Finding> {
    vec![Finding {
        code: "DL203".into(),
        name: "cross-digest-date-conflict".into(),
        severity: Severity::Warning,
        message: "MOFCOM's probe is dated Sept. 20, 2025 here but Sept. 13, 2025 in another digest"
            .into(),
        help: Some("make the digests agree".into()),
        span: span(B, "Sept. 20, 2025"),
        label: "dated Sept. 20, 2025 here".into(),
        related: vec![Related {
            file: Some(0),
            span: span(A, "Sept. 13, 2025"),
            message: "dated Sept. 13, 2025 in this digest".into(),
        }],
        topic: Some("Probe follow-up".into()),
        fix: None,
        evidence: vec!["Sept. 20, 2025".into(), "Sept. 13, 2025".into()],
    }]
}

/// Two documents (the second with a finding related to the first), a file error and a stale
/// baseline entry.
pub fn run() -> RunReport<'static> {
    RunReport {
        docs: vec![
            DocReport::new("digests/a, b.txt".into(), A, 4, findings_a()),
            DocReport::new("digests/b.txt".into(), B, 1, findings_b()),
        ],
        errors: vec![FileError {
            path: "digests/broken.txt".into(),
            message: "invalid UTF-8 at byte offset 7".into(),
        }],
        stale: vec![StaleEntry {
            baseline: "digest-lint-baseline.json".into(),
            file: "digests/old.txt".into(),
            code: "DL201".into(),
            evidence: vec!["May 1, 2025".into()],
        }],
        rules: rules(),
    }
}
