//! The seed digest is the extractor's spec: these are the claims its review pinned down, checked
//! one by one (the full list is the `extract_snapshots` snapshot).

use digest_lint::claims::{claim_json, Claim};
use digest_lint::{extract, Options};
use serde_json::Value;

const SEED: &str = include_str!("../seeds/000_3d2181f76b2227e1.txt");

fn all() -> (Vec<Claim>, Vec<Value>) {
    let claims = extract(SEED, &Options::default());
    let json = claims
        .iter()
        .map(|c| claim_json(c, SEED, &claims))
        .collect();
    (claims, json)
}

/// The first claim whose text is exactly `text`.
fn claim<'a>(json: &'a [Value], text: &str) -> &'a Value {
    json.iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no claim {text:?}"))
}

fn no_claim_overlaps(claims: &[Claim], needle: &str) {
    let at = SEED
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in seed"));
    let end = at + needle.len();
    let hit: Vec<_> = claims
        .iter()
        .filter(|c| c.span.start < end && at < c.span.end)
        .map(|c| c.span.of(SEED))
        .collect();
    assert!(
        hit.is_empty(),
        "{needle:?} should hold no claim, found {hit:?}"
    );
}

#[test]
fn money_with_iso_currencies_and_pairs() {
    let (_, j) = all();
    let yuan = claim(&j, "9 billion yuan");
    assert_eq!(
        (yuan["amount"].as_str(), yuan["currency"].as_str()),
        (Some("9000000000"), Some("CNY"))
    );
    assert_eq!(yuan["pair"]["text"], "~$1.27bn");
    let usd = claim(&j, "~$1.27bn");
    assert_eq!(
        (usd["amount"].as_str(), usd["approx"].as_bool()),
        (Some("1270000000"), Some(true))
    );
    assert_eq!(usd["pair"]["text"], "9 billion yuan");
    assert_eq!(
        claim(&j, "about 23.4 billion yuan")["pair"]["text"],
        "$3.3bn"
    );
    assert_eq!(claim(&j, "~US$3.2bn")["currency"], "USD");
    assert!(claim(&j, "~US$3.2bn").get("currency_ambiguous").is_none());
    assert_eq!(claim(&j, "CN¥100,000,000")["amount"], "100000000");
    let more = claim(&j, ">$5 billion");
    assert_eq!(
        (more["hedge"].as_str(), more["min"].as_str()),
        (Some("more_than"), Some("5000000000"))
    );
    assert_eq!(claim(&j, "$60M")["amount"], "60000000");
    assert_eq!(claim(&j, "~ $4B")["amount"], "4000000000");
    assert_eq!(claim(&j, "about $4 billion")["amount"], "4000000000");
}

#[test]
fn percents() {
    let (_, j) = all();
    assert_eq!(claim(&j, "~2.1%")["value"], "2.1");
    let r = claim(&j, "40–46%");
    assert_eq!(
        (r["min"].as_str(), r["max"].as_str()),
        (Some("40"), Some("46"))
    );
    assert_eq!(claim(&j, ">40%")["min"], "40");
    assert_eq!(claim(&j, "~8.5–10.5%")["max"], "10.5");
    assert_eq!(claim(&j, "nearly 100%")["hedge"], "nearly");
}

#[test]
fn dates() {
    let (_, j) = all();
    let d = |t: &str| {
        let c = claim(&j, t);
        (
            c["from"].as_str().unwrap_or("").to_string(),
            c["to"].as_str().unwrap_or("").to_string(),
        )
    };
    let p = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(d("Sept. 13, 2025"), p("2025-09-13", "2025-09-13"));
    assert_eq!(d("around Sept 14–15, 2025"), p("2025-09-14", "2025-09-15"));
    assert_eq!(claim(&j, "around Sept 14–15, 2025")["approx"], true);
    assert_eq!(d("Aug. 27–28, 2025"), p("2025-08-27", "2025-08-28"));
    assert_eq!(d("15 August 2023"), p("2023-08-15", "2023-08-15"));
    assert_eq!(d("August–October 2025"), p("2025-08-01", "2025-10-31"));
    assert_eq!(d("mid‑September 2025"), p("2025-09-11", "2025-09-20"));
    assert_eq!(claim(&j, "mid‑September 2025")["fuzzy"], true);
    assert_eq!(d("end‑2025"), p("2025-09-01", "2025-12-31"));
    assert_eq!(d("mid‑2025"), p("2025-05-01", "2025-08-31"));
    assert_eq!(d("early 2025"), p("2025-01-01", "2025-04-30"));
    assert_eq!(d("mid–late September"), p("2025-09-11", "2025-09-30"));
    assert_eq!(claim(&j, "mid–late September")["year_inferred"], true);
    assert_eq!(d("between 2022–2024"), p("2022-01-01", "2024-12-31"));
    // relative to the latest full date the digest states (Dec. 31, 2025)
    assert_eq!(d("next year"), p("2026-01-01", "2026-12-31"));
    assert_eq!(d("this year"), p("2025-01-01", "2025-12-31"));
    // `since 2021` is a starting point: mid-September takes the digest's 2025
    let mids: Vec<_> = j.iter().filter(|c| c["text"] == "mid‑September").collect();
    assert!(mids.iter().all(|c| c["from"] == "2025-09-11"), "{mids:?}");
}

#[test]
fn durations_counts_ratios() {
    let (_, j) = all();
    assert_eq!(claim(&j, "~120‑day")["amount"], "120");
    assert_eq!(claim(&j, "~120‑day")["unit"], "day");
    assert_eq!(claim(&j, "four years")["amount"], "4");
    let c = claim(&j, "300,000 H20 GPUs");
    assert_eq!(
        (c["value"].as_str(), c["noun"].as_str()),
        (Some("300000"), Some("H20 GPUs"))
    );
    assert_eq!(claim(&j, "~1.6 million Ascend dies")["value"], "1600000");
    assert_eq!(claim(&j, "~262k tokens")["value"], "262000");
    assert_eq!(claim(&j, "~45k wspm")["noun"], "wspm");
    assert_eq!(claim(&j, "~2×")["value"], "2");
}

#[test]
fn names_and_tenors_are_no_claims() {
    let (claims, _) = all();
    for name in [
        "Qwen3‑235B",
        "Seedream 4.0",
        "Ascend 1000",
        "Kunlun P800",
        "Gemini 2.5",
        "SpikingBrain 1.0",
        "(40nm",
        "(5-, 10- and 30‑year)",
        "(5y)",
        "3–5y",
        "H20/RTX Pro 6000D",
        "calling it a day",
    ] {
        no_claim_overlaps(&claims, name);
    }
}
