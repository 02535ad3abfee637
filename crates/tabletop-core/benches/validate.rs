//! Loading and validating a 10,000-inject scenario, against `toml` parsing the
//! same text into a plain table: the cost of our checks over the bare parse.

use tabletop_core::synthetic as support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tabletop_core::SourceFile;
use tabletop_core::library::bundled_file;
use tabletop_core::{load_plan, load_scenario};

fn validation(c: &mut Criterion) {
    let text = support::large_scenario(10_000);
    let plan_file = bundled_file("plans/gdpr-midsize.toml").unwrap();
    let (plan, _) = load_plan(&plan_file).unwrap();
    let source = SourceFile::new("generated.toml", text.clone());
    let (scenario, warnings) = load_scenario(&source, Some(&plan)).unwrap();
    assert_eq!(scenario.injects.len(), 10_000);
    assert!(warnings.is_empty());

    let mut group = c.benchmark_group("10k-inject scenario");
    group.sample_size(20);
    group.bench_function("toml parse into a table", |b| {
        b.iter(|| black_box(toml::from_str::<toml::Table>(black_box(&text)).unwrap()))
    });
    group.bench_function("tabletop load and validate", |b| {
        b.iter(|| {
            let source =
                SourceFile::from_bytes("generated.toml", black_box(text.as_bytes().to_vec()))
                    .unwrap();
            black_box(load_scenario(&source, Some(&plan)).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, validation);
criterion_main!(benches);
