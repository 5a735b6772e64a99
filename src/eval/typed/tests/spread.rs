//! The harness of [`super::forms`]: a spread of cases over one schema (absent values,
//! the ends of the calendar and of the integers, empty and absent lists) and the
//! comparison of the two evaluators over it.

use super::*;

/// A list item of the spread's schema: its date, kind, number and end.
pub(super) type Item = (NaiveDate, u16, Option<i64>, Option<NaiveDate>);

pub(super) fn differ(program: &Program, cases: &[Value], dates: &[NaiveDate]) -> (usize, usize) {
    let Some(typed) = TypedProgram::compile(program) else {
        panic!("compiles")
    };
    let mut buffers = Buffers::default();
    let (mut yes, mut no) = (0, 0);
    for (ci, facts) in cases.iter().enumerate() {
        for on in dates {
            let walker = decide_for(program, facts, *on, Explanation::NotNeeded);
            match typed.decide(program, facts, *on, Explanation::NotNeeded, &mut buffers) {
                None => no += 1,
                Some(fast) => {
                    yes += 1;
                    let ctx = format!("case {ci} {facts:?} on {on}");
                    assert_eq!(fast.outcomes, walker.outcomes, "outcomes {ctx}");
                    assert_eq!(fast.outputs, walker.outputs, "outputs {ctx}");
                    assert_eq!(fast.diagnostics, walker.diagnostics, "diagnostics {ctx}");
                    assert!(
                        fast.steps >= walker.steps,
                        "steps {} < {} {ctx}",
                        fast.steps,
                        walker.steps
                    );
                }
            }
        }
    }
    (yes, no)
}

pub(super) const H2: &str = "policy \"p\" {}\nenum K \"k\" { a \"a\", b \"b\", c \"c\" }\nenum L \"l\" { x \"x\", y \"y\" }\n\
    case { n: int? \"n\" m: int? \"m\" d: date? \"d\" e: date? \"e\" k: K? \"k\" l: L? \"l\" t: text? \"t\"\n\
    mo: month? \"mo\" py: years? \"py\" pm: months? \"pm\" pd: days? \"pd\" pw: working_days? \"pw\" b: bool? \"b\"\n\
    items: list of { on: date \"on\" k: K \"k\" x: int? \"x\" to: date? \"to\" } \"items\"\n\
    ns: list of int \"ns\" }\n";

/// The facts of one case of the spread's schema.
#[derive(Clone, Default)]
pub(super) struct F {
    pub(super) n: Option<i64>,
    pub(super) m: Option<i64>,
    pub(super) d: Option<NaiveDate>,
    pub(super) e: Option<NaiveDate>,
    pub(super) k: Option<u16>,
    pub(super) l: Option<u16>,
    pub(super) t: Option<&'static str>,
    pub(super) mo: Option<i32>,
    pub(super) py: Option<i64>,
    pub(super) pm: Option<i64>,
    pub(super) pd: Option<i64>,
    pub(super) pw: Option<i64>,
    pub(super) b: Option<bool>,
    pub(super) items: Vec<Item>,
    pub(super) ns: Option<Vec<i64>>,
}

/// The case of `f`.
pub(super) fn f2(f: &F) -> Value {
    use crate::ast::Unit;
    use crate::value::{EnumId, YearMonth};
    let o = |v: Option<Value>| v.unwrap_or(Value::Absent);
    let items: Vec<Value> = f
        .items
        .iter()
        .map(|(on, k, x, to)| {
            Value::Record(
                vec![
                    Value::Date(*on),
                    Value::Enum(EnumId(0), *k),
                    o(x.map(Value::Int)),
                    o(to.map(Value::Date)),
                ]
                .into(),
            )
        })
        .collect();
    Value::Record(
        vec![
            o(f.n.map(Value::Int)),
            o(f.m.map(Value::Int)),
            o(f.d.map(Value::Date)),
            o(f.e.map(Value::Date)),
            o(f.k.map(|k| Value::Enum(EnumId(0), k))),
            o(f.l.map(|k| Value::Enum(EnumId(1), k))),
            o(f.t.map(|t| Value::Text(t.into()))),
            o(f.mo.map(|m| Value::Month(YearMonth(m)))),
            o(f.py.map(|n| Value::Quantity(n, Unit::Years))),
            o(f.pm.map(|n| Value::Quantity(n, Unit::Months))),
            o(f.pd.map(|n| Value::Quantity(n, Unit::Days))),
            o(f.pw.map(|n| Value::Quantity(n, Unit::WorkingDays))),
            o(f.b.map(Value::Bool)),
            Value::List(items.into()),
            f.ns.as_ref().map_or(Value::Absent, |ns| {
                Value::List(ns.iter().map(|n| Value::Int(*n)).collect())
            }),
        ]
        .into(),
    )
}

pub(super) const INTS: [Option<i64>; 9] = [
    None,
    Some(0),
    Some(1),
    Some(-1),
    Some(12),
    Some(-13),
    Some(i64::MAX),
    Some(i64::MIN),
    Some(768614336404564650),
];

pub(super) fn dates() -> Vec<Option<NaiveDate>> {
    vec![
        None,
        Some(date(1, 1, 1)),
        Some(date(9999, 12, 31)),
        Some(date(2024, 2, 29)),
        Some(date(2025, 1, 31)),
        Some(date(2025, 6, 30)),
        Some(NaiveDate::MIN),
        Some(NaiveDate::MAX),
        Some(date(-5, 3, 1)),
    ]
}

/// A spread of cases over the schema.
pub(super) fn spread() -> Vec<Value> {
    let ds = dates();
    let mut out = Vec::new();
    let items_sets: Vec<Vec<Item>> = vec![
        vec![],
        vec![(date(2025, 1, 31), 1, Some(3), Some(date(2025, 3, 1)))],
        vec![
            (date(2025, 3, 2), 0, None, None),
            (date(2024, 2, 29), 2, Some(-4), Some(date(2023, 1, 1))),
            (date(2025, 3, 2), 1, Some(i64::MAX), Some(date(2026, 1, 1))),
            (date(2025, 1, 1), 0, Some(1), Some(date(2025, 1, 1))),
            (date(1900, 1, 1), 0, Some(i64::MIN), Some(date(2100, 12, 31))),
        ],
        vec![
            (date(2025, 5, 5), 2, Some(2), None),
            (date(2025, 5, 6), 2, None, Some(date(2025, 7, 7))),
            (date(2025, 5, 7), 0, Some(2), Some(date(2025, 4, 30))),
        ],
    ];
    let mut i = 0usize;
    for (a, n) in INTS.iter().enumerate() {
        for (b, d) in ds.iter().enumerate() {
            i += 1;
            let pick = |v: &[Option<i64>], j: usize| v[j % v.len()];
            out.push(f2(&F {
                n: *n,
                m: pick(&INTS, a * 3 + b),
                d: *d,
                e: ds[(a + 2 * b) % ds.len()],
                k: [None, Some(0), Some(1), Some(2)][(a + b) % 4],
                l: [None, Some(0), Some(1)][(a * b) % 3],
                t: [None, Some(""), Some("  a b  "), Some("长文本 ")][i % 4],
                mo: [
                    None,
                    Some(0),
                    Some(24299),
                    Some(-1),
                    Some(119_999),
                    Some(i32::MAX),
                    Some(i32::MIN),
                ][(a + b * 2) % 7],
                py: pick(&INTS, a + b),
                pm: pick(&INTS, a + 2 * b + 1),
                pd: pick(&INTS, 2 * a + b + 2),
                pw: [None, Some(0), Some(3), Some(-2)][(a + b) % 4],
                b: [None, Some(true), Some(false)][(a + 2 * b) % 3],
                items: items_sets[(a + b) % items_sets.len()].clone(),
                ns: [
                    None,
                    Some(vec![]),
                    Some(vec![1, 2, 3]),
                    Some(vec![i64::MAX, 1, -5]),
                    Some(vec![7, 7, -7]),
                ][(a * 2 + b) % 5]
                    .clone(),
            }));
        }
    }
    out
}

pub(super) fn as_ofs() -> Vec<NaiveDate> {
    vec![date(2025, 6, 30), date(2024, 2, 29), date(1, 1, 1), date(9999, 12, 31)]
}

/// Each expression in a policy of its own (with `extra` items), so that one hand-back
/// does not hide the others, decided over `cases` at four dates; each is decided by the
/// typed evaluator for some of them.
pub(super) fn run_over(exprs: &[&str], extra: &str, cases: &[Value]) {
    for e in exprs {
        let program = program(&format!("{H2}{extra}decision {{\n  o = {e}\n}}\n"));
        let (decided, _) = differ(&program, cases, &as_ofs());
        assert!(decided > 0, "{e}: every case handed back");
    }
}

pub(super) fn run_exprs(exprs: &[&str]) {
    run_over(exprs, "", &spread());
}

pub(super) fn run_with(exprs: &[&str], extra: &str) {
    run_over(exprs, extra, &spread());
}

/// Every third case of [`spread`], for expressions that go through lists in lists.
pub(super) fn thinner() -> Vec<Value> {
    spread().into_iter().step_by(3).collect()
}
