use zhengce::eval::decide;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::report::{RenderOptions, Trace, decision_json};
use zhengce::run::{MissingDate, Runner};

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let what = std::env::args().nth(2).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().take(3000).collect();
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let mut results = Vec::new();
    for l in &lines {
        let mut r = runner.run_file(&mut loaded.sources, "x.jsonl", l.as_bytes());
        results.push(r.pop().unwrap());
    }
    let opts = RenderOptions {
        trace: Trace::Omitted,
        ..RenderOptions::default()
    };
    let mut steps = 0;
    for _ in 0..20 {
        for r in &results {
            if what == "decide" {
                let d = decide(&versions[0], r.facts().unwrap(), r.as_of.unwrap());
                steps += d.steps;
            } else {
                steps += decision_json(r, &versions[0], &loaded.sources, &opts).to_string().len() as u64;
            }
        }
    }
    println!("{steps}");
}
