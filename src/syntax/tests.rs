use super::*;
use crate::ast::*;
use crate::source::SourceMap;

fn parse(text: &str) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    let mut map = SourceMap::new();
    let f = map.add("t.policy", text);
    parse_policy(f, text)
}

#[test]
fn parses_header_and_a_category() {
    let (file, errors) = parse(
        "policy \"p\" { title \"t\" effective unspecified valid_for 5 years }\n\
         category 1 cites \"一（一）\" \"男满五十周岁\" {\n  when gender is male and age >= 50 years\n}\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let file = file.unwrap();
    assert_eq!(file.header.id.node, "p");
    assert_eq!(file.header.effective, Some(Effective::Unspecified));
    assert_eq!(file.items.len(), 1);
    let Item::Rule(rule) = &file.items[0] else { panic!() };
    assert_eq!(rule.id.node, RuleId::Number(1));
    let Some(Expr {
        kind: ExprKind::Binary(BinOp::And, lhs, _),
        ..
    }) = &rule.when
    else {
        panic!()
    };
    assert!(matches!(lhs.kind, ExprKind::Is { .. }));
}

#[test]
fn chinese_identifiers_work() {
    let (file, errors) = parse("policy \"p\" {}\ndefine 年龄 \"年龄\" = 1 + 2 * 3\n");
    assert!(errors.is_empty(), "{errors:?}");
    let Item::Define(d) = &file.unwrap().items[0] else {
        panic!()
    };
    assert_eq!(d.name.node, "年龄");
    let ExprKind::Binary(BinOp::Add, _, rhs) = &d.expr.kind else {
        panic!()
    };
    assert!(matches!(rhs.kind, ExprKind::Binary(BinOp::Mul, _, _)));
}

#[test]
fn every_broken_item_is_reported() {
    let (file, errors) = parse("policy \"p\" {}\ndefine a \"a\" = 1 +\ndefine b \"b\" = 2\ndefine c \"c\" = )\n");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(file.unwrap().items.len(), 1);
    assert!(
        errors[0].message.starts_with("syntax error: expected"),
        "{}",
        errors[0].message
    );
}

#[test]
fn invalid_date_literal_is_an_error() {
    let (_, errors) = parse("policy \"p\" {}\ndefine a \"a\" = 2025-02-30\n");
    assert_eq!(errors[0].code, Code::InvalidDate);
}
