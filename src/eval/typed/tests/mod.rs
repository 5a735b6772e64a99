//! The typed evaluator on small policies: the forms it compiles decide as the tree
//! walker decides, and what it cannot decide exactly it hands back.

use super::TypedProgram;
use super::cx::Buffers;
use crate::eval::tests::program;
use crate::eval::{Decision, Explanation, decide_for};
use crate::program::Program;
use crate::value::Value;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d}"))
}

/// The typed decision of a case, checked against the walker's when there is one.
fn typed_decision(program: &Program, facts: &Value, on: NaiveDate) -> Option<Decision> {
    let Some(typed) = TypedProgram::compile(program) else {
        panic!("compiles")
    };
    let walker = decide_for(program, facts, on, Explanation::NotNeeded);
    let fast = typed.decide(program, facts, on, Explanation::NotNeeded, &mut Buffers::default())?;
    assert_eq!(fast.outcomes, walker.outcomes);
    assert_eq!(fast.outputs, walker.outputs);
    assert_eq!(fast.diagnostics, walker.diagnostics);
    Some(fast)
}

fn outputs<'a>(d: &'a Decision, program: &'a Program) -> Vec<(&'a str, &'a Value)> {
    d.named_outputs(program).collect()
}

const HEADER: &str = "policy \"p\" {}\nenum K \"k\" { a \"a\", b \"b\", c \"c\" }\n\
    case { n: int? \"n\" d: date? \"d\" k: K? \"k\" t: text? \"t\"\n\
    items: list of { on: date \"on\" k: K \"k\" } \"items\" }\n";

fn facts(n: Option<i64>, d: Option<NaiveDate>, items: &[(NaiveDate, u16)]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(on, k)| Value::Record(vec![Value::Date(*on), Value::Enum(crate::value::EnumId(0), *k)].into()))
        .collect();
    Value::Record(
        vec![
            n.map_or(Value::Absent, Value::Int),
            d.map_or(Value::Absent, Value::Date),
            Value::Absent,
            Value::Absent,
            Value::List(items.into()),
        ]
        .into(),
    )
}

#[test]
fn functions_aggregations_and_dates_decide_as_the_walker() {
    let program = program(&format!(
        "{HEADER}\
         define late(x: date) \"l\" = if x > as_of then absent else x\n\
         define first_b \"f\" = earliest(i in items where i.k is b: late(i.on))\n\
         define owed \"m\" = months_from_to(month_of(d ?? as_of), month_of(as_of))\n\
         define seen \"s\" = filter(m in owed where not any(i in items: month_of(i.on) == m))\n\
         decision {{\n\
           first_b = first_b\n\
           seen = seen\n\
           in_order = sorted(i in items where i.on <= as_of: i.on)\n\
           streak = longest_run(i in items where i.k is a)\n\
           later = (d ?? as_of) + 1 month - 1 day\n\
           full = full_years(d ?? as_of, as_of)\n\
           n = min(n ?? 0, 7) + max(n ?? 0, 2) * 3\n\
         }}\n"
    ));
    let Some(typed) = TypedProgram::compile(&program) else {
        panic!("compiles")
    };
    assert_eq!(typed.left_to_walker(&program), Vec::<String>::new());
    let items = [
        (date(2025, 1, 31), 1),
        (date(2025, 3, 1), 0),
        (date(2025, 3, 2), 0),
        (date(2026, 1, 1), 1),
    ];
    for d in [None, Some(date(2024, 11, 30)), Some(date(2025, 2, 28))] {
        for n in [None, Some(-3), Some(9)] {
            let decided = typed_decision(&program, &facts(n, d, &items), date(2025, 6, 30));
            assert!(decided.is_some(), "decided for n {n:?}, d {d:?}");
        }
    }
    let Some(decided) = typed_decision(&program, &facts(Some(1), None, &items), date(2025, 6, 30)) else {
        panic!("decided")
    };
    assert_eq!(
        outputs(&decided, &program)[0],
        ("first_b", &Value::Date(date(2025, 1, 31)))
    );
}

#[test]
fn a_case_past_the_step_budget_is_handed_back() {
    let program = program(&format!(
        "{HEADER}\
         define span \"a\" = months_from_to(1000-01, 9999-12)\n\
         decision {{ x = count(a in span where count(b in span: b > a) > 0) }}\n"
    ));
    let facts = facts(None, None, &[]);
    let walker = decide_for(&program, &facts, date(2025, 1, 1), Explanation::NotNeeded);
    assert!(walker.diagnostics.iter().any(|d| d.is_error()), "the walker stops");
    assert!(typed_decision(&program, &facts, date(2025, 1, 1)).is_none());
}

#[test]
fn an_overflow_is_handed_back_to_the_walker_which_reports_it() {
    let program = program(&format!("{HEADER}decision {{ x = (n ?? 0) + 9223372036854775000 }}\n"));
    assert!(typed_decision(&program, &facts(Some(1), None, &[]), date(2025, 1, 1)).is_some());
    assert!(typed_decision(&program, &facts(Some(10_000), None, &[]), date(2025, 1, 1)).is_none());
}

#[test]
fn a_form_it_does_not_compile_is_left_to_the_walker() {
    let program = program(&format!(
        "{HEADER}\
         table rates \"r\" by K {{ a => {{ v: 1 }}, b => {{ v: 2 }}, c => {{ v: 3 }} }}\n\
         define row \"row\" = rates[k ?? K::b]\n\
         exit 1 cites \"x\" \"x\" {{ when row.v > 1 yields {{ n \"n\": n, r \"r\": rates[K::c] }} }}\n\
         decision {{ v = row.v + 1 }}\n"
    ));
    let Some(typed) = TypedProgram::compile(&program) else {
        panic!("compiles")
    };
    let left = vec!["row".to_string(), "Exit Number(1): r".to_string()];
    assert_eq!(typed.left_to_walker(&program), left);
    let Some(decided) = typed_decision(&program, &facts(None, None, &[]), date(2025, 1, 1)) else {
        panic!("decided")
    };
    assert_eq!(outputs(&decided, &program), vec![("v", &Value::Int(3))]);
}

#[test]
fn a_year_without_calendar_is_reported_as_the_walker_reports_it() {
    let program = program(&format!(
        "{HEADER}decision {{ due = (d ?? as_of) + 5 working_days\n open = is_working_day(as_of) }}\n"
    ));
    let Some(decided) = typed_decision(&program, &facts(None, Some(date(2031, 3, 2)), &[]), date(2031, 3, 9)) else {
        panic!("decided")
    };
    assert!(!decided.diagnostics.is_empty(), "no calendar for 2031");
    assert_eq!(outputs(&decided, &program)[0], ("due", &Value::Absent));
}

mod forms;
mod key_sets;
mod operands;
mod runner;
mod spread;
