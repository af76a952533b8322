//! Unit tests of the check kinds on hand-built claims (independent of the extractor).

use super::*;
use crate::claims::{Claim, ClaimKind, Currency, DateValue, Grain, Hedge, Magnitude, PercentUnit};
use crate::finding::Severity;
use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;

fn at(text: &str, needle: &str) -> Span {
    let s = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(s, s + needle.len())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn date(text: &str, needle: &str, from: NaiveDate, to: NaiveDate) -> Claim {
    Claim {
        span: at(text, needle),
        kind: ClaimKind::Date(DateValue {
            from,
            to,
            grain: Grain::Day,
            fuzzy: false,
            weekday: None,
            year_stated: true,
            relative: false,
        }),
        hedge: needle.starts_with("around").then_some(Hedge::About),
        pair: None,
    }
}

fn money(text: &str, needle: &str, v: &str, cur: &str) -> Claim {
    Claim {
        span: at(text, needle),
        kind: ClaimKind::Money {
            value: Magnitude::Exact(v.parse().unwrap()),
            currency: Currency::new(cur),
            ambiguous: false,
        },
        hedge: needle.starts_with('~').then_some(Hedge::About),
        pair: None,
    }
}

fn analysis(text: &str, mut claims: Vec<Claim>) -> Analysis {
    claims.sort_by_key(|c| c.span.start);
    let digest = crate::digest::parse(text);
    let facts = crate::facts::build(text, &digest, &claims);
    Analysis {
        text: text.to_string(),
        digest,
        claims,
        facts,
    }
}

fn only(code: &str) -> RuleSet {
    let mut set = RuleSet::default();
    set.insert(RuleSet::builtin().get(code).unwrap().clone());
    set
}

#[test]
fn builtin_rules_validate_and_unknown_kinds_do_not() {
    validate(&RuleSet::builtin()).unwrap();
    let mut set = only("DL201");
    let mut bad = set.get("DL201").unwrap().clone();
    bad.kind = "date_conflicts".into();
    set.insert(bad);
    let err = validate(&set).unwrap_err();
    assert!(
        err.message.contains("unknown kind `date_conflicts`"),
        "{err}"
    );
    let mut set = only("DL202");
    let mut bad = set.get("DL202").unwrap().clone();
    bad.params.remove("tolerance_pct");
    set.insert(bad);
    assert!(validate(&set)
        .unwrap_err()
        .message
        .contains("tolerance_pct"));
}

#[test]
fn templates_fill_known_placeholders_only() {
    let vars = [("a", "1".to_string())];
    assert_eq!(fill("{a} and {b} {", &vars), "1 and {b} {");
}

#[test]
fn date_conflict_reports_the_hedged_mention_with_the_other_related() {
    let text = "Trade\n\nKey Points\n  • China’s Ministry of Commerce (MOFCOM) launched an anti-dumping probe on Sept. 13, 2025. (a.com)\n  • The Ministry of Commerce announced the anti-dumping investigation around Sept 14–15, 2025. (b.com)\n";
    let doc = analysis(
        text,
        vec![
            date(text, "Sept. 13, 2025", day(2025, 9, 13), day(2025, 9, 13)),
            date(
                text,
                "around Sept 14–15, 2025",
                day(2025, 9, 14),
                day(2025, 9, 15),
            ),
        ],
    );
    let f = check_document(&doc, &only("DL201"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].span.of(text), "around Sept 14–15, 2025");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].related.len(), 1);
    assert_eq!(f[0].related[0].span.of(text), "Sept. 13, 2025");
    assert_eq!(f[0].evidence, ["around Sept 14–15, 2025", "Sept. 13, 2025"]);
    assert!(f[0].message.contains("MOFCOM's probe"), "{}", f[0].message);
    // the same day written twice is no conflict
    let doc = analysis(
        text,
        vec![
            date(text, "Sept. 13, 2025", day(2025, 9, 13), day(2025, 9, 13)),
            date(
                text,
                "around Sept 14–15, 2025",
                day(2025, 9, 13),
                day(2025, 9, 13),
            ),
        ],
    );
    assert!(check_document(&doc, &only("DL201")).is_empty());
}

#[test]
fn amount_conflict_is_hedge_and_precision_aware() {
    let text = "Fines\n\nKey Points\n  • The Commission fined Meta €798 million in November 2024. (a.com)\n  • Meta's fine of ~€800 million was its first. (b.com)\n  • Meta's fine of €898 million was its first. (c.com)\n";
    let doc = analysis(
        text,
        vec![
            money(text, "€798 million", "798000000", "EUR"),
            money(text, "~€800 million", "800000000", "EUR"),
            money(text, "€898 million", "898000000", "EUR"),
        ],
    );
    let f = check_document(&doc, &only("DL202"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].span.of(text), "€898 million");
    let rel: Vec<&str> = f[0].related.iter().map(|r| r.span.of(text)).collect();
    assert_eq!(rel, ["€798 million", "~€800 million"]);
}

#[test]
fn fx_reference_rate_names_implied_reference_and_expected() {
    let text = "Bonds\n\nTencent sold 9 billion yuan (~$1.5bn) of dim sum bonds in September 2025. (a.com)\n";
    let mut a = money(text, "9 billion yuan", "9000000000", "CNY");
    let mut b = money(text, "~$1.5bn", "1500000000", "USD");
    a.pair = Some(1);
    b.pair = Some(0);
    let mut sept = date(text, "September 2025", day(2025, 9, 1), day(2025, 9, 30));
    if let ClaimKind::Date(d) = &mut sept.kind {
        d.grain = Grain::Month;
    }
    let doc = analysis(text, vec![a, b, sept]);
    let f = check_document(&doc, &only("DL301"));
    assert_eq!(f.len(), 1, "{f:#?}");
    let help = f[0].help.as_deref().unwrap();
    assert!(help.contains("7.1235"), "{help}");
    assert!(help.contains("USD 1.26 billion"), "{help}");
    assert!(help.contains("implies 6"), "{help}");
    assert_eq!(f[0].severity, Severity::Warning);
}

#[test]
fn scale_slip_fix_rescales_the_converted_amount() {
    let text = "Bonds\n\nTencent sold 9 billion yuan (~$1.27m) of dim sum bonds in September 2025. (a.com)\n";
    let mut a = money(text, "9 billion yuan", "9000000000", "CNY");
    let mut b = money(text, "~$1.27m", "1270000", "USD");
    a.pair = Some(1);
    b.pair = Some(0);
    let mut sept = date(text, "September 2025", day(2025, 9, 1), day(2025, 9, 30));
    if let ClaimKind::Date(d) = &mut sept.kind {
        d.grain = Grain::Month;
    }
    let doc = analysis(text, vec![a, b, sept]);
    // with DL303 in force, DL301 leaves the slip to it
    let mut both = only("DL303");
    both.insert(RuleSet::builtin().get("DL301").unwrap().clone());
    let f = check_document(&doc, &both);
    assert!(f.iter().all(|f| f.code == "DL303"), "{f:#?}");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].fix.as_ref().unwrap().replacement, "~$1.27bn");
}

#[test]
fn weekday_impossible_date_and_range_order() {
    let text = "Dates\n\nThey meet on Tuesday, Oct. 8, 2025 and again on Sept. 31, 2025 at 4.6–4.1%. (a.com)\n";
    let mut wd = date(
        text,
        "Tuesday, Oct. 8, 2025",
        day(2025, 10, 8),
        day(2025, 10, 8),
    );
    if let ClaimKind::Date(d) = &mut wd.kind {
        d.weekday = Some(Weekday::Tue);
    }
    let bad = Claim {
        span: at(text, "Sept. 31, 2025"),
        kind: ClaimKind::InvalidDate {
            year: 2025,
            month: 9,
            day: 31,
        },
        hedge: None,
        pair: None,
    };
    let range = Claim {
        span: at(text, "4.6–4.1%"),
        kind: ClaimKind::Percent {
            value: Magnitude::Range("4.6".parse().unwrap(), "4.1".parse().unwrap()),
            unit: PercentUnit::Percent,
        },
        hedge: None,
        pair: None,
    };
    let doc = analysis(text, vec![wd, bad, range]);
    let f = check_document(&doc, &only("DL102"));
    assert_eq!(f.len(), 1);
    let fix = f[0].fix.as_ref().unwrap();
    assert_eq!(
        (fix.span.of(text), fix.replacement.as_str()),
        ("Tuesday", "Wednesday")
    );
    let f = check_document(&doc, &only("DL101"));
    assert_eq!(
        f[0].message,
        "Sept. 31, 2025 does not exist: September 2025 has 30 days"
    );
    let f = check_document(&doc, &only("DL103"));
    assert_eq!(f[0].span.of(text), "4.6–4.1%");
}

#[test]
fn window_change_and_total_arithmetic() {
    let text = "Rules\n\nThe rule was published Aug. 29, 2025 and takes effect Dec. 31, 2025, a 90-day transition. (a.com)\n";
    let window = Claim {
        span: at(text, "90-day"),
        kind: ClaimKind::Duration {
            value: Magnitude::Exact(Decimal::from(90)),
            unit: crate::claims::DurationUnit::Day,
        },
        hedge: None,
        pair: None,
    };
    let doc = analysis(
        text,
        vec![
            date(text, "Aug. 29, 2025", day(2025, 8, 29), day(2025, 8, 29)),
            date(text, "Dec. 31, 2025", day(2025, 12, 31), day(2025, 12, 31)),
            window,
        ],
    );
    let f = check_document(&doc, &only("DL401"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].fix.as_ref().unwrap().replacement, "124-day");

    let text = "Revenue\n\nRevenue rose from $4.0bn to $5.0bn, a 20% increase, and 9 and 14.4 billion yuan made 23.4 billion yuan in total. (a.com)\n";
    let change = Claim {
        span: at(text, "from $4.0bn to $5.0bn"),
        kind: ClaimKind::Money {
            value: Magnitude::Range("4000000000".parse().unwrap(), "5000000000".parse().unwrap()),
            currency: Currency::new("USD"),
            ambiguous: true,
        },
        hedge: None,
        pair: None,
    };
    let pct = Claim {
        span: at(text, "20%"),
        kind: ClaimKind::Percent {
            value: Magnitude::Exact(Decimal::from(20)),
            unit: PercentUnit::Percent,
        },
        hedge: None,
        pair: None,
    };
    let doc = analysis(text, vec![change, pct]);
    let f = check_document(&doc, &only("DL402"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].fix.as_ref().unwrap().replacement, "25%");
    assert!(
        check_document(&doc, &only("DL103")).is_empty(),
        "a change is not a range"
    );
}

#[test]
fn uncited_block_only_in_a_digest_that_cites() {
    let text = "T\n\nSold on Sept. 13, 2025.\n\nKey Points\n  • Sold on Sept. 14, 2025. (a.com)\n";
    let doc = analysis(
        text,
        vec![
            date(text, "Sept. 13, 2025", day(2025, 9, 13), day(2025, 9, 13)),
            date(text, "Sept. 14, 2025", day(2025, 9, 14), day(2025, 9, 14)),
        ],
    );
    let f = check_document(&doc, &only("DL501"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].span.of(text), "Sept. 13, 2025");
    let text = "T\n\nSold on Sept. 13, 2025.\n";
    let doc = analysis(
        text,
        vec![date(
            text,
            "Sept. 13, 2025",
            day(2025, 9, 13),
            day(2025, 9, 13),
        )],
    );
    assert!(check_document(&doc, &only("DL501")).is_empty());
}

#[test]
fn cross_digest_conflicts_go_to_the_later_file() {
    let t1 = "A\n\nMOFCOM launched an anti-dumping probe on Sept. 13, 2025. (a.com)\n";
    let t2 = "B\n\nMOFCOM opened its anti-dumping investigation on Sept. 20, 2025. (b.com)\n";
    let d1 = analysis(
        t1,
        vec![date(
            t1,
            "Sept. 13, 2025",
            day(2025, 9, 13),
            day(2025, 9, 13),
        )],
    );
    let d2 = analysis(
        t2,
        vec![date(
            t2,
            "Sept. 20, 2025",
            day(2025, 9, 20),
            day(2025, 9, 20),
        )],
    );
    let out = check_run(&[&d1, &d2], &only("DL203"));
    assert!(out[0].is_empty());
    assert_eq!(out[1].len(), 1);
    assert_eq!(out[1][0].related[0].file, Some(0));
    assert_eq!(out[1][0].related[0].span.of(t1), "Sept. 13, 2025");
}

#[test]
fn configured_rates_replace_the_builtin_ones() {
    // a made-up month the built-in table does not have: only the extra rates know it
    let text =
        "Bonds\n\nTencent sold 9 billion yuan (~$1.5bn) of dim sum bonds in March 2031. (a.com)\n";
    let mut a = money(text, "9 billion yuan", "9000000000", "CNY");
    let mut b = money(text, "~$1.5bn", "1500000000", "USD");
    a.pair = Some(1);
    b.pair = Some(0);
    let mut march = date(text, "March 2031", day(2031, 3, 1), day(2031, 3, 31));
    if let ClaimKind::Date(d) = &mut march.kind {
        d.grain = Grain::Month;
    }
    let doc = analysis(text, vec![a, b, march]);
    assert!(check_document(&doc, &only("DL301")).is_empty());
    let mut rates = Rates::builtin().clone();
    rates.extend(&Rates::parse("2031-03,CNY,7.1000,test").unwrap());
    let f = check_document_with(&doc, &only("DL301"), &rates);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].help.as_deref().unwrap().contains("7.1"));
}
