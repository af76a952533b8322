//! One snapshot per rule of its `full` (miette, no-colour unicode theme, fixed width) rendering
//! on the first fixture case where it fires (`fixtures/rules/<CODE>/`).

#[path = "rules_support/expect.rs"]
mod expect;

use digest_lint::report::full::{render_run, Document, FullOptions};
use digest_lint::Options;

fn rendered(code: &str) -> String {
    let dir = expect::root().join("fixtures/rules").join(code);
    let exp = expect::load(&dir.join("expected.toml"));
    let case = exp
        .case
        .iter()
        .find(|c| c.finding.iter().any(|f| f.code == code))
        .unwrap_or_else(|| panic!("{code}: no case where it fires"));
    let texts: Vec<String> = case
        .files
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .collect();
    let opts = Options::default();
    let docs: Vec<digest_lint::Analysis> = texts
        .iter()
        .map(|t| digest_lint::analyze(t, &opts))
        .collect();
    let refs: Vec<&digest_lint::Analysis> = docs.iter().collect();
    let found = digest_lint::lint_analyses(&refs, &opts);
    let names: Vec<String> = case
        .files
        .iter()
        .map(|f| format!("fixtures/rules/{code}/{f}"))
        .collect();
    let documents: Vec<Document> = names
        .iter()
        .zip(&texts)
        .map(|(path, text)| Document { path, text })
        .collect();
    let full = FullOptions {
        color: false,
        width: 100,
    };
    let mut out = String::new();
    for (i, findings) in found.iter().enumerate() {
        let mine: Vec<_> = findings
            .iter()
            .filter(|f| f.code == code)
            .cloned()
            .collect();
        if !mine.is_empty() {
            out.push_str(&render_run(&mine, i, &documents, &full));
        }
    }
    assert!(!out.is_empty(), "{code}: nothing rendered");
    out
}

macro_rules! snapshot_rule {
    ($($test:ident => $code:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!($code, rendered($code));
        }
    )*};
}

snapshot_rule! {
    dl101 => "DL101",
    dl102 => "DL102",
    dl103 => "DL103",
    dl201 => "DL201",
    dl202 => "DL202",
    dl203 => "DL203",
    dl204 => "DL204",
    dl301 => "DL301",
    dl302 => "DL302",
    dl303 => "DL303",
    dl401 => "DL401",
    dl402 => "DL402",
    dl403 => "DL403",
    dl501 => "DL501",
}
