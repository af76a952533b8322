//! Facts read from hand-built claims (independent of the extractor).

use super::*;
use crate::claims::Currency;
use crate::claims::{DateValue, Grain, Magnitude};
use rust_decimal::Decimal;

pub(crate) fn find(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    Span::new(start, start + needle.len())
}

pub(crate) fn date_claim(
    text: &str,
    needle: &str,
    from: (i32, u32, u32),
    to: (i32, u32, u32),
) -> Claim {
    Claim {
        span: find(text, needle),
        kind: ClaimKind::Date(DateValue {
            from: NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap(),
            to: NaiveDate::from_ymd_opt(to.0, to.1, to.2).unwrap(),
            grain: Grain::Day,
            fuzzy: false,
            weekday: None,
            year_stated: true,
            relative: false,
        }),
        hedge: if needle.starts_with("around") {
            Some(Hedge::About)
        } else {
            None
        },
        pair: None,
    }
}

pub(crate) fn money_claim(text: &str, needle: &str, v: &str, cur: &str) -> Claim {
    Claim {
        span: find(text, needle),
        kind: ClaimKind::Money {
            value: Magnitude::Exact(v.parse::<Decimal>().unwrap()),
            currency: Currency::new(cur),
            ambiguous: false,
        },
        hedge: None,
        pair: None,
    }
}

#[test]
fn clause_entities_and_classes_of_the_seed_probe() {
    let text = "Export controls\n\nKey Points\n  • China’s MOFCOM launched two trade investigations on Sept. 13, 2025 — an anti‑dumping probe into certain U.S. analog ICs. (china.org.cn)\n  • Trade and political counter‑moves: China’s Ministry of Commerce announced an anti‑dumping investigation into certain U.S. analogue IC imports around Sept 14–15, 2025, a clear signal. (afn.net)\n";
    let digest = crate::digest::parse(text);
    let claims = vec![
        date_claim(text, "Sept. 13, 2025", (2025, 9, 13), (2025, 9, 13)),
        date_claim(
            text,
            "around Sept 14–15, 2025",
            (2025, 9, 14),
            (2025, 9, 15),
        ),
    ];
    let facts = build(text, &digest, &claims);
    assert_eq!(facts.len(), 2);
    let lex = Lexicon::builtin();
    for f in &facts {
        assert_eq!(f.keys.first().map(|k| &**k), Some("MOFCOM"), "{f:?}");
        assert_eq!(lex.class_name(f.class.unwrap()), "probe");
        assert_eq!(f.year, Some(2025));
        assert!(!f.reported);
    }
    assert_eq!(facts[1].hedge, Some(Hedge::About));
    // the first clause ends at the dash
    assert!(
        facts[0].clause.of(text).ends_with("2025"),
        "{:?}",
        facts[0].clause.of(text)
    );
}

#[test]
fn aggregates_and_definitions() {
    let text = "Bonds\n\nThe Hong Kong Monetary Authority (HKMA) said Tencent and Baidu sold 23.4 billion yuan of bonds in 2025. Tencent sold 9 billion yuan of bonds on Sept. 16, 2025. (reuters.com)\n";
    let digest = crate::digest::parse(text);
    let claims = vec![
        money_claim(text, "23.4 billion yuan", "23400000000", "CNY"),
        date_claim(text, "2025", (2025, 1, 1), (2025, 12, 31)),
        money_claim(text, "9 billion yuan", "9000000000", "CNY"),
        date_claim(text, "Sept. 16, 2025", (2025, 9, 16), (2025, 9, 16)),
    ];
    let mut claims = claims;
    claims.sort_by_key(|c| c.span.start);
    let facts = build(text, &digest, &claims);
    let agg = facts
        .iter()
        .find(|f| claims[f.claim].span.of(text).starts_with("23.4"))
        .unwrap();
    assert!(agg.aggregate);
    assert!(
        agg.entities.iter().any(|e| &**e == "HKMA"),
        "{:?}",
        agg.entities
    );
    let one = facts
        .iter()
        .find(|f| claims[f.claim].span.of(text).starts_with("9 "))
        .unwrap();
    assert!(!one.aggregate);
    assert_eq!(one.year, Some(2025));
    assert_eq!(
        one.when.unwrap().0,
        NaiveDate::from_ymd_opt(2025, 9, 16).unwrap()
    );
    let lex = Lexicon::builtin();
    assert_eq!(lex.class_name(one.class.unwrap()), "bond");
}

#[test]
fn a_target_date_outside_its_clause_dates_no_amount() {
    let text = "LNG\n\nInvestment fell in 2025 as prices slid and shale drillers idled their rigs; Woodside Energy spent $17.5 billion on Louisiana LNG, which adds 16.5 mtpa by 2030. (iea.org)\n";
    let digest = crate::digest::parse(text);
    let mut claims = vec![
        date_claim(text, "2025", (2025, 1, 1), (2025, 12, 31)),
        money_claim(text, "$17.5 billion", "17500000000", "USD"),
        date_claim(text, "2030", (2030, 1, 1), (2030, 12, 31)),
    ];
    claims.sort_by_key(|c| c.span.start);
    let facts = build(text, &digest, &claims);
    let amount = facts
        .iter()
        .find(|f| claims[f.claim].span.of(text) == "$17.5 billion")
        .expect("the amount's fact");
    // the nearer `by 2030` is a target; the amount is dated by `in 2025`
    assert_eq!(
        amount.year,
        Some(2025),
        "{amount:?} {:?}",
        amount.clause.of(text)
    );
}
