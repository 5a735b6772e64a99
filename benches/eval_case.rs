//! One case, stage by stage, with criterion: reading a JSON line against the built-in
//! policy's schema, deciding it (by the tree walker, and by the typed evaluator `batch`
//! uses), and writing its record (with and without the trace).
//!
//! ```text
//! cargo bench --bench eval_case
//! ```
//!
//! The case is the first of `gen_cases --seed 1` (a certified person with services,
//! follow-ups and subsidies), so the figures follow the batch benchmark's cases.

#[path = "../examples/gen_cases/generator.rs"]
mod generator;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use zhengce::case::load_document;
use zhengce::eval::{Explanation, TypedBuffers, TypedProgram, decide, decide_for};
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::report::{RenderOptions, Trace, write_decision_json};
use zhengce::run::{MissingDate, Runner, Stage};
use zhengce::yaml::parse_json_document;

fn one_case(c: &mut Criterion) {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let program = &versions[0];
    let line = generator::Generator::new(1).case().to_string();
    let file = loaded.sources.add("case.jsonl", line.as_str());

    c.bench_function("read a JSON line", |b| {
        b.iter(|| load_document(program, file, parse_json_document(file, black_box(&line))))
    });

    let case = load_document(program, file, parse_json_document(file, &line));
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let result = runner.evaluate_case(case, None, Stage::Evaluate);
    let (Some(facts), Some(as_of)) = (result.facts(), result.as_of) else {
        panic!("the generated case loads: {:?}", result.diagnostics);
    };
    c.bench_function("decide", |b| b.iter(|| decide(program, black_box(facts), as_of)));
    c.bench_function("decide, no explanation", |b| {
        b.iter(|| decide_for(program, black_box(facts), as_of, Explanation::NotNeeded))
    });
    let Some(typed) = TypedProgram::compile(program) else {
        panic!("the built-in policy compiles")
    };
    let mut buffers = TypedBuffers::default();
    c.bench_function("decide, typed, no explanation", |b| {
        b.iter(|| typed.decide(program, black_box(facts), as_of, Explanation::NotNeeded, &mut buffers))
    });

    let mut out = Vec::with_capacity(1 << 16);
    for (name, trace) in [
        ("write the record", Trace::Omitted),
        ("write the record with trace", Trace::Included),
    ] {
        let options = RenderOptions {
            trace,
            ..RenderOptions::default()
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                write_decision_json(&mut out, &result, program, &loaded.sources, &options);
            })
        });
    }
}

criterion_group!(benches, one_case);
criterion_main!(benches);
