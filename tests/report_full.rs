//! The full (miette) printer alone, no colour, fixed width: snapshots of the rendering, with
//! en dashes, curly quotes, ¥ and U+2011 before the labelled spans.

mod report_support;

use digest_lint::report::full::{render, render_run, Document, FullOptions};
use digest_lint::report::{render as render_format, Format, RenderOptions};

const OPTS: FullOptions = FullOptions {
    color: false,
    width: 80,
};

#[test]
fn full_single_document() {
    let out = render(
        &report_support::findings_a(),
        "digests/a.txt",
        report_support::A,
        &OPTS,
    );
    // The underline starts under the `S` of `Sept 14‑15` and spans its 16 scalars.
    let src = out.lines().find(|l| l.contains("“Talks”")).unwrap();
    let under = out
        .lines()
        .skip_while(|l| !l.contains("“Talks”"))
        .nth(1)
        .unwrap();
    let col = |l: &str, pat: &dyn Fn(char) -> bool| l.chars().position(pat).unwrap();
    assert_eq!(
        col(under, &|c| c == '─' || c == '┬'),
        col(src, &|c| c == 'S')
    );
    insta::assert_snapshot!(out);
}

#[test]
fn full_cross_file_related() {
    let docs = [
        Document {
            path: "digests/a.txt",
            text: report_support::A,
        },
        Document {
            path: "digests/b.txt",
            text: report_support::B,
        },
    ];
    let out = render_run(&report_support::findings_b(), 1, &docs, &OPTS);
    assert!(out.contains("[digests/a.txt:3:68]"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn full_colour_only_when_asked() {
    let run = report_support::run();
    let plain = render_format(Format::Full, &run, &RenderOptions::default());
    assert!(!plain.contains('\u{1b}'));
    let coloured = render_format(
        Format::Full,
        &run,
        &RenderOptions {
            color: true,
            ..RenderOptions::default()
        },
    );
    assert!(coloured.contains("\u{1b}["));
}
