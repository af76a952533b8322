//! Output formats, one file per format, all printing the same [`RunReport`].
//!
//! A printer is a pure function from a run's results to text: no files, no terminal queries
//! (colour and width come in [`RenderOptions`]), so each is tested alone on hand-built findings.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;

use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use crate::source::{LineIndex, Span};

/// One linted document of the run.
#[derive(Debug)]
pub struct DocReport<'a> {
    /// The name it is shown under (as given on the command line, or `--stdin-filename`).
    pub path: String,
    pub text: &'a str,
    pub index: LineIndex,
    /// How many claims it holds.
    pub claims: usize,
    /// Its findings, in position order.
    pub findings: Vec<Finding>,
}

impl<'a> DocReport<'a> {
    pub fn new(path: String, text: &'a str, claims: usize, findings: Vec<Finding>) -> Self {
        DocReport {
            path,
            index: LineIndex::new(text),
            text,
            claims,
            findings,
        }
    }

    /// Start and end of a span as 1-based lines and scalar columns (end exclusive).
    pub fn position(&self, span: Span) -> Position {
        let s = self.index.line_col(self.text, span.start);
        let e = self.index.line_col(self.text, span.end.max(span.start));
        Position {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
        }
    }
}

/// A 1-based line/column range; columns count Unicode scalars, the end is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A path that could not be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// A baseline entry that matched no finding of this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEntry {
    pub baseline: String,
    pub file: String,
    pub code: String,
    pub evidence: Vec<String>,
}

/// Everything a printer prints.
#[derive(Debug)]
pub struct RunReport<'a> {
    /// The documents, sorted by path; `Related::file` indexes into this list.
    pub docs: Vec<DocReport<'a>>,
    pub errors: Vec<FileError>,
    pub stale: Vec<StaleEntry>,
    /// The rules in force (SARIF declares them).
    pub rules: RuleSet,
}

impl RunReport<'_> {
    /// Every finding with the document it belongs to, in output order.
    pub fn findings(&self) -> impl Iterator<Item = (&DocReport<'_>, &Finding)> {
        self.docs
            .iter()
            .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
    }

    /// The document a related span is in.
    pub fn related_doc<'s>(
        &'s self,
        owner: &'s DocReport<'s>,
        file: Option<usize>,
    ) -> &'s DocReport<'s> {
        file.and_then(|i| self.docs.get(i)).unwrap_or(owner)
    }

    /// How many findings of each severity.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for (_, f) in self.findings() {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette, with the source around each finding
    Full,
    /// path:line:col: CODE [severity] message
    Concise,
    /// one JSON document (see INTERFACES.md)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Full => "full",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }

    /// Machine formats carry file errors in the output itself.
    pub fn carries_errors(self) -> bool {
        matches!(self, Format::Json | Format::Sarif)
    }
}

/// Terminal-dependent choices, made by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    pub color: bool,
    pub width: usize,
    /// The version written into SARIF's `tool.driver.version`.
    pub version: &'static str,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// Renders a run in a format.
pub fn render(format: Format, run: &RunReport<'_>, opts: &RenderOptions) -> String {
    match format {
        Format::Full => {
            let docs: Vec<full::Document<'_>> = run
                .docs
                .iter()
                .map(|d| full::Document {
                    path: &d.path,
                    text: d.text,
                })
                .collect();
            let fo = full::FullOptions {
                color: opts.color,
                width: opts.width,
            };
            run.docs
                .iter()
                .enumerate()
                .map(|(i, d)| full::render_run(&d.findings, i, &docs, &fo))
                .collect()
        }
        Format::Concise => concise::render(run),
        Format::Json => json::render(run),
        Format::Sarif => sarif::render(run, opts.version),
        Format::Github => github::render(run),
    }
}
