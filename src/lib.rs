//! digest-lint: a fact-consistency linter for news digests.
//!
//! ```text
//! bytes → Source → Digest → Claims → Facts → Checks → Findings → reporters · LSP
//! ```
//! Everything here is pure: no files, no clock. The binary (`main.rs`) adds files, config
//! discovery, output formats and the language server.

pub mod checks;
pub mod claims;
pub mod digest;
pub mod facts;
pub mod finding;
pub mod fx;
pub mod rules;
pub mod source;

use chrono::NaiveDate;
use std::sync::Arc;

/// The allocator of every binary built on this crate (the `mimalloc` feature, on by default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub use claims::{Claim, ClaimKind};
pub use digest::Digest;
pub use finding::{Finding, Severity};
pub use rules::RuleSet;
pub use source::{LineIndex, Span};

/// What a lint needs besides the text.
#[derive(Debug, Clone)]
pub struct Options {
    /// "Today" for relative and year-less dates.
    pub reference_date: Option<NaiveDate>,
    /// The rules in force, with their levels.
    pub rules: Arc<RuleSet>,
    /// Reference exchange rates: the built-in table, extended by a configuration's `fx-rates`.
    pub rates: Option<Arc<fx::Rates>>,
}

impl Options {
    /// The reference rates in force.
    pub fn rates(&self) -> &fx::Rates {
        self.rates
            .as_deref()
            .unwrap_or_else(|| fx::Rates::builtin())
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            reference_date: None,
            rules: Arc::new(RuleSet::builtin()),
            rates: None,
        }
    }
}

/// One document taken apart: structure, claims and facts.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub text: String,
    pub digest: Digest,
    pub claims: Vec<Claim>,
    pub facts: Vec<facts::Fact>,
}

/// Parses a document and extracts its claims and facts.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    let digest = digest::parse(text);
    let claims = claims::extract(
        text,
        &digest,
        &claims::ExtractOptions {
            reference_date: opts.reference_date,
        },
    );
    let facts = facts::build(text, &digest, &claims);
    Analysis {
        text: text.to_string(),
        digest,
        claims,
        facts,
    }
}

/// The claims of a text, nothing checked.
pub fn extract(text: &str, opts: &Options) -> Vec<Claim> {
    let digest = digest::parse(text);
    claims::extract(
        text,
        &digest,
        &claims::ExtractOptions {
            reference_date: opts.reference_date,
        },
    )
}

/// Lints one document.
pub fn lint(text: &str, opts: &Options) -> Vec<Finding> {
    let doc = analyze(text, opts);
    lint_analyses(&[&doc], opts).pop().unwrap_or_default()
}

/// Lints the documents of one run, each alone (in parallel) and then against each other, and
/// applies each document's suppression directives (see [`suppress`]); findings are sorted by
/// position within each document.
pub fn lint_analyses(docs: &[&Analysis], opts: &Options) -> Vec<Vec<Finding>> {
    use rayon::prelude::*;
    let check = |d: &&Analysis| checks::check_document_with(d, &opts.rules, opts.rates());
    let finish = |(findings, doc): (&mut Vec<Finding>, &&Analysis)| {
        *findings = suppress::apply(&doc.text, std::mem::take(findings), &opts.rules);
        findings.sort_by(|a, b| (a.span, &a.code).cmp(&(b.span, &b.code)));
    };
    // one document (a file linted alone, the language server) stays on this thread: handing it
    // to the pool costs a cross-thread wake-up per document and gains nothing
    let parallel = docs.len() > 1;
    let mut out: Vec<Vec<Finding>> = if parallel {
        docs.par_iter().map(check).collect()
    } else {
        docs.iter().map(check).collect()
    };
    for (mine, cross) in out.iter_mut().zip(checks::check_run(docs, &opts.rules)) {
        mine.extend(cross);
    }
    if parallel {
        out.par_iter_mut().zip(docs).for_each(finish);
    } else {
        out.iter_mut().zip(docs).for_each(finish);
    }
    out
}

pub mod baseline;
pub mod cli;
pub mod config;
pub mod lsp;
pub mod report;
pub mod run;
pub mod suppress;
pub mod walk;
