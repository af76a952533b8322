//! Baselines: findings acknowledged once, so that CI fails only on new ones.
//!
//! An entry is keyed by **file + code + evidence** (the texts of the claims involved, primary
//! first: [`Finding::evidence`]), never by line or offset, so an edit elsewhere in the file keeps
//! it matched. The file is stored relative to the baseline's own folder with `/` separators, so
//! a committed baseline works from any working directory. Identical findings are counted.
//!
//! ```json
//! {"schema_version": 1, "entries": [
//!   {"file": "000_3d2181f76b2227e1.txt", "code": "DL201",
//!    "evidence": ["around Sept 14–15, 2025", "Sept. 13, 2025"],
//!    "message": "…(informational, not matched)…"}
//! ]}
//! ```
//! An entry that matches no finding of a file linted in this run (or whose file is gone) is
//! *stale*: reported as a warning, it does not fail the run.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub evidence: Vec<String>,
    /// How many identical findings it acknowledges.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
    /// The finding's message when written, for people reading the file; not matched.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

fn one() -> usize {
    1
}
fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema_version: u32,
    entries: Vec<Entry>,
}

/// A loaded baseline and what is left of it as findings are matched.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub path: PathBuf,
    dir: PathBuf,
    /// (file, code, evidence) → how many are still unmatched.
    left: BTreeMap<(String, String, Vec<String>), usize>,
    /// The files whose findings were offered (only their entries can be stale).
    seen: std::collections::BTreeSet<String>,
}

/// The evidence a finding is keyed by: its claim texts, or the text it points at.
pub fn evidence_of(f: &Finding, text: &str) -> Vec<String> {
    if f.evidence.is_empty() {
        vec![text.get(f.span.start..f.span.end).unwrap_or("").to_string()]
    } else {
        f.evidence.clone()
    }
}

impl Baseline {
    /// Reads a baseline file; a missing file is an error (write one with `--write-baseline`).
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline: {}", crate::walk::io_message(&e)))?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| format!("bad baseline: {e}"))?;
        if file.schema_version != SCHEMA_VERSION {
            return Err(format!(
                "baseline schema_version {} is not {SCHEMA_VERSION}",
                file.schema_version
            ));
        }
        let mut left = BTreeMap::new();
        for e in file.entries {
            *left.entry((e.file, e.code, e.evidence)).or_insert(0) += e.count;
        }
        Ok(Baseline {
            dir: parent_dir(path),
            path: path.to_path_buf(),
            left,
            seen: Default::default(),
        })
    }

    /// The key of a linted file: its path relative to the baseline's folder.
    pub fn file_key(&self, file: &Path) -> String {
        key_for(&self.dir, file)
    }

    /// Takes the acknowledged findings out of `findings` (of the file at `file`, text `text`);
    /// returns how many were taken.
    pub fn filter(&mut self, file: &Path, text: &str, findings: &mut Vec<Finding>) -> usize {
        let key = self.file_key(file);
        self.seen.insert(key.clone());
        let before = findings.len();
        findings.retain(|f| {
            let k = (key.clone(), f.code.clone(), evidence_of(f, text));
            match self.left.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - findings.len()
    }

    /// Entries left unmatched for files of this run, and entries whose file no longer exists.
    pub fn stale(&self) -> Vec<Entry> {
        self.left
            .iter()
            .filter(|((file, _, _), n)| {
                **n > 0 && (self.seen.contains(file) || !self.dir.join(file).exists())
            })
            .map(|((file, code, evidence), n)| Entry {
                file: file.clone(),
                code: code.clone(),
                evidence: evidence.clone(),
                count: *n,
                message: String::new(),
            })
            .collect()
    }
}

/// Writes a baseline acknowledging `findings` (file path, text, findings of that file).
pub fn write(path: &Path, files: &[(&Path, &str, &[Finding])]) -> Result<usize, String> {
    let dir = parent_dir(path);
    let mut counted: BTreeMap<(String, String, Vec<String>), (usize, String)> = BTreeMap::new();
    for (file, text, findings) in files {
        let key = key_for(&dir, file);
        for f in *findings {
            let e = counted
                .entry((key.clone(), f.code.clone(), evidence_of(f, text)))
                .or_insert((0, f.message.clone()));
            e.0 += 1;
        }
    }
    let entries: Vec<Entry> = counted
        .into_iter()
        .map(|((file, code, evidence), (count, message))| Entry {
            file,
            code,
            evidence,
            count,
            message,
        })
        .collect();
    let n = entries.iter().map(|e| e.count).sum();
    let doc = BaselineFile {
        schema_version: SCHEMA_VERSION,
        entries,
    };
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| {
        format!(
            "cannot write baseline {}: {}",
            path.display(),
            crate::walk::io_message(&e)
        )
    })?;
    Ok(n)
}

fn parent_dir(path: &Path) -> PathBuf {
    let abs = crate::config::absolute(path);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// `file` relative to `dir` (both made absolute and normalised), `/`-separated.
fn key_for(dir: &Path, file: &Path) -> String {
    let file = normalise(&crate::config::absolute(file));
    let dir = normalise(dir);
    let f: Vec<Component> = file.components().collect();
    let d: Vec<Component> = dir.components().collect();
    let common = f.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..d.len() {
        parts.push("..".into());
    }
    for c in &f[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

/// Removes `.` and folds `..` lexically.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::source::Span;

    fn finding(code: &str, span: Span, evidence: &[&str]) -> Finding {
        Finding {
            code: code.into(),
            name: "n".into(),
            severity: Severity::Error,
            message: "m".into(),
            help: None,
            span,
            label: "l".into(),
            related: vec![],
            topic: None,
            fix: None,
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn entries_survive_edits_elsewhere_and_go_stale_when_fixed() {
        let d = tempfile::tempdir().unwrap();
        let doc = d.path().join("digests/a.txt");
        std::fs::create_dir_all(doc.parent().unwrap()).unwrap();
        std::fs::write(&doc, "x").unwrap();
        let base = d.path().join("baseline.json");
        let text = "Sept. 13 vs Sept 14";
        let fs = vec![
            finding("DL201", Span::new(0, 8), &["Sept. 13", "Sept 14"]),
            finding("DL201", Span::new(0, 8), &["Sept. 13", "Sept 14"]),
        ];
        assert_eq!(write(&base, &[(&doc, text, &fs)]).unwrap(), 2);
        let written = std::fs::read_to_string(&base).unwrap();
        assert!(written.contains("\"file\": \"digests/a.txt\""), "{written}");
        assert!(written.contains("\"count\": 2"), "{written}");

        // The same findings at other offsets (text inserted above) are still acknowledged.
        let mut b = Baseline::load(&base).unwrap();
        let mut moved = vec![
            finding("DL201", Span::new(40, 48), &["Sept. 13", "Sept 14"]),
            finding("DL201", Span::new(40, 48), &["Sept. 13", "Sept 14"]),
            finding("DL202", Span::new(50, 52), &["$5"]),
        ];
        assert_eq!(b.filter(&doc, text, &mut moved), 2);
        assert_eq!(moved.len(), 1);
        assert!(b.stale().is_empty());

        // Fixed: one of the two is gone, the entry has one left over.
        let mut b = Baseline::load(&base).unwrap();
        let mut one = vec![finding("DL201", Span::new(0, 8), &["Sept. 13", "Sept 14"])];
        b.filter(&doc, text, &mut one);
        assert!(one.is_empty());
        let stale = b.stale();
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].count, 1);
        assert_eq!(stale[0].file, "digests/a.txt");
    }

    #[test]
    fn entries_of_files_not_linted_are_not_stale_unless_the_file_is_gone() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.txt");
        std::fs::write(&a, "x").unwrap();
        let gone = d.path().join("gone.txt");
        let base = d.path().join("b.json");
        let f = [finding("DL101", Span::new(0, 1), &["Feb 30"])];
        write(&base, &[(&a, "x", &f), (&gone, "x", &f)]).unwrap();
        let b = Baseline::load(&base).unwrap();
        let stale = b.stale();
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].file, "gone.txt");
    }

    #[test]
    fn keys_are_relative_to_the_baseline_folder() {
        assert_eq!(
            key_for(Path::new("/r/seeds"), Path::new("/r/seeds/./x/../a.txt")),
            "a.txt"
        );
        assert_eq!(
            key_for(Path::new("/r/seeds"), Path::new("/r/other/a.txt")),
            "../other/a.txt"
        );
    }
}
