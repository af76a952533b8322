//! Every rule's fixtures: `fixtures/rules/<CODE>/` holds digests the rule must flag and near
//! misses it must leave alone; `expected.toml` there says exactly which findings (any code) each
//! case produces.

#[path = "rules_support/expect.rs"]
mod expect;

use std::collections::BTreeSet;

#[test]
fn every_rule_fixture_fires_exactly_where_annotated() {
    let base = expect::root().join("fixtures/rules");
    let mut problems = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&base)
        .expect("fixtures/rules")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut covered = BTreeSet::new();
    for dir in &dirs {
        let exp = expect::load(&dir.join("expected.toml"));
        assert!(!exp.case.is_empty(), "{}: no cases", dir.display());
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut fires = false;
        let mut passes = false;
        for case in &exp.case {
            let got = expect::run(dir, case);
            problems.extend(expect::diff(dir, case, &got));
            fires |= case.finding.iter().any(|f| f.code == code);
            passes |= case.finding.iter().all(|f| f.code != code);
        }
        assert!(fires, "{}: no case where {code} fires", dir.display());
        assert!(passes, "{}: no near miss for {code}", dir.display());
        covered.insert(code);
    }
    for spec in digest_lint::RuleSet::builtin().iter() {
        if spec.kind != "unused_suppression" {
            assert!(
                covered.contains(&spec.code),
                "no fixtures for {}",
                spec.code
            );
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
