//! The seed digest: the one planted contradiction (the MOFCOM anti-dumping probe dated
//! `Sept. 13, 2025` in one topic and `around Sept 14–15, 2025` in another) is an error with both
//! spans; the consistent restatements stay quiet; every other finding is a real one, and this
//! test says why.

use digest_lint::{Finding, Options, Severity};

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_3d2181f76b2227e1.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

fn lint(text: &str) -> Vec<Finding> {
    digest_lint::lint(text, &Options::default())
}

fn texts<'a>(text: &'a str, f: &Finding) -> (&'a str, Vec<&'a str>) {
    (
        f.span.of(text),
        f.related.iter().map(|r| r.span.of(text)).collect(),
    )
}

#[test]
fn the_probe_date_conflict_is_an_error_with_both_spans() {
    let text = seed();
    let found = lint(&text);
    let conflicts: Vec<&Finding> = found.iter().filter(|f| f.code == "DL201").collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let f = conflicts[0];
    assert_eq!(f.severity, Severity::Error);
    let (primary, related) = texts(&text, f);
    assert_eq!(primary, "around Sept 14–15, 2025");
    assert_eq!(related, ["Sept. 13, 2025"]);
    // the two mentions sit in different topics
    assert_eq!(
        f.topic.as_deref(),
        Some("Semiconductor supply chain stress, manufacturing and strategic bottlenecks")
    );
    let other = f.related[0].span.start;
    assert!(text[..other].contains("Export controls, trade probes and industrial-policy actions"));
    assert!(f.message.contains("MOFCOM"), "{}", f.message);
    assert_eq!(f.evidence, ["around Sept 14–15, 2025", "Sept. 13, 2025"]);
}

#[test]
fn nothing_else_but_real_findings() {
    let text = seed();
    let mut rest: Vec<(String, String)> = lint(&text)
        .iter()
        .filter(|f| f.code != "DL201")
        .map(|f| (f.code.clone(), f.span.of(&text).to_string()))
        .collect();
    rest.sort();
    // The last topic ("Chinese tech global expansion …") cites no source in any block. Three of
    // its blocks state figures — the Sep 16–17, 2025 summit and the ~$4B WinTriX deal in its
    // first paragraph, the summit dates in its first key point, the ~$4 billion deal in its
    // second — so DL501 (a style warning) flags each; the other three blocks state no figure.
    assert_eq!(
        rest,
        [
            ("DL501".to_string(), "Sep 16–17, 2025".to_string()),
            ("DL501".to_string(), "Sep 16–17, 2025".to_string()),
            ("DL501".to_string(), "about $4 billion".to_string()),
        ]
    );
    for f in lint(&text).iter().filter(|f| f.code == "DL501") {
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(
            f.topic.as_deref(),
            Some("Chinese tech global expansion and overseas strategy (Tencent, streaming, data centers)")
        );
    }
}

#[test]
fn consistent_restatements_stay_quiet() {
    let text = seed();
    let found = lint(&text);
    let flagged: Vec<&str> = found
        .iter()
        .flat_map(|f| std::iter::once(f.span).chain(f.related.iter().map(|r| r.span)))
        .map(|s| s.of(&text))
        .collect();
    for quiet in [
        // the ~120-day window of Aug. 29 → Dec. 31, 2025 (124 days)
        "~120‑day",
        "120‑day",
        "Aug. 29, 2025",
        "Dec. 31, 2025",
        // the 9 billion yuan ≈ $1.27bn bond, told twice (7.09 CNY/USD against September's 7.12)
        "9 billion yuan",
        "~$1.27bn",
        "23.4 billion yuan",
        // the same days for Tencent's bond pricing and its summit are different events
        "Sept 16–17, 2025",
    ] {
        assert!(!flagged.contains(&quiet), "{quiet} should not be flagged");
    }
}

#[test]
fn the_seed_conversions_agree_with_the_reference_rate() {
    let text = seed();
    let doc = digest_lint::analyze(&text, &Options::default());
    let claims = &doc.claims;
    let mut pairs = 0;
    for (i, c) in claims.iter().enumerate() {
        if let Some(j) = c.pair.filter(|j| *j > i) {
            let ir = digest_lint::fx::implied_rate(c, &claims[j]).unwrap();
            let upu = ir.units_per_usd.unwrap();
            let cny = digest_lint::fx::Rates::builtin()
                .units_per_usd(digest_lint::claims::Currency::new("CNY"), 2025, 9)
                .unwrap();
            let dev = ((upu - cny) / cny).abs();
            assert!(
                dev < rust_decimal::Decimal::new(2, 2),
                "{} ≈ {}: {upu}",
                c.span.of(&text),
                claims[j].span.of(&text)
            );
            pairs += 1;
        }
    }
    assert!(
        pairs >= 3,
        "the seed states at least three yuan/dollar conversions"
    );
}
