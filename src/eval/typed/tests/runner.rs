//! The typed evaluator as the runner and the explainer use it: its buffers, the
//! versions of an amended policy, the step budget, a memo to explain from.

use super::forms::FNS;
use super::spread::*;
use super::*;

/// Two versions of a policy with the same number of definitions, the second with more
/// rules, decided with one set of buffers (as `batch`'s runner does across versions).
#[test]
fn buffers_follow_the_program_they_are_given_with() {
    let base = program(
        "policy \"p\" {}\ncase { x: int = 0 \"x\" }\nparam t \"t\" = 10\n\
        category 1 cites \"a\" \"a\" { when x >= t }\n",
    );
    let amended = program(
        "policy \"p\" {}\ncase { x: int = 0 \"x\" }\nparam t \"t\" = 5\n\
        category 1 cites \"a\" \"a\" { when x >= t }\ncategory 3 cites \"c\" \"c\" { when x > 100 }\n\
        category 4 cites \"c\" \"c\" { when x > 1000 }\n",
    );
    let (Some(tb), Some(ta)) = (TypedProgram::compile(&base), TypedProgram::compile(&amended)) else {
        panic!("compiles")
    };
    let mut buffers = Buffers::default();
    let facts = Value::Record(vec![Value::Int(7)].into());
    let on = date(2025, 1, 1);
    assert!(
        tb.decide(&base, &facts, on, Explanation::NotNeeded, &mut buffers)
            .is_some()
    );
    // Same definition count: the buffers are kept, with the base's two... one rule.
    let d = ta.decide(&amended, &facts, on, Explanation::NotNeeded, &mut buffers);
    assert!(d.is_some());
}

/// The same through `batch`'s runner, with a real amendment.
#[test]
fn a_runner_decides_the_versions_of_an_amended_policy() {
    use crate::policy_set::{PolicySource, load_policy};
    use crate::run::{MissingDate, Runner};
    let base = "policy \"base\" { effective 2025-01-01 }\ncase { x: int = 0 \"x\" }\n\
        param threshold \"门槛\" = 10\ncategory 1 cites \"一\" \"x\" { when x >= threshold }\n";
    let amendment = "policy \"amendment\" {\n  effective 2026-01-01\n  amends \"base.policy\"\n}\n\
        replace param threshold \"门槛\" cites \"一\" \"5\" = 5\n\
        category 3 cites \"三\" \"x\" { when x > 100 }\n";
    let dir = std::env::temp_dir().join(format!("zhengce-typed-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("base.policy"), base).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("amendment.policy"), amendment).unwrap_or_else(|e| panic!("{e}"));
    let mut loaded = load_policy(&dir.join("amendment.policy").to_string_lossy(), PolicySource::Disk);
    let versions = std::mem::take(&mut loaded.versions);
    assert_eq!(versions.len(), 2, "{:#?}", loaded.diagnostics);
    let mut runner = Runner::with_versions(&versions, None, MissingDate::Error);
    runner.decide_typed();
    let cases = "id: a\nas_of: 2025-06-01\nx: 7\n---\nid: b\nas_of: 2026-06-01\nx: 101\n";
    let results = runner.run_file(&mut loaded.sources, "c.yaml", cases);
    let _ = std::fs::remove_dir_all(&dir);
    let held: Vec<Vec<bool>> = results
        .iter()
        .map(|r| {
            r.decision
                .as_ref()
                .map(|d| d.outcomes.iter().map(|o| o.holds).collect())
                .unwrap_or_default()
        })
        .collect();
    // 2025: 7 is under the base's 10; 2026: 101 passes the amended 5 and the new rule.
    assert_eq!(held, vec![vec![false], vec![true, true]]);
}

/// Cases around the step budget: typed must never decide one the walker stopped on.
#[test]
fn a_case_near_the_step_budget_is_decided_as_the_walker_or_handed_back() {
    let exprs = [
        "count(x in ns where count(y in ns where y < x) > 0)",
        "count(x in ns where any(y in ns: y == x))",
        "length(filter(x in ns where not any(i in items: i.x == x)))",
        "sum(x in ns: lst(ns))",
        "count(x in ns where t == t)",
        "count(x in ns where length(trim(t)) > 0)",
        "count(x in ns where count_working_days(as_of, as_of + 30 days) > 0 working_days)",
        "count(m in months_covered(i in items: i.on .. i.to))",
        "count(x in ns where nest(x) > 0)",
    ];
    let long: &'static str = Box::leak("x".repeat(100_000).into_boxed_str());
    for e in exprs {
        let text = format!("{H2}{FNS}decision {{\n  o = {e}\n}}\n");
        let program = program(&text);
        let mut cases = Vec::new();
        for size in [300usize, 999, 1000, 1001, 20_000, 400_000] {
            let items: Vec<_> = (0..(size / 100).min(2000))
                .map(|i| {
                    (
                        date(1000 + (i as i32 % 8000), 1, 1),
                        0u16,
                        Some(i as i64),
                        Some(date(9000, 1, 1)),
                    )
                })
                .collect();
            cases.push(f2(&F {
                ns: Some((0..size as i64).collect()),
                t: Some(if size > 5000 { long } else { " a " }),
                items,
                ..F::default()
            }));
            cases.push(f2(&F {
                ns: Some((0..(size as i64 / 50)).collect()),
                t: Some(long),
                ..F::default()
            }));
        }
        differ(&program, &cases, &[date(2025, 6, 30)]);
    }
}

/// A policy with no definitions: the buffers are never sized for it.
#[test]
fn a_policy_without_definitions_is_decided() {
    let rule = program("policy \"p\" {}\ncase { x: int = 0 \"x\" }\ncategory 1 cites \"a\" \"a\" { when x > 1 }\n");
    let facts = Value::Record(vec![Value::Int(7)].into());
    assert!(typed_decision(&rule, &facts, date(2025, 1, 1)).is_some());
    let agg =
        program("policy \"p\" {}\ncase { ns: list of int \"ns\" }\ndecision { c = count(x in ns where x > 1) }\n");
    let facts = Value::Record(vec![Value::List(vec![Value::Int(7)].into())].into());
    assert!(typed_decision(&agg, &facts, date(2025, 1, 1)).is_some());
}

#[test]
fn a_decision_to_be_explained_keeps_a_memo() {
    let text = format!(
        "{H2}{FNS}\
        category 1 cites \"x\" \"x\" {{ when n > 0 and count(i in items where isv(i.k)) > 0 }}\n\
        decision {{ a = latest_on  b = total  c = holds(category 1)  d = filter(i in items: pick(i)) }}\n"
    );
    let program = program(&text);
    let typed = TypedProgram::compile(&program).unwrap_or_else(|| panic!("compiles"));
    let mut buffers = Buffers::default();
    for facts in spread() {
        for on in as_ofs() {
            let walker = decide_for(&program, &facts, on, Explanation::Possible);
            if let Some(fast) = typed.decide(&program, &facts, on, Explanation::Possible, &mut buffers) {
                assert_eq!(fast.outputs, walker.outputs);
                assert_eq!(fast.outcomes, walker.outcomes);
                assert!(fast.memo.is_some());
            }
        }
    }
}
