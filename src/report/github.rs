//! The `github` format: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` are percent-encoded;
//! in property values `:` and `,` are too. `info` findings become `::notice`.

use super::RunReport;
use crate::finding::Severity;
use std::fmt::Write;

pub fn render(run: &RunReport<'_>) -> String {
    let mut out = String::new();
    for (doc, f) in run.findings() {
        let p = doc.position(f.span);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&doc.path),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            property(&f.code),
            data(&f.message),
        );
    }
    for e in &run.errors {
        let _ = writeln!(
            out,
            "::error file={},title=digest-lint::{}",
            property(&e.path),
            data(&e.message)
        );
    }
    out
}

/// Escapes a command's message.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
