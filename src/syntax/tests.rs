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

/// `keyword` lists the kw_ words again as strings (to be fast); the two lists must not
/// drift apart, and a word must come before the shorter words it starts with.
#[test]
fn the_keyword_rule_lists_every_kw_word_longest_first() {
    let grammar = include_str!("../../grammar/policy.pest");
    let quoted = |text: &str| -> Vec<String> { text.split('"').skip(1).step_by(2).map(str::to_string).collect() };
    let mut kw_words: Vec<String> = grammar
        .lines()
        .filter(|l| l.starts_with("kw_"))
        .filter_map(|l| quoted(l).into_iter().next())
        .filter(|w| w != "en")
        .collect();
    let start = grammar.find("\nkeyword = @{").expect("a keyword rule");
    let body = &grammar[start..];
    let listed = quoted(&body[..body.find(")").expect("a closing bracket")]);
    assert!(listed.windows(2).all(|w| w[0].len() >= w[1].len()), "{listed:?}");
    let mut sorted = listed.clone();
    sorted.sort();
    kw_words.sort();
    assert_eq!(sorted, kw_words);
    for word in ["is", "issued", "of", "order", "note", "not"] {
        let (_, errors) = parse(&format!("policy \"p\" {{}}\ndefine {word} \"x\" = 1\n"));
        assert!(!errors.is_empty(), "`{word}` is a keyword");
    }
    let (_, errors) = parse("policy \"p\" {}\ndefine en \"x\" = 1\ndefine issue \"x\" = 1\n");
    assert!(errors.is_empty(), "{errors:?}");
}
