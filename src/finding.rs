//! What a check reports: a finding with its evidence, independent of any output format.

use crate::source::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown level `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// Another mention a finding depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The document it is in, as an index into the run's documents; `None`: the same document.
    pub file: Option<usize>,
    pub span: Span,
    pub message: String,
}

/// An edit that fixes a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule code, e.g. `DL201`.
    pub code: String,
    /// The rule's name, e.g. `date-conflict`.
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The claim at fault.
    pub span: Span,
    /// The primary label's text.
    pub label: String,
    /// Every other span the finding depends on.
    pub related: Vec<Related>,
    /// The title of the topic the primary span is in.
    pub topic: Option<String>,
    pub fix: Option<Fix>,
    /// The texts of the claims involved, primary first: what a baseline entry is keyed by.
    pub evidence: Vec<String>,
}
