//! What the case loader says about a case file, in Chinese and English: every
//! diagnostic of reading a case against the policy's case schema (keys, types, dates,
//! resident ID numbers, derived fields, `id`, `as_of` and `expect`). Names from the
//! file (keys, field paths, values) are filled in as written.

use crate::ast::Label;
use crate::diagnostic::Words;
use crate::lang::Text;

crate::catalogue! {
    /// A message of the case loader.
    pub enum CaseMsg {
        // What a value is, for "must be X, not Y" (never the text itself, which may be
        // a resident ID number).
        /// a YAML list
        KindList => "列表", "a list";
        /// a YAML mapping
        KindMapping => "映射", "a mapping";
        /// null or nothing
        KindNull => "空值（`null`）", "empty (null)";
        /// `true` or `false`
        KindBool => "布尔值", "a boolean";
        /// an integer
        KindNumber => "数字", "a number";
        /// a decimal number
        KindDecimal => "小数", "a decimal number";
        /// quoted text
        KindQuotedText => "带引号的文本", "quoted text";
        /// plain text
        KindText => "文本", "text";

        // What a type wants, as the case file's writer would read it.
        /// a boolean field
        ExpectBool => "`true` 或 `false`", "`true` or `false`";
        /// an integer field
        ExpectInt => "整数", "a whole number";
        /// a date field
        ExpectDate => "日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)";
        /// a month field
        ExpectMonth => "月份（YYYY-MM）", "a month (YYYY-MM)";
        /// a period field (its unit)
        ExpectQuantity => "以{}计的整数", "a whole number of {}";
        /// a resident ID field
        ExpectResidentId => "带引号的身份证号码", "a resident ID number in quotes";
        /// an enum field (its values)
        ExpectOneOf => "以下取值之一：{}", "one of {}";
        /// a list field (of what)
        ExpectListOf => "{}的列表", "a list of {}";
        /// a record field
        ExpectMapping => "键值映射", "a mapping of keys to values";
        /// a field a case cannot give
        ExpectNothing => "案件不能填写的值", "a value the policy does not let a case give";
        /// a record field, in full
        ExpectMappingLines => "键值映射（在它下面缩进写 `键: 值` 行）", "a mapping of keys to values (`key: value` lines indented under it)";
        /// a list field, in full
        ExpectListLines => "列表（写成 `- 项` 行，没有时写 `[]`）", "a list (`- item` lines, or `[]` for none)";

        // Names.
        /// a name from the file with its label from the policy
        NamedLabelled => "`{}`（{}）", "`{}` ({})";

        // Wrong types.
        /// a value of the wrong type (field, expected, found)
        MustBe => "{}应为{}，而不是{}", "{} must be {}, not {}";
        /// the label under a value of the wrong type (expected)
        LabelExpected => "应为{}", "expected {}";
        /// the label under a value of the wrong shape
        LabelWrongType => "类型错误", "wrong type";
        /// a list or a mapping where one value goes
        HelpSingleValue => "此处只填一个值", "give a single value here";
        /// `"true"` in quotes
        HelpUnquoteBool => "去掉引号：带引号的 `\"true\"` 是文本", "remove the quotes: quoted `\"true\"` is text";
        /// anything else for a boolean
        HelpBool => "是/否写作 `true` 或 `false`，也可写 `是` 或 `否`（YAML 1.2 中 `yes`、`no`、`on`、`off` 是文本）", "booleans are written `true` or `false`, or `是` or `否` (YAML 1.2: `yes`, `no`, `on` and `off` are text)";
        /// a number past 64 bits
        HelpTooLarge => "数字过大", "the number is too large";
        /// a number in quotes
        HelpUnquoteNumber => "去掉引号：带引号的数字是文本", "remove the quotes: a quoted number is text";
        /// anything else for a number
        HelpWholeNumber => "请填写整数，例如 `50`", "write a whole number such as `50`";
        /// a boolean or null for text
        HelpQuoteText => "请给文本加上引号", "put the text in quotes";
        /// a number for a date
        HelpDate => "日期写作 YYYY-MM-DD，例如 `2025-03-10`", "write the date as YYYY-MM-DD, e.g. `2025-03-10`";
        /// a number for a month
        HelpMonth => "月份写作 YYYY-MM，例如 `2025-05`", "write the month as YYYY-MM, e.g. `2025-05`";
        /// an ID number without quotes
        HelpQuoteId => "身份证号码要加引号（`\"...\"`）：不加引号时，YAML 会把一串数字读成数字", "put the ID number in quotes (`\"...\"`): without quotes YAML reads a number of digits as a number";
        /// anything else for an ID number
        HelpIdInQuotes => "请填写带引号的 18 位身份证号码", "give the 18-character ID number in quotes";
        /// a field of a type a case cannot give
        HelpNotScalar => "政策的案件结构不允许以单个值填写此字段", "the policy's case schema does not let a case give this field as a single value";
        /// a field of the wrong shape (its key)
        HelpSeeSchema => "请查看政策的 `case` 块中 `{}` 是如何声明的", "see how `{}` is declared in the policy's `case` block";

        // Dates.
        /// a date that is not one (field, text, why)
        InvalidDate => "{}：`{}` 不是有效的日期：{}", "{}: `{}` is not a valid date: {}";
        /// the label under it
        LabelInvalidDate => "无效日期", "invalid date";
        /// how dates are written
        HelpDates => "日期写作 YYYY-MM-DD，月份写作 YYYY-MM，且必须是日历上存在的日子", "dates are written YYYY-MM-DD and months YYYY-MM, and must exist in the calendar";
        /// a month where a date goes
        DateNeedsDay => "日期还要写上日（YYYY-MM-DD）", "a date needs the day too (YYYY-MM-DD)";
        /// a date badly written
        DateShape => "日期写作 YYYY-MM-DD", "dates are written YYYY-MM-DD";
        /// a day that is not a number
        BadDay => "日不正确", "bad day";
        /// a day past the end of its month (the month, its days)
        MonthDays => "{} 只有 {} 天", "{} has {} days";
        /// a date where a month goes
        MonthNoDay => "月份不写日（YYYY-MM）", "a month is written without the day (YYYY-MM)";
        /// a month badly written
        MonthShape => "月份写作 YYYY-MM", "months are written YYYY-MM";
        /// a year that is not a number
        BadYear => "年份不正确", "bad year";
        /// a month that is not a number
        BadMonth => "月份不正确", "bad month";
        /// a month past 12 (the number)
        NoSuchMonth => "没有 {} 月", "there is no month {}";

        // Resident ID numbers.
        /// a wrong check character (field, masked ID, why)
        IdChecksumFails => "{} {} 未通过 GB 11643 校验：{}", "{} {} fails the GB 11643 checksum: {}";
        /// the label under it
        LabelWrongCheck => "校验码错误", "wrong check character";
        /// what to do about it
        HelpCheckId => "请对照身份证核对号码：任何一位数字输错都会使校验不通过", "check the number against the ID card: one mistyped digit breaks the checksum";
        /// a malformed ID number (field, why)
        IdInvalid => "{}不是有效的身份证号码：{}", "{} is not a valid resident ID number: {}";
        /// the label under it
        LabelMalformedId => "身份证号码格式错误", "malformed ID number";
        /// how ID numbers are written
        HelpIdFormat => "身份证号码由 17 位数字和 1 位校验码（数字或大写 `X`）组成，须加引号", "a resident ID number is 17 digits and a check character (a digit or an upper-case `X`), in quotes";
        /// not 18 characters (how many)
        IdLength => "身份证号码应为 18 位，此号码为 {} 位", "a resident ID number has 18 characters, this one has {}";
        /// a character that is not a digit (its position)
        IdNotDigit => "第 {} 位不是数字（前 17 位必须是数字）", "character {} is not a digit (the first 17 characters must be digits)";
        /// a lower-case `x`
        IdLowerX => "校验码必须是大写 `X`，不能是 `x`", "the check character must be an upper-case `X`, not `x`";
        /// an 18th character that is neither a digit nor `X`
        IdBadCheckChar => "第 18 位必须是数字或大写 `X`", "the 18th character must be a digit or an upper-case `X`";
        /// the check character written and the one called for
        IdChecksum => "校验码是 `{}`，但按前 17 位应为 `{}`", "the check character is `{}` but the first 17 digits call for `{}`";
        /// digits 7–14 that are no date (the digits)
        IdBirthDate => "第 7–14 位（`{}`）不是真实的出生日期", "digits 7–14 (`{}`) are not a real birth date";

        // Enum values.
        /// an enum the policy gives no values (field)
        NoValues => "{}没有已知的取值", "{} has no known values";
        /// a value not of the enum (field, text)
        NotAValue => "{}：`{}` 不是它的取值", "{}: `{}` is not one of its values";
        /// the label under it (the enum's label)
        LabelNotValueOf => "不是{}的取值", "not a value of {}";
        /// the values (their list)
        HelpValues => "可选的取值：{}", "the values are {}";
        /// a value offered, then the values
        HelpGuessValues => "{}可选的取值：{}", "{} The values are {}";

        // Keys and records.
        /// a list or a mapping as a key
        KeyNotText => "键必须是纯文本，不能是列表或映射", "a key must be plain text, not a list or a mapping";
        /// the label under it
        LabelNotAKey => "不是键", "not a key";
        /// how keys are written
        HelpKeyForm => "键写作 `名称: 值`", "write keys as `name: value`";
        /// an unknown key of the case itself (the key)
        UnknownKeyAtTop => "未知的键 `{}`（在案件顶层）", "unknown key `{}` at the top level of the case";
        /// an unknown key of a record (the key, the record's path)
        UnknownKeyIn => "未知的键 `{}`（在 `{}` 中）", "unknown key `{}` in `{}`";
        /// the label under an unknown key
        LabelUnknownKey => "未知的键", "unknown key";
        /// a case that gives a field an amendment repeals (the path, the amendment)
        RemovedField => "案件字段 `{}` 已被修订 `{}` 废止：自该修订施行之日起，其值不再使用", "case field `{}` is repealed by `{}`: from the day that amendment takes effect, its value is not used";
        /// the label under it
        LabelRemovedField => "已废止的字段", "repealed field";
        /// what to do about it
        HelpRemovedField => "从案件中删去这一字段；在修订生效之前的评估日，它仍按原政策读取", "remove the field from the case; on evaluation dates before the amendment, the policy it amends still reads it";
        /// a record without fields
        HelpNoKeys => "此映射不接受任何键", "this mapping takes no keys";
        /// the keys a record takes (their list)
        HelpKeysAllowed => "此处允许的键：{}", "the keys allowed here are {}";
        /// a required field that is null (field)
        RequiredButEmpty => "{}为必填项，但没有填值", "{} is required but empty";
        /// the label under it
        LabelValueRequired => "此处必须填值", "a value is required here";
        /// what to do about it (key)
        HelpGiveValue => "请为 `{}` 填写值", "give `{}` a value";
        /// a required field left out (field)
        RequiredNotGiven => "{}为必填项，但没有填写", "{} is required but not given";
        /// a required field of a record left out (field, record path)
        RequiredNoParent => "{}为必填项，但没有填写（没有 `{}`）", "{} is required but not given (there is no `{}`)";
        /// the label at the case's start (key)
        LabelCaseHasNo => "案件中没有 `{}`", "the case has no `{}`";
        /// what to do (key)
        HelpAddAtTop => "在案件顶层添加 `{}:`", "add `{}:` at the top level of the case";
        /// the label at the record's key (key)
        LabelMissingHere => "此处缺少 `{}`", "`{}` is missing here";
        /// what to do (key, record path)
        HelpAddTo => "把 `{}:` 添加到 `{}` 中", "add `{}:` to `{}`";
        /// the label at the parent of a record left out (path)
        LabelPathMissing => "缺少 `{}`", "`{}` is missing";
        /// what to do (record path, key)
        HelpAddWithUnder => "添加 `{}:`，并在它下面写 `{}:`", "add `{}:` with `{}:` under it";
        /// an empty list item (path)
        EmptyItem => "`{}` 是空的列表项", "`{}` is an empty list item";
        /// the label under it
        LabelEmptyItem => "空项", "empty item";
        /// what to do about it
        HelpRemoveDash => "删除空的 `-` 行", "remove the empty `-` line";
        /// a list item that is not a mapping (path, what it is)
        ItemNotMapping => "`{}` 应为键值映射，而不是{}", "`{}` must be a mapping of keys to values, not {}";
        /// the label under it
        LabelExpectedPairs => "应为 `键: 值` 对", "expected `key: value` pairs";
        /// how items are written
        HelpItemForm => "每一项写作 `- { 键: 值, ... }`，或写成缩进的 `键: 值` 行", "write each item as `- { key: value, ... }` or as indented `key: value` lines";
        /// dates out of order (later path, its date, earlier path, its date)
        OutOfOrder => "`{}`（{}）早于 `{}`（{}）", "`{}` ({}) is before `{}` ({})";
        /// the label under the later date
        LabelOutOfOrder => "日期先后颠倒", "out of order";
        /// what to do (later path, earlier path)
        HelpOrder => "`{}` 不能早于 `{}`；请核对这两个日期", "`{}` must not be before `{}`; check both dates";
        /// the label at the earlier date (its path)
        RelatedIsHere => "`{}` 在此处", "`{}` is here";

        // Derived fields.
        /// a derived field left out with its source (path, source path)
        HelpGiveOrDerive => "请填写 `{}`，或填写可推算出它的 `{}`", "give `{}`, or `{}` from which it is derived";
        /// a field that disagrees with its source (field, value, source, masked ID, derived value)
        Disagrees => "{}为 {}，但 `{}` {} 推算出的是 {}", "{} is {}, but `{}` {} gives {}";
        /// what digits 7–14 are
        ExplainBirthDate => "身份证号码第 7–14 位是出生日期", "digits 7–14 of the ID number are the birth date";
        /// what digit 17 is
        ExplainSex => "身份证号码第 17 位男性为奇数、女性为偶数", "digit 17 of the ID number is odd for a man and even for a woman";
        /// what to do (explanation, key)
        HelpCorrect => "请改正有误的一方（{}）；或不填 `{}`，由身份证号码推算", "correct whichever is wrong ({}); or leave `{}` out to take it from the ID";
        /// the label under the field (source path)
        LabelDisagreesWith => "与 `{}` 不一致", "disagrees with `{}`";
        /// the label at the ID number
        RelatedIdNumber => "身份证号码", "the ID number";

        // Columns of a table read as cases (`zhengce match`): each is named by the path
        // of a case field.
        /// a column that names no case field (the column)
        ColumnUnknown => "列 `{}` 不是案件字段的路径", "column `{}` is not the path of a case field";
        /// the same, with the likely field (the column, the hint)
        ColumnUnknownGuess => "列 `{}` 不是案件字段的路径；{}", "column `{}` is not the path of a case field; {}";
        /// two columns for one field (the column)
        ColumnTwice => "列 `{}` 与前面的列指向同一个案件字段", "column `{}` names a case field an earlier column already gives";
        /// a column naming a whole record (the column)
        ColumnIsRecord => "列 `{}` 指向一组字段，而不是一个值：请给出其中的字段", "column `{}` names a group of fields, not one value: give its fields";
        /// a column inside a list (the list's path)
        ColumnIsList => "`{}` 是列表：列表不能由一列给出", "`{}` is a list: a list cannot come from a column";
    }
}

crate::catalogue! {
    /// A message about a case's envelope: its `id`, `as_of` and `expect`.
    pub enum EnvelopeMsg {
        /// a document that is not a mapping (what it is)
        CaseNotMapping => "案件必须是键值映射，而不是{}", "a case must be a mapping of keys to values, not {}";
        /// the label under it
        LabelNotACase => "不是案件", "not a case";
        /// how a case is written
        HelpStartCase => "案件以 `id: ...` 开头，案件事实写成 `键: 值` 行", "start the case with `id: ...` and give its facts as `key: value` lines";
        /// no `id`
        NoId => "案件没有 `id`", "the case has no `id`";
        /// a case still as `zhengce new case` wrote it
        TemplateUnfilled => "这个案件还是 `zhengce new case` 生成的模板：示例值（如编号、日期、性别）尚未改为真实情况", "this case is still the template `zhengce new case` wrote: its sample values (id, dates, gender) are not the real ones";
        /// the label at the template's mark
        LabelTemplateMark => "模板标记", "the template's mark";
        /// what to do
        HelpTemplateUnfilled => "填好真实情况后删去这一行", "fill in the real facts, then delete this line";
        /// the label at the case's start
        LabelCaseStarts => "案件从此处开始", "the case starts here";
        /// what to do about it
        HelpAddId => "在案件开头添加 `id: ...`（在整个测试集或批次中唯一）", "add `id: ...` (unique within the suite or batch) at the top of the case";
        /// an empty `id`
        EmptyId => "案件的 `id` 为空", "the case `id` is empty";
        /// the label under it
        LabelEmptyId => "`id` 为空", "empty id";
        /// what to do about it
        HelpGiveId => "请为案件填写编号，例如 `HN-2025-000123`", "give the case an id such as `HN-2025-000123`";
        /// an `id` that is not text (what it is)
        IdNotText => "案件的 `id` 必须是文本，而不是{}", "the case `id` must be text, not {}";
        /// the label under it
        LabelExpectedText => "应为文本", "expected text";
        /// an `as_of` that is not a date (what it is)
        AsOfNotDate => "`as_of` 必须是日期（YYYY-MM-DD），而不是{}", "`as_of` must be a date (YYYY-MM-DD), not {}";
        /// the label under it
        LabelExpectedDate => "应为日期", "expected a date";
        /// how `as_of` is written
        HelpAsOf => "评估日写作 YYYY-MM-DD，例如 `as_of: 2025-09-01`", "write the evaluation date as YYYY-MM-DD, e.g. `as_of: 2025-09-01`";
        /// an `expect` that is not a mapping (what it is)
        ExpectNotMapping => "`expect` 必须是映射，而不是{}", "`expect` must be a mapping, not {}";
        /// how `expect` is written
        HelpExpectMapping => "把预期的决定写成映射，例如 `expect: { eligible: true }`", "write the expected decision as a mapping, e.g. `expect: { eligible: true }`";
        /// an `expect` that is not a mapping, seen by the test runner
        ExpectNotRecordKeys => "`expect` 必须是由决定记录的键组成的映射", "`expect` must be a mapping of decision-record keys";
        /// the label under it
        LabelNotMapping => "不是映射", "not a mapping";
        /// a key of `expect` the record does not have (key, a guess)
        ExpectUnknownKeyGuess => "`expect.{}` 不是决定记录的键；{}", "`expect.{}` is not a key of the decision record; {}";
        /// a key of `expect` the record does not have (key)
        ExpectUnknownKey => "`expect.{}` 不是决定记录的键", "`expect.{}` is not a key of the decision record";
        /// a code in `expect` that no diagnostic has (the code)
        ExpectUnknownCode => "`{}` 不是诊断代码", "`{}` is not a diagnostic code";
        /// the same, with the likely code (the code, the hint)
        ExpectUnknownCodeGuess => "`{}` 不是诊断代码；{}", "`{}` is not a diagnostic code; {}";
        /// the label under an unknown code
        LabelUnknownCode => "未知的代码", "unknown code";
        /// where the codes are found
        HelpCodes => "诊断代码见 `zhengce eval --format json` 输出的 `diagnostics[].code`，或政策中 check 规则的名称", "the codes are those of `diagnostics[].code` in `zhengce eval --format json`, or the names of the policy's check rules";
        /// the keys of the record (their list)
        HelpRecordHas => "决定记录的键：{}", "the decision record has: {}";
    }
}

/// A policy's label in both languages; English falls back to the Chinese.
pub(crate) fn label(l: &Label) -> Text {
    Text::from(l)
}

/// A name as written in the file, in backticks, with its label from the policy:
/// `` `person.birth_date`（出生日期）``; in a language in which the label says no more
/// than the name, or when there is none, the name alone.
pub(crate) fn named(name: &str, l: &Label) -> Text {
    let bare = || Words::Quoted.with([name]);
    if l.zh.is_empty() {
        return bare();
    }
    let en = l.en.as_deref().unwrap_or(&l.zh);
    if en == name {
        return Text::both(CaseMsg::NamedLabelled.with([name, &l.zh]).zh(), bare().en());
    }
    CaseMsg::NamedLabelled.with([Text::from(name), label(l)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        CaseMsg::check_all().unwrap();
        EnvelopeMsg::check_all().unwrap();
    }

    #[test]
    fn names_take_their_label_in_each_language() {
        let l = |zh: &str, en: Option<&str>| Label {
            zh: zh.into(),
            en: en.map(Into::into),
        };
        let t = named("person.birth_date", &l("出生日期", Some("date of birth")));
        assert_eq!(t.zh(), "`person.birth_date`（出生日期）");
        assert_eq!(t.en(), "`person.birth_date` (date of birth)");
        let t = named("male", &l("男", Some("male")));
        assert_eq!((t.zh().as_str(), t.en().as_str()), ("`male`（男）", "`male`"));
        let t = named("x", &l("", None));
        assert_eq!((t.zh().as_str(), t.en().as_str()), ("`x`", "`x`"));
        let t = crate::diagnostic::quoted_list(["a", "b", "c"]);
        assert_eq!((t.zh().as_str(), t.en().as_str()), ("`a`、`b`、`c`", "`a`, `b`, `c`"));
    }
}
