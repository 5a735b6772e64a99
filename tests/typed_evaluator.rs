//! The typed evaluator (`batch` without trace) against the tree walker: on every case
//! under `tests/cases` and `examples/`, each at several evaluation dates, and on
//! generated cases, whatever the typed evaluator decides is what the tree walker
//! decides (outcomes, yields, decision fields, diagnostics); the cases it hands back
//! are few, and it leaves none of the built-in policy's expressions to the walker.

#[path = "../examples/gen_cases/generator.rs"]
mod generator;
mod scratch;

use chrono::{Days, NaiveDate};
use std::path::Path;
use std::sync::Arc;
use zhengce::case::{cases, read_json_line};
use zhengce::eval::{Decision, Explanation, TypedBuffers, TypedProgram, decide_for};
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::program::{DefId, Program};
use zhengce::source::SourceMap;
use zhengce::value::Value;
use zhengce::yaml::DocumentChecks;

/// How the typed evaluator did over some cases.
#[derive(Debug, Default)]
struct Tally {
    decided: usize,
    handed_back: usize,
}

/// Decides one case both ways; panics where they differ.
fn same_decision(
    program: &Program,
    typed: &TypedProgram,
    buffers: &mut TypedBuffers,
    facts: &Value,
    as_of: NaiveDate,
    what: &str,
    tally: &mut Tally,
) {
    let walker = decide_for(program, facts, as_of, Explanation::Possible);
    let Some(fast) = typed.decide(program, facts, as_of, Explanation::Possible, buffers) else {
        tally.handed_back += 1;
        return;
    };
    tally.decided += 1;
    let what = format!("{what} on {as_of}");
    assert_same(&walker, &fast, &what);
    // What an explanation starts from: the same definitions computed, to the same values.
    let (Some(theirs), Some(ours)) = (&walker.memo, &fast.memo) else {
        panic!("both keep a memo: {what}")
    };
    for (i, d) in program.definitions.iter().enumerate() {
        let id = DefId(i as u32);
        assert_eq!(
            ours.definition(program, id),
            theirs.definition(program, id),
            "{}: {what}",
            d.name
        );
    }
}

fn assert_same(walker: &Decision, fast: &Decision, what: &str) {
    assert_eq!(fast.as_of, walker.as_of, "{what}");
    assert_eq!(fast.outcomes, walker.outcomes, "{what}");
    assert_eq!(fast.yields, walker.yields, "{what}");
    assert_eq!(fast.outputs, walker.outputs, "{what}");
    assert_eq!(fast.diagnostics, walker.diagnostics, "{what}");
    assert_eq!(fast.raised_by, walker.raised_by, "{what}");
    assert!(
        fast.steps >= walker.steps,
        "the bound {} under the walker's {} steps: {what}",
        fast.steps,
        walker.steps
    );
}

fn builtin() -> Program {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    match loaded.versions.pop() {
        Some(program) => program,
        None => panic!("the built-in policy loads: {:?}", loaded.diagnostics),
    }
}

/// Every `.yaml` file under `dir`, in order.
fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// The evaluation dates a case is tried at: its own, the days around it, and dates a
/// year or more away (other calendars, other deadlines).
fn dates_around(as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = vec![as_of];
    for days in [1, 31, 183, 366, 1100] {
        dates.extend(as_of.checked_add_days(Days::new(days)));
        dates.extend(as_of.checked_sub_days(Days::new(days)));
    }
    dates
}

/// The built-in policy's two typed ways: the code compiled ahead of time for it (with
/// its closures for the few items it leaves to them), and its closures alone (as every
/// other policy is decided).
fn builtin_typed(program: &Program) -> [(&'static str, TypedProgram); 2] {
    let (Some(ahead), Some(closures)) = (TypedProgram::compile(program), TypedProgram::compile_closures(program))
    else {
        panic!("the built-in policy compiles")
    };
    assert!(ahead.compiled_ahead() > 100, "{}", ahead.compiled_ahead());
    assert_eq!(closures.compiled_ahead(), 0);
    [("compiled ahead", ahead), ("closures", closures)]
}

#[test]
fn the_typed_evaluator_decides_every_case_file_as_the_tree_walker() {
    let program = builtin();
    let mut files = Vec::new();
    yaml_files(Path::new("tests/cases"), &mut files);
    yaml_files(Path::new("examples/cases"), &mut files);
    assert!(files.len() > 200, "{} case files", files.len());
    for (way, typed) in builtin_typed(&program) {
        assert_eq!(
            typed.left_to_walker(&program),
            Vec::<String>::new(),
            "every expression of the built-in policy is typed"
        );
        let (mut buffers, mut tally, mut sources) = (TypedBuffers::default(), Tally::default(), SourceMap::new());
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let file = sources.add(path.display().to_string(), text.as_str());
            for case in cases(&program, file, &text, DocumentChecks::default()) {
                let (Some(facts), Some(as_of)) = (&case.facts, case.as_of) else {
                    continue;
                };
                if case.diagnostics.iter().any(|d| d.is_error()) {
                    continue;
                }
                for date in dates_around(as_of) {
                    let what = format!("{} ({way})", path.display());
                    same_decision(&program, &typed, &mut buffers, facts, date, &what, &mut tally);
                }
            }
        }
        assert!(tally.decided > 2_000, "{way}: {tally:?}");
        assert!(tally.handed_back * 100 <= tally.decided, "{way}: {tally:?}");
    }
}

/// The other policies of the repository (a province's, a revision, an amendment with
/// its versions), each on its own cases.
#[test]
fn the_typed_evaluator_decides_other_policies_cases_as_the_tree_walker() {
    let mut tally = Tally::default();
    for (policy, dir) in [
        (
            "examples/provinces/zhejiang/2025-employment-difficulty.policy",
            "examples/provinces/zhejiang/cases",
        ),
        (
            "examples/revision/hunan-2027-revision.policy",
            "examples/revision/cases",
        ),
        (
            "examples/revision/hunan-2028-amendment.policy",
            "examples/revision/cases-2028",
        ),
    ] {
        let loaded = load_policy(policy, PolicySource::Disk);
        assert!(!loaded.versions.is_empty(), "{policy} loads: {:?}", loaded.diagnostics);
        let mut files = Vec::new();
        yaml_files(Path::new(dir), &mut files);
        assert!(!files.is_empty(), "{dir}");
        for (v, program) in loaded.versions.iter().enumerate() {
            let Some(typed) = TypedProgram::compile(program) else {
                panic!("{policy} compiles")
            };
            assert_eq!(typed.left_to_walker(program), Vec::<String>::new(), "{policy}");
            // Another program than the built-in one keeps its closures (a revision's
            // earlier version may be the built-in policy itself).
            if v + 1 == loaded.versions.len() {
                assert_eq!(typed.compiled_ahead(), 0, "{policy}");
            }
            let (mut buffers, mut sources) = (TypedBuffers::default(), SourceMap::new());
            for path in &files {
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let file = sources.add(path.display().to_string(), text.as_str());
                for case in cases(program, file, &text, DocumentChecks::default()) {
                    let (Some(facts), Some(as_of)) = (&case.facts, case.as_of) else {
                        continue;
                    };
                    if case.diagnostics.iter().any(|d| d.is_error()) {
                        continue;
                    }
                    for date in dates_around(as_of) {
                        let what = path.display().to_string();
                        same_decision(program, &typed, &mut buffers, facts, date, &what, &mut tally);
                    }
                }
            }
        }
    }
    assert!(tally.decided > 300, "{tally:?}");
    assert_eq!(tally.handed_back, 0, "{tally:?}");
}

#[test]
fn the_typed_evaluator_decides_generated_cases_as_the_tree_walker() {
    let program = builtin();
    let mut sources = SourceMap::new();
    let file = sources.add("cases.jsonl", "");
    for (way, typed) in builtin_typed(&program) {
        let (mut buffers, mut tally) = (TypedBuffers::default(), Tally::default());
        let mut generator = generator::Generator::new(41);
        for n in 0..4_000 {
            let line: Arc<str> = Arc::from(generator.case().to_string());
            let Some(case) = read_json_line(&program, file, &line) else {
                panic!("a generated case is read: {line}")
            };
            let (Some(facts), Some(as_of)) = (&case.facts, case.as_of) else {
                continue;
            };
            let dates = if n % 8 == 0 { dates_around(as_of) } else { vec![as_of] };
            for date in dates {
                let what = format!("{line} ({way})");
                same_decision(&program, &typed, &mut buffers, facts, date, &what, &mut tally);
            }
        }
        assert!(tally.decided > 5_000, "{way}: {tally:?}");
        assert!(tally.handed_back * 100 <= tally.decided, "{way}: {tally:?}");
    }
}

/// Filters inside filters, in their conditions and their bodies: each keeps its own
/// items, as the tree walker's do.
#[test]
fn filters_within_filters_keep_their_own_items() {
    const POLICY: &str = r#"policy "nested filters" {}
case {
  groups: list of {
    size: int "大小"
    dates: list of date "日期"
  } "组"
}
decision {
  big_groups_recent = filter(g in groups
    where length(filter(d in g.dates where d >= 2025-01-01)) > 1:
      filter(d in g.dates where d >= 2025-01-01))
  sizes_with_dates = filter(g in groups where any(d in g.dates: d < 2025-06-01): g.size)
  dates_of_big = filter(g in groups where g.size > length(filter(x in groups where x.size < g.size)): length(g.dates))
}
"#;
    let mut loaded = scratch::Scratch::new("typed-nested-filters").policy(POLICY);
    let Some(program) = loaded.program.take() else {
        panic!("the policy loads")
    };
    let Some(typed) = TypedProgram::compile(&program) else {
        panic!("the policy compiles")
    };
    assert_eq!(typed.left_to_walker(&program), Vec::<String>::new());
    let case = "id: c\nas_of: 2025-09-01\ngroups:\n\
        - {size: 3, dates: [2024-12-01, 2025-02-01, 2025-03-01]}\n\
        - {size: 1, dates: [2025-07-01]}\n\
        - {size: 5, dates: []}\n\
        - {size: 2, dates: [2025-01-01, 2025-01-02, 2024-01-01]}\n";
    let file = loaded.sources.add("c.yaml", case);
    let (mut buffers, mut tally) = (TypedBuffers::default(), Tally::default());
    for case in cases(&program, file, case, DocumentChecks::default()) {
        let (Some(facts), Some(as_of)) = (&case.facts, case.as_of) else {
            panic!("the case reads: {:?}", case.diagnostics)
        };
        let walker = decide_for(&program, facts, as_of, Explanation::Possible);
        let recent = &walker.outputs[0];
        assert!(matches!(recent, Value::List(groups) if groups.len() == 2), "{recent:?}");
        // Twice with the same buffers: the second finds nothing left of the first.
        for _ in 0..2 {
            same_decision(&program, &typed, &mut buffers, facts, as_of, "nested", &mut tally);
        }
    }
    assert_eq!(tally.decided, 2, "{tally:?}");
}
