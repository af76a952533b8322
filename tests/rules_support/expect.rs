//! Fixture expectations: an `expected.toml` next to fixture digests says which findings each
//! run must produce — code, file and the text of the primary span (`at`), optionally the texts
//! of related spans — and nothing else may fire.
//!
//! ```toml
//! [[case]]
//! files = ["fires.txt"]            # linted together, in this order
//! why = "the probe is dated twice"
//! [[case.finding]]
//! code = "DL201"
//! at = "around Sept 14–15, 2025"   # primary span text
//! related = ["Sept. 13, 2025"]     # optional
//! file = "fires.txt"               # optional: defaults to the case's last file
//! ```

#![allow(dead_code)]

use digest_lint::{Finding, Options};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    #[serde(default)]
    pub case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub files: Vec<String>,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub finding: Vec<Exp>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exp {
    pub code: String,
    pub at: String,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub file: Option<String>,
    /// What was planted (held-out style digests): free text for the reader.
    #[serde(default)]
    pub planted: String,
    /// Codes that may also fire at this spot (the same slip seen by a second rule).
    #[serde(default)]
    pub also: Vec<String>,
    /// A text the finding's message must contain (the figures it names).
    #[serde(default)]
    pub message: Option<String>,
}

/// A finding as the fixtures compare it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Got {
    pub file: String,
    pub code: String,
    pub at: String,
    pub related: Vec<String>,
    pub message: String,
    /// Byte offset of the primary span (DL501's held-out scoring matches by block).
    pub start: usize,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

pub fn load(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lints the files of a case together; the findings of each, as `Got`.
pub fn run(dir: &Path, case: &Case) -> Vec<Got> {
    let opts = Options::default();
    let texts: Vec<String> = case
        .files
        .iter()
        .map(|f| {
            std::fs::read_to_string(dir.join(f))
                .unwrap_or_else(|e| panic!("{}/{f}: {e}", dir.display()))
        })
        .collect();
    let docs: Vec<digest_lint::Analysis> = texts
        .iter()
        .map(|t| digest_lint::analyze(t, &opts))
        .collect();
    let refs: Vec<&digest_lint::Analysis> = docs.iter().collect();
    let found: Vec<Vec<Finding>> = digest_lint::lint_analyses(&refs, &opts);
    let mut out = Vec::new();
    for (i, fs) in found.iter().enumerate() {
        for f in fs {
            out.push(Got {
                file: case.files[i].clone(),
                code: f.code.clone(),
                at: f.span.of(&texts[i]).to_string(),
                related: f
                    .related
                    .iter()
                    .map(|r| r.span.of(&texts[r.file.unwrap_or(i)]).to_string())
                    .collect(),
                message: f.message.clone(),
                start: f.span.start,
            });
        }
    }
    out.sort();
    out
}

/// Whether a finding is the expected one (same file, code and primary text; every expected
/// related text among its related spans).
pub fn matches(case: &Case, e: &Exp, g: &Got) -> bool {
    let file = e
        .file
        .clone()
        .unwrap_or_else(|| case.files.last().cloned().unwrap_or_default());
    g.file == file
        && g.code == e.code
        && g.at == e.at
        && e.related.iter().all(|r| g.related.contains(r))
        && e.message
            .as_ref()
            .map_or(true, |m| g.message.contains(m.as_str()))
}

/// Differences between what a case expects and what was found, as readable lines.
pub fn diff(dir: &Path, case: &Case, got: &[Got]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; got.len()];
    for e in &case.finding {
        match got
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && matches(case, e, g))
        {
            Some((i, _)) => used[i] = true,
            None => problems.push(format!(
                "{}: {:?}: missing {} at {:?} (related {:?})",
                dir.display(),
                case.files,
                e.code,
                e.at,
                e.related
            )),
        }
    }
    for (g, u) in got.iter().zip(&used) {
        if !u {
            problems.push(format!(
                "{}: {:?}: unexpected {} at {:?} in {}: {} (related {:?})",
                dir.display(),
                case.files,
                g.code,
                g.at,
                g.file,
                g.message,
                g.related
            ));
        }
    }
    problems
}
