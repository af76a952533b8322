//! Runs a parsed command line: reads files, lints or extracts, prints, and returns the exit code.

use crate::cli::{Cli, Command, ExtractArgs, ExtractFormat, Format, LintArgs};
use crate::source::{decode, LineIndex};
use crate::walk::{self, PathError};
use crate::{analyze, claims, lint_analyses, Options, Severity};
use clap::Parser;
use rayon::prelude::*;
use std::io::{Read, Write};
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
        Some(Command::Lsp) => crate::lsp::run(),
        None => lint(&cli.lint),
    }
}

/// A file of the run, read and decoded.
pub struct Input {
    pub path: PathBuf,
    pub text: String,
}

/// Reads every file; failures come back as errors naming the file.
pub fn read_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<PathError>) {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let exts: Vec<String> = walk::DEFAULT_EXTENSIONS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (files, mut errors) = walk::collect(&paths, &exts);
    let read: Vec<Result<Input, PathError>> = files.par_iter().map(|p| read_one(p)).collect();
    let mut inputs = Vec::new();
    for r in read {
        match r {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e),
        }
    }
    (inputs, errors)
}

fn read_one(path: &Path) -> Result<Input, PathError> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| PathError {
        path: path.to_path_buf(),
        message: walk::io_message(&e),
    })?;
    let text = decode(bytes).map_err(|e| PathError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(Input {
        path: path.to_path_buf(),
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
        eprintln!("error: {}: {}", e.path.display(), e.message);
    }
}

fn extract(args: &ExtractArgs) -> i32 {
    let opts = Options {
        reference_date: args.reference_date,
        ..Options::default()
    };
    let (inputs, errors) = read_inputs(&args.paths);
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
                        "path": display(&i.path),
                        "claims": cs.iter().map(|c| claims::claim_json(c, &i.text, cs)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let errs: Vec<serde_json::Value> = errors
                .iter()
                .map(|e| serde_json::json!({"path": e.path.display().to_string(), "message": e.message}))
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
                        display(&i.path),
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

fn lint(args: &LintArgs) -> i32 {
    let opts = Options {
        reference_date: args.reference_date,
        ..Options::default()
    };
    let (inputs, errors) = read_inputs(&args.paths);
    let analyses: Vec<crate::Analysis> =
        inputs.par_iter().map(|i| analyze(&i.text, &opts)).collect();
    let refs: Vec<&crate::Analysis> = analyses.iter().collect();
    let findings = lint_analyses(&refs, &opts);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut worst = None;
    for (input, fs) in inputs.iter().zip(&findings) {
        let idx = LineIndex::new(&input.text);
        for f in fs {
            worst = worst.max(Some(f.severity));
            let lc = idx.line_col(&input.text, f.span.start);
            let _ = writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                display(&input.path),
                lc.line,
                lc.column,
                f.code,
                f.severity.as_str(),
                f.message
            );
        }
    }
    let _ = args.format == Some(Format::Full);
    report_errors(&errors);
    if !errors.is_empty() {
        EXIT_ERROR
    } else if worst == Some(Severity::Error) && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
