//! Finding the files of a run: explicit files as given, folders walked with `ignore`
//! (honouring .gitignore), taking `*.txt` and `*.md` by default.

use std::path::{Path, PathBuf};

/// A path given on the command line that could not be walked or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: PathBuf,
    pub message: String,
}

/// The default file extensions of a digest.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Expands `paths` into files, sorted and de-duplicated; errors name the path at fault.
pub fn collect(paths: &[PathBuf], extensions: &[String]) -> (Vec<PathBuf>, Vec<PathError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError {
                path: path.clone(),
                message: io_message(&e),
            }),
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            Ok(_) => walk_dir(path, extensions, &mut files, &mut errors),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk_dir(
    dir: &Path,
    extensions: &[String],
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<PathError>,
) {
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .hidden(true)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let p = e.path();
                let wanted = e.file_type().is_some_and(|t| t.is_file())
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)));
                if wanted {
                    files.push(p.to_path_buf());
                }
            }
            Err(err) => errors.push(walk_error(&err, dir)),
        }
    }
}

/// A walk error as the path at fault and a message that does not repeat it.
fn walk_error(err: &ignore::Error, dir: &Path) -> PathError {
    match err {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, dir)
        }
        ignore::Error::WithPath { path, err } => PathError {
            path: path.clone(),
            message: match &**err {
                ignore::Error::Io(e) => io_message(e),
                e => walk_error(e, dir).message,
            },
        },
        ignore::Error::Loop { ancestor, child } => PathError {
            path: child.clone(),
            message: format!(
                "symbolic link loop: points back to {}, skipped",
                ancestor.display()
            ),
        },
        ignore::Error::Io(e) => PathError {
            path: dir.to_path_buf(),
            message: io_message(e),
        },
        e => PathError {
            path: dir.to_path_buf(),
            message: e.to_string(),
        },
    }
}

/// An I/O error as a short message, without the OS error number.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
