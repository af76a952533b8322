//! Full lint throughput (parse, extract, facts, every rule): one 5 MB digest, and 100 MB of
//! digest-sized documents linted one by one as the CLI does. Uses the shared generated corpus
//! (`common/corpus.rs`). `LINT_BENCH_MB` shrinks the multi-document corpus for quick runs.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use digest_lint::{lint, Options};

#[path = "common/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("lint");
    g.sample_size(10);

    let one = corpus::corpus(5 << 20);
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_function("one_5mb_digest", |b| b.iter(|| lint(&one, &opts).len()));

    let (docs, total) = corpus::digests(100, "LINT_BENCH_MB");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("digests_100mb", |b| {
        b.iter(|| docs.iter().map(|d| lint(d, &opts).len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
