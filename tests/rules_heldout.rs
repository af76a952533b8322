//! Held-out-style digests in other domains (`fixtures/digests/`): energy, central banks, rupee
//! funding rounds, football transfers, EU fines and a weekly round-up that restates them. They
//! carry planted inconsistencies of every kind, annotated in `expected.toml`, and many near
//! misses. All digests are linted in one run; recall is the share of planted inconsistencies
//! found (by code, file and primary or related text), precision the share of findings that are
//! planted ones. Goal: ≥ 85% recall at ≥ 90% precision.

#[path = "rules_support/expect.rs"]
mod expect;

use expect::{Case, Exp, Got};

#[test]
fn heldout_style_digests_recall_and_precision() {
    let dir = expect::root().join("fixtures/digests");
    let exp = expect::load(&dir.join("expected.toml"));
    // the run with every digest; its planted list is every case's
    let run = exp
        .case
        .iter()
        .max_by_key(|c| c.files.len())
        .expect("a case with every digest");
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
    let got = expect::run(&dir, run);
    let is_hit = |p: &Exp, g: &Got| {
        let file = p.file.as_deref().unwrap_or_default();
        let texts: Vec<&str> = std::iter::once(p.at.as_str())
            .chain(p.related.iter().map(String::as_str))
            .collect();
        g.file == file && g.code == p.code && texts.contains(&g.at.as_str())
    };
    let excused = |p: &Exp, g: &Got| {
        g.file == p.file.as_deref().unwrap_or_default() && g.at == p.at && p.also.contains(&g.code)
    };
    let found = planted
        .iter()
        .filter(|p| got.iter().any(|g| is_hit(p, g)))
        .count();
    let missed: Vec<String> = planted
        .iter()
        .filter(|p| !got.iter().any(|g| is_hit(p, g)))
        .map(|p| {
            format!(
                "  missed {} {:?} in {}: {}",
                p.code,
                p.at,
                p.file.as_deref().unwrap_or(""),
                p.planted
            )
        })
        .collect();
    let mut correct = 0;
    let mut counted = 0;
    let mut false_pos = Vec::new();
    for g in &got {
        if planted.iter().any(|p| excused(p, g)) && !planted.iter().any(|p| is_hit(p, g)) {
            continue;
        }
        counted += 1;
        if planted.iter().any(|p| is_hit(p, g)) {
            correct += 1;
        } else {
            false_pos.push(format!(
                "  false {} {:?} in {}: {}",
                g.code, g.at, g.file, g.message
            ));
        }
    }
    let recall = found as f64 / planted.len() as f64;
    let precision = if counted == 0 {
        1.0
    } else {
        correct as f64 / counted as f64
    };
    let report = format!(
        "planted {}, found {found} (recall {:.1}%); findings {counted}, correct {correct} (precision {:.1}%)\n{}\n{}",
        planted.len(),
        recall * 100.0,
        precision * 100.0,
        missed.join("\n"),
        false_pos.join("\n")
    );
    println!("{report}");
    let _: Option<&Case> = None;
    assert!(recall >= 0.85 && precision >= 0.90, "{report}");
}
