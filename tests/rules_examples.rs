//! Every rule file's own examples hold: `examples.fires` makes the rule fire, `examples.passes`
//! does not (what `digest-lint rule CODE` shows is true). Cross-digest examples give their files
//! as lines starting `(first file)` / `(second file)`.

use digest_lint::{Options, RuleSet};

/// The documents of an example: one, or one per `(… file)` line.
fn documents(example: &str) -> Vec<String> {
    let lines: Vec<&str> = example.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines
        .iter()
        .any(|l| l.trim_start().starts_with('(') && l.contains(" file)"))
    {
        lines
            .iter()
            .map(|l| {
                let rest = l.split_once(" file)").map_or(*l, |(_, r)| r);
                format!("{}\n", rest.trim())
            })
            .collect()
    } else {
        vec![format!("{}\n", lines.join("\n\n"))]
    }
}

fn fires(code: &str, example: &str) -> bool {
    let opts = Options::default();
    let texts = documents(example);
    let docs: Vec<digest_lint::Analysis> = texts
        .iter()
        .map(|t| digest_lint::analyze(t, &opts))
        .collect();
    let refs: Vec<&digest_lint::Analysis> = docs.iter().collect();
    digest_lint::lint_analyses(&refs, &opts)
        .iter()
        .flatten()
        .any(|f| f.code == code)
}

#[test]
fn every_rule_example_fires_or_passes_as_documented() {
    let mut wrong = Vec::new();
    for spec in RuleSet::builtin().iter() {
        if spec.kind == "unused_suppression" {
            continue;
        }
        if !fires(&spec.code, &spec.examples.fires) {
            wrong.push(format!("{}: `fires` example does not fire", spec.code));
        }
        if fires(&spec.code, &spec.examples.passes) {
            wrong.push(format!("{}: `passes` example fires", spec.code));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
