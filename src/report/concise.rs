//! The `concise` format: one line per finding, `path:line:col: CODE [severity] message`, as
//! compilers and ruff print them (editors and `grep` understand it).

use super::RunReport;
use std::fmt::Write;

pub fn render(run: &RunReport<'_>) -> String {
    let mut out = String::new();
    for (doc, f) in run.findings() {
        let p = doc.position(f.span);
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            doc.path,
            p.line,
            p.column,
            f.code,
            f.severity.as_str(),
            one_line(&f.message)
        );
    }
    out
}

/// A message on one line (line breaks would split a record).
pub fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_string()
    }
}
