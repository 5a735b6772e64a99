//! What the YAML and JSON readers say, in Chinese and English: syntax errors (the
//! parsers' own words translated where zhengce knows them), what case files may not
//! use, keys given twice, full-width punctuation, and cases refused before parsing.

use crate::lang::Text;
use jiter::{JiterErrorType, JsonErrorType};

crate::catalogue! {
    /// A message of the YAML and JSON readers.
    pub enum YamlMsg {
        /// a YAML syntax error (the parser's words)
        YamlSyntax => "YAML 语法错误：{}", "YAML syntax error: {}";
        /// a YAML syntax error whose words zhengce does not know (the parser's words)
        YamlSyntaxAsWritten => "YAML 语法错误（解析器原文）：`{}`", "YAML syntax error: {}";
        /// the label under it
        LabelCannotRead => "YAML 从此处起无法读取", "the YAML cannot be read from here";
        /// what to do about it
        HelpYamlSyntax => "请检查缩进和引号；案件文件是由 `键: 值` 行组成的 YAML 映射", "check the indentation and the quotes; a case file is a YAML mapping of `key: value` lines";
        /// the parser stopped without saying why
        ParserFailed => "YAML 解析器在此处出错", "the YAML parser failed here";
        /// `*name`
        Alias => "案件文件中不能使用别名（`*name`）", "aliases (`*name`) are not allowed in case files";
        /// the label under it
        LabelAlias => "别名", "alias";
        /// `&name`
        Anchor => "案件文件中不能使用锚点（`&name`）", "anchors (`&name`) are not allowed in case files";
        /// the label under it
        LabelAnchor => "锚点", "anchor";
        /// `!name`
        Tag => "案件文件中不能使用标签（`!name`、`!!type`）", "tags (`!name`, `!!type`) are not allowed in case files";
        /// the label under it
        LabelTag => "标签", "tag";
        /// what to do about an alias, anchor or tag
        HelpWriteInFull => "每个值都要完整写出；不应被读成其他类型的文本请加引号", "write each value out in full; quote text that should not be read as another type";
        /// YAML nested too deep (the limit)
        YamlTooDeep => "YAML 嵌套超过 {} 层", "the YAML nests deeper than {} levels";
        /// JSON nested too deep (the limit)
        JsonTooDeep => "JSON 嵌套超过 {} 层", "the JSON nests deeper than {} levels";
        /// the label under it
        LabelTooDeep => "嵌套过深", "too deep";
        /// what to do about deep JSON
        HelpNesting => "一个案件只嵌套几层：例如 `person`，其下是它的字段", "a case nests a few levels deep: person, then its fields";
        /// a second root value
        SecondRoot => "文档的根值之后还有第二个值", "a second value after the document's root";
        /// the label under it
        LabelUnexpected => "多余的值", "unexpected";
        /// a key given twice (the key)
        DuplicateKey => "键 `{}` 重复", "the key `{}` is given twice";
        /// the label at the second
        LabelGivenAgain => "此处再次出现", "given again here";
        /// the label at the first
        LabelFirstGiven => "第一次出现在此处", "first given here";
        /// what to do about it
        HelpGiveOnce => "每个键只写一次；读取的是第一次出现的值", "give each key once; the first value is the one read";
        /// a line of JSON Lines that is not JSON (why)
        NotJson => "不是有效的 JSON：{}", "not valid JSON: {}";
        /// a JSON line cut short
        HelpCutLine => "此行在案件结束前就结束了：是否被截断？每行必须是一个完整的 JSON 对象", "the line ends before the case does: was it cut off? Each line must be one whole JSON object";
        /// what a JSON line is
        HelpJsonLine => "JSON Lines 文件的每一行是一个案件，写成一个 JSON 对象", "each line of a JSON Lines file is one case, written as one JSON object";
        /// full-width punctuation read as ASCII (what was read as what)
        FullWidth => "此行的全角标点已按 ASCII 读取：{}", "full-width punctuation on this line was read as ASCII: {}";
        /// `：` as `:` (the character)
        FullWidthColon => "`{}` 作 `:`", "`{}` as `:`";
        /// `　` as a space (the character)
        FullWidthSpace => "`{}` 作空格", "`{}` as a space";
        /// `，` as `,` (the character)
        FullWidthComma => "`{}` 作 `,`", "`{}` as `,`";
        /// the label under it
        LabelFullWidth => "全角", "full-width";
        /// what to do about it
        HelpFullWidth => "YAML 需要 ASCII 的 `:`、`,` 和空格：输入键时请把输入法切换到半角", "YAML needs ASCII `:`, `,` and spaces: switch the input method to half-width for keys";
        /// a case over the size limit (its size, the limit)
        CaseTooLarge => "此案件有 {} 字节，超过上限 {}", "this case has {} bytes, more than the limit of {}";
        /// what to do about it
        HelpCaseTooLarge => "一个案件只有几 KB；请拆分文件，或用 `--max-case-bytes` 提高上限", "a case is a few kilobytes; split the file, or raise the limit with `--max-case-bytes`";
        /// a byte that is not UTF-8
        NotUtf8 => "此字节不是 UTF-8 文本；此案件未读取", "this byte is not UTF-8 text; the case is not read";
        /// what to do about it
        HelpNotUtf8 => "请把文件另存为 UTF-8（文件中的其他案件照常读取）", "save the file as UTF-8 (the other cases of the file are read as usual)";
    }
}

crate::catalogue! {
    /// The YAML parser's words that zhengce knows (the English is the parser's own).
    pub enum ScanMsg {
        /// `a: b: c`, or a key not indented as its mapping's
        MappingValues => "此处不能出现映射的值（冒号后的文本含冒号时请加引号，或检查缩进）", "mapping values are not allowed in this context";
        /// a key where none can be
        MappingKeys => "此处不能出现映射的键", "mapping keys are not allowed in this context";
        /// `- item` where none can be
        SequenceEntries => "此处不能出现列表项", "block sequence entries are not allowed in this context";
        /// a mapping's line not indented as its keys
        ExpectedKey => "读取映射时没有找到应有的键（请检查缩进）", "while parsing a block mapping, did not find expected key";
        /// a list's line not indented as its items
        ExpectedDash => "读取列表时没有找到应有的 `-`（请检查缩进）", "while parsing a block collection, did not find expected '-' indicator";
        /// nothing where a value goes
        ExpectedContent => "没有找到应有的内容", "while parsing a node, did not find expected node content";
        /// `[a b]`
        FlowSequence => "读取方括号列表时，应为 `,` 或 `]`", "while parsing a flow sequence, expected ',' or ']'";
        /// `{a: 1 b: 2}`
        FlowMapping => "读取花括号映射时，没有找到应有的 `,` 或 `}`", "while parsing a flow mapping, did not find expected ',' or '}'";
        /// a quote not closed
        QuoteNotClosed => "引号内的文本没有结束：缺少结尾的引号", "while scanning a quoted scalar, found unexpected end of stream";
        /// `---` inside quotes
        QuoteDocument => "引号内的文本中出现了文档分隔符", "while scanning a quoted scalar, found unexpected document indicator";
        /// a tab in plain text
        PlainTab => "不带引号的文本中有制表符", "while scanning a plain scalar, found a tab";
        /// a tab in the indentation
        TabIndentBlock => "缩进中不能使用制表符", "tabs disallowed within this context (block indentation)";
        /// a tab where none can be
        TabHere => "此处不能使用制表符", "tabs disallowed in this context";
        /// a tab as indentation
        TabIndent => "不能用制表符缩进", "tab cannot be used as indentation";
        /// bad indentation
        Indentation => "缩进不正确", "invalid indentation";
        /// bad indentation in quotes
        QuotedIndentation => "引号内文本的缩进不正确", "invalid indentation in quoted scalar";
        /// bad indentation in brackets
        FlowIndentation => "括号内的缩进不正确", "invalid indentation in flow construct";
        /// a key expected
        SimpleKey => "此处应为键", "simple key expected";
        /// a key without `:`
        SimpleKeyColon => "键后面应有 `:`", "simple key expect ':'";
        /// plain text cut off
        PlainEnd => "不带引号的文本意外结束", "unexpected end of plain scalar";
        /// `"a" b`
        AfterQuote => "双引号文本后面有多余的内容", "invalid trailing content after double-quoted scalar";
        /// `a:b` in brackets
        ColonSpace => "`:` 后面必须有空格", "':' must be followed by a valid YAML whitespace";
        /// `-item`
        DashSpace => "`-` 后面必须有空格", "'-' must be followed by a valid YAML whitespace";
        /// the text ends too soon
        UnexpectedEof => "文件意外结束", "unexpected eof";
        /// a comment inside multi-line text
        CommentInText => "多行文本中间插入了注释", "comment intercepting the multiline text";
        /// `"\q"`
        UnknownEscape => "引号内的文本有未知的转义字符", "while parsing a quoted scalar, found unknown escape character";
        /// a control character
        Unprintable => "有不可打印的字符", "found unprintable character";
        /// too deep for the parser
        Recursion => "嵌套过深", "recursion limit exceeded";
        /// a BOM inside the text
        ByteOrderMark => "文档中间不能出现字节顺序标记（BOM）", "a byte order mark must not appear inside a document";
        /// `:` misplaced
        ColonPlacement => "`:` 的位置不正确", "illegal placement of ':' indicator";
        /// a bracket misplaced
        Bracket => "括号的位置不正确", "misplaced bracket";
        /// text after `...`
        AfterDocumentEnd => "文档结束标记后面有多余的内容", "invalid content after document end marker";
        /// `*name` of no anchor
        UnknownAnchor => "引用了未定义的锚点", "while parsing node, found unknown anchor";
    }
}

crate::catalogue! {
    /// The JSON parser's words (the English is the parser's own).
    pub enum JsonMsg {
        /// a decimal for an integer
        FloatExpectingInt => "应为整数，却是小数", "float value was found where an int was expected";
        /// a key given twice (the key)
        DuplicateKey => "键 `{}` 重复", "Detected duplicate key {}";
        /// the parser's own failure (its words)
        InternalError => "内部错误：`{}`", "Internal error: {}";
        /// a list cut off
        EofInList => "列表还没有结束，行就结束了", "EOF while parsing a list";
        /// an object cut off
        EofInObject => "对象还没有结束，行就结束了", "EOF while parsing an object";
        /// a string cut off
        EofInString => "字符串还没有结束，行就结束了", "EOF while parsing a string";
        /// a value cut off
        EofInValue => "值还没有结束，行就结束了", "EOF while parsing a value";
        /// a key without `:`
        ExpectedColon => "应为 `:`", "expected `:`";
        /// `[1 2]`
        ExpectedListCommaOrEnd => "应为 `,` 或 `]`", "expected `,` or `]`";
        /// `{"a": 1 "b": 2}`
        ExpectedObjectCommaOrEnd => "应为 `,` 或 `}`", "expected `,` or `}`";
        /// a word that is not `true`, `false` or `null`
        ExpectedSomeIdent => "应为 `true`、`false` 或 `null`", "expected ident";
        /// nothing where a value goes
        ExpectedSomeValue => "应为一个值", "expected value";
        /// `"\q"`
        InvalidEscape => "转义字符无效", "invalid escape";
        /// `01`, `1.`
        InvalidNumber => "数字无效", "invalid number";
        /// a number too large
        NumberOutOfRange => "数字超出范围", "number out of range";
        /// `"\uD800"`
        InvalidUnicodeCodePoint => "`\\u` 转义的码位无效", "invalid unicode code point";
        /// a control character in a string
        ControlCharacter => "字符串中有控制字符（\\u0000-\\u001F）", "control character (\\u0000-\\u001F) found while parsing a string";
        /// `{1: 2}`
        KeyMustBeAString => "键必须是字符串", "key must be a string";
        /// a lone surrogate
        LoneLeadingSurrogate => "十六进制转义中有单独的前导代理项", "lone leading surrogate in hex escape";
        /// `[1,]`
        TrailingComma => "最后一个值后面多了逗号", "trailing comma";
        /// `{} x`
        TrailingCharacters => "对象后面还有多余的字符", "trailing characters";
        /// `"\u12"`
        EndOfHexEscape => "十六进制转义意外结束", "unexpected end of hex escape";
        /// too deep for the parser
        RecursionLimit => "嵌套过深", "recursion limit exceeded";
        /// a value of another JSON type (expected, found)
        WrongType => "应为 `{}`，却是 `{}`", "expected {} but found {}";
    }
}

/// The YAML parser's words for a syntax error, translated when zhengce knows them.
pub(crate) fn yaml_syntax(info: &str) -> Text {
    match ScanMsg::ALL.iter().find(|m| m.template().en == info) {
        Some(known) => YamlMsg::YamlSyntax.with([*known]),
        None => YamlMsg::YamlSyntaxAsWritten.with([info]),
    }
}

/// The JSON reader's words for a syntax error.
pub(crate) fn jiter_error(e: &JiterErrorType) -> Text {
    match e {
        JiterErrorType::JsonError(e) => json_error(e),
        JiterErrorType::WrongType { expected, actual } => {
            JsonMsg::WrongType.with([expected.to_string(), actual.to_string()])
        }
    }
}

/// The JSON parser's words for a syntax error.
pub(crate) fn json_error(e: &JsonErrorType) -> Text {
    let m = match e {
        JsonErrorType::FloatExpectingInt => JsonMsg::FloatExpectingInt,
        JsonErrorType::DuplicateKey(k) => return JsonMsg::DuplicateKey.with([format!("{k:?}")]),
        JsonErrorType::InternalError(s) => return JsonMsg::InternalError.with([format!("{s:?}")]),
        JsonErrorType::EofWhileParsingList => JsonMsg::EofInList,
        JsonErrorType::EofWhileParsingObject => JsonMsg::EofInObject,
        JsonErrorType::EofWhileParsingString => JsonMsg::EofInString,
        JsonErrorType::EofWhileParsingValue => JsonMsg::EofInValue,
        JsonErrorType::ExpectedColon => JsonMsg::ExpectedColon,
        JsonErrorType::ExpectedListCommaOrEnd => JsonMsg::ExpectedListCommaOrEnd,
        JsonErrorType::ExpectedObjectCommaOrEnd => JsonMsg::ExpectedObjectCommaOrEnd,
        JsonErrorType::ExpectedSomeIdent => JsonMsg::ExpectedSomeIdent,
        JsonErrorType::ExpectedSomeValue => JsonMsg::ExpectedSomeValue,
        JsonErrorType::InvalidEscape => JsonMsg::InvalidEscape,
        JsonErrorType::InvalidNumber => JsonMsg::InvalidNumber,
        JsonErrorType::NumberOutOfRange => JsonMsg::NumberOutOfRange,
        JsonErrorType::InvalidUnicodeCodePoint => JsonMsg::InvalidUnicodeCodePoint,
        JsonErrorType::ControlCharacterWhileParsingString => JsonMsg::ControlCharacter,
        JsonErrorType::KeyMustBeAString => JsonMsg::KeyMustBeAString,
        JsonErrorType::LoneLeadingSurrogateInHexEscape => JsonMsg::LoneLeadingSurrogate,
        JsonErrorType::TrailingComma => JsonMsg::TrailingComma,
        JsonErrorType::TrailingCharacters => JsonMsg::TrailingCharacters,
        JsonErrorType::UnexpectedEndOfHexEscape => JsonMsg::EndOfHexEscape,
        JsonErrorType::RecursionLimitExceeded => JsonMsg::RecursionLimit,
    };
    m.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        YamlMsg::check_all().unwrap();
        ScanMsg::check_all().unwrap();
        JsonMsg::check_all().unwrap();
    }

    /// The English of the parsers' words is theirs, unchanged.
    #[test]
    fn the_parsers_words_are_kept_in_english() {
        for e in [
            JsonErrorType::EofWhileParsingObject,
            JsonErrorType::ExpectedColon,
            JsonErrorType::TrailingComma,
            JsonErrorType::ControlCharacterWhileParsingString,
            JsonErrorType::DuplicateKey("k".into()),
        ] {
            assert_eq!(json_error(&e).en(), e.to_string());
        }
        let t = yaml_syntax("mapping values are not allowed in this context");
        assert_eq!(
            t.en(),
            "YAML syntax error: mapping values are not allowed in this context"
        );
        assert!(t.zh().starts_with("YAML 语法错误：此处不能出现映射的值"), "{}", t.zh());
        let t = yaml_syntax("something new");
        assert_eq!(t.en(), "YAML syntax error: something new");
        assert_eq!(t.zh(), "YAML 语法错误（解析器原文）：`something new`");
    }
}
