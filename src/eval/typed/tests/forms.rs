//! The typed evaluator against the tree walker, form by form: each expression in a
//! policy of its own, decided over a spread of cases (absent values, the ends of the
//! calendar and of the integers, empty and absent lists) at four dates.

use super::spread::*;
use super::*;

#[test]
fn arithmetic_decides_as_the_walker() {
    run_exprs(&[
        "(n ?? 0) + (m ?? 0)",
        "n - m",
        "n * m",
        "n div m",
        "-n",
        "(py ?? 0 years) + (pm ?? 0 months)",
        "py - pm",
        "py + py",
        "py * n",
        "n * pm",
        "py div n",
        "py div pm",
        "pm div py",
        "pd div pd",
        "d + py",
        "d - py",
        "d + pm",
        "d - pd",
        "d + pd",
        "d - e",
        "mo + py",
        "mo - pm",
        "mo - mo",
        "-py",
        "d + n days",
        "d - n months",
        "d + n years",
        "mo + n months",
        "mo - n years",
        "(n ?? 1) years + (m ?? 1) months",
    ]);
}

#[test]
fn comparisons_decide_as_the_walker() {
    run_exprs(&[
        "py < pm",
        "py == pm",
        "py > py",
        "pw == pw",
        "d < e",
        "d == as_of",
        "as_of >= d",
        "d != absent",
        "d == absent",
        "absent == d",
        "mo < mo",
        "mo == month_of(as_of)",
        "k == K::a",
        "k < K::c",
        "k != k",
        "k >= K::b",
        "n < m",
        "n == 0",
        "0 > n",
        "b == true",
        "b != b",
        "b",
        "not b",
        "b and n > 0",
        "b or n > 0",
        "t == \"  a b  \"",
        "t < \"b\"",
        "t != t",
        "trim(t ?? \"\") == \"a b\"",
        "k is a",
        "k is not a",
        "l is x",
        "l is not y",
        "k is absent",
        "k is present",
        "n is absent",
        "items == []",
        "ns == [1, 2, 3]",
        "ns != []",
        "py == 12 months",
        "py > 5 years",
        "pm < 1 year",
        "pd > 30 days",
        "pw < 3 working_days",
        "(py ?? 0 years) == (pm ?? 0 months)",
        "d + 1 day > e",
        "as_of - d > 30 days",
        "full_years(d ?? as_of, as_of) >= 16 years",
        "first_day(mo ?? 2025-01) <= as_of",
        "last_day(mo ?? 2025-01) == as_of",
    ]);
}

#[test]
fn builtins_decide_as_the_walker() {
    run_exprs(&[
        "full_years(d, e)",
        "full_months(d, e)",
        "full_years(d, as_of)",
        "full_months(e, as_of)",
        "month_of(d)",
        "first_day(mo)",
        "last_day(mo)",
        "first_day(month_of(d))",
        "last_day(month_of(e))",
        "min(n, m)",
        "max(n, m)",
        "min(d, e)",
        "max(d, e)",
        "min(py, py)",
        "max(pm, pm)",
        "min(mo, month_of(as_of))",
        "max(k, k)",
        "min(b, b)",
        "max(pd, pd)",
        "length(t)",
        "length(items)",
        "length(ns)",
        "trim(t)",
        "length(trim(t))",
        "months_from_to(mo, month_of(as_of))",
        "months_from_to(month_of(d), month_of(e))",
        "count_working_days(d, e)",
        "is_working_day(d)",
        "d + (n ?? 0) working_days",
        "d - pw",
        "d + pw",
        "count_working_days(as_of, as_of + 10 days)",
    ]);
}

#[test]
fn aggregations_decide_as_the_walker() {
    run_over(
        &[
            "count(i in items)",
            "count(i in items where i.k is a)",
            "count(i in items: i.x)",
            "any(i in items)",
            "any(i in items where i.x > 0)",
            "all(i in items: i.x > 0)",
            "all(i in items where i.k is b: i.x != absent)",
            "sum(i in items: i.x)",
            "sum(x in ns)",
            "sum(x in ns where x > 0)",
            "sum(i in items: (i.x ?? 0) months)",
            "sum(i in items: (i.x ?? 1) years)",
            "sum(i in items: i.on - (i.to ?? i.on))",
            "min(i in items: i.x)",
            "max(i in items: i.x)",
            "min(x in ns)",
            "max(x in ns)",
            "min(i in items: i.to)",
            "max(i in items: i.k)",
            "earliest(i in items: i.to)",
            "latest(i in items: i.on)",
            "earliest(i in items where i.x > 0: i.on)",
            "latest(i in items: month_of(i.on))",
            "min(i in items: (i.x ?? 0) years)",
            "max(i in items: (i.x ?? 0) months)",
            "longest_run(i in items where i.k is a)",
            "longest_run(i in items)",
            "longest_run(x in ns where x > 0)",
            "filter(i in items where i.x > 0)",
            "filter(i in items: i.on)",
            "filter(x in ns where x != 7)",
            "sorted(i in items: i.to)",
            "sorted(i in items: i.x)",
            "sorted(i in items where i.k is not c: i.k)",
            "sorted(x in ns: x)",
            "sorted(x in ns: -x)",
            "sorted(i in items: (i.x ?? 0) years)",
            "months_covered(i in items: i.on .. i.to)",
            "months_covered(i in items: month_of(i.on) .. i.to)",
            "months_covered(i in items where i.k is a: i.on .. (i.to ?? as_of))",
            "months_covered(i in items: i.to .. i.on)",
            "months_covered(i in items: mo .. i.on)",
            "count(m in months_covered(i in items: i.on .. i.to))",
            "any(i in items: i.on == d)",
            "any(i in items where i.k is a: month_of(i.on) == mo)",
            "any(i in items: i.k == k)",
            "any(i in items: k == i.k)",
            "any(x in ns: x == n)",
            "any(i in items: (i.x ?? 0) years == pm)",
            "any(i in items: i.to == e)",
            "count(x in ns where any(i in items: i.x == x))",
            "count(i in items where any(j in items: j.on == i.to))",
            "count(i in items where count(j in items where j.on <= i.on) > 1)",
            "sum(i in items: count(j in items where j.k == i.k))",
            "filter(m in months_from_to(month_of(d ?? as_of), month_of(as_of)) where not any(i in items: month_of(i.on) == m))",
            "count(m in months_from_to(mo ?? 2025-01, 2025-12) where any(i in items: month_of(i.on) == m))",
            "all(x in ns: x > 0)",
            "any(x in ns: x > 100)",
        ],
        "",
        &thinner(),
    );
}

pub(super) const FNS: &str = "define late(x: date) \"l\" = if x > as_of then absent else x\n\
    define span(a: date, b: date) \"s\" = full_months(a, b)\n\
    define pick(r: { on: date \"on\", x: int \"x\" }) \"p\" = if r.x > 0 then r.on else absent\n\
    define pick2(r: { x: int \"x\", on: date \"on\" }) \"p2\" = pick(r)\n\
    define kx(r: { k: K \"k\", x: int \"x\" }) \"kx\" = match r.k { a => r.x, b => -(r.x ?? 0), c => absent }\n\
    define twice(n: int) \"t\" = n * 2\n\
    define nest(n: int) \"n\" = twice(twice(n)) + twice(n)\n\
    define lst(l: list of int) \"lst\" = sum(x in l: twice(x))\n\
    define cnt(l: list of int, p: int) \"cnt\" = count(x in l where x == p)\n\
    define mem(p: date) \"mem\" = any(i in items: i.on == p)\n\
    define latest_on \"lo\" = max(i in items: i.on)\n\
    define first_a \"fa\" = earliest(i in items where i.k is a: i.on)\n\
    define total \"tot\" = sum(x in ns)\n\
    define per(q: years) \"per\" = q + 6 months\n\
    define isv(k: K) \"isv\" = k is b\n\
    define ym(m: month) \"ym\" = last_day(m)\n\
    table rates \"r\" by K { a => { v: 1, p: 2 years }, b => { v: 2, p: 6 months }, c => { v: 3, p: 0 years } }\n\
    table sched \"s\" by date { from 2000-01-01 => { v: 10 }, from 2025-01-01 => { v: 20 }, from 2025-07-01 => { v: 30 } }\n";

#[test]
fn functions_and_tables_decide_as_the_walker() {
    run_with(
        &[
            "late(d)",
            "late(d ?? e)",
            "late(max(d, e))",
            "span(d, e)",
            "span(d ?? as_of, as_of)",
            "count(i in items where late(i.on) != absent)",
            "earliest(i in items: late(i.on))",
            "min(i in items: pick(i))",
            "filter(i in items: pick(i))",
            "filter(i in items: pick2(i))",
            "sum(i in items: kx(i))",
            "max(i in items: kx(i))",
            "twice(n)",
            "nest(n)",
            "nest(n ?? 1)",
            "lst(ns)",
            "lst(filter(x in ns where x > 0))",
            "cnt(ns, n ?? 7)",
            "cnt(ns, m)",
            "count(x in ns where cnt(ns, x) > 1)",
            "mem(d)",
            "count(i in items where mem(i.to))",
            "mem(late(e))",
            "count(i in items where i.on == latest_on)",
            "latest_on",
            "count(i in items where i.on > (first_a ?? i.on))",
            "total",
            "count(x in ns where x < total)",
            "per(py)",
            "per(py ?? 1 year)",
            "isv(k)",
            "count(i in items where isv(i.k))",
            "ym(mo)",
            "ym(month_of(d ?? as_of))",
            "rates[k ?? K::a].v",
            "rates[k].v",
            "rates[k].p",
            "sum(i in items: rates[i.k].v)",
            "max(i in items: rates[i.k].p)",
            "(py ?? 0 years) > rates[k].p",
            "sched[as_of].v",
            "sched[d].v",
            "sched[d ?? as_of].v",
            "sum(i in items: sched[i.on].v)",
            "sched[e].v ?? rates[k].v",
        ],
        FNS,
    );
}

#[test]
fn rules_yields_and_holds_decide_as_the_walker() {
    let text = format!(
        "{H2}{FNS}\
        define young \"y\" = full_years(d ?? as_of, as_of) < 16 years\n\
        category 1 cites \"x\" \"x\" {{ when n > 0 and not young }}\n\
        category 2 cites \"x\" \"x\" {{ when holds(category 1) or k is b }}\n\
        tier 1 cites \"x\" \"x\" {{ when count(i in items where i.k is a) > 0 }}\n\
        tier 2 cites \"x\" \"x\" {{ when not holds(tier 1) and b }}\n\
        exit 1 cites \"x\" \"x\" {{ when holds(tier) yields {{ due \"d\": (d ?? as_of) + 3 months, n \"n\": n ?? m, w \"w\": late(e), l \"l\": filter(i in items where i.x > 0) }} }}\n\
        check c1 cites \"x\" \"x\" {{ when d > as_of severity warning message \"m\" }}\n\
        deadline 1 cites \"x\" \"x\" {{ when holds(exit) yields {{ due \"due\": (e ?? as_of) + 10 working_days }} }}\n\
        decision {{ any_tier = holds(tier)  c = holds(category 2)  x = if holds(tier 2) then sched[as_of].v else rates[k].v  y = young }}\n"
    );
    let program = program(&text);
    let (decided, _) = differ(&program, &spread(), &as_ofs());
    assert!(decided > 0);
}

#[test]
fn lists_records_and_texts_decide_as_the_walker() {
    run_with(
        &[
            "[d, e, as_of]",
            "length([n, m])",
            "count(x in [n, m, 3] where x > 0)",
            "sum(x in [n, 1, m])",
            "min(x in [d, e])",
            "max(x in [py, 3 years])",
            "sorted(x in [e, d, as_of]: x)",
            "sorted(x in [k, K::b, k]: x)",
            "filter(x in [n, m] where x != absent)",
            "if b then items else []",
            "if b then ns else filter(x in ns where x > 0)",
            "match k { a => ns, b => [1], c => [] }",
            "match k { a | b => 1 years, c => py }",
            "match l { x => n, y => m }",
            "(if b then d else absent) ?? e",
            "(if b then absent else n) ?? m ?? 0",
            "pick({ on: d ?? as_of, x: n ?? 0 })",
            "kx({ k: k ?? K::c, x: n ?? 0 })",
            "pick2({ x: n ?? 1, on: e ?? as_of })",
            "count(m in months_from_to(mo, mo + 3 months))",
            "filter(i in items: { on: i.on, x: i.x ?? 0 })",
            "count(r in filter(i in items: { on: i.on, x: i.x ?? 0 }) where pick(r) != absent)",
            "ns ?? [9]",
            "items ?? []",
            "t ?? \"z\"",
            "length(t ?? \"\")",
            "trim(t) == t",
            "py ?? pm",
            "pm ?? py",
            "pd ?? 3 days",
            "(py ?? pm) > 1 year",
            "min(py ?? pm, pm ?? py)",
            "if b then py else pm",
            "if b then 1 year else 6 months",
            "-(if b then py else pm)",
            "k is a or l is x",
            "not (k is a) and l is not x",
            "(k ?? K::a) is c",
        ],
        FNS,
    );
}

#[test]
fn case_records_given_to_functions_decide_as_the_walker() {
    use crate::value::EnumId;
    let text = "policy \"p\" {}\nenum K \"k\" { a \"a\", b \"b\", c \"c\" }\n\
        case { person \"p\" { k: K? \"k\" on: date? \"on\" x: int? \"x\" inner \"i\" { on: date? \"on\" x: int? \"x\" } } items: list of { on: date \"on\" k: K \"k\" x: int? \"x\" to: date? \"to\" } \"items\" ns: list of int \"ns\" }\n\
        define late(x: date) \"l\" = x\n\
        define pick(r: { on: date \"on\", x: int \"x\" }) \"p\" = if r.x > 0 then r.on else absent\n\
        define pick2(r: { x: int \"x\", on: date \"on\" }) \"p2\" = pick(r)\n\
        define kx(r: { k: K \"k\", x: int \"x\" }) \"kx\" = match r.k { a => r.x, b => -(r.x ?? 0), c => absent }\n\
        define deep(r: { x: int \"x\" }) \"deep\" = r.x\n\
        decision { a = pick(person)  b = pick2(person)  c = kx(person)  d = pick(person.inner)  e = pick2(person.inner)  f = deep(person.inner) + deep(person) g = count(i in items where pick(i) == pick2(person)) }\n";
    let program = program(text);
    let mut cases = Vec::new();
    for x in [None, Some(0), Some(3), Some(-1)] {
        for on in [None, Some(date(2025, 1, 1))] {
            for k in [None, Some(0u16), Some(1), Some(2)] {
                let o = |v: Option<Value>| v.unwrap_or(Value::Absent);
                let inner = Value::Record(vec![o(on.map(Value::Date)), o(x.map(|x| Value::Int(x + 1)))].into());
                let person = Value::Record(
                    vec![
                        o(k.map(|k| Value::Enum(EnumId(0), k))),
                        o(on.map(Value::Date)),
                        o(x.map(Value::Int)),
                        inner,
                    ]
                    .into(),
                );
                let item = Value::Record(
                    vec![
                        Value::Date(date(2025, 1, 1)),
                        Value::Enum(EnumId(0), 0),
                        Value::Int(1),
                        Value::Absent,
                    ]
                    .into(),
                );
                cases.push(Value::Record(
                    vec![person, Value::List(vec![item].into()), Value::List(Vec::new().into())].into(),
                ));
            }
        }
    }
    cases.push(Value::Record(
        vec![Value::Absent, Value::List(Vec::new().into()), Value::Absent].into(),
    ));
    let (decided, _) = differ(&program, &cases, &[date(2025, 6, 30)]);
    assert!(decided > 0);
}
