use super::*;

fn fmt(text: &str) -> String {
    format_policy(text, None).unwrap_or_else(|e| panic!("{e:?} formatting:\n{text}"))
}

#[test]
fn lays_out_indentation_spaces_and_blank_lines() {
    let messy = "\n\npolicy   \"p\"{\n      title \"t\"\n}\n\n\n\ndefine  a(x:date)\"a\"=\nx+ 1 days\n   category 1 cites \"一\"{\nwhen a( 2025-01-01 )>=2025-02-01 and\n holds( category 2 )\n}\n";
    assert_eq!(
        fmt(messy),
        "policy \"p\" {\n  title \"t\"\n}\n\ndefine a(x: date) \"a\" =\n  x + 1 days\ncategory 1 cites \"一\" {\n  when a(2025-01-01) >= 2025-02-01 and\n    holds(category 2)\n}\n"
    );
}

#[test]
fn a_closing_bracket_stands_with_its_opening_line_and_comments_with_the_code_after_them() {
    let text = "policy \"p\" {}\ncase {\n  // c1\n      person \"p\" {\n  // c2\n a: list of {\n  b: int \"b\"\n        } \"a\"\n  note \"n\"\n  // c3\n}\n}\n";
    assert_eq!(
        fmt(text),
        "policy \"p\" {}\ncase {\n  // c1\n  person \"p\" {\n    // c2\n    a: list of {\n      b: int \"b\"\n    } \"a\"\n      note \"n\"\n    // c3\n  }\n}\n"
    );
}

#[test]
fn a_minus_that_negates_is_told_from_one_that_subtracts() {
    let text = "policy \"p\" {}\ndefine a \"a\" = - 1\ndefine b \"b\" = a -1\ndefine c \"c\" = if a > b then - a else (- b)\ndefine d \"d\" = 2025-01-01 - 1 days - a\ndefine e \"e\" = -(a) - (b)\n";
    let out = fmt(text);
    assert!(out.contains("= -1\n"), "{out}");
    assert!(out.contains("= a - 1\n"), "{out}");
    assert!(out.contains("then -a else (-b)"), "{out}");
    assert!(out.contains("2025-01-01 - 1 days - a"), "{out}");
    assert!(out.contains("= -(a) - (b)\n"), "{out}");
}

#[test]
fn formatting_is_idempotent_and_keeps_comments_and_strings() {
    let text = "// head   \npolicy \"p  q\" {\n  note \"a  //  b\"   // tail\n}\n";
    let once = fmt(text);
    assert_eq!(once, "// head\npolicy \"p  q\" {\n  note \"a  //  b\" // tail\n}\n");
    assert_eq!(fmt(&once), once);
}

#[test]
fn keywords_convert_both_ways_to_the_same_tree() {
    let en = "policy \"p\" {\n  valid_for 1 year\n}\ndefine a \"a\" = 6 months\ncategory 1 cites \"一\" {\n  when a > 1 months and not holds(tier)\n}\n";
    let zh = format_policy(en, Some(KeywordSet::Chinese)).expect("converts");
    assert_eq!(
        zh,
        "政策 \"p\" {\n  有效期 1 年\n}\n定义 a \"a\" = 6 个月\n类别 1 引用 \"一\" {\n  当 a > 1 个月 且 非 成立(帮扶类)\n}\n"
    );
    let back = format_policy(&zh, Some(KeywordSet::English)).expect("converts back");
    // A unit after 1 comes back singular.
    assert_eq!(back, en.replace("1 months", "1 month"));
    // `6个月`, written without a space, converts to a unit that needs one.
    let tight = format_policy("政策 \"p\" {}\n定义 a \"a\" = 6个月\n", Some(KeywordSet::English)).expect("converts");
    assert_eq!(tight, "policy \"p\" {}\ndefine a \"a\" = 6 months\n");
}

#[test]
fn field_names_that_are_keywords_are_not_converted() {
    let en = "policy \"p\" {}\ncase {\n  s: list of {\n    from: month \"f\"\n    to: month \"t\"\n  } \"s\"\n}\ndefine n \"n\" = count(x in s where x.from <= x.to)\n";
    let zh = format_policy(en, Some(KeywordSet::Chinese)).expect("converts");
    assert!(zh.contains("from: month") && zh.contains("x.from <= x.to"), "{zh}");
    assert!(zh.contains("计数(x 属于 s 满足 x.from"), "{zh}");
}

#[test]
fn a_file_that_does_not_parse_is_not_formatted() {
    assert_eq!(format_policy("policy \"p\" {\n", None), Err(FormatError::Syntax));
}

#[test]
fn windows_line_ends_stay_and_a_byte_order_mark_goes() {
    let text = "\u{feff}policy \"p\" {\r\n    title \"t\"\r\n}\r\n";
    assert_eq!(fmt(text), "policy \"p\" {\r\n  title \"t\"\r\n}\r\n");
    assert_eq!(fmt(&fmt(text)), fmt(text));
}
