//! No input makes extraction panic, and every span is a well-formed, ordered slice of the text.

use digest_lint::{extract, Options};
use proptest::prelude::*;

fn check(text: &str) {
    let claims = extract(text, &Options::default());
    let mut last_end = 0;
    for c in &claims {
        let s = c.span;
        assert!(s.start < s.end, "empty span {s:?} in {text:?}");
        assert!(s.end <= text.len(), "span {s:?} past the end of {text:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} splits a char in {text:?}"
        );
        assert!(
            s.start >= last_end,
            "span {s:?} overlaps or precedes the previous claim in {text:?}"
        );
        last_end = s.end;
    }
}

/// Digest-ish fragments: digits, signs, dashes of every kind, month names, scale words.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,5}",
        "[0-9]{1,3},[0-9]{3}",
        "[0-9]+\\.[0-9]+",
        Just("$".to_string()),
        Just("US$".to_string()),
        Just("CN¥".to_string()),
        Just("€".to_string()),
        Just("~".to_string()),
        Just(">".to_string()),
        Just("%".to_string()),
        Just("×".to_string()),
        Just("–".to_string()),
        Just("‑".to_string()),
        Just("-".to_string()),
        Just("—".to_string()),
        Just("−".to_string()),
        Just(" ".to_string()),
        Just(", ".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("'".to_string()),
        Just("Sept.".to_string()),
        Just("September".to_string()),
        Just("May".to_string()),
        Just("mid".to_string()),
        Just("late".to_string()),
        Just("end of".to_string()),
        Just("next".to_string()),
        Just("Q3".to_string()),
        Just("H1".to_string()),
        Just("bn".to_string()),
        Just("billion".to_string()),
        Just("yuan".to_string()),
        Just("about".to_string()),
        Just("between".to_string()),
        Just("and".to_string()),
        Just("day".to_string()),
        Just("years".to_string()),
        Just("a".to_string()),
        Just("the".to_string()),
        Just("percent".to_string()),
        Just("Tuesday".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn digest_fragments(parts in prop::collection::vec(fragment(), 0..40)) {
        check(&parts.concat());
    }
}

#[test]
fn a_huge_line_stays_linear() {
    // 8 MB on one line (50 MB in release runs the same code path; kept small for debug tests)
    let unit = "Tencent sold 9 billion yuan (~$1.27bn) on Sept 16–17, 2025 with ~2.1% coupons and a ~120‑day window; ";
    let text = unit.repeat(8 * 1024 * 1024 / unit.len());
    let t = std::time::Instant::now();
    let small = extract(&text[..text.len() / 8], &Options::default()).len();
    let t_small = t.elapsed();
    let t = std::time::Instant::now();
    let big = extract(&text, &Options::default()).len();
    let t_big = t.elapsed();
    assert!(big >= 7 * small, "{big} claims vs {small}");
    // 8× the input may take at most ~30× the time (noise allowance), never quadratic (64×)
    assert!(
        t_big < t_small * 30 + std::time::Duration::from_millis(200),
        "{t_small:?} → {t_big:?}"
    );
}
