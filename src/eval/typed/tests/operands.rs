//! The typed evaluator against the tree walker on the forms it reads its operands of in
//! place (see [`super::super::operand`]) and the conditions it compiles as conditions,
//! over case fields of two names and an aggregation's items, with values of another
//! kind than the schema's.

use super::spread::differ;
use super::*;

/// Chains of `and`s and `or`s (yes/no definitions among their parts) and comparisons
/// whose sides are read in place (definitions, case fields of two names, fields of an
/// aggregation's item, the date, constants), in rules, definitions and decision
/// fields; with values of another kind than the schema's, which hand the case back.
#[test]
fn chains_and_operands_decide_as_the_walker() {
    use crate::value::EnumId;
    let text = "policy \"p\" {}\nenum K \"k\" { a \"a\", b \"b\", c \"c\" }\n\
        case { person \"p\" { k: K? \"k\" on: date? \"on\" yes: bool? \"y\" x: int? \"x\" } items: list of { on: date \"on\" k: K \"k\" x: int? \"x\" to: date? \"to\" } \"items\" }\n\
        define early \"e\" = person.on ?? 2025-03-01\n\
        define big \"b\" = (person.x ?? 0) > 2\n\
        define yes \"y\" = person.yes ?? false\n\
        define n \"n\" = count(i in items where i.on <= as_of and i.on >= early)\n\
        define all_three \"a3\" = big and yes and person.k is a\n\
        define any_three \"o3\" = big or person.yes or person.on > as_of\n\
        category 1 cites \"x\" \"x\" { when big and person.yes }\n\
        category 2 cites \"x\" \"x\" { when yes or big or n > 1 or person.k is not b }\n\
        category 3 cites \"x\" \"x\" { when big and (yes or person.on <= as_of) and not all_three }\n\
        category 4 cites \"x\" \"x\" { when early < as_of and as_of <= person.on and n == 2 }\n\
        tier 1 cites \"x\" \"x\" { when person.on >= early or early == person.on }\n\
        tier 2 cites \"x\" \"x\" { when any(i in items where i.on > person.on or i.to is absent: i.k is b) }\n\
        check c1 cites \"x\" \"x\" { when person.yes and person.on is absent severity warning message \"m\" }\n\
        exit 1 cites \"x\" \"x\" { }\n\
        decision { a = all_three  o = any_three  c = n > 0 and big  d = 3 < n  e = early > 2025-01-01  f = count(i in items where i.x > person.x or i.on == early)\n\
          g = early + 3 days  h = person.on - 1 month  i = (person.x ?? 0) + 1  j = month_of(person.on)  k = full_months(person.on ?? as_of, as_of)\n\
          l = person.on ?? early  m = if person.k is absent then 0 else person.x ?? 7  n = person.on + 2 working_days\n\
          p = person.yes ?? false  q = sum(i in items: i.x ?? 0)  r = max(person.on, early)  s = min(person.x, 2)  t = holds(exit) }\n";
    let program = program(text);
    let o = |v: Option<Value>| v.unwrap_or(Value::Absent);
    let item = |day: u32, k: u16, x: Option<i64>, to: bool| {
        Value::Record(
            vec![
                Value::Date(date(2025, 3, day)),
                Value::Enum(EnumId(0), k),
                o(x.map(Value::Int)),
                if to {
                    Value::Date(date(2025, 4, 1))
                } else {
                    Value::Absent
                },
            ]
            .into(),
        )
    };
    let items = Value::List(
        vec![
            item(1, 0, Some(3), false),
            item(2, 1, None, true),
            item(3, 2, Some(1), false),
        ]
        .into(),
    );
    let mut cases = Vec::new();
    for on in [
        None,
        Some(Value::Date(date(2025, 3, 1))),
        Some(Value::Date(date(2025, 3, 2))),
        Some(Value::Int(3)),
    ] {
        for yes in [
            None,
            Some(Value::Bool(true)),
            Some(Value::Bool(false)),
            Some(Value::Int(1)),
        ] {
            for x in [None, Some(2), Some(3)] {
                for k in [None, Some(0u16), Some(1)] {
                    let person = Value::Record(
                        vec![
                            o(k.map(|k| Value::Enum(EnumId(0), k))),
                            o(on.clone()),
                            o(yes.clone()),
                            o(x.map(Value::Int)),
                        ]
                        .into(),
                    );
                    cases.push(Value::Record(vec![person, items.clone()].into()));
                }
            }
        }
    }
    cases.push(Value::Record(
        vec![Value::Absent, Value::List(Vec::new().into())].into(),
    ));
    // An item's number of another kind than the schema's: read in place by the sum,
    // it hands the case back as the closure that read it did.
    let odd = Value::Record(
        vec![
            Value::Date(date(2025, 3, 1)),
            Value::Enum(EnumId(0), 0),
            Value::Bool(true),
            Value::Absent,
        ]
        .into(),
    );
    cases.push(Value::Record(vec![Value::Absent, Value::List(vec![odd].into())].into()));
    let dates = [date(2025, 2, 28), date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)];
    let Some(typed) = TypedProgram::compile(&program) else {
        panic!("compiles")
    };
    // All of it compiled: the walker decides nothing here that the test is about.
    assert_eq!(typed.left_to_walker(&program), Vec::<String>::new());
    let (decided, handed_back) = differ(&program, &cases, &dates);
    // Every case of the right kinds (three dates, three yes/no values, three numbers,
    // three enum values: 81) is decided; those with a value of another kind are handed
    // back (or decided as the walker decides them).
    assert!(decided >= 81 * dates.len(), "{decided} decided");
    assert!(handed_back > 0, "a value of another kind is handed back");
}
