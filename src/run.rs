//! Runs a parsed command line: reads files, lints or extracts, prints, and returns the exit code.
//!
//! A lint run: configuration per file ([`crate::config::Resolver`]) → walk and read in parallel
//! → analyse in parallel → check every document against the whole run (cross-digest rules see
//! every file) → baseline → print in a stable order (files sorted by path, findings by offset).

use crate::baseline::{self, Baseline};
use crate::cli::{
    Cli, ColorChoice, Command, ExtractArgs, ExtractFormat, LintArgs, RuleArgs, RuleFormat,
};
use crate::config::{ConfigError, FileSettings, Overrides, Resolver};
use crate::finding::Finding;
use crate::report::{self, DocReport, FileError, Format, RenderOptions, RunReport, StaleEntry};
use crate::rules::{RuleSet, RuleSpec};
use crate::source::{decode, LineIndex};
use crate::walk::{self, PathError};
use crate::{analyze, claims, lint_analyses, Analysis, Options};
use clap::{CommandFactory, Parser};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Entry point of the binary.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    match cli.command {
        Some(Command::Extract(args)) => extract(&args),
        Some(Command::Rule(args)) => rule(&args),
        Some(Command::Lsp) => crate::lsp::run(),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "digest-lint", &mut out);
            EXIT_CLEAN
        }
        Some(Command::Manpage) => {
            let mut out = std::io::stdout().lock();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => EXIT_CLEAN,
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_ERROR
                }
            }
        }
        None => lint(&cli.lint),
    }
}

/// A file of the run, read and decoded.
pub struct Input {
    /// The path as walked (`-` for stdin).
    pub path: PathBuf,
    /// The name shown and used for configuration (`--stdin-filename` for stdin).
    pub name: PathBuf,
    pub text: String,
}

impl Input {
    pub fn display(&self) -> String {
        display(&self.name)
    }
}

/// Expands paths (folders walked with `extensions`) and reads every file in parallel; failures
/// come back as errors naming the file.
pub fn read_inputs(
    paths: &[PathBuf],
    extensions: &dyn Fn(&Path) -> Vec<String>,
    stdin_name: Option<&Path>,
) -> (Vec<Input>, Vec<PathError>) {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(if stdin_name.is_some() { "-" } else { "." })]
    } else {
        paths.to_vec()
    };
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in &paths {
        let (f, e) = walk::collect(std::slice::from_ref(p), &extensions(p));
        files.extend(f);
        errors.extend(e);
    }
    files.sort();
    files.dedup();
    let read: Vec<Result<Input, PathError>> =
        files.par_iter().map(|p| read_one(p, stdin_name)).collect();
    let mut inputs = Vec::new();
    for r in read {
        match r {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e),
        }
    }
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (inputs, errors)
}

fn read_one(path: &Path, stdin_name: Option<&Path>) -> Result<Input, PathError> {
    let is_stdin = path.as_os_str() == "-";
    let name = match (is_stdin, stdin_name) {
        (true, Some(n)) => n.to_path_buf(),
        // `./a.txt` from walking `.` is shown as `a.txt`, as ruff and editors do.
        _ => path
            .strip_prefix(".")
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(path)
            .to_path_buf(),
    };
    let bytes = if is_stdin {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| PathError {
        path: name.clone(),
        message: walk::io_message(&e),
    })?;
    let text = decode(bytes).map_err(|e| PathError {
        path: name.clone(),
        message: e.to_string(),
    })?;
    Ok(Input {
        path: path.to_path_buf(),
        name,
        text,
    })
}

fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn report_errors(errors: &[PathError]) {
    for e in errors {
        eprintln!("error: {}: {}", display(&e.path), e.message);
    }
}

fn extract(args: &ExtractArgs) -> i32 {
    let reference_date = args.reference_date.as_deref().and_then(|d| {
        let parsed = d.parse::<chrono::NaiveDate>();
        if parsed.is_err() {
            eprintln!(
                "warning: --reference-date `{d}` is not a date (YYYY-MM-DD); \
                 year-less and relative dates resolve from each digest alone"
            );
        }
        parsed.ok()
    });
    let opts = Options {
        reference_date,
        ..Options::default()
    };
    let exts = |_: &Path| {
        walk::DEFAULT_EXTENSIONS
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let (inputs, errors) = read_inputs(&args.paths, &exts, None);
    let results: Vec<(&Input, Vec<claims::Claim>)> = inputs
        .par_iter()
        .map(|i| (i, crate::extract(&i.text, &opts)))
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ExtractFormat::Json => {
            let files: Vec<serde_json::Value> = results
                .iter()
                .map(|(i, cs)| {
                    serde_json::json!({
                        "path": i.display(),
                        "claims": cs.iter().map(|c| claims::claim_json(c, &i.text, cs)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let errs: Vec<serde_json::Value> = errors
                .iter()
                .map(|e| serde_json::json!({"path": display(&e.path), "message": e.message}))
                .collect();
            let doc = serde_json::json!({"schema_version": 1, "files": files, "errors": errs});
            let _ = writeln!(out, "{doc}");
        }
        ExtractFormat::Text => {
            for (i, cs) in &results {
                let idx = LineIndex::new(&i.text);
                for c in cs {
                    let lc = idx.line_col(&i.text, c.span.start);
                    let v = claims::claim_json(c, &i.text, cs);
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {} {}",
                        i.display(),
                        lc.line,
                        lc.column,
                        c.kind.name(),
                        v
                    );
                }
            }
        }
    }
    report_errors(&errors);
    if errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// Whether to colour: `--color`, else only on a terminal and when `NO_COLOR` is unset or empty
/// (<https://no-color.org>).
fn use_color(choice: ColorChoice, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.map_or(true, |v| v.is_empty()),
    }
}

fn env_no_color() -> Option<std::ffi::OsString> {
    std::env::var_os("NO_COLOR")
}

fn print_config_error(e: &ConfigError) {
    let opts = crate::report::full::FullOptions {
        color: use_color(
            ColorChoice::Auto,
            std::io::stderr().is_terminal(),
            env_no_color().as_deref(),
        ),
        width: 100,
    };
    eprint!("{}", crate::report::full::render_diagnostic(e, &opts));
}

/// One document of the run with what it was linted with.
struct Linted {
    input: Input,
    opts: Options,
    settings: FileSettings,
    analysis: Analysis,
    findings: Vec<Finding>,
}

fn overrides(args: &LintArgs) -> Overrides {
    Overrides {
        config: args.config.clone(),
        isolated: args.isolated,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        reference_date: args.reference_date,
        fail_level: args.fail_level.map(Into::into),
        extensions: args.extension.as_ref().map(|v| {
            v.iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect()
        }),
    }
}

/// The stdout format: `--format`, else full on a terminal and concise otherwise.
fn output_format(args: &LintArgs) -> Format {
    args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Full
    } else {
        Format::Concise
    })
}

/// Stops a run before any file is linted (bad configuration, baseline or codes): the error on
/// stderr and, for the machine formats, in a report of its own on stdout (so review tooling
/// always gets one parseable document). Exit status 2.
fn fail(args: &LintArgs, path: &str, message: &str, config: Option<&ConfigError>) -> i32 {
    match config {
        Some(e) => print_config_error(e),
        None if path.is_empty() => eprintln!("error: {message}"),
        None => eprintln!("error: {path}: {message}"),
    }
    let format = output_format(args);
    if format.carries_errors() {
        let run = RunReport {
            docs: Vec::new(),
            errors: vec![FileError {
                path: path.to_string(),
                message: message.to_string(),
            }],
            stale: Vec::new(),
            rules: RuleSet::default(),
        };
        print!(
            "{}",
            report::render(format, &run, &RenderOptions::default())
        );
    }
    EXIT_ERROR
}

fn config_failure(args: &LintArgs, e: &ConfigError) -> i32 {
    let path = e
        .file()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    fail(args, &path, e.message(), Some(e))
}

fn lint(args: &LintArgs) -> i32 {
    let resolver = match Resolver::new(overrides(args)) {
        Ok(r) => r,
        Err(e) => return config_failure(args, &e),
    };
    // CLI codes are checked like the configuration's.
    let all = RuleSet::builtin();
    for code in args.select.iter().flatten().chain(&args.ignore) {
        if let Err(m) = crate::config::check_code(code, &all) {
            return fail(args, "", &format!("--select/--ignore: {m}"), None);
        }
    }
    let stdin_name = args.stdin_filename.as_deref();
    // The extensions a folder walk takes come from the configuration of that folder.
    let config_error = std::sync::Mutex::new(None);
    let exts = |p: &Path| match resolver.options_for(p) {
        Ok((_, s)) => s.extensions,
        Err(e) => {
            config_error
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get_or_insert(e);
            Vec::new()
        }
    };
    let (inputs, path_errors) = read_inputs(&args.paths, &exts, stdin_name);
    if let Some(e) = config_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return config_failure(args, &e);
    }

    if !args.quiet {
        for i in inputs.iter().filter(|i| i.text.is_empty()) {
            eprintln!("warning: {}: empty file, nothing to lint", i.display());
        }
    }

    // Options per file, then analysis in parallel.
    let mut prepared = Vec::with_capacity(inputs.len());
    for input in inputs {
        let lookup = if input.path.as_os_str() == "-" && stdin_name.is_none() {
            PathBuf::from("<stdin>")
        } else {
            input.name.clone()
        };
        match resolver.options_for(&lookup) {
            Ok((opts, settings)) => prepared.push((input, opts, settings)),
            Err(e) => return config_failure(args, &e),
        }
    }
    let analyses: Vec<Analysis> = prepared
        .par_iter()
        .map(|(i, o, _)| analyze(&i.text, o))
        .collect();
    let findings = lint_grouped(&analyses, &prepared);
    let mut linted: Vec<Linted> = prepared
        .into_iter()
        .zip(analyses)
        .zip(findings)
        .map(|(((input, opts, settings), analysis), findings)| Linted {
            input,
            opts,
            settings,
            analysis,
            findings,
        })
        .collect();

    let mut errors: Vec<FileError> = path_errors
        .iter()
        .map(|e| FileError {
            path: display(&e.path),
            message: e.message.clone(),
        })
        .collect();

    if let Some(path) = &args.write_baseline {
        let files: Vec<(&Path, &str, &[Finding])> = linted
            .iter()
            .map(|l| {
                (
                    l.input.name.as_path(),
                    l.input.text.as_str(),
                    l.findings.as_slice(),
                )
            })
            .collect();
        report_errors(&path_errors);
        return match baseline::write(path, &files) {
            Ok(n) => {
                if !args.quiet {
                    eprintln!(
                        "wrote {n} baseline entr{} to {}",
                        if n == 1 { "y" } else { "ies" },
                        path.display()
                    );
                }
                if errors.is_empty() {
                    EXIT_CLEAN
                } else {
                    EXIT_ERROR
                }
            }
            Err(m) => {
                eprintln!("error: {m}");
                EXIT_ERROR
            }
        };
    }

    // Baselines: `--baseline` for every file, else the one each file's configuration names.
    let mut baselines: BTreeMap<PathBuf, Baseline> = BTreeMap::new();
    let mut acknowledged = 0;
    for l in &mut linted {
        let chosen = if args.isolated {
            args.baseline.clone()
        } else {
            args.baseline
                .clone()
                .or_else(|| l.settings.baseline.clone())
        };
        let Some(bpath) = chosen else { continue };
        if !baselines.contains_key(&bpath) {
            match Baseline::load(&bpath) {
                Ok(b) => {
                    baselines.insert(bpath.clone(), b);
                }
                Err(m) => return fail(args, &bpath.display().to_string(), &m, None),
            }
        }
        if let Some(b) = baselines.get_mut(&bpath) {
            acknowledged += b.filter(&l.input.name, &l.input.text, &mut l.findings);
        }
    }
    let stale: Vec<StaleEntry> = baselines
        .values()
        .flat_map(|b| {
            let dir = crate::config::absolute(&b.path);
            let dir = dir.parent().unwrap_or(Path::new("/")).to_path_buf();
            b.stale().into_iter().map(move |e| StaleEntry {
                baseline: crate::config::shown(&crate::config::absolute(&b.path))
                    .display()
                    .to_string(),
                file: crate::config::shown(&dir.join(&e.file))
                    .display()
                    .to_string(),
                code: e.code,
                evidence: e.evidence,
            })
        })
        .collect();

    // Exit status, before the findings move into the report.
    let failing = linted.iter().any(|l| {
        l.findings
            .iter()
            .any(|f| f.severity >= l.settings.fail_level)
    });
    let mut rules = RuleSet::default();
    for l in &linted {
        for r in l.opts.rules.iter() {
            rules
                .rules
                .entry(r.code.clone())
                .or_insert_with(|| r.clone());
        }
    }
    if linted.is_empty() {
        rules = resolver
            .options_for(Path::new("."))
            .map(|(o, _)| (*o.rules).clone())
            .unwrap_or_default();
    }
    let run = RunReport {
        docs: linted
            .iter()
            .map(|l| {
                DocReport::new(
                    l.input.display(),
                    &l.input.text,
                    l.analysis.claims.len(),
                    l.findings.clone(),
                )
            })
            .collect(),
        errors: std::mem::take(&mut errors),
        stale,
        rules,
    };

    let stdout_tty = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_tty {
        Format::Full
    } else {
        Format::Concise
    });
    let screen = RenderOptions {
        color: use_color(args.color, stdout_tty, env_no_color().as_deref()),
        width: terminal_width(stdout_tty),
        ..RenderOptions::default()
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(report::render(format, &run, &screen).as_bytes());
    if !args.quiet && matches!(format, Format::Full | Format::Concise) {
        let _ = writeln!(out, "{}", summary(&run, acknowledged));
    }
    let _ = out.flush();
    drop(out);
    let mut status_error = false;
    for (fmt, path) in &args.output_file {
        let text = report::render(*fmt, &run, &RenderOptions::default());
        if let Err(e) = std::fs::write(path, text) {
            eprintln!(
                "error: cannot write {} report to {}: {}",
                fmt.name(),
                path.display(),
                walk::io_message(&e)
            );
            status_error = true;
        }
    }
    if format != Format::Json {
        for e in &run.errors {
            eprintln!("error: {}: {}", e.path, e.message);
        }
    }
    for s in &run.stale {
        eprintln!(
            "warning: stale baseline entry in {}: {} {} [{}] matches no finding (remove it, or rewrite the baseline with --write-baseline)",
            s.baseline,
            s.file,
            s.code,
            s.evidence.join(" | ")
        );
    }
    if !run.errors.is_empty() || status_error {
        EXIT_ERROR
    } else if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Lints every document against the whole run; files whose options differ (another
/// configuration, a per-file ignore) are linted in groups that still see every document.
fn lint_grouped(
    analyses: &[Analysis],
    prepared: &[(Input, Options, FileSettings)],
) -> Vec<Vec<Finding>> {
    let refs: Vec<&Analysis> = analyses.iter().collect();
    let mut out: Vec<Vec<Finding>> = vec![Vec::new(); analyses.len()];
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, _, s)) in prepared.iter().enumerate() {
        groups.entry(s.key.as_str()).or_default().push(i);
    }
    for members in groups.values() {
        let opts = &prepared[members[0]].1;
        let mut all = lint_analyses(&refs, opts);
        for &i in members {
            out[i] = std::mem::take(&mut all[i]);
        }
    }
    out
}

fn terminal_width(tty: bool) -> usize {
    if tty {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return usize::from(w).clamp(40, 200);
        }
    }
    100
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(run: &RunReport<'_>, acknowledged: usize) -> String {
    let c = run.counts();
    let files = plural(run.docs.len(), "file", "files");
    let mut s = if c.errors + c.warnings + c.infos == 0 {
        format!("No findings in {files}.")
    } else {
        let mut parts = vec![
            plural(c.errors, "error", "errors"),
            plural(c.warnings, "warning", "warnings"),
        ];
        if c.infos > 0 {
            parts.push(plural(c.infos, "info", "infos"));
        }
        format!("Found {} in {files}.", parts.join(", "))
    };
    if acknowledged > 0 {
        s.push_str(&format!(
            " ({} acknowledged by the baseline.)",
            plural(acknowledged, "finding", "findings")
        ));
    }
    s
}

/// `digest-lint rule CODE` / `rule --all`.
fn rule(args: &RuleArgs) -> i32 {
    let set = RuleSet::builtin();
    let chosen: Vec<&RuleSpec> = match &args.code {
        None => set.iter().collect(),
        Some(c) => match set
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(c) || r.name == *c)
        {
            Some(r) => vec![r],
            None => {
                let codes: Vec<&str> = set.iter().map(|r| r.code.as_str()).collect();
                eprintln!("error: no rule `{c}` (rules: {})", codes.join(", "));
                return EXIT_ERROR;
            }
        },
    };
    let mut out = std::io::stdout().lock();
    let text = match args.format {
        RuleFormat::Json => {
            // Serialised from the structs, so fields keep the rule files' order.
            let v = if args.all {
                serde_json::to_string_pretty(&chosen)
            } else {
                serde_json::to_string_pretty(chosen[0])
            };
            match v {
                Ok(s) => s + "\n",
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_ERROR;
                }
            }
        }
        RuleFormat::Text => chosen
            .iter()
            .map(|r| explain(r))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let _ = out.write_all(text.as_bytes());
    EXIT_CLEAN
}

/// A rule explained for people.
pub fn explain(r: &RuleSpec) -> String {
    let indent = |s: &str| -> String { s.trim().lines().map(|l| format!("    {l}\n")).collect() };
    let mut s = format!(
        "{} {} ({}; kind `{}`)\n\n{}\n\nFires on:\n{}\nDoes not fire on:\n{}",
        r.code,
        r.name,
        r.level.as_str(),
        r.kind,
        r.description.trim(),
        indent(&r.examples.fires),
        indent(&r.examples.passes),
    );
    s.push_str("\nParameters:\n");
    if r.params.is_empty() {
        s.push_str("    (none)\n");
    }
    for (k, v) in &r.params {
        s.push_str(&format!("    {k} = {v}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(!use_color(ColorChoice::Auto, true, Some(OsStr::new("1"))));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(use_color(ColorChoice::Auto, true, Some(OsStr::new(""))));
        assert!(use_color(ColorChoice::Always, false, Some(OsStr::new("1"))));
        assert!(!use_color(ColorChoice::Never, true, None));
    }

    #[test]
    fn summary_counts_and_baseline() {
        let run = RunReport {
            docs: Vec::new(),
            errors: Vec::new(),
            stale: Vec::new(),
            rules: RuleSet::default(),
        };
        assert_eq!(summary(&run, 0), "No findings in 0 files.");
        assert_eq!(
            summary(&run, 2),
            "No findings in 0 files. (2 findings acknowledged by the baseline.)"
        );
    }
}
