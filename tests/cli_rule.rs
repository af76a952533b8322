//! `digest-lint rule --all --format json` lists every built-in rule with what `rule CODE`
//! explains: description, an example that fires and one that does not, parameters.

use digest_lint::rules::RuleSet;
use std::process::Command;

#[test]
fn rule_all_json_lists_every_builtin_rule_in_full() {
    let out = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["rule", "--all", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let builtin = RuleSet::builtin();
    let expected: Vec<&str> = builtin.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(listed, expected);
    assert!(listed.contains(&"DL901"));
    for r in v.as_array().unwrap() {
        let spec = builtin.get(r["code"].as_str().unwrap()).unwrap();
        assert_eq!(r["name"], spec.name.as_str());
        assert_eq!(r["description"], spec.description.as_str());
        assert_eq!(r["examples"]["fires"], spec.examples.fires.as_str());
        assert_eq!(r["examples"]["passes"], spec.examples.passes.as_str());
        assert_eq!(
            r["params"].as_object().map(|o| o.len()),
            Some(spec.params.len())
        );
    }
}
