//! Re-linting the seed after a one-character edit, in process, through the server's own
//! document and edit path: `didChange` applied incrementally, the document analysed, the
//! workspace linted and the diagnostics converted for publishing. The issue asks for a median
//! under 5 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use digest_lint::lsp::{Document, Encoding, Incoming, Server};
use lsp_server::{Message, Notification, Request};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use serde_json::{json, Value};

const SEED: &str = include_str!("../seeds/000_3d2181f76b2227e1.txt");
const URI: &str = "file:///bench/digest.txt";

fn note(method: &str, params: Value) -> Incoming {
    Incoming::Message(Message::Notification(Notification::new(
        method.into(),
        params,
    )))
}

fn relint_after_edit(c: &mut Criterion) {
    let mut server = Server::new();
    server.handle(Incoming::Message(Message::Request(Request::new(
        1.into(),
        "initialize".into(),
        json!({"capabilities": {}}),
    ))));
    server.handle(note("initialized", json!({})));
    server.handle(note(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": 0, "text": SEED}}),
    ));
    server.lint_pending();
    let published = server.take_outgoing().len();
    assert!(published >= 2, "initialize answer and diagnostics");

    // Type a character in the middle of the seed, then delete it: each step is one edit.
    let line = SEED.lines().count() as u32 / 2;
    let mut version = 0;
    c.bench_function("lsp relint seed after a one-character edit", |b| {
        b.iter(|| {
            version += 1;
            let at = json!({"line": line, "character": 0});
            let change = if version % 2 == 1 {
                json!({"range": {"start": at, "end": at}, "text": "x"})
            } else {
                json!({"range": {"start": at, "end": {"line": line, "character": 1}}, "text": ""})
            };
            server.handle(note(
                "textDocument/didChange",
                json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
            ));
            server.lint_pending();
            let out = server.take_outgoing();
            assert_eq!(out.len(), 1, "one publish per edit");
            out
        })
    });
}

/// The stages of a re-lint, each alone, to see where the time goes.
fn stages(c: &mut Criterion) {
    let opts = digest_lint::Options::default();
    c.bench_function("stage: analyze the seed", |b| {
        b.iter(|| digest_lint::analyze(SEED, &opts))
    });
    let analysis = digest_lint::analyze(SEED, &opts);
    c.bench_function("stage: lint_analyses on the seed", |b| {
        b.iter(|| digest_lint::lint_analyses(&[&analysis], &opts))
    });
    let mut doc = Document::new(SEED.to_string(), 0);
    let line = SEED.lines().count() as u32 / 2;
    let mut version = 0;
    c.bench_function("stage: apply a one-character edit", |b| {
        b.iter(|| {
            version += 1;
            let at = Position::new(line, 0);
            let end = Position::new(line, (version % 2 == 0) as u32);
            let text = if version % 2 == 1 { "x" } else { "" };
            doc.apply_changes(
                vec![TextDocumentContentChangeEvent {
                    range: Some(Range::new(at, end)),
                    range_length: None,
                    text: text.into(),
                }],
                version,
                Encoding::Utf16,
            );
        })
    });
}

criterion_group!(benches, relint_after_edit, stages);
criterion_main!(benches);
