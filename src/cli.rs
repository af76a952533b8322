//! The command line, as clap definitions (also the source of completions and the man page).

use crate::finding::Severity;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "digest-lint",
    version,
    about = "A fact-consistency linter for news digests",
    long_about = "A fact-consistency linter for news digests: extracts amounts, dates, \
                  percentages and durations with exact spans and values, and cross-checks them \
                  within a topic, across topics and across the digests of a run.\n\n\
                  Exit status: 0 no finding at or above the fail level, 1 at least one, \
                  2 usage, configuration or rule-file error, or a path that could not be read \
                  (the other files are still linted and reported).",
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
    /// Explain a rule: what it checks, why, an example that fires and one that does not.
    Rule(RuleArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to lint ('-' reads stdin). Default: the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: full on a terminal, concise otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Also write a report in FORMAT to PATH (repeatable), e.g. `--output-file json=report.json`.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output_file)]
    pub output_file: Vec<(Format, PathBuf)>,
    /// The "today" that year-less and relative dates resolve against (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Use this configuration file for every path (no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file (and the baseline they name).
    #[arg(long)]
    pub isolated: bool,
    /// Only these rule codes or prefixes (comma-separated), replacing the configuration's.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Also ignore these rule codes or prefixes (comma-separated).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// File extensions a folder walk takes (comma-separated) [default: txt,md].
    #[arg(long, value_name = "EXTS", value_delimiter = ',')]
    pub extension: Option<Vec<String>>,
    /// The name of the text read from stdin: used for configuration lookup and in the output.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Findings at or above this level fail the run [default: error].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_level: Option<Level>,
    /// Exit 0 even when there are findings (errors reading paths still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Acknowledge the findings listed in this baseline file (overrides `baseline` in config).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to a baseline file, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print findings only: no summary, no notes.
    #[arg(short, long)]
    pub quiet: bool,
    /// When to colour the full format.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
}

fn parse_output_file(s: &str) -> Result<(Format, PathBuf), String> {
    let (f, p) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=PATH, got `{s}`"))?;
    let format = Format::from_str(f, true).map_err(|_| {
        format!("unknown format `{f}` (expected full, concise, json, sarif or github)")
    })?;
    if p.is_empty() {
        return Err("empty PATH in FORMAT=PATH".into());
    }
    Ok((format, PathBuf::from(p)))
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders ('-' reads stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ExtractFormat,
    /// The "today" that year-less and relative dates resolve against (YYYY-MM-DD). Unlike the
    /// lint, extraction only warns about a malformed date and goes on without one, so a scorer
    /// feeding it peers' reference dates verbatim still gets every claim it can.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<String>,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's code (e.g. DL201) or name (e.g. date-conflict).
    #[arg(
        value_name = "CODE",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub code: Option<String>,
    /// Every rule.
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: RuleFormat,
}
