//! Held-out-style digests in other domains (`fixtures/digests/`: energy, central banks, rupee
//! funding rounds, football transfers, EU fines, a weekly round-up; `batch2/`: mining, aviation,
//! pharma, telecom, sovereign debt, another round-up). They carry planted inconsistencies of
//! every kind, annotated in each folder's `expected.toml`, and many near misses. Each folder's
//! digests are linted in one run; recall is the share of planted inconsistencies found (by code,
//! file and primary or related text), precision the share of findings that are planted ones.
//! Goal: ≥ 85% recall at ≥ 90% precision.

#[path = "rules_support/expect.rs"]
mod expect;

use expect::{Exp, Got};
use std::path::Path;

struct Score {
    planted: usize,
    found: usize,
    findings: usize,
    correct: usize,
    report: String,
}

/// Lints every digest of `dir` in one run, as `digest-lint dir/` would; the planted list is every
/// case's.
fn score(dir: &Path) -> Score {
    let exp = expect::load(&dir.join("expected.toml"));
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("batch folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort();
    let run = expect::Case {
        files,
        why: String::new(),
        finding: Vec::new(),
    };
    let run = &run;
    let mut planted: Vec<Exp> = Vec::new();
    for case in &exp.case {
        for f in &case.finding {
            let mut f = f.clone();
            f.file = Some(
                f.file
                    .clone()
                    .unwrap_or_else(|| case.files.last().cloned().unwrap()),
            );
            planted.push(f);
        }
    }
    let got = expect::run(dir, run);
    let texts: Vec<(String, digest_lint::Digest)> = run
        .files
        .iter()
        .map(|f| {
            let t = std::fs::read_to_string(dir.join(f)).expect("batch digest");
            let d = digest_lint::digest::parse(&t);
            (t, d)
        })
        .collect();
    // DL501 (uncited block) is about a block, not about one figure of it: the answer key names
    // whatever words of the block its writer picked (`2.5 GW in total`, `6% of its global annual
    // turnover`), which need not be a claim at all, while the finding points at the block's
    // first figure and labels the others. So a DL501 finding is the planted one when its
    // primary span lies in the block that holds the planted text.
    let same_block = |p: &Exp, g: &Got| {
        let Some(i) = run.files.iter().position(|f| *f == g.file) else {
            return false;
        };
        let (text, digest) = &texts[i];
        let Some(b) = digest.block_at(g.start) else {
            return false;
        };
        let block = digest.blocks[b].span;
        text.match_indices(p.at.as_str())
            .any(|(k, _)| block.start <= k && k + p.at.len() <= block.end)
    };
    // the answer key may name a phrase around the claim at fault (`a 14% rise` for the claim
    // `14%`): a finding whose primary span lies inside the planted text is that finding
    let inside_at = |p: &Exp, g: &Got| {
        let Some(i) = run.files.iter().position(|f| *f == g.file) else {
            return false;
        };
        let end = g.start + g.at.len();
        texts[i]
            .0
            .match_indices(p.at.as_str())
            .any(|(k, _)| k <= g.start && end <= k + p.at.len())
    };
    let is_hit = |p: &Exp, g: &Got| {
        let texts: Vec<&str> = std::iter::once(p.at.as_str())
            .chain(p.related.iter().map(String::as_str))
            .collect();
        Some(g.file.as_str()) == p.file.as_deref()
            && g.code == p.code
            && (texts.contains(&g.at.as_str())
                || inside_at(p, g)
                || g.code == "DL501" && same_block(p, g))
    };
    let excused = |p: &Exp, g: &Got| {
        Some(g.file.as_str()) == p.file.as_deref() && g.at == p.at && p.also.contains(&g.code)
    };
    let found = planted
        .iter()
        .filter(|p| got.iter().any(|g| is_hit(p, g)))
        .count();
    let mut lines = Vec::new();
    for p in planted.iter().filter(|p| !got.iter().any(|g| is_hit(p, g))) {
        lines.push(format!(
            "  missed {} {:?} in {}: {}",
            p.code,
            p.at,
            p.file.as_deref().unwrap_or(""),
            p.planted
        ));
    }
    let (mut findings, mut correct) = (0, 0);
    for g in &got {
        let hit = planted.iter().any(|p| is_hit(p, g));
        if !hit && planted.iter().any(|p| excused(p, g)) {
            continue;
        }
        findings += 1;
        if hit {
            correct += 1;
        } else {
            lines.push(format!(
                "  false {} {:?} in {}: {}",
                g.code, g.at, g.file, g.message
            ));
        }
    }
    let report = format!(
        "{}: planted {}, found {found}; findings {findings}, correct {correct}\n{}",
        dir.display(),
        planted.len(),
        lines.join("\n")
    );
    Score {
        planted: planted.len(),
        found,
        findings,
        correct,
        report,
    }
}

#[test]
fn heldout_style_digests_recall_and_precision() {
    let base = expect::root().join("fixtures/digests");
    let scores: Vec<Score> = [base.clone(), base.join("batch2")]
        .iter()
        .map(|d| score(d))
        .collect();
    let sum = |f: fn(&Score) -> usize| scores.iter().map(f).sum::<usize>();
    let (planted, found) = (sum(|s| s.planted), sum(|s| s.found));
    let (findings, correct) = (sum(|s| s.findings), sum(|s| s.correct));
    let recall = found as f64 / planted as f64;
    let precision = if findings == 0 {
        1.0
    } else {
        correct as f64 / findings as f64
    };
    let report = format!(
        "{}\nall: planted {planted}, found {found} (recall {:.1}%); findings {findings}, correct {correct} (precision {:.1}%)",
        scores.iter().map(|s| s.report.as_str()).collect::<Vec<_>>().join("\n"),
        recall * 100.0,
        precision * 100.0
    );
    println!("{report}");
    assert!(recall >= 0.85 && precision >= 0.90, "{report}");
}

/// `batch3/` was written blind (by someone who had not read the rules) and measured once before
/// any change: 10 of 17 found at 10 of 17 findings correct (`batch3/RESULTS.md`); 14 of 17 at 14
/// of 14 after the fixes it led to. It is no longer blind once rules are fixed against what it
/// showed, so it does not count toward the goal above; this test keeps what was won from slipping
/// back.
#[test]
fn blind_batch_does_not_slip_back() {
    let s = score(&expect::root().join("fixtures/digests/batch3"));
    println!("{}", s.report);
    assert!(s.found >= 14 && s.findings == s.correct, "{}", s.report);
}

/// `batch4/` was written blind like batch3, in the domains of the maintainers' own held-out set,
/// and measured once before any change: 15 of 26 found at 15 of 35 findings correct
/// (`batch4/RESULTS.md`); 22 of 26 at 22 of 22 after the fixes it led to. Like batch3 it no
/// longer counts as held out; this keeps what was won from slipping back.
#[test]
fn second_blind_batch_does_not_slip_back() {
    let s = score(&expect::root().join("fixtures/digests/batch4"));
    println!("{}", s.report);
    assert!(s.found >= 22 && s.findings == s.correct, "{}", s.report);
}

/// `batch5/` was written blind after the batch4 fixes, in the same domains, and measured once
/// before any change it led to: 14 of 24 found at 14 of 22 findings correct
/// (`batch5/RESULTS.md`); 16 of 24 at 16 of 17 after the fixes it led to. One false finding
/// remains (listed there); this keeps what was won from slipping back.
#[test]
fn third_blind_batch_does_not_slip_back() {
    let s = score(&expect::root().join("fixtures/digests/batch5"));
    println!("{}", s.report);
    assert!(s.found >= 16 && s.findings - s.correct <= 1, "{}", s.report);
}
