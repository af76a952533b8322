//! Extraction throughput on ≥100 MB of generated house-style digests (`common/corpus.rs`).
//!
//! The corpus is split into digest-sized documents, as the CLI sees files; `extract` parses the
//! digest structure and scans the claims of each.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use digest_lint::{extract, Options};

#[path = "common/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let (docs, total) = corpus::digests(100, "EXTRACT_BENCH_MB");
    let opts = Options::default();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("house_style_digests", |b| {
        b.iter(|| docs.iter().map(|d| extract(d, &opts).len()).sum::<usize>())
    });
    // one huge document: the scan must stay linear
    let one = docs.concat();
    g.bench_function("one_document", |b| b.iter(|| extract(&one, &opts).len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
