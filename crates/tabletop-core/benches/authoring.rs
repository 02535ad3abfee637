//! Authoring at scale, on a 1,000-inject scenario: the pass that reports
//! every format error (against reading a clean file), the MSEL round trip
//! (export to CSV and XLSX, import back) and building a facilitator's guide.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tabletop_core::handout::{self, Reader};
use tabletop_core::library::bundled_file;
use tabletop_core::synthetic;
use tabletop_core::{SourceFile, load_plan, load_scenario, msel};

fn authoring(c: &mut Criterion) {
    let clean = synthetic::large_scenario(1_000);
    // Every 20th inject gets a channel that does not exist: 50 errors.
    let mut broken = String::new();
    for (n, part) in clean.split("channel = \"alert\"").enumerate() {
        if n > 0 {
            broken.push_str(if n % 20 == 0 {
                "channel = \"fax\""
            } else {
                "channel = \"alert\""
            });
        }
        broken.push_str(part);
    }
    let (plan, _) = load_plan(&bundled_file("plans/gdpr-midsize.toml").unwrap()).unwrap();
    let errors = load_scenario(&SourceFile::new("b.toml", broken.clone()), Some(&plan))
        .unwrap_err()
        .diagnostics
        .len();
    assert_eq!(errors, 50);

    let mut group = c.benchmark_group("1k-inject scenario");
    group.sample_size(10);
    group.bench_function("load a clean file", |b| {
        b.iter(|| {
            load_scenario(
                &SourceFile::new("c.toml", black_box(clean.clone())),
                Some(&plan),
            )
            .unwrap()
        })
    });
    group.bench_function("report all 50 format errors", |b| {
        b.iter(|| {
            load_scenario(
                &SourceFile::new("b.toml", black_box(broken.clone())),
                Some(&plan),
            )
            .unwrap_err()
        })
    });
    let (scenario, _) =
        load_scenario(&SourceFile::new("c.toml", clean.clone()), Some(&plan)).unwrap();
    group.bench_function("export to CSV and import back", |b| {
        b.iter(|| {
            let sheet = msel::export(black_box(&clean)).unwrap();
            let csv = msel::write_csv(&sheet);
            msel::import(&msel::read_csv(&csv).unwrap(), &plan, "bench", &[])
        })
    });
    group.bench_function("export to XLSX and import back", |b| {
        b.iter(|| {
            let sheet = msel::export(black_box(&clean)).unwrap();
            let xlsx = msel::write_xlsx(&sheet, "MSEL").unwrap();
            msel::import(&msel::read_workbook(&xlsx).unwrap(), &plan, "bench", &[])
        })
    });
    group.bench_function("facilitator guide as a page", |b| {
        b.iter(|| {
            handout::html_page(&handout::build(
                black_box(&scenario),
                &plan,
                Reader::Facilitator,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, authoring);
criterion_main!(benches);
