//! The github printer alone: workflow commands with escaped properties and messages.

mod report_support;

use digest_lint::report::{github, render, Format, RenderOptions};

#[test]
fn github_annotations_are_escaped() {
    let out = render(
        Format::Github,
        &report_support::run(),
        &RenderOptions::default(),
    );
    // `,` in the path and `:`/`,`/`%`/line break in the message are percent-encoded.
    assert!(
        out.contains("file=digests/a%2C b.txt,line=3,col=33,endLine=3,endColumn=49,title=DL201::"),
        "{out}"
    );
    assert!(out.contains("::notice file=digests/a%2C b.txt,line=6,col=7,endLine=6,endColumn=10,title=DL402::50%25 of 100%25 is 50%25: check,%0Athen recheck"), "{out}");
    assert_eq!(
        out.lines().count(),
        4,
        "one line per finding and error:\n{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn escaping_rules() {
    assert_eq!(github::data("a%b\r\nc"), "a%25b%0D%0Ac");
    assert_eq!(github::property("a:b,c%"), "a%3Ab%2Cc%25");
}
