use super::{WALKED, lint};
use crate::diagnostic::Code;
use crate::source::SourceMap;
use crate::syntax::parse_policy;

fn lint_codes(text: &str) -> Vec<(Code, String)> {
    lints(text).into_iter().map(|d| (d.code, d.message.en())).collect()
}

fn lints(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text);
    let (parsed, errors) = parse_policy(file, text);
    assert!(errors.is_empty(), "{errors:?}");
    let (program, diagnostics) = crate::check::check(&[parsed.unwrap()]);
    let program = program.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    lint(&program)
}

const TIERS: &str = r#"policy "t" {}
enum Ability "能力" { some "一定", weaker "较弱", weak "弱" }
case {
  a "评估" {
    ability: Ability? "能力"
    hard: bool = false "困难"
    wants: bool = true "意愿"
  }
}
define applies "适用" = a.wants and a.ability is present
tier 1 cites "一" "t" { when applies and a.ability is some }
tier 2 cites "二" "t" { when applies and (a.ability is weaker or a.ability is weak and not a.hard) }
tier 3 cites "三" "t" { when applies and a.ability is weak and a.hard }
"#;

#[test]
fn well_formed_tiers_have_no_overlap_and_no_gap() {
    assert_eq!(lint_codes(TIERS), vec![]);
}

#[test]
fn overlapping_tiers_are_found() {
    let text = TIERS.replace("a.ability is weak and not a.hard)", "a.ability is weak)");
    let found = lint_codes(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Code::TierOverlap);
    assert_eq!(
        found[0].1,
        "tier 2 and tier 3 both hold when a.ability = weak, a.hard = yes"
    );
    assert_eq!(
        lints(&text)[0].message.zh(),
        "`tier 2` 与 `tier 3` 在以下情形同时成立：`a.ability` = 弱、`a.hard` = 是"
    );
}

#[test]
fn a_gap_between_tiers_is_found() {
    let text = TIERS.replace(" or a.ability is weak and not a.hard", "");
    let found = lint_codes(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Code::TierGap);
    assert_eq!(found[0].1, "no tier holds when a.ability = weak, a.hard = no");
    assert_eq!(
        lints(&text)[0].message.zh(),
        "在以下情形没有任何帮扶分类成立：`a.ability` = 弱、`a.hard` = 否"
    );
}

#[test]
fn unused_definitions_and_fields_and_rules_that_never_hold() {
    let text = r#"policy "t" {}
case { x: bool = false "x"  y: int? "y"  z: text? "z" note "kept for the record" }
param cap "上限" = 3
define spare "多余" = x
category 1 cites "一" "t" { when x and cap > 5 }
category 2 cites "二" "t" { when cap > 5 }
"#;
    let found = lint_codes(text);
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "definition `spare` is not used by any rule",
            "case field `y` is not read by any rule",
            "category 2 can never hold: its condition is always false",
        ]
    );
    let zh: Vec<String> = lints(text).iter().map(|d| d.message.zh()).collect();
    assert_eq!(
        zh,
        [
            "定义 `spare` 未被任何规则使用",
            "案件字段 `y` 未被任何规则读取",
            "`category 2` 永不成立：其条件恒为假",
        ]
    );
}

#[test]
fn a_policy_with_more_enum_values_than_ids_is_refused() {
    let values: Vec<String> = (0..70_000).map(|i| format!("v{i}")).collect();
    let text = format!("policy \"big\" {{}}\nenum K \"k\" {{ {} }}\n", values.join(", "));
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text.as_str());
    let (parsed, errors) = parse_policy(file, &text);
    assert!(errors.is_empty(), "{errors:?}");
    let (program, diagnostics) = crate::check::check(&[parsed.unwrap()]);
    assert!(program.is_none());
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.en() == "the policy has 70000 values in one enum; at most 65535 are allowed")
    );
}

/// A policy with `n` rules that each read the definition `k` (a list of 1,000 items)
/// and `cond`.
fn sharing_a_definition(kind: &str, n: usize, cond: &str) -> String {
    let zeros = vec!["0"; 1_000].join(", ");
    let mut text = format!("policy \"t\" {{}}\ncase {{ b: bool? \"b\" }}\ndefine k \"k\" = length([{zeros}]) > 5\n");
    for i in 0..n {
        text.push_str(&format!("{kind} {i} cites \"x\" \"x\" {{ when {cond} }}\n"));
    }
    text
}

/// 2,000 constant rules sharing a constant definition: each is found never to hold,
/// and the definition is walked once, not once per rule (2·10⁶ walks); one evaluation
/// serves them all.
#[test]
fn rules_that_never_hold_walk_a_shared_definition_once() {
    let n = 2_000;
    WALKED.with(|w| w.set(0));
    let found = lint_codes(&sharing_a_definition("category", n, "k and not k"));
    assert_eq!(found.iter().filter(|(c, _)| *c == Code::NeverHolds).count(), n);
    let walked = WALKED.with(std::cell::Cell::get);
    assert!(walked < 2 * 1_000 + 20 * n, "{walked} expressions walked");
}

/// 3,000 tiers sharing a definition: their variables are gathered walking it once,
/// not once per tier (3·10⁶ walks). (So many tiers make more pairs than are compared:
/// no verdict on overlaps follows.)
#[test]
fn tiers_sharing_a_definition_walk_it_once() {
    let n = 3_000;
    WALKED.with(|w| w.set(0));
    let found = lint_codes(&sharing_a_definition("tier", n, "b and k"));
    assert!(
        found.is_empty(),
        "{} warnings, the first {:?}",
        found.len(),
        found.first()
    );
    let walked = WALKED.with(std::cell::Cell::get);
    assert!(walked < 2 * 1_000 + 20 * n, "{walked} expressions walked");
}

/// A library (no decision, no rule but checks: national rules other policies use)
/// checked on its own has nothing unused; the same definitions beside a rule that
/// ignores them do.
#[test]
fn a_library_s_definitions_are_for_its_users() {
    let library = "policy \"lib\" {}\nparam cap \"上限\" = 3\ndefine twice \"两倍\" = cap * 2\n\
                   check big cites \"一\" \"t\" { when cap > 2 severity warning message \"m\" }\n";
    assert!(lint_codes(library).is_empty(), "{:?}", lint_codes(library));
    let with_rule = format!("{library}category 1 cites \"一\" \"t\" {{ when 1 > 0 }}\n");
    let found = lint_codes(&with_rule);
    assert!(
        found.iter().any(|(c, m)| *c == Code::Unused && m.contains("twice")),
        "{found:?}"
    );
}
