//! The checker's costs grow with the policy, not with its square (issue 9, D2).

use super::check;
use super::rules::RULES_GONE_THROUGH;
use crate::diagnostic::Code;
use crate::program::{CKind, Program};
use crate::source::SourceMap;
use crate::syntax::parse_policy;

fn checked(text: &str) -> (Option<Program>, Vec<(Code, String)>) {
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text);
    let (parsed, errors) = parse_policy(file, text);
    assert!(errors.is_empty(), "{errors:?}");
    let Some(parsed) = parsed else { panic!("no policy") };
    let (program, diagnostics) = check(&[parsed]);
    (
        program,
        diagnostics.into_iter().map(|d| (d.code, d.message.en())).collect(),
    )
}

/// 4,000 rules, some declared twice: each duplicate is found by a hash lookup, not by
/// comparing with every earlier rule (tests/linear_costs.rs declares 10,000 twice).
#[test]
fn duplicate_rules_among_many_are_each_reported_once() {
    let n = 4_000;
    let mut text = String::from("policy \"p\" {}\ncase { b: bool? \"b\" }\n");
    for i in 0..n {
        text.push_str(&format!("check c{i} cites \"x\" \"x\" {{ when b }}\n"));
    }
    for i in (0..n).step_by(1_000) {
        text.push_str(&format!("check c{i} cites \"x\" \"x\" {{ when b }}\n"));
    }
    let (program, diagnostics) = checked(&text);
    assert!(program.is_none());
    let duplicates: Vec<&String> = diagnostics
        .iter()
        .filter(|(c, _)| *c == Code::DuplicateRule)
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        duplicates,
        [
            "check c0 is declared twice",
            "check c1000 is declared twice",
            "check c2000 is declared twice",
            "check c3000 is declared twice"
        ]
    );
}

/// Every `holds(tier)` after the first finds the tiers checked: 2,000 uses of it over
/// 2,000 tiers go through the tiers once, not 2,000 times.
#[test]
fn holds_of_a_kind_goes_through_its_rules_once() {
    let n = 2_000;
    let mut text = String::from("policy \"p\" {}\ncase { b: bool? \"b\" }\n");
    for i in 0..n {
        text.push_str(&format!("tier {i} cites \"x\" \"x\" {{ when b }}\n"));
        text.push_str(&format!(
            "check c{i} cites \"x\" \"x\" {{ when holds(tier) and holds(tier {i}) }}\n"
        ));
    }
    RULES_GONE_THROUGH.with(|r| r.set(0));
    let (program, diagnostics) = checked(&text);
    let Some(program) = program else {
        panic!("{diagnostics:?}")
    };
    assert_eq!(RULES_GONE_THROUGH.with(|r| r.get()), n);
    assert_eq!(program.rule_lookup.of_kind(crate::ast::RuleKind::Tier).len(), n);
    let Some(CKind::Binary(_, any, one)) = program.rules[1].when.as_ref().map(|w| &w.kind) else {
        panic!("a condition with `and`")
    };
    assert!(matches!(any.kind, CKind::Holds(crate::ast::RuleKind::Tier, None)));
    assert!(matches!(one.kind, CKind::Holds(crate::ast::RuleKind::Tier, Some(r)) if r.0 == 0));
}

/// Repealed rules are dropped once, after declaring; the rules after them keep their
/// order, and an id repealed may be declared again.
#[test]
fn repealed_rules_are_dropped_and_their_ids_free() {
    let rules = "policy \"p\" {}\ncase { b: bool? \"b\" }\n\
        check c1 cites \"x\" \"x\" { when b }\n\
        check c2 cites \"x\" \"x\" { when b }\n\
        check c3 cites \"x\" \"x\" { when b }\n\
        repeal check c2 cites \"x\"\n";
    let text = format!("{rules}check c2 cites \"y\" \"y\" {{ when holds(check c3) }}\n");
    let (program, diagnostics) = checked(&text);
    let Some(program) = program else {
        panic!("{diagnostics:?}")
    };
    let ids: Vec<String> = program.rules.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(ids, ["c1", "c3", "c2"]);
    let Some(CKind::Holds(_, Some(c3))) = program.rules[2].when.as_ref().map(|w| &w.kind) else {
        panic!("holds(check c3)")
    };
    assert_eq!(c3.0, 1, "c3 is the second rule once c2 is dropped");
    let twice = format!("{rules}repeal check c2 cites \"x\"\n");
    let (_, diagnostics) = checked(&twice);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].0,
        Code::UnknownName,
        "a rule repealed is not there to repeal again"
    );
}
