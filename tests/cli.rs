//! The command line, case by case: every `tests/cmd/*.toml` is one invocation (arguments,
//! stdin, expected stdout/stderr and exit code), run by trycmd against the built binary.
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expected outputs (review the diff).

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
