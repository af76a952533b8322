//! The json printer alone: the INTERFACES.md contract on hand-built findings.

mod report_support;

use digest_lint::report::{render, Format, RenderOptions};
use serde_json::Value;

#[test]
fn json_follows_the_contract() {
    let out = render(
        Format::Json,
        &report_support::run(),
        &RenderOptions::default(),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "code",
        "name",
        "severity",
        "message",
        "help",
        "file",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "topic",
        "related",
    ] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}");
    }
    let a = report_support::A;
    let start = d["start"].as_u64().unwrap() as usize;
    let end = d["end"].as_u64().unwrap() as usize;
    assert_eq!(&a[start..end], "Sept 14‑15, 2025");
    // Columns are scalars: 16 scalars wide, end exclusive, although 18 bytes long.
    assert_eq!(
        (d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(33), Some(49))
    );
    // The cross-file finding names the other file in related[].
    let cross = &v["diagnostics"][2];
    assert_eq!(cross["file"], "digests/b.txt");
    assert_eq!(cross["related"][0]["file"], "digests/a, b.txt");
    assert_eq!(
        v["files"][1],
        serde_json::json!({"path": "digests/b.txt", "bytes": report_support::B.len(), "claims": 1})
    );
    assert_eq!(v["errors"][0]["path"], "digests/broken.txt");
    assert_eq!(v["stale_baseline"][0]["code"], "DL201");
    insta::assert_snapshot!(out);
}
