//! The concise printer alone, on hand-built findings.

mod report_support;

use digest_lint::report::{render, Format, RenderOptions};

#[test]
fn concise_lines_have_scalar_columns_and_one_line_messages() {
    let out = render(
        Format::Concise,
        &report_support::run(),
        &RenderOptions::default(),
    );
    // `Sept 14‑15` starts after `“Talks” – worth ¥5bn – began on ` : 32 scalars but 40 bytes.
    assert!(
        out.starts_with("digests/a, b.txt:3:33: DL201 [error] "),
        "{out}"
    );
    insta::assert_snapshot!(out);
}
