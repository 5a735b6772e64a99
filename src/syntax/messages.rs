//! What the parser says about a policy file, in Chinese and in English: the syntax
//! error, the things it expected in a policy writer's words, and the problems found
//! while lowering a parse tree. Words of the policy language stay as written, in
//! backticks, in both languages.

use crate::lang::Text;

crate::catalogue! {
    /// A message of the parser.
    pub enum SyntaxMsg {
        /// the syntax error (what was expected, what was found)
        SyntaxError => "语法错误：此处应为{}，实为{}", "syntax error: expected {}, found {}";
        /// the label under a syntax error (the likeliest thing expected)
        Expected => "应为{}", "expected {}";
        /// the general hint when no word is suggested
        SyntaxHelp => "请对照 `README.md` 中的语言简介；文本需要用双引号括起，规则需要写成 `{ when ... }`（或 `{ 当 ... }`）", "compare with the language tour in README.md; a string needs double quotes, a rule needs `{ when ... }`";
        /// what is said when the parser names nothing it expected
        SomethingElse => "其他内容", "something else";
        /// a word or sign as written (the word)
        Code => "`{}`", "`{}`";
        /// a word or sign found where the parser stopped (the word)
        FoundCode => " `{}`", "`{}`";
        /// two things of a list (the first ones, the next)
        Comma => "{}、{}", "{}, {}";
        /// the last two things of a list (the first ones, the last)
        Or => "{}或{}", "{} or {}";
        /// a list cut short (the things named)
        AndMore => "{} 等", "{}, …";

        // What was found where the parser stopped.
        /// the end of a line
        EndOfLine => "行尾", "the end of the line";
        /// the end of the file
        EndOfFile => "文件末尾", "the end of the file";
        /// the start of the next item
        NextItem => "下一项的开头", "the start of the next item";

        /// a full-width sign where its ASCII form is needed (the sign, its ASCII form)
        FullWidthSign => "这里的 `{}` 是全角符号，请改为半角的 `{}`（切换到英文输入法输入）", "`{}` is a full-width sign: write the ASCII `{}`";
        /// a keyword where a name is needed (the word, its English keyword)
        KeywordAsName => "`{}` 是关键字（即 `{}`），不能用作名称：请换一个名称", "`{}` is a keyword (`{}`) and cannot be a name: choose another name";
        /// a keyword run into the name after it (the word, the keyword, the name)
        KeywordGlued => "`{}` 连在了一起：关键字 `{}` 与名称 `{}` 之间要有空格", "`{}` runs together: put a space between the keyword `{}` and the name `{}`";

        /// a top-level case field named by a keyword (the name, its English keyword)
        KeywordField => "案件的顶层字段 `{}` 是关键字（即 `{}`）：表达式无法引用它", "the top-level case field `{}` is a keyword (`{}`): no expression could read it";
        /// its label
        KeywordFieldLabel => "关键字不能作顶层字段名", "a keyword cannot name a top-level field";
        /// its help
        KeywordFieldHelp => "换一个名称；记录内部的字段（`记录.字段`）可以用关键字命名", "choose another name; a field inside a record (`record.field`) may be a keyword";

        // What was expected, in a policy writer's words.
        /// a unit
        Unit => "单位（`years`/`年`、`months`/`个月`、`days`/`日`）", "a unit (years, months, days)";
        /// an operator
        Operator => "运算符（`and`/`且`、`or`/`或`、`+`、`>=` 等）", "an operator (and, or, +, >=, …)";
        /// a value or a name
        Value => "值或名称", "a value or a name";
        /// a record literal
        Record => "记录（`{ 名称: 值, … }`）", "a record (`{ name: value, … }`)";
        /// a name
        Name => "名称", "a name";
        /// a field name
        FieldName => "字段名", "a field name";
        /// an enum value
        EnumValue => "枚举值", "an enum value";
        /// a text
        Text => "双引号括起的文本", "a text in double quotes";
        /// a date
        Date => "日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)";
        /// a month
        Month => "月份（YYYY-MM）", "a month (YYYY-MM)";
        /// a whole number
        Number => "整数", "a whole number";
        /// a rule kind
        RuleKind => "规则种类（`category`/`类别`、`tier`/`帮扶类`、`exit`/`退出` 等）", "a rule kind (category, tier, exit, …)";
        /// a rule id
        RuleId => "规则编号或名称", "a rule number or name";
        /// a severity
        Severity => "`error`/`错误`、`warning`/`警告` 或 `info`/`信息`", "`error`, `warning` or `info`";
        /// a type
        Type => "类型（`date`、`bool`、`int`、枚举等）", "a type (date, bool, int, an enum, …)";
        /// the header's first line
        HeaderStart => "`policy \"编号\" { … }`（或 `政策 \"编号\" { … }`）", "`policy \"id\" { … }`";
        /// a line of the header
        HeaderEntry => "文件头中的一行（`title`/`标题`、`issued`/`印发日期`、`uses`/`依据` 等）", "a header line (title, issued, uses, …)";
        /// a line of a rule
        RuleEntry => "规则中的一行（`when`/`当`、`severity`/`级别`、`message`/`提示`、`note`/`注`）", "a rule line (when, severity, message, note)";
        /// a case field
        FieldDecl => "案件字段（`名称: 类型 \"标签\"`）", "a case field (`name: type \"label\"`)";
        /// a parameter of a function
        Parameters => "参数（`名称: 类型`）", "a parameter (`name: type`)";
        /// an arm of `match`
        MatchArm => "`match`/`匹配` 的分支（`值 => 结果`）", "a match arm (`value => result`)";
        /// an entry of a record
        RecordEntry => "`名称: 值`", "`name: value`";
        /// a row of a table
        TableRow => "表的一行（`值 => { … }` 或 `from`/`自` `日期 => { … }`）", "a table row (`value => { … }` or `from DATE => { … }`)";
        /// a field of the decision
        DecisionField => "`名称 = 值`", "`name = value`";
        /// a citation
        Citation => "`cites \"条款\" \"原文\"`（或 `引用 \"条款\" \"原文\"`）", "`cites \"clause\" \"text\"`";
        /// a default value
        DefaultValue => "默认值（`= 值`）", "a default (`= value`)";
        /// a `from` clause
        Derive => "`from`/`自` 和一个案件字段", "`from` and a case field";
        /// a new item
        NewItem => "新的一项（`define`/`定义`、`param`/`参数`、`category`/`类别` 等）", "a new item (define, param, category, …)";
        /// a field access
        FieldAccess => "`.` 和字段名", "`.` and a field name";

        // Lowering a parse tree.
        /// a yielded value without its name or expression
        YieldIncomplete => "给出的值不完整", "a yielded value is incomplete";
        /// a name that is missing
        NameMissing => "缺少名称", "a name is missing";
        /// an expression that is missing
        ExpressionMissing => "缺少表达式", "an expression is missing";
        /// a declaration that is missing a part
        Incomplete => "此声明不完整", "this declaration is incomplete";
        /// the label under an incomplete declaration
        IncompleteLabel => "不完整", "incomplete";
        /// a part of the parse tree where it should not be (the grammar rule)
        Unexpected => "此处不应出现语法成分 `{}`", "unexpected {}";
        /// the label under an unexpected part
        NotExpectedHere => "此处不应出现", "not expected here";
        /// a date that does not exist (the text)
        NotADate => "`{}` 不是有效的日期", "`{}` is not a valid date";
        /// a month that does not exist (the text)
        NotAMonth => "`{}` 不是有效的月份", "`{}` is not a valid month";
        /// the label under a date that does not exist
        NoSuchDate => "没有这一天", "no such date";
        /// the label under a month that does not exist
        NoSuchMonth => "没有这个月份", "no such month";
        /// a number too large (the text)
        TooLarge => "`{}` 太大", "`{}` is too large";
        /// the label under a number too large
        TooLargeLabel => "太大", "too large";
        /// nesting deeper than the limit (the limit)
        TooDeep => "嵌套超过 {} 层", "this is nested more than {} levels deep";
        /// the label under nesting too deep
        TooDeepLabel => "嵌套过深", "too deep";
        /// how to write a deeply nested expression with fewer levels
        TooDeepHelp => "括号、运算符以及表达式用到的定义都计入层数：把一长串 `and`（`or`）写成 `all(c in [a, b, ...] : c)`（`any`），并把深层的嵌套拆成较少的层次", "brackets, operators and the definitions an expression uses all count: write a long chain of `and` (`or`) as `all(c in [a, b, ...] : c)` (`any`), and split deep nesting into fewer levels";
    }
}

/// A word or sign of the language as written, in backticks.
pub(super) fn code(word: &str) -> Text {
    SyntaxMsg::Code.with([word])
}

/// Things in a list as a message says them: "a, b or c" (「a、b或c」), or, when there
/// are more than `shown`, the first `shown` and "…" (「等」).
pub(super) fn list(items: Vec<Text>, shown: usize) -> Text {
    let more = items.len() > shown;
    let mut items = items.into_iter().take(shown);
    let Some(first) = items.next() else {
        return SyntaxMsg::SomethingElse.into();
    };
    let rest: Vec<Text> = items.collect();
    let last = if more { None } else { rest.len().checked_sub(1) };
    let mut joined = first;
    for (k, item) in rest.into_iter().enumerate() {
        let join = if Some(k) == last {
            SyntaxMsg::Or
        } else {
            SyntaxMsg::Comma
        };
        joined = join.with([joined, item]);
    }
    if more {
        SyntaxMsg::AndMore.with([joined])
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        SyntaxMsg::check_all().unwrap();
    }

    #[test]
    fn a_list_is_joined_in_each_language() {
        let items = |n: usize| (0..n).map(|k| code(&k.to_string())).collect::<Vec<_>>();
        assert_eq!(list(items(3), 4).en(), "`0`, `1` or `2`");
        assert_eq!(list(items(3), 4).zh(), "`0`、`1`或`2`");
        assert_eq!(list(items(5), 4).en(), "`0`, `1`, `2`, `3`, …");
        assert_eq!(list(items(5), 4).zh(), "`0`、`1`、`2`、`3` 等");
        assert_eq!(list(items(1), 4).en(), "`0`");
        assert_eq!(list(Vec::new(), 4).zh(), "其他内容");
    }
}
