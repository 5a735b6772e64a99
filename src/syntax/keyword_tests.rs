//! The two keyword sets: the table lowering reads is the grammar's, a file may mix
//! them, and the slips of a writer who types Chinese get hints of their own.

use super::*;
use crate::ast::*;
use crate::source::SourceMap;

fn parse(text: &str) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    let mut map = SourceMap::new();
    let f = map.add("t.policy", text);
    parse_policy(f, text)
}

/// The keyword table that lowering and `fmt --keywords` read is the grammar's: each
/// keyword rule takes exactly the English words and the Chinese word of one entry.
#[test]
fn the_keyword_table_pairs_the_grammars_words() {
    use super::keywords::KEYWORDS;
    use super::words::words_of;
    let grammar_words = |rules: &[Rule]| -> Vec<&str> {
        let mut words: Vec<&str> = rules.iter().flat_map(|r| words_of(*r).iter().copied()).collect();
        words.sort();
        words
    };
    let mut table: Vec<&str> = KEYWORDS
        .iter()
        .flat_map(|k| k.english.iter().copied().chain([k.chinese]))
        .collect();
    table.sort();
    let mut rules: Vec<Rule> = vec![
        Rule::rule_kind,
        Rule::severity_level,
        Rule::unit,
        Rule::aggregate_op,
        Rule::field_word,
    ];
    let grammar = include_str!("../../grammar/policy.pest");
    let kw_rules: Vec<&str> = grammar
        .lines()
        .filter_map(|l| l.strip_prefix("kw_"))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "en")
        .collect();
    for name in &kw_rules {
        let rule = Rule::all_rules()
            .iter()
            .copied()
            .find(|r| format!("{r:?}") == format!("kw_{name}"))
            .expect("a rule");
        // One English word and its Chinese twin, in that order.
        let words = words_of(rule);
        assert_eq!(words.len(), 2, "{name}: {words:?}");
        let k = super::keywords::keyword(words[0]).expect("in the table");
        assert_eq!((k.english[0], k.chinese), (words[0], words[1]));
        rules.push(rule);
    }
    assert_eq!(grammar_words(&rules), table);
}

/// Chinese keywords are read as their English twins, in a file that mixes the two; a
/// Chinese unit may follow its number without a space, a Latin letter may not.
#[test]
fn a_file_may_mix_chinese_and_english_keywords() {
    let mixed = "政策 \"p\" {\n  有效期 5 年\n}\ndefine a \"a\" = 6个月\n类别 1 引用 \"一\" {\n  when a > 3 months 且 非 成立(tier)\n}\n核查 c {\n  当 最大(1, 2) > 1\n  级别 警告\n}\n";
    let english = "policy \"p\" {\n  valid_for 5 years\n}\ndefine a \"a\" = 6 months\ncategory 1 cites \"一\" {\n  when a > 3 months and not holds(tier)\n}\ncheck c {\n  when max(1, 2) > 1\n  severity warning\n}\n";
    let (mixed, errors) = parse(mixed);
    assert!(errors.is_empty(), "{errors:?}");
    let (english, errors) = parse(english);
    assert!(errors.is_empty(), "{errors:?}");
    let without_places = |file: Option<PolicyFile>| {
        let text = format!("{:?}", file.expect("parsed").items);
        // Spans differ; everything else must not.
        text.split("span: Span")
            .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest).to_string())
            .collect::<String>()
    };
    assert_eq!(without_places(mixed), without_places(english));
    let (_, errors) = parse("policy \"p\" {}\ndefine a \"a\" = 6months\n");
    assert!(!errors.is_empty());
}

/// Slips of a writer who types Chinese: a full-width sign, a keyword run into a name,
/// a keyword as a name, a misspelt Chinese item word, each told for what it is.
#[test]
fn slips_of_chinese_typing_get_a_hint_of_their_own() {
    let help = |text: &str| -> String {
        let (_, errors) = parse(text);
        let d = errors.first().unwrap_or_else(|| panic!("an error in {text}"));
        d.help.as_ref().map(|h| h.zh()).unwrap_or_default()
    };
    assert!(help("政策 \"p\" {}\n定义 b \"b\" = （1 + 2）\n").contains("`（` 是全角符号，请改为半角的 `(`"));
    assert!(help("政策 \"p\" {}\n定义 b \"b\" = 1，\n").contains("`，` 是全角符号"));
    assert!(help("政策 \"p\" {}\n类别 1 {\n  当个人\n}\n").contains("关键字 `当` 与名称 `个人` 之间要有空格"));
    assert!(help("政策 \"p\" {}\n枚举 级别 \"x\" { a }\n").contains("`级别` 是关键字（即 `severity`）"));
    // A top-level case field no expression could read; one inside a record may be a keyword.
    let (_, errors) = parse("政策 \"p\" {}\n案卷 {\n  类别: bool \"x\"\n}\n");
    assert!(
        errors[0].message.zh().contains("案件的顶层字段 `类别` 是关键字"),
        "{errors:?}"
    );
    let (_, errors) = parse("policy \"p\" {}\ncase {\n  s \"s\" { from: date \"f\" }\n}\n");
    assert!(errors.is_empty(), "{errors:?}");
    // A misspelt item word is offered its word, and still declares its name (so that
    // the checker does not call each use of it unknown).
    let (file, errors) = parse("政策 \"p\" {}\n定意 年龄 \"年龄\" = 1\n定义 b \"b\" = 年龄 + 1\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(file.expect("the rest parsed").unparsed.has_name("年龄"));
    assert_eq!(
        errors[0].help.as_ref().map(|h| h.zh()),
        Some("是否应为 `定义`？".to_string())
    );
}
