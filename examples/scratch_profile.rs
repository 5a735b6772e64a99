use std::time::Instant;
use zhengce::eval::decide;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::report::{RenderOptions, Trace, decision_json};
use zhengce::run::{MissingDate, Runner};

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let t = Instant::now();
    let mut n = 0;
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        n += v.as_object().unwrap().len();
    }
    println!(
        "serde_json Value: {:.2} us/case ({n})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let t = Instant::now();
    let mut results = Vec::new();
    for l in &lines {
        let mut r = runner.run_file(&mut loaded.sources, "x.jsonl", l.as_bytes());
        results.push(r.pop().unwrap());
    }
    println!(
        "yaml load+decide: {:.2} us/case",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let t = Instant::now();
    let mut steps = 0;
    for r in &results {
        let d = decide(&versions[0], r.facts().unwrap(), r.as_of.unwrap());
        steps += d.steps;
    }
    println!(
        "decide alone: {:.2} us/case, {} steps/case",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64,
        steps / lines.len() as u64
    );
    let opts = RenderOptions {
        trace: Trace::Omitted,
        ..RenderOptions::default()
    };
    let t = Instant::now();
    let mut bytes = 0;
    for r in &results {
        bytes += decision_json(r, &versions[0], &loaded.sources, &opts).to_string().len();
    }
    println!(
        "json no trace: {:.2} us/case {} B/case",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64,
        bytes / lines.len()
    );
    let opts = RenderOptions::default();
    let t = Instant::now();
    let mut bytes = 0;
    for r in &results {
        bytes += decision_json(r, &versions[0], &loaded.sources, &opts).to_string().len();
    }
    println!(
        "json trace: {:.2} us/case {} B/case",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64,
        bytes / lines.len()
    );
}
