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

/// `source_text "…"` (or `原文 "…"`) names the notice's text; the path is kept as
/// written, with the span of the string, for `zhengce doc`'s diagnostics.
#[test]
fn the_header_names_the_notice_s_text() {
    for word in ["source_text", "原文"] {
        let text = format!("policy \"p\" {{\n  {word} \"notice.txt\"\n}}\n");
        let (file, errors) = parse(&text);
        assert!(errors.is_empty(), "{word}: {errors:?}");
        let named = file.unwrap().header.source_text.expect("the entry");
        assert_eq!(named.node, "notice.txt");
        assert_eq!(
            &text[named.span.start as usize..named.span.end as usize],
            "\"notice.txt\""
        );
    }
    let (file, _) = parse("policy \"p\" { title \"t\" }\n");
    assert!(file.unwrap().header.source_text.is_none());
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
        errors[0].message.en().starts_with("syntax error: expected"),
        "{}",
        errors[0].message.en()
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
        .flat_map(&quoted)
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
    for word in ["is", "issued", "of", "order", "note", "not", "定义", "日历", "日", "且"] {
        let (_, errors) = parse(&format!("policy \"p\" {{}}\ndefine {word} \"x\" = 1\n"));
        assert!(!errors.is_empty(), "`{word}` is a keyword");
    }
    let (_, errors) = parse("policy \"p\" {}\ndefine en \"x\" = 1\ndefine issue \"x\" = 1\ndefine 日期 \"x\" = 1\n");
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
            .map(|e| format!("{} @{:?}", e.message.en(), e.span.map(|s| s.start)))
            .collect();
        let mut map = SourceMap::new();
        let f = map.add("repl", *input);
        let repl = parse_expression(f, input)
            .err()
            .map(|e| format!("{} @{:?}", e.message.en(), e.span.map(|s| s.start)));
        assert_eq!(messages.join(" | "), *in_policy, "{input}");
        assert_eq!(repl.unwrap_or_default(), *in_repl, "repl: {input}");
    }
}

const OPERAND_ERRORS: &[(&str, &str, &str)] = &[
    (
        "}",
        "syntax error: expected a value or a name, found `}` @Some(29)",
        "syntax error: expected a value or a name, found `}` @Some(0)",
    ),
    (
        "",
        "syntax error: expected a value or a name, found the end of the file @Some(30)",
        "syntax error: expected a value or a name, found the end of the line @Some(0)",
    ),
    (
        "count",
        "syntax error: expected `(`, found the end of the file @Some(35)",
        "syntax error: expected `(`, found the end of the line @Some(5)",
    ),
    (
        "count x",
        "syntax error: expected `(`, found `x` @Some(35)",
        "syntax error: expected `(`, found `x` @Some(6)",
    ),
    (
        "sorted x",
        "syntax error: expected `(`, found `x` @Some(36)",
        "syntax error: expected `(`, found `x` @Some(7)",
    ),
    ("count (x in xs)", "", ""),
    (
        "if",
        "syntax error: expected a value or a name, found the end of the file @Some(32)",
        "syntax error: expected a value or a name, found the end of the line @Some(2)",
    ),
    (
        "if x",
        "syntax error: expected `then`, a unit (years, months, days), an operator (and, or, +, >=, …), `is`, …, found the end of the file @Some(34)",
        "syntax error: expected `then`, a unit (years, months, days), an operator (and, or, +, >=, …), `is`, …, found the end of the line @Some(4)",
    ),
    (
        "Gender::",
        "syntax error: expected an enum value, found the end of the file @Some(37)",
        "syntax error: expected an enum value, found the end of the line @Some(8)",
    ),
    (
        "Gender::1x",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), a new item (define, param, category, …), `note`, …, found `x` @Some(38)",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), `is`, `.` and a field name, …, found `x` @Some(9)",
    ),
    (
        "a +",
        "syntax error: expected a value or a name, found the end of the file @Some(33)",
        "syntax error: expected a value or a name, found the end of the line @Some(3)",
    ),
    (
        "a + }",
        "syntax error: expected a value or a name, found `}` @Some(33)",
        "syntax error: expected a value or a name, found `}` @Some(4)",
    ),
    (
        "f(",
        "syntax error: expected `)` or a value or a name, found the end of the file @Some(32)",
        "syntax error: expected `)` or a value or a name, found the end of the line @Some(2)",
    ),
    (
        "f(x,",
        "syntax error: expected a value or a name, found the end of the file @Some(34)",
        "syntax error: expected a value or a name, found the end of the line @Some(4)",
    ),
    (
        "1 2",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), a new item (define, param, category, …), `note`, …, found `2` @Some(31)",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), `is`, `.` and a field name, …, found `2` @Some(2)",
    ),
    (
        "\"abc",
        "syntax error: expected `\"`, found the end of the file @Some(33)",
        "syntax error: expected `\"`, found the end of the line @Some(4)",
    ),
    (
        "\"a\\q\"",
        "syntax error: expected `\"`, found `q` @Some(32)",
        "syntax error: expected `\"`, found `q` @Some(3)",
    ),
    (
        "a is",
        "syntax error: expected `absent`, `not`, `present` or an enum value, found the end of the file @Some(34)",
        "syntax error: expected `absent`, `not`, `present` or an enum value, found the end of the line @Some(4)",
    ),
    (
        "a is not",
        "syntax error: expected `absent`, `present` or an enum value, found the end of the file @Some(38)",
        "syntax error: expected `absent`, `present` or an enum value, found the end of the line @Some(8)",
    ),
    ("true1", "", ""),
    ("2025-01", "", ""),
    (
        "-",
        "syntax error: expected a value or a name, found the end of the file @Some(31)",
        "syntax error: expected a value or a name, found the end of the line @Some(1)",
    ),
    (
        "not",
        "syntax error: expected a value or a name, found the end of the file @Some(33)",
        "syntax error: expected a value or a name, found the end of the line @Some(3)",
    ),
    (
        "x.",
        "syntax error: expected a field name, found the end of the file @Some(32)",
        "syntax error: expected a field name, found the end of the line @Some(2)",
    ),
    (
        "holds(",
        "syntax error: expected a rule kind (category, tier, exit, …), found the end of the file @Some(36)",
        "syntax error: expected a rule kind (category, tier, exit, …), found the end of the line @Some(6)",
    ),
    (
        "match",
        "syntax error: expected a value or a name, found the end of the file @Some(35)",
        "syntax error: expected a value or a name, found the end of the line @Some(5)",
    ),
    (
        "(",
        "syntax error: expected a value or a name, found the end of the file @Some(31)",
        "syntax error: expected a value or a name, found the end of the line @Some(1)",
    ),
    (
        "[",
        "syntax error: expected `]` or a value or a name, found the end of the file @Some(31)",
        "syntax error: expected `]` or a value or a name, found the end of the line @Some(1)",
    ),
    (
        "{",
        "syntax error: expected `}` or a name, found the end of the file @Some(31)",
        "syntax error: expected `}` or a name, found the end of the line @Some(1)",
    ),
    (
        "a ?? ",
        "syntax error: expected a value or a name, found the end of the file @Some(35)",
        "syntax error: expected a value or a name, found the end of the line @Some(5)",
    ),
    (
        "a <= ",
        "syntax error: expected a value or a name, found the end of the file @Some(35)",
        "syntax error: expected a value or a name, found the end of the line @Some(5)",
    ),
    (
        "xs[",
        "syntax error: expected a value or a name, found the end of the file @Some(33)",
        "syntax error: expected a value or a name, found the end of the line @Some(3)",
    ),
    (
        "Gender :: male",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), a new item (define, param, category, …), `note`, …, found `:` @Some(36)",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), `is`, `.` and a field name, …, found `:` @Some(7)",
    ),
    (
        "count(x in",
        "syntax error: expected a value or a name, found the end of the file @Some(40)",
        "syntax error: expected a value or a name, found the end of the line @Some(10)",
    ),
    (
        "12 months +",
        "syntax error: expected a value or a name, found the end of the file @Some(41)",
        "syntax error: expected a value or a name, found the end of the line @Some(11)",
    ),
    (
        "\"a\" en",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), a new item (define, param, category, …), `note`, …, found `en` @Some(33)",
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), `is`, `.` and a field name, …, found `en` @Some(4)",
    ),
    (
        "a.b.c ==",
        "syntax error: expected a value or a name, found the end of the file @Some(38)",
        "syntax error: expected a value or a name, found the end of the line @Some(8)",
    ),
];

/// The first syntax error of a policy made of `items` after a header.
fn first_error(items: &str) -> Diagnostic {
    let (_, errors) = parse(&format!("policy \"p\" {{}}\n{items}\n"));
    errors.into_iter().next().expect("a syntax error")
}

#[test]
fn a_misspelled_keyword_or_unit_is_offered_its_word() {
    for (items, word) in [
        ("param working_age \"下限\" = 16 yaers", "years"),
        ("define x \"x\" = 6 Monhts", "months"),
        ("define x \"x\" = if a thn b else c", "then"),
        (
            "define x \"x\" = 1\ncatgory 1 cites \"一\" \"t\" { when x }",
            "category",
        ),
        ("category 1 cites \"一\" \"t\" { wen x }", "when"),
        ("category 1 cites \"一\" \"t\" { when x severity eror }", "error"),
        // Right after the header, where only a new item may start.
        ("defnie x \"x\" = 1", "define"),
    ] {
        let d = first_error(items);
        assert_eq!(
            d.help.as_ref().map(|h| h.en()).as_deref(),
            Some(format!("did you mean `{word}`?").as_str()),
            "{items}: {d:?}"
        );
        assert!(
            d.message.en().ends_with(&format!("found `{}`", misspelled(&d, items))),
            "{}",
            d.message.en()
        );
    }
    // In the header too, which is parsed on its own.
    let (_, errors) = parse("policy \"p\" { valid_for 5 yaers }\n");
    assert_eq!(
        errors[0].help.as_ref().map(|h| h.en()).as_deref(),
        Some("did you mean `years`?")
    );
    // No word is offered when none is close.
    let d = first_error("define x \"x\" = 16 fortnights");
    assert!(
        !d.help
            .as_ref()
            .map(|h| h.en())
            .as_deref()
            .unwrap_or("")
            .contains("did you mean"),
        "{:?}",
        d.help
    );
}

/// The word a syntax error underlines, as written.
fn misspelled<'t>(d: &Diagnostic, items: &'t str) -> &'t str {
    let span = d.span.expect("a place");
    let base = "policy \"p\" {}\n".len();
    &items[span.start as usize - base..span.end as usize - base]
}

#[test]
fn the_expected_list_is_short_and_in_the_writers_words() {
    let internal: Vec<String> = Rule::all_rules()
        .iter()
        .map(|r| format!("{r:?}"))
        .filter(|name| name.contains('_') || name.chars().all(|c| c.is_ascii_uppercase()))
        .chain(
            [
                "ident",
                "expr",
                "primary",
                "op neg",
                "aggregate op",
                "list literal",
                "call",
            ]
            .map(String::from),
        )
        .collect();
    for items in [
        "param working_age \"下限\" = 16 yaers",
        "define x \"x\" = if a then",
        "define x \"x\" = if a",
        "define x \"x\" 1",
        "define x \"x\" = a +",
        "define x \"x\" = count(a in xs",
        "category 1 cites \"一\" \"t\" { wen x }",
        "case { person \"p\" { age int } }",
        "table t \"t\" by G { a => 1 }",
        "enum G \"g\" { }",
        "define x \"x\" = 1 2",
    ] {
        let d = first_error(items);
        let listed = expected_items(&d.message.en());
        assert!(listed.len() <= expected::MAX_SHOWN + 1, "{items}: {}", d.message.en());
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "{items}: {}", d.message.en());
        let message = d.message.en();
        let words: Vec<&str> = message.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
        for name in &internal {
            let phrase = name.split(' ').collect::<Vec<_>>();
            let named = words.windows(phrase.len()).any(|w| w == phrase.as_slice());
            assert!(!named, "{items}: `{name}` in {}", d.message.en());
        }
    }
}

/// The things a syntax error message says were expected, split at the commas and the
/// "or" that are not inside brackets.
fn expected_items(message: &str) -> Vec<String> {
    let list = message
        .strip_prefix("syntax error: expected ")
        .and_then(|m| m.rsplit_once(", found "))
        .map_or("", |(list, _)| list);
    let mut items = Vec::new();
    let (mut depth, mut current) = (0i32, String::new());
    let mut rest = list;
    while let Some(c) = rest.chars().next() {
        if depth == 0 && (rest.starts_with(", ") || rest.starts_with(" or ")) {
            items.push(std::mem::take(&mut current));
            rest = &rest[if rest.starts_with(", ") { 2 } else { 4 }..];
            continue;
        }
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    items.push(current);
    items
}

#[test]
fn a_missing_sign_is_named_where_it_is_missing() {
    for (items, sign, found) in [
        ("enum G \"g\" {\n  a \"a\",\n  b \"b\"\n  c \"c\"\n}", "`,`", "c"),
        ("define x \"x\" 1", "`=`", "1"),
        (
            "case {\n  person \"p\" {\n    veteran bool \"v\"\n  }\n}",
            "`:`",
            "bool",
        ),
        (
            "category 1 cites \"一\" 男满五十周岁\" { when x }",
            "`{`",
            "男满五十周岁",
        ),
    ] {
        let d = first_error(items);
        let listed = expected_items(&d.message.en());
        assert!(listed.contains(&sign.to_string()), "{items}: {}", d.message.en());
        assert_eq!(misspelled(&d, items), found, "{}", d.message.en());
    }
}
