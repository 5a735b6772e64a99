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

/// Where an operand is missing or wrong, the parser tries every kind of operand; the
/// lookaheads that spare it work on good policies must not change what it says it
/// expected. Each input is given in a definition and to the REPL; the messages are
/// those of the grammar without the lookaheads.
#[test]
fn syntax_errors_at_an_operand_name_what_was_expected() {
    for (input, in_policy, in_repl) in OPERAND_ERRORS {
        let (_, errors) = parse(&format!("policy \"p\" {{}}\ndefine x \"x\" = {input}\n"));
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{} @{:?}", e.message, e.span.map(|s| s.start)))
            .collect();
        let mut map = SourceMap::new();
        let f = map.add("repl", *input);
        let repl = parse_expression(f, input)
            .err()
            .map(|e| format!("{} @{:?}", e.message, e.span.map(|s| s.start)));
        assert_eq!(messages.join(" | "), *in_policy, "{input}");
        assert_eq!(repl.unwrap_or_default(), *in_repl, "repl: {input}");
    }
}

const OPERAND_ERRORS: &[(&str, &str, &str)] = &[
    (
        "}",
        "syntax error: expected an expression, found `}` @Some(29)",
        "syntax error: expected an expression, found `}` @Some(0)",
    ),
    (
        "",
        "syntax error: expected an expression, found the end of the file @Some(30)",
        "syntax error: expected an expression, found the end of the file @Some(0)",
    ),
    (
        "count",
        "syntax error: expected an expression, found `c` @Some(29)",
        "syntax error: expected an expression, found `c` @Some(0)",
    ),
    (
        "count x",
        "syntax error: expected an expression, found `c` @Some(29)",
        "syntax error: expected an expression, found `c` @Some(0)",
    ),
    (
        "sorted x",
        "syntax error: expected an expression, found `s` @Some(29)",
        "syntax error: expected an expression, found `s` @Some(0)",
    ),
    ("count (x in xs)", "", ""),
    (
        "if",
        "syntax error: expected an expression, found the end of the file @Some(32)",
        "syntax error: expected an expression, found the end of the file @Some(2)",
    ),
    (
        "if x",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, `then`, a unit (years, months, days) or an operator, found the end of the file @Some(34)",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, `then`, a unit (years, months, days) or an operator, found the end of the file @Some(4)",
    ),
    (
        "Gender::",
        "syntax error: expected an enum value, found `\n` @Some(37)",
        "syntax error: expected an enum value, found the end of the file @Some(8)",
    ),
    (
        "Gender::1x",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `case`, `decision`, `define`, `div`, `enum`, `is`, `note`, `or`, `param`, `repeal`, `replace`, `table`, a rule kind, a unit (years, months, days), an operator or the end of the file, found `x` @Some(38)",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, a unit (years, months, days), an operator or the end of the file, found `x` @Some(9)",
    ),
    (
        "a +",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(33)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(3)",
    ),
    (
        "a + }",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found `}` @Some(33)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found `}` @Some(4)",
    ),
    (
        "f(",
        "syntax error: expected an expression, found the end of the file @Some(32)",
        "syntax error: expected an expression, found the end of the file @Some(2)",
    ),
    (
        "f(x,",
        "syntax error: expected an expression, found the end of the file @Some(34)",
        "syntax error: expected an expression, found the end of the file @Some(4)",
    ),
    (
        "1 2",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `case`, `decision`, `define`, `div`, `enum`, `is`, `note`, `or`, `param`, `repeal`, `replace`, `table`, a rule kind, a unit (years, months, days), an operator or the end of the file, found `2` @Some(31)",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, a unit (years, months, days), an operator or the end of the file, found `2` @Some(2)",
    ),
    (
        "\"abc",
        "syntax error: expected an expression, found `\"` @Some(29)",
        "syntax error: expected an expression, found `\"` @Some(0)",
    ),
    (
        "\"a\\q\"",
        "syntax error: expected an expression, found `\"` @Some(29)",
        "syntax error: expected an expression, found `\"` @Some(0)",
    ),
    (
        "a is",
        "syntax error: expected `absent`, `not`, `present` or an enum value, found the end of the file @Some(34)",
        "syntax error: expected `absent`, `not`, `present` or an enum value, found the end of the file @Some(4)",
    ),
    (
        "a is not",
        "syntax error: expected `absent`, `present` or an enum value, found the end of the file @Some(38)",
        "syntax error: expected `absent`, `present` or an enum value, found the end of the file @Some(8)",
    ),
    ("true1", "", ""),
    ("2025-01", "", ""),
    (
        "-",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(31)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(1)",
    ),
    (
        "not",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(33)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(3)",
    ),
    (
        "x.",
        "syntax error: expected field name, found the end of the file @Some(32)",
        "syntax error: expected field name, found the end of the file @Some(2)",
    ),
    (
        "holds(",
        "syntax error: expected a rule kind, found the end of the file @Some(36)",
        "syntax error: expected a rule kind, found the end of the file @Some(6)",
    ),
    (
        "match",
        "syntax error: expected an expression, found the end of the file @Some(35)",
        "syntax error: expected an expression, found the end of the file @Some(5)",
    ),
    (
        "(",
        "syntax error: expected an expression, found the end of the file @Some(31)",
        "syntax error: expected an expression, found the end of the file @Some(1)",
    ),
    (
        "[",
        "syntax error: expected an expression, found the end of the file @Some(31)",
        "syntax error: expected an expression, found the end of the file @Some(1)",
    ),
    (
        "{",
        "syntax error: expected a name, found the end of the file @Some(31)",
        "syntax error: expected a name, found the end of the file @Some(1)",
    ),
    (
        "a ?? ",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(35)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(5)",
    ),
    (
        "a <= ",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(35)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(5)",
    ),
    (
        "xs[",
        "syntax error: expected an expression, found the end of the file @Some(33)",
        "syntax error: expected an expression, found the end of the file @Some(3)",
    ),
    (
        "Gender :: male",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `case`, `decision`, `define`, `div`, `enum`, `is`, `note`, `or`, `param`, `repeal`, `replace`, `table`, a rule kind, a unit (years, months, days), an operator or the end of the file, found `:` @Some(36)",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, a unit (years, months, days), an operator or the end of the file, found `:` @Some(7)",
    ),
    (
        "count(x in",
        "syntax error: expected an expression, found the end of the file @Some(40)",
        "syntax error: expected an expression, found the end of the file @Some(10)",
    ),
    (
        "12 months +",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(41)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(11)",
    ),
    (
        "\"a\" en",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `case`, `decision`, `define`, `div`, `enum`, `is`, `note`, `or`, `param`, `repeal`, `replace`, `table`, a rule kind, a unit (years, months, days), an operator or the end of the file, found `e` @Some(33)",
        "syntax error: expected `.`, `[`, `is` or a unit, `and`, `div`, `is`, `or`, a unit (years, months, days), an operator or the end of the file, found `e` @Some(4)",
    ),
    (
        "a.b.c ==",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(38)",
        "syntax error: expected `holds`, `if`, `match`, `not`, a name, aggregate op, an expression, call, list literal, op neg or record literal, found the end of the file @Some(8)",
    ),
];
