//! Membership tests against the tree walker: the keys gathered once a case, and a
//! filter that looks its own item up in them (`key_sets.rs`).

use super::super::key_sets::FILTERS_BY_KEYS;
use super::forms::FNS;
use super::spread::*;
use super::*;

#[test]
fn membership_tests_and_nesting_decide_as_the_walker() {
    run_over(
        &[
            "any(i in items: count(j in items where j.k == i.k) == n)",
            "count(x in ns where any(i in items: count(j in items where j.k == i.k) == x))",
            "any(i in items where i.x != absent: i.x == n)",
            "any(i in items: i.x == n) and any(i in items: i.x == m)",
            "count(x in ns where any(i in items where i.k is a: i.x == x) or any(y in ns: y == x + 1))",
            "any(i in items: i.on - 1 day == d)",
            "any(i in items: i.on + 1 month == d)",
            "any(i in items: full_years(i.on, as_of) == py)",
            "any(i in items: full_months(i.on, as_of) == (n ?? 0) months)",
            "any(i in items: rates[i.k].v == n)",
            "any(i in items: sched[i.on].v == n)",
            "any(i in items: late(i.on) == d)",
            "count(i in items where any(j in items: j.to == i.on))",
            "filter(x in ns where not any(i in items: i.x == x))",
            "any(x in filter(y in ns where y > 0): x == n)",
            "any(x in sorted(y in ns: y): x == n)",
            "any(m in months_covered(i in items: i.on .. i.to): m == mo)",
            "any(i in items: i.k == K::b)",
            "any(i in items: K::b == i.k)",
            "any(x in ns: x == x)",
        ],
        FNS,
        &thinner(),
    );
}

/// A filter kept by a membership test of its own item (`filter_by_keys`): kept when
/// found or when not, the key on either side, keys of a kind that orders as integers
/// or not (years), and the shapes next to it that go the general way (the probe not
/// the item, a list of another kind).
#[test]
fn filters_by_a_key_set_decide_as_the_walker() {
    // Compiled to the look-up: the item probed, keys of its kind in integer order.
    for (e, looked_up) in [
        ("filter(x in ns where not any(i in items: i.x == x))", true),
        ("filter(x in ns where any(i in items where i.k is a: x == i.x))", true),
        (
            "filter(y in [py, 2 years] where not any(i in items: full_years(i.on, as_of) == y))",
            false,
        ),
        ("filter(x in ns where not any(i in items: i.x == n))", false),
    ] {
        let before = FILTERS_BY_KEYS.with(|n| n.get());
        let program = program(&format!("{H2}decision {{\n  o = {e}\n}}\n"));
        assert!(TypedProgram::compile(&program).is_some(), "{e}");
        assert_eq!(FILTERS_BY_KEYS.with(|n| n.get()) > before, looked_up, "{e}");
    }
    // A list item of another kind than its type (a number list holding a text) is
    // handed back, or decided as the walker decides it.
    let mut odd = Vec::new();
    for f in thinner() {
        let Value::Record(fields) = &f else { continue };
        let mut fields = fields.to_vec();
        if let Some(ns) = fields.last_mut() {
            *ns = Value::List(vec![Value::Int(1), Value::Text("x".into()), Value::Int(2)].into());
        }
        odd.push(Value::Record(fields.into()));
    }
    let program = program(&format!(
        "{H2}{FNS}decision {{\n  o = filter(x in ns where not any(i in items: i.x == x))\n}}\n"
    ));
    differ(&program, &odd, &as_ofs());
    run_over(
        &[
            "filter(x in ns where any(i in items: i.x == x))",
            "filter(x in ns where not any(i in items where i.k is a: x == i.x))",
            "length(filter(x in ns where not any(i in items: i.x == x)))",
            "filter(m in months_covered(i in items: i.on .. i.to) \
             where not any(i in items where i.on <= as_of: month_of(i.on) == m))",
            "filter(y in [py, 2 years] where not any(i in items: full_years(i.on, as_of) == y))",
            "filter(x in ns where not any(i in items: i.x == n))",
            "filter(x in ns where not any(i in items: i.x == x) and x > 0)",
            "filter(x in [n, m] where not any(i in items: i.x == x))",
            "filter(x in ns where not any(i in items: i.x == x)) == filter(x in ns where any(i in items: i.x == x))",
        ],
        FNS,
        &thinner(),
    );
}
