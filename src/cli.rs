//! The command line, as clap definitions (also the source of completions and the man page).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "digest-lint",
    version,
    about = "A fact-consistency linter for news digests",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims found, nothing checked.
    Extract(ExtractArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Full,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Text,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to lint ('-' reads stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (default: full on a terminal, concise otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The "today" that year-less and relative dates resolve against (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders ('-' reads stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExtractFormat,
    /// The "today" that year-less and relative dates resolve against (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<chrono::NaiveDate>,
}
