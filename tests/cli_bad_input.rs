//! Bad input that cannot live in `tests/cmd/` as files: a 50 MB single-line file and a folder
//! that loops through a symbolic link, both generated in a temporary folder. Each must produce a
//! clear message naming the file, no panic, the other files still linted, columns right.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const GOOD: &str = "Curbs tighten\n1 articles • summary\nThe rules take effect on February 30, 2025. (reuters.com)\n";

#[test]
fn a_50_mb_single_line_file_is_linted_with_right_columns_and_a_short_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    // One line of 50 MB: an impossible date at the start and one at the very end, en dashes
    // and curly quotes in between (multi-byte scalars: columns are not byte offsets).
    let head = "On February 30, 2025 – the “fund” said ";
    let filler = "abcdefghijklmnopqrstuvwxyz0123456789 – ";
    let tail = "and it closed on April 31, 2025.";
    let n = 50 * 1024 * 1024 / filler.len();
    let mut big = String::with_capacity(head.len() + filler.len() * n + tail.len());
    big.push_str(head);
    for _ in 0..n {
        big.push_str(filler);
    }
    big.push_str(tail);
    assert!(big.len() >= 50 * 1024 * 1024 && !big.contains('\n'));
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    std::fs::write(dir.path().join("small.txt"), GOOD).unwrap();

    let out = run(
        dir.path(),
        &["--format", "concise", "--output-file", "full=full.txt", "."],
    );
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    let april_col =
        head.chars().count() + n * filler.chars().count() + "and it closed on ".len() + 1;
    assert!(
        stdout.contains("big.txt:1:4: DL101 [error] February 30, 2025"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "big.txt:1:{april_col}: DL101 [error] April 31, 2025"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("small.txt:3:26: DL101"), "{stdout}");
    // The human report shows an excerpt of the line, not 50 MB of it.
    let full = std::fs::read_to_string(dir.path().join("full.txt")).unwrap();
    assert!(full.len() < 20_000, "full report is {} bytes", full.len());
    assert!(full.contains(&format!("[big.txt:1:{april_col}]")), "{full}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_by_name_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("inner")).unwrap();
    std::fs::write(d.join("inner/a.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink("..", d.join("inner/back")).unwrap();
    let out = run(dir.path(), &["--format", "concise", "d"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stdout.contains("d/inner/a.txt:3:26: DL101"), "{stdout}");
    assert!(
        stderr.contains("error: d/inner/back: symbolic link loop: points back to d"),
        "{stderr}"
    );
    // In JSON the loop is in errors[] and stderr stays quiet.
    let out = run(dir.path(), &["--format", "json", "d"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "d/inner/back");
    assert_eq!(v["files"][0]["path"], "d/inner/a.txt");
    assert_eq!(text(&out.stderr), "");
}
