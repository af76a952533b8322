//! Reviewed snapshots of what `extract` finds: the seed digest and every house-style fixture in
//! `fixtures/claims/`, each as the `extract --format json` claim list.

use digest_lint::claims::claim_json;
use digest_lint::{extract, Options};
use serde_json::Value;

fn claims_json(text: &str) -> Value {
    let claims = extract(text, &Options::default());
    Value::Array(
        claims
            .iter()
            .map(|c| claim_json(c, text, &claims))
            .collect(),
    )
}

#[test]
fn seed_digest() {
    let text = include_str!("../seeds/000_3d2181f76b2227e1.txt");
    insta::assert_json_snapshot!("seed", claims_json(text));
}

#[test]
fn house_style_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/claims");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/claims exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {dir}");
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("utf-8 fixture");
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture")
            .to_string();
        insta::assert_json_snapshot!(format!("fixture_{stem}"), claims_json(&text));
    }
}
