//! What the checker says about a policy, in Chinese and in English. Names written in
//! the policy (identifiers, field paths, keywords, units) stay as written, in
//! backticks; the English says them as it always has.

use crate::lang::Text;

crate::catalogue! {
    /// A message of the checker.
    pub enum CheckMsg {
        // Names declared twice, and cycles.
        /// a name declared twice (the name)
        DeclaredTwice => "`{}` 重复声明", "`{}` is declared twice";
        /// the label under the second declaration
        DeclaredAgainHere => "此处再次声明", "declared again here";
        /// the label under the first declaration
        FirstDeclaredHere => "首次声明在此", "first declared here";
        /// how to fix a name declared twice
        GiveAnotherName => "给其中一个另起名称", "give one of them another name";
        /// an enum value listed twice (the value)
        ListedTwice => "`{}` 重复列出", "`{}` is listed twice";
        /// the label under the second listing
        ListedAgainHere => "此处再次列出", "listed again here";
        /// a decision field given twice (the field)
        DecisionFieldTwice => "决定字段 `{}` 重复给出", "decision field `{}` is given twice";
        /// a yielded value given twice (the name)
        YieldedTwice => "`{}` 重复给出", "`{}` is yielded twice";
        /// the label under the second one
        GivenAgainHere => "此处再次给出", "given again here";
        /// a definition that uses itself (the name)
        DependsOnItself => "`{}` 依赖自身", "`{}` depends on itself";
        /// a table that uses itself (the table)
        TableDependsOnItself => "表 `{}` 依赖自身", "table `{}` depends on itself";
        /// the label under a name in a cycle
        PartOfCycle => "循环依赖的一环", "part of a cycle";
        /// why a definition may not use itself
        DefinitionCycleHelp => "定义不能直接或经由其他定义使用自身：求值必须能够结束", "a definition may not use itself, directly or through others: evaluation must always end";
        /// why a table may not use itself
        TableCycleHelp => "表的行不能直接或经由其他定义使用该表：求值必须能够结束", "a table's rows may not use the table, directly or through others: evaluation must always end";

        // Types.
        /// a value of the wrong type (what, the type needed, the type found)
        MustBe => "{}应为{}，但此处为{}", "{} must be {}, but this is {}";
        /// the label under a value: its type
        ThisIs => "此处为{}", "this is {}";
        /// values that must share one type (what, the first type, the second)
        OneType => "{}必须是同一类型，但分别为{}和{}", "{} must have one type, but they are {} and {}";
        /// a yes/no value, as the checker names it
        YesNo => "是/否值（`bool`）", "a yes/no value (bool)";
        /// a value of an enum, by its name (the enum)
        EnumValueOf => "枚举 `{}` 的值", "a {} value";
        /// values of an enum, as the items of a list (its name)
        EnumValuesOf => "枚举 `{}` 的值", "{} values";
        /// the condition of `if`
        IfCondition => "`if` 的条件", "the condition of `if`";
        /// the branches of `if`
        IfBranches => "`if` 的两个分支", "the two branches of `if`";
        /// the arms of `match`
        MatchArms => "`match` 的各分支", "the arms of `match`";
        /// the items of a list
        ListItems => "列表的每一项", "every item of a list";
        /// the key of a table
        TableKey => "表的键", "a table key";
        /// the condition after `where`
        WhereCondition => "`where` 后的条件", "a `where` condition";
        /// the condition of `any` or `all`
        AnyAllBody => "`any`/`all` 的条件", "the body of `any`/`all`";
        /// an argument of a function (the function)
        ArgumentOf => "`{}` 的参数", "an argument of `{}`";
        /// the condition of a rule
        RuleCondition => "规则的条件", "a rule's condition";
        /// `not` of something not yes/no (the type found)
        NotNeedsBool => "`not` 需要是/否值，但此处为{}", "`not` needs a yes/no value, but this is {}";
        /// `-` of something not a number (the type found)
        MinusNeedsNumber => "`-` 需要数字，但此处为{}", "`-` needs a number, but this is {}";
        /// an operator with operands it does not take (operator, left type, right type)
        CannotCombine => "`{}` 不能用于{}和{}", "`{}` cannot combine {} with {}";
        /// the label under such an operation (left type, operator, right type)
        Operation => "{} `{}` {}", "{} {} {}";
        /// a period compared with a bare number
        GiveUnit => "给数字加上单位，例如 `50 years`（`50 年`）或 `6 months`（`6 个月`）", "give the number its unit, e.g. `50 years` or `6 months`";
        /// a date compared with a number
        DateWithDate => "日期只能与日期比较；要加上一段期间，写作 `date + 6 months`", "a date is compared with a date; to add a period write `date + 6 months`";
        /// an enum value compared with a text
        TestWithIs => "用 `is` 检验枚举值，例如 `gender is male`", "test an enum value with `is`, e.g. `gender is male`";
        /// `and` or `or` of something not yes/no
        AndOrJoin => "`and` 和 `or` 只能连接是/否条件", "`and` and `or` join yes/no conditions";
        /// a unit after something not a number (the type found)
        UnitAfterNumber => "单位只能跟在数字之后，但此处为{}", "a unit goes after a number, but this is {}";
        /// `is value` of something not an enum value (the value, the type found)
        IsTestsEnum => "`is {}` 检验的是枚举值，但此处为{}", "`is {}` tests an enum value, but this is {}";
        /// how to compare what is not an enum value
        CompareWith => "数字和日期用 `==`、`<`、`>=` 比较", "compare numbers and dates with `==`, `<`, `>=`";
        /// `match` of something not an enum value (the type found)
        MatchNeedsEnum => "`match` 需要枚举值，但此处为{}", "`match` needs an enum value, but this is {}";
        /// an aggregation over something not a list (the type found)
        NeedsList => "需要列表，但此处为{}", "this needs a list, but this is {}";
        /// `sum` of what cannot be added (the type found)
        SumAdds => "`sum` 只能相加数字或期间，不能相加{}", "`sum` adds numbers or periods, not {}";
        /// the label under such a `sum`
        CannotAdd => "无法相加", "cannot add these";
        /// `length` of something not a list or text
        LengthNeeds => "`length` 需要列表或文本", "`length` needs a list or text";
        /// the label under such a `length`
        NotAList => "不是列表", "not a list";
        /// a table indexed that is not one (the type found)
        OnlyTableIndexed => "只有表可以用 `[…]` 取行，但此处为{}", "only a table can be indexed, but this is {}";
        /// a default of the wrong type (the type needed)
        DefaultMustBe => "默认值应为{}", "the default must be {}";
        /// the label under such a default
        WrongDefault => "默认值的类型不对", "wrong type of default";
        /// `order` of a field that is not a date or month
        OrderNeedsDates => "`order` 用于保持日期或月份的先后顺序；此字段两者都不是", "`order` keeps dates or months in order; this field is neither";
        /// the label under such a field
        NotDateOrMonth => "不是日期或月份", "not a date or month";

        // Names, fields and values that are not there.
        /// a name that is not declared (the name)
        NotDefined => "未知的名称 `{}`", "`{}` is not defined";
        /// a name that is not an enum (the name)
        NotAnEnum => "`{}` 不是枚举", "`{}` is not an enum";
        /// the label under an unknown name
        UnknownName => "未知的名称", "unknown name";
        /// how to declare a name
        DeclareIt => "用 `define`（`定义`）声明它，或写出从案件顶层起的完整字段路径（`记录.字段`）", "declare it with `define`, or write the full path of a case field from the top (`record.field`)";
        /// a function used without its arguments (the name)
        IsAFunction => "`{}` 是函数", "`{}` is a function";
        /// the label under such a use
        NeedsArguments => "需要参数", "needs its arguments";
        /// how to call a function (the name)
        CallIt => "调用它：`{}(...)`", "call it: `{}(...)`";
        /// an enum used as a value (the enum)
        EnumNotValue => "`{}` 是枚举，不是值", "`{}` is an enum, not a value";
        /// the label under such a use
        AnEnumType => "枚举类型", "an enum type";
        /// how to write an enum value (the enum)
        WriteEnumValue => "值写作 `{}::value`，或用 `x is value` 检验", "write a value as `{}::value`, or test one with `x is value`";
        /// a field of something that has none (the path, its type, the field)
        HasNoFields => "`{}` 是{}，没有字段 `{}`", "`{}` is {}, it has no field `{}`";
        /// a field of a value that has none (the type, the field)
        TypeHasNoField => "{}没有字段 `{}`", "{} has no field `{}`";
        /// the label under such a field
        NoSuchField => "没有此字段", "no such field";
        /// a case path that does not exist (the path, the field)
        CaseHasNoField => "案件没有字段 `{}.{}`", "the case has no field `{}.{}`";
        /// a field of a record that does not exist (the field)
        RecordHasNoField => "此记录没有字段 `{}`", "this record has no field `{}`";
        /// the label under an unknown field
        UnknownField => "未知的字段", "unknown field";
        /// a field offered in place of what was written (the field, the path before it)
        DidYouMeanIn => "是否应为 `{}`（`{}.…`）？", "did you mean `{}` ({}.…)?";
        /// the fields of a path (the path, the fields)
        PathHas => "`{}` 的字段有：{}", "`{}` has: {}";
        /// the fields of a record (the fields)
        ItsFields => "它的字段有：{}", "its fields are: {}";
        /// the fields where `order` is (the fields)
        FieldsHere => "此处的字段有：{}", "the fields here are: {}";
        /// `order` of a field the record does not have (the field)
        OrderUnknownField => "`order` 中的 `{}` 不是此记录的字段", "`order` names `{}`, which this record does not have";
        /// a function that does not exist (the name)
        NoFunction => "没有函数 `{}`", "there is no function `{}`";
        /// the label under it
        UnknownFunction => "未知的函数", "unknown function";
        /// the functions there are (the functions)
        TheFunctions => "可用的函数有：{}", "the functions are: {}";
        /// a type that does not exist (the name)
        NotAType => "`{}` 不是类型", "`{}` is not a type";
        /// the label under it
        UnknownType => "未知的类型", "unknown type";
        /// the types there are (some of them)
        TheTypes => "可用的类型有 {} 以及政策声明的枚举", "the types are {} and the enums the policy declares";
        /// an enum value that does not exist (the value, the enum)
        NotAValueOf => "`{}` 不是枚举 `{}` 的值", "`{}` is not a value of {}";
        /// the label under it
        UnknownValue => "未知的值", "unknown value";
        /// the values there are (the values)
        TheValues => "可用的值有：{}", "the values are: {}";
        /// a rule that does not exist (its kind, its id)
        NoSuchRuleOf => "政策中没有 `{} {}`", "the policy has no {} {}";
        /// no rule of a kind (the kind)
        NoRuleOfKind => "政策中没有任何 `{}` 规则", "the policy has no {} rule";
        /// the label under it
        NoSuchRule => "没有此规则", "no such rule";

        // Forms of expressions.
        /// an enum value matched twice (the value)
        MatchedTwice => "`{}` 匹配了两次；以第一个分支为准", "`{}` is matched twice; the first arm wins";
        /// the label under it
        NeverReached => "永远不会用到", "never reached";
        /// `match` without an arm for some values (the values)
        MatchNotCover => "`match` 没有涵盖 {}", "`match` does not cover {}";
        /// the label under it
        NotEveryValue => "没有涵盖所有值", "not every value is covered";
        /// how to cover them
        AddArms => "为每个值各加一个分支，或用 `_ => ...` 涵盖其余的值", "add an arm for each, or `_ => ...` for the rest";
        /// `all` without its condition
        AllNeedsCondition => "`all` 的 `:` 后需要条件", "`all` needs a condition after `:`";
        /// how to write `all`
        AllExample => "例如 `all(m in household.members: not m.employed)`", "e.g. `all(m in household.members: not m.employed)`";
        /// `months_covered` without a range
        MonthsCoveredRange => "`months_covered` 需要月份或日期的范围", "`months_covered` needs a range of months or dates";
        /// how to write `months_covered`
        MonthsCoveredExample => "例如 `months_covered(s in subsidies: s.from .. s.to)`", "e.g. `months_covered(s in subsidies: s.from .. s.to)`";
        /// a range given to another aggregation
        OnlyMonthsCovered => "只有 `months_covered` 接受范围 `a .. b`", "only `months_covered` takes a range `a .. b`";
        /// the label under it
        NoRangeHere => "此处不能有范围", "no range here";
        /// a call with the wrong number of arguments (function, needed, given)
        ArgumentCount => "`{}` 需要 {} 个参数，但给出了 {} 个", "`{}` takes {} argument(s), but {} were given";
        /// the label under it
        WrongArgumentCount => "参数个数不对", "wrong number of arguments";

        // Rules and citations.
        /// a rule declared twice (kind, id)
        RuleDeclaredTwice => "`{} {}` 重复声明", "{} {} is declared twice";
        /// why a rule id may appear once
        RuleIdsOnce => "规则编号就是通知中的序号：同一种类中每个编号只能出现一次", "rule ids are the notice's numbers: each may appear once per kind";
        /// a rule that uses itself (kind, id)
        RuleDependsOnItself => "`{} {}` 依赖自身", "{} {} depends on itself";
        /// a rule without `cites` (kind, id)
        NoCitation => "`{} {}` 没有引用它所依据的条款", "{} {} does not cite the clause it encodes";
        /// the label where `cites` is missing
        NoCites => "缺少 `cites`", "no `cites`";
        /// how to cite a clause
        WriteCites => "在规则编号后写 `cites \"条款\" \"条款原文\"`，条款号按通知中的编号写", "write `cites \"CLAUSE\" \"the clause text, verbatim\"` after the rule id, naming the clause as the notice numbers it";
        /// a citation without the clause's text (kind, id, clause)
        CitesWithoutText => "`{} {}` 引用了条款 `{}`，但没有附上条款原文", "{} {} cites `{}` without its text";
        /// the label under such a citation
        NoVerbatimText => "没有条款原文", "no verbatim text";
        /// how to give the clause's text
        AddClauseText => "在条款号后附上条款原文，一字不改", "add the clause text, verbatim, after the clause number";

        // Tables.
        /// the label under a table's key that is not an enum
        KeyedByEnum => "表以枚举为键", "a table is keyed by an enum";
        /// a row with other columns (the row)
        RowColumnsDiffer => "行 `{}` 的列与第一行不同", "row `{}` has other columns than the first row";
        /// the label under it
        ColumnsDiffer => "列不同", "columns differ";
        /// what every row needs
        SameColumns => "每一行都需要相同的列，顺序相同，值的类型也相同", "every row needs the same columns, in the same order, with values of the same types";
        /// a table without a row for some values (the table, the values)
        RowsMissing => "表 `{}` 缺少 {} 的行", "table `{}` has no row for {}";
        /// the label under it
        RowsMissingLabel => "缺少行", "rows missing";
        /// what a table needs
        RowPerValue => "表需要为其枚举的每个值各写一行", "a table needs one row for every value of its enum";
        /// a row of a table by date that is not a `from` row (the table)
        RowNotByDate => "表 `{}` 以日期为键，它的行不能按枚举值写", "table `{}` is by date: its rows are not for enum values";
        /// the label under it
        NotADatedRow => "不是日期行", "not a dated row";
        /// how a row of a table by date is written
        WriteDatedRow => "写作 `from 2028-01-01 => { … }`：该行自这一天起生效，直到下一行的日期", "write `from 2028-01-01 => { … }`: the row is in force from that day until the next row's date";
        /// a `from` row in a table by enum (the table, the enum)
        DatedRowInEnumTable => "表 `{}` 以枚举 `{}` 为键，不能有 `from` 日期行", "table `{}` is keyed by the enum `{}`: it cannot have `from` rows";
        /// the label under it
        DatedRow => "日期行", "a dated row";
        /// how to declare a table by date
        DeclareByDate => "按日期变化的表写作 `table 名称 \"标签\" by date { from 日期 => { … }, … }`", "a table that changes with the date is declared `table name \"label\" by date { from DATE => { … }, … }`";
        /// rows of a table by date out of order (the table, the row's date, the date before)
        RowsOutOfOrder => "表 `{}` 中自 {} 起的行不晚于它前面的行（自 {} 起）", "in table `{}`, the row from {} is not later than the row before it (from {})";
        /// the label under it
        NotLaterThanBefore => "不晚于前一行的日期", "not later than the row before";
        /// how to order them
        OrderRowsByDate => "按日期从早到晚排列各行，每一行的日期都晚于前一行：任何一天只有一行生效", "write the rows in the order of their dates, each later than the one before: on any day one row is in force";
        /// a table by date with no row (the table)
        NoRows => "表 `{}` 没有行", "table `{}` has no rows";
        /// how many rows a table by date needs
        OneRowAtLeast => "以日期为键的表至少需要一行 `from 日期 => { … }`", "a table by date needs at least one row `from DATE => { … }`";

        // The case schema.
        /// a case field declared twice (the field)
        CaseFieldTwice => "案件字段 `{}` 重复声明", "case field `{}` is declared twice";
        /// what may be declared in several places
        OnlyNestedRecords => "只有嵌套记录（`名称 \"标签\" { ... }`）可以在多处声明", "only nested records (`name \"label\" { ... }`) may be declared in several places";
        /// a parameter that is a list of new records
        ParameterOfRecords => "参数不能是新记录的列表", "a parameter cannot be a list of new records";
        /// a record shape outside a function's parameters
        ShapeOnlyForParameters => "记录形状（`{ 字段: 类型, … }`）只能作为函数参数的类型", "a record shape (`{ field: type, … }`) is only a function parameter's type";
        /// how to declare a nested record in the case
        NestedRecordHelp => "案件中的嵌套记录写作 `名称 \"标签\" { 字段: 类型 \"标签\" … }`", "a nested record of the case is declared `name \"label\" { field: type \"label\" … }`";
        /// an argument that lacks a field of the parameter's shape (function, field)
        ArgumentLacksField => "`{}` 的参数需要字段 `{}`，而所给的记录没有", "the argument of `{}` needs a field `{}`, which the record given does not have";
        /// the label under it (the field)
        LacksField => "没有字段 `{}`", "has no field `{}`";
        /// the fields the argument has (the list)
        ArgumentFieldsAre => "所给记录的字段：{}", "the record given has the fields {}";
        /// an argument whose field has another type (function, field, expected, found)
        ArgumentFieldType => "`{}` 的参数的字段 `{}` 必须是{}，而所给记录中它是{}", "the argument of `{}` needs its field `{}` to be {}, and the record given has {}";
        /// the label under it (field, type)
        FieldIs => "其字段 `{}` 是{}", "its field `{}` is {}";
        /// what a shape asks of an argument
        ShapeHelp => "参数的记录形状列出函数读取的字段及其类型：所给记录的这些字段必须类型相同", "a parameter's record shape lists the fields the function reads and their types: the record given must have them with the same types";
        /// the label under it
        NotAllowedHere => "此处不允许", "not allowed here";
        /// the label under a `from` that cannot be used
        CannotDerive => "无法由此推得", "cannot derive from this";
        /// how to write `from`
        DeriveHelp => "写作 `from person.id_number.birth_date` 或 `from person.id_number.sex(male, female)`", "write `from person.id_number.birth_date` or `from person.id_number.sex(male, female)`";
        /// a `from` path through a field that does not exist (the field)
        NoFieldHere => "案件在此处没有字段 `{}`", "the case has no field `{}` here";
        /// a `from` of a field that is not a resident ID
        OnlyFromResidentId => "只能由 `resident_id` 字段推得", "only a resident_id field can be derived from";
        /// `sex(a, b)` with values of another enum (a, b, the enum)
        MustBeValuesOf => "`{}` 和 `{}` 必须是枚举 `{}` 的值", "`{}` and `{}` must be values of {}";
        /// an accessor that cannot give the field's type (the accessor)
        CannotGiveType => "`{}` 不能给出此字段的类型（`birth_date` 给出日期，`sex(a, b)` 给出枚举值）", "`{}` cannot give this field's type (birth_date gives a date, sex(a, b) an enum value)";

        // Amendments.
        /// `replace` of an item that cannot be replaced
        CannotReplaceItem => "只有 `param`、`define`、`table`、`enum` 或规则可以替换", "only a param, define, table, enum or rule can be replaced";
        /// the label under it
        CannotBeReplaced => "不能替换", "cannot be replaced";
        /// `repeal` of a rule the amended policy does not have (kind, id)
        NothingToRepeal => "被修订的政策中没有可废止的 `{} {}`", "there is no {} {} to repeal";
        /// what `repeal` names
        RepealHelp => "`repeal` 按种类和编号指明被修订政策中的一条规则", "a repeal names a rule of the amended policy by its kind and id";
        /// a `repeal define` of something the amended policy does not define (the name)
        NothingToRepealName => "被修订的政策中没有可废止的 `{}`", "there is no `{}` to repeal";
        /// the label under it
        NoSuchDefinition => "没有这个定义", "no such definition";
        /// what `repeal define` names
        RepealDefineHelp => "`repeal define` 按名称指明被修订政策中的一个定义或参数", "`repeal define` names a definition or parameter of the amended policy";
        /// a `repeal field` of a field the case does not have (the path)
        NothingToRepealField => "被修订政策的案件中没有可废止的字段 `{}`", "the amended policy's case has no field `{}` to repeal";
        /// what `repeal field` names
        RepealFieldHelp => "`repeal field` 以从案件根开始的路径指明一个字段，如 `person.provincial_designation`", "`repeal field` names a case field by its path from the case root, such as `person.provincial_designation`";
        /// a use of a repealed definition (the name)
        DefinitionRepealed => "`{}` 已被修订废止，不能再使用", "`{}` is repealed by the amendment and cannot be used";
        /// a read of a repealed case field (the path)
        FieldRepealed => "案件字段 `{}` 已被修订废止，不能再读取", "case field `{}` is repealed by the amendment and cannot be read";
        /// the label under such a use
        RepealedLabel => "已废止", "repealed";
        /// the label at the repeal
        RepealedHere => "在此废止", "repealed here";
        /// what to do about a use of something repealed
        UsesOfRepealed => "修订废止了它，就不能再有内容使用它：同时替换（`replace`）使用它的定义和规则，或一并废止它们", "what the amendment repeals may not be used: replace what uses it as well, or repeal that too";
        /// `replace` of something the amended policy does not have (the name)
        NothingToReplace => "被修订的政策中没有可替换的 `{}`", "there is no `{}` to replace";
        /// the label under it
        NotInAmended => "不在被修订的政策中", "not in the amended policy";
        /// what `replace` does
        ReplaceHelp => "`replace` 给出被修订政策中已有内容的新版本；要新增内容，去掉 `replace`", "`replace` gives a new version of something the amended policy has; to add something new, leave out `replace`";
        /// a change that does not cite the amending clause (the name)
        ChangeNotCited => "对 `{}` 的修改没有引用修订条款", "the change to `{}` does not cite the amending clause";
        /// how to cite the amending clause
        WriteAmendingCites => "在标签后写 `cites \"条款\" \"修订原文\"`", "write `cites \"CLAUSE\" \"the amending text\"` after the label";

        // Sizes.
        /// more enums than can be numbered (how many, the limit)
        TooManyEnums => "政策中有 {} 个枚举；最多允许 {} 个", "the policy has {} enums; at most {} are allowed";
        /// an enum with more values than can be numbered (how many, the limit)
        TooManyValues => "政策中有一个枚举有 {} 个值；每个枚举最多允许 {} 个", "the policy has {} values in one enum; at most {} are allowed";
        /// more records than can be numbered (how many, the limit)
        TooManyRecords => "政策中有 {} 个记录；最多允许 {} 个", "the policy has {} records; at most {} are allowed";
        /// a record with more fields than can be numbered (how many, the limit)
        TooManyFields => "政策中有一个记录有 {} 个字段；每个记录最多允许 {} 个", "the policy has {} fields in one record; at most {} are allowed";
        /// more tables than can be numbered (how many, the limit)
        TooManyTables => "政策中有 {} 个表；最多允许 {} 个", "the policy has {} tables; at most {} are allowed";
        /// how to make a policy smaller
        SplitPolicy => "拆分政策，或把值归入表中", "split the policy, or group values into tables";
    }
}

/// Names written in the policy, listed: each in backticks in Chinese (`a`、`b`), as
/// the English has always listed them (a, b). A long list is one text, not a message
/// per name.
pub(super) fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> Text {
    let names: Vec<&str> = names.into_iter().collect();
    let zh: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Text::both(zh.join("、"), names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        CheckMsg::check_all().unwrap();
    }

    #[test]
    fn names_are_listed_in_each_language() {
        let listed = CheckMsg::TheValues.with([names(["male", "female"])]);
        assert_eq!(listed.zh(), "可用的值有：`male`、`female`");
        assert_eq!(listed.en(), "the values are: male, female");
    }
}
