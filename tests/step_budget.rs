//! The step budget bounds the evaluation of a case by a count (`eval::MAX_STEPS`), not by
//! a clock: every piece of work takes steps, lists or not, and a case that needs more
//! stops with a located error having taken no more than the budget. Each test counts
//! steps (`Decision::steps`) or checks for the budget's error; none measures time.

mod scratch;

use scratch::Scratch;
use std::sync::atomic::{AtomicUsize, Ordering};

use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::eval::{Decision, MAX_STEPS, TEXT_BYTES_PER_STEP};
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use zhengce::run::{CaseResult, MissingDate, Runner};
use zhengce::value::Value;

/// The message of the budget's error.
const OUT_OF_STEPS: &str = "more than 1000000 steps to evaluate this case: evaluation stopped";

/// A case for the small policies below: they read no case field.
const CASE: &str = "id: c\nas_of: 2025-09-01\n";

/// Every month the language has.
const ALL_MONTHS: &str = "months_from_to(1000-01, 9999-12)";

/// A policy file in a folder of its own, next to the shipped working-day calendars.
fn load(name: &str, text: &str) -> LoadedPolicy {
    // One folder per call: the tests run in parallel, and some load several policies.
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let dir = Scratch::new(&format!("steps-{name}-{call}"));
    std::fs::create_dir_all(dir.join("calendars")).expect("a scratch folder");
    for year in ["2025", "2026"] {
        let file = format!("{year}.yaml");
        std::fs::copy(format!("policies/calendars/{file}"), dir.join("calendars").join(&file)).expect("a copy");
    }
    let path = dir.join("p.policy");
    std::fs::write(&path, text).expect("the policy file is written");
    let loaded = load_policy(&path.to_string_lossy(), PolicySource::Disk);
    assert!(loaded.program.is_some(), "{name}: {:#?}", loaded.diagnostics);
    loaded
}

/// Evaluates the one case of `case` under a loaded policy.
fn evaluate(loaded: &mut LoadedPolicy, case: &str) -> CaseResult {
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    let mut results = runner.run_file(&mut loaded.sources, "c.yaml", case);
    assert_eq!(results.len(), 1);
    results.remove(0)
}

/// A policy whose decision shows one expression (with calendars for 2025 and 2026).
fn showing(expr: &str) -> String {
    format!(
        "policy \"steps\" {{\n  calendar \"calendars/2025.yaml\"\n  calendar \"calendars/2026.yaml\"\n}}\n\
         decision {{ y = {expr} }}\n"
    )
}

/// The steps of evaluating a policy showing `expr`; it must not stop.
fn steps_of(expr: &str) -> u64 {
    let mut loaded = load("steps-of", &showing(expr));
    let result = evaluate(&mut loaded, CASE);
    assert!(result.diagnostics.is_empty(), "{expr}: {:#?}", result.diagnostics);
    decision(&result).steps
}

fn decision(result: &CaseResult) -> &Decision {
    result.decision.as_ref().expect("the case is evaluated")
}

/// The budget's error of a result, if it stopped; the result must have taken no more
/// steps than the budget.
fn out_of_steps(result: &CaseResult) -> Option<&Diagnostic> {
    assert!(decision(result).steps <= MAX_STEPS, "{} steps", decision(result).steps);
    let stops: Vec<&Diagnostic> = result
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EvaluationFailed && d.message.en() == OUT_OF_STEPS)
        .collect();
    assert!(stops.len() <= 1, "{stops:#?}");
    stops.first().copied()
}

/// Evaluates a policy showing `expr`: it must stop at the budget, with an error
/// underlining `underlined`.
fn assert_stops(expr: &str, underlined: &str) {
    let mut loaded = load("stops", &showing(expr));
    let result = evaluate(&mut loaded, CASE);
    let Some(stop) = out_of_steps(&result) else {
        panic!(
            "{expr}: did not stop; {} steps; {:#?}",
            decision(&result).steps,
            result.diagnostics
        );
    };
    let span = stop.span.expect("the error has a location");
    assert_eq!(loaded.sources.snippet(span).trim_end(), underlined, "{expr}");
}

#[test]
fn the_year_1000_case_is_decided_within_the_budget_by_looking_each_month_up_once() {
    // /work/shared/reliability/slow-year1000-2000-followups.yaml: a monthly follow-up is
    // owed for each month from 1000-02 to 9999-11, and each month was looked for among
    // 2000 follow-ups: some 216 million steps, stopped at the budget. The months of the
    // follow-ups are now gathered once per case (`program::membership`) and each owed
    // month is looked up in them: a step per month and per follow-up.
    let case = format!(
        "id: hostile\nas_of: 9999-12-31\nperson: {{ gender: male, birth_date: 1975-03-10 }}\n\
         registration: {{ unemployed_since: 2025-01-10 }}\nemployment: {{ status: unemployed }}\n\
         certification: {{ certified_on: 1000-01-01 }}\nfollow_ups:\n{}",
        "  - { date: 2025-03-01 }\n".repeat(2000)
    );
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let result = evaluate(&mut loaded, &case);
    assert!(out_of_steps(&result).is_none(), "{:#?}", result.diagnostics);
    let decision = decision(&result);
    // 107,998 owed months (1000-02 to 9999-11) are gone through a few times each, and
    // the 2,000 follow-ups once: far from the 216 million steps of months × follow-ups.
    assert!(
        decision.steps > 107_998 && decision.steps < 1_000_000,
        "{} steps",
        decision.steps
    );
    let record = zhengce::report::decision_json(
        &result,
        &loaded.versions[result.version],
        &loaded.sources,
        &Default::default(),
    );
    let missing = record["obligations"]
        .as_array()
        .and_then(|o| o.iter().find(|o| o["id"] == "monthly_follow_up"))
        .and_then(|o| o["missing"].as_array())
        .map(Vec::len);
    // Every owed month but 2025-03, the month of the follow-ups.
    assert_eq!(missing, Some(107_997));
}

#[test]
fn ten_years_of_monthly_follow_ups_and_services_are_far_below_the_budget() {
    let mut case = String::from(
        "id: ten-years\nas_of: 2025-01-01\nperson: { gender: male, birth_date: 1975-03-10 }\n\
         registration: { unemployed_since: 2014-06-10 }\nemployment: { status: unemployed }\n\
         certification: { certified_on: 2015-01-01 }\nassessment: { employability: weak }\n",
    );
    for list in ["follow_ups", "services"] {
        case.push_str(&format!("{list}:\n"));
        for month in 0..120 {
            let (year, month) = (2015 + month / 12, month % 12 + 1);
            let extra = if list == "services" {
                "kind: job_posting"
            } else {
                "reached: true"
            };
            case.push_str(&format!("  - {{ date: {year}-{month:02}-15, {extra} }}\n"));
        }
    }
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let result = evaluate(&mut loaded, &case);
    assert!(out_of_steps(&result).is_none(), "{:#?}", result.diagnostics);
    let steps = decision(&result).steps;
    assert!(steps < MAX_STEPS / 5, "{steps} steps");
}

#[test]
fn each_day_working_day_arithmetic_looks_at_is_a_step() {
    let year = steps_of("count_working_days(2025-01-01, 2025-12-31)");
    let day = steps_of("count_working_days(2025-01-01, 2025-01-01)");
    assert_eq!(year - day, 364);
    // Five working days after Friday 2025-09-26 is 2025-10-10 (the National Day break
    // in between): 14 days looked at; one working day after it is Sunday 2025-09-28 (a
    // make-up working day): 2 days.
    let five = steps_of("2025-09-26 + 5 working_days");
    let one = steps_of("2025-09-26 + 1 working_days");
    assert_eq!(five - one, 12);
}

#[test]
fn working_days_counted_for_every_month_stop_at_the_budget() {
    // 108,000 months × 730 days: 79 million days looked at, none of them a list item.
    assert_stops(
        &format!("count(m in {ALL_MONTHS} where count_working_days(2025-01-01, 2026-12-31) > 0 working_days)"),
        ALL_MONTHS,
    );
}

#[test]
fn comparing_lists_takes_a_step_per_pair_of_items() {
    let twelve = steps_of("months_from_to(2025-01, 2025-12) == months_from_to(2025-01, 2025-12)");
    let one = steps_of("months_from_to(2025-01, 2025-01) == months_from_to(2025-01, 2025-01)");
    // 11 more months made on each side, 11 more pairs compared.
    assert_eq!(twelve - one, 3 * 11);
}

#[test]
fn comparing_long_texts_takes_a_step_per_64_bytes() {
    let long = "x".repeat(100 * TEXT_BYTES_PER_STEP);
    let long_steps = steps_of(&format!("\"{long}\" == \"{long}\""));
    let short_steps = steps_of("\"x\" == \"x\"");
    assert_eq!(long_steps - short_steps, 100);
}

#[test]
fn comparing_a_list_holding_one_long_list_many_times_stops_at_the_budget() {
    // Twenty references to one list of 108,000 months are built in 20 steps; comparing
    // them goes through 2 million pairs.
    let text = format!(
        "policy \"steps\" {{}}\ndefine z \"z\" = {ALL_MONTHS}\ndefine y \"y\" = [{}]\n\
         decision {{ same = y == y }}\n",
        vec!["z"; 20].join(", ")
    );
    let mut loaded = load("shared-lists", &text);
    let result = evaluate(&mut loaded, CASE);
    let stop = out_of_steps(&result).expect("the evaluation stops");
    assert_eq!(
        loaded.sources.snippet(stop.span.expect("a location")).trim_end(),
        "y == y"
    );
}

#[test]
fn functions_calling_functions_twice_over_stop_at_the_budget() {
    // 2^31 calls, and no list anywhere: each call's expressions are steps.
    let n = 30;
    let functions: String = (0..n)
        .map(|i| format!("define f{i}(n: int) \"f\" = f{}(n) + f{}(n)\n", i + 1, i + 1))
        .collect();
    let text = format!("policy \"steps\" {{}}\n{functions}define f{n}(n: int) \"f\" = n\ndecision {{ y = f0(1) }}\n");
    let mut loaded = load("functions", &text);
    let result = evaluate(&mut loaded, CASE);
    let stop = out_of_steps(&result).expect("the evaluation stops");
    assert!(stop.span.is_some());
    assert_eq!(decision(&result).outputs[0], Value::Absent);
}

#[test]
fn a_long_body_gone_through_for_every_month_stops_at_the_budget() {
    // A list of 1000 items written out, built again for each of 108,000 months.
    let items = vec!["1"; 1000].join(", ");
    assert_stops(
        &format!("count(m in {ALL_MONTHS} where length([{items}]) > 0)"),
        ALL_MONTHS,
    );
}
