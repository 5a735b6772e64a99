use std::time::Instant;
use zhengce::eval::Evaluation;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::program::{DefId, RuleIdx};
use zhengce::run::{MissingDate, Runner};

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().take(3000).collect();
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let p = &versions[0];
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    let mut results = Vec::new();
    for l in &lines {
        let mut r = runner.run_file(&mut loaded.sources, "x.jsonl", l.as_bytes());
        results.push(r.pop().unwrap());
    }
    let mut rows = Vec::new();
    for d in 0..p.definitions.len() {
        let t = Instant::now();
        for r in &results {
            let mut ev = Evaluation::new(p, r.facts().unwrap(), r.as_of.unwrap());
            ev.definition(DefId(d as u32));
        }
        rows.push((
            t.elapsed().as_secs_f64() * 1e6 / results.len() as f64,
            format!("def {}", p.definitions[d].name),
        ));
    }
    for i in 0..p.rules.len() {
        let t = Instant::now();
        for r in &results {
            let mut ev = Evaluation::new(p, r.facts().unwrap(), r.as_of.unwrap());
            ev.rule(RuleIdx(i as u32));
        }
        rows.push((
            t.elapsed().as_secs_f64() * 1e6 / results.len() as f64,
            format!("rule {:?}", p.rules[i].id),
        ));
    }
    let t = Instant::now();
    for r in &results {
        let _ev = Evaluation::new(p, r.facts().unwrap(), r.as_of.unwrap());
    }
    println!("new only {:.2}", t.elapsed().as_secs_f64() * 1e6 / results.len() as f64);
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for (t, n) in rows.iter().take(25) {
        println!("{t:8.2} us  {n}");
    }
}
