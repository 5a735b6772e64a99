//! The catalogue of what zhengce itself says, each entry in Chinese and in English: a
//! message cannot be added in one language only (the table's syntax takes both), and a
//! test checks that the Chinese is Chinese and the English is not. `{}` marks where a
//! value goes ([`super::messages::msg_args`]).

crate::catalogue! {
    /// A message of the catalogue.
    pub enum Msg {
        /// "holds"
        Holds => "成立", "holds";
        /// "does not hold"
        Fails => "不成立", "does not hold";
        /// yes
        Yes => "是", "yes";
        /// no
        No => "否", "no";
        /// absent value
        Absent => "未填写", "not given";
        /// "case"
        Case => "案件", "case";
        /// a case whose id is not known (not read, or not given)
        NoCaseId => "无编号", "(no id)";
        /// "evaluation date"
        EvaluationDate => "评估日", "evaluation date";
        /// "policy"
        Policy => "政策", "policy";
        /// "(today's date, from the clock)"
        FromClock => "（未指定评估日，取今天的日期）", " (no evaluation date given: today's date)";
        /// heading for diagnostics
        Diagnostics => "诊断信息", "diagnostics";
        /// the hint under a drawn diagnostic
        DiagnosticHelp => "  提示：{}", "  help: {}";
        /// "is"
        Is => "为", "is";
        /// "is not" (an enum value)
        IsNot => "不是", "is not";
        /// "not" (a condition that has no negated wording of its own)
        Not => "并非", "not";
        /// the rules of a kind that hold (`{}`: the kind's heading)
        KindsThatHold => "成立的{}", "{} that hold";
        /// "none"
        None => "无", "none";
        /// heading: the case cannot be evaluated
        CaseError => "无法评估此案件", "this case cannot be evaluated";
        /// separator between conditions
        Separator => "；", "; ";
        /// separator between items of a list
        ListSeparator => "、", ", ";
        /// colon after a heading
        Colon => "：", ": ";
        /// unit after a number of years
        YearsUnit => "年", " years";
        /// unit after a number of months
        MonthsUnit => "个月", " months";
        /// unit after a number of days
        DaysUnit => "天", " days";
        /// unit after a number of working days
        WorkingDaysUnit => "个工作日", " working days";
        /// days off that a count of working days skipped
        NotCounted => "不计", "skipped";
        /// a make-up working day
        MakeUpWorkday => "调休上班", "make-up working day";
        /// `:missing`: a field that could change the outcome (an example follows)
        CouldChange => "可能改变结果，例如", "could change the outcome, e.g.";
        /// `:missing`: no value tried changes the outcome
        NoChange => "试过的值不改变结果", "no value tried changes the outcome";
        /// `:missing`: nothing the decision reads is absent
        AllGiven => "决定所依据的字段均已填写", "every field the decision reads is given";
        /// batch summary: cases read
        SummaryCases => "案件", "cases";
        /// batch summary: cases evaluated
        SummaryEvaluated => "已评估", "evaluated";
        /// batch summary: cases read without error (validate only)
        SummaryValid => "校验通过", "valid";
        /// batch summary: error records
        SummaryErrors => "出错", "errors";
        /// batch summary: seconds and cases per second
        SummaryRate => "秒，每秒案件数", "s, cases/s";
        /// `eval`: a file without a case (`{}`: the file)
        NoCaseInFile => "提示：{} 中没有案件", "warning: no case in {}";
        /// `eval`, `test`: nothing to run (`{}`: the paths given)
        NoCasesUnder => "错误：在 {} 中没有找到案件", "error: no cases found under {}";
        /// nothing given for an argument, and no policy repository to take it from (what)
        NotGivenNoRepository => "错误：没有给出{}，当前文件夹及其上级也没有 zhengce.toml 可以提供", "error: no {} given, and no zhengce.toml in this folder or above to name one";
        /// nothing given for an argument, and the policy repository does not set it (what, its zhengce.toml, the setting)
        NotGivenNotSet => "错误：没有给出{}，{} 也没有设置 `{}`", "error: no {} given, and {} does not set `{}`";
        /// what `test` and `diff` need: case paths
        WhatCasePaths => "案件文件或目录", "case files or folders";
        /// what `diff` needs: the new policy
        WhatNewPolicy => "新政策（NEW）", "new policy (NEW)";
        /// "policy" in a case's heading, when it is the one built into the binary
        BuiltinPolicy => "内置政策", "built-in policy";
        /// after the name of a policy built into the binary
        BuiltinMark => "（内置）", " (built-in)";
        /// `check`: a policy that checks (path, rules, definitions, files, warnings)
        CheckOk => "{}：通过（规则 {} 条，定义 {} 个，文件 {} 个；警告 {} 个{}）", "{}: ok ({} rules, {} definitions, {} files; {} warning(s){})";
        /// `check`: a policy with errors (path, errors, warnings)
        CheckFailed => "{}：错误 {} 个，警告 {} 个{}", "{}: {} error(s), {} warning(s){}";
        /// `check`: how many of the problems were shown above with another policy
        ShownAbove => "，其中 {} 个已在上文列出", "; {} of them shown above";
        /// every rule of a kind (they fail for one reason)
        AllOfThem => "全部", "all";
        /// an unlabelled condition, by what it reads (`{}`: their labels)
        ConditionOn => "关于{}的条件", "the condition on {}";
        /// an unlabelled condition that reads nothing labelled
        ACondition => "条件", "a condition";
        /// an unlabelled computed value, by what it reads (`{}`: their labels)
        ComputedFrom => "由{}算得", "computed from {}";
        /// after a value read from a table by date: the row used (the table, its first day)
        RowFrom => "（{}自{}起的一行）", " (row of “{}” from {})";
        /// the item of a list that met the condition (the list, the item's number)
        ItemMeets => "{}第{}项符合条件", "{}: item {} meets the condition";
        /// the item of a list that did not meet the condition (the list, the number)
        ItemFails => "{}第{}项不符合条件", "{}: item {} does not meet the condition";
        /// every item of a list met the condition (the list)
        EveryItemMeets => "{}均符合条件", "{}: every item meets the condition";
        /// no item of a list met the condition (the list)
        NoItemMeets => "{}均不符合条件", "{}: no item meets the condition";
        /// between the first and last day of a range of days
        RangeTo => "至", "to";
        /// an unlabelled computed value that reads nothing labelled
        AComputedValue => "计算结果", "a computed value";

        // The REPL.
        /// a command without its argument (command, what it needs, command)
        NeedsArgument => "`{}` 需要{}；见 `:help {}`", "`{}` needs {}; see `:help {}`";
        /// what `:load` needs
        ArgCaseFile => "一个案件文件", "a case file";
        /// what `:policy` needs
        ArgPolicyFile => "一个政策文件", "a policy file";
        /// what `:save` needs
        ArgFileName => "一个文件名", "a file name";
        /// what `why` needs
        ArgRule => "一条规则或定义：条款号、类别和编号，或名称", "a rule or definition: its clause, its kind and id, or its name";
        /// what `set` needs
        ArgSet => "`路径 = 值`", "`PATH = VALUE`";
        /// what `unset` needs
        ArgFieldPath => "一个字段路径", "a field path";
        /// what `push` needs
        ArgPush => "`路径 值`", "`PATH VALUE`";
        /// how to write `set`
        SetUsage => "写作 `set 路径 = 值`，路径按案件文件的写法（a.b.c、list[0].d）", "write `set PATH = VALUE`, the path as in the case file (a.b.c, list[0].d)";
        /// how to write `push`
        PushUsage => "写作 `push 路径 值`，例如 `push 列表 {字段: 值}`", "write `push PATH VALUE`, e.g. `push LIST {field: value}`";
        /// an unknown command (the command, a hint)
        UnknownCommand => "没有命令 `{}`：{}", "unknown command `{}`: {}";
        /// a hint to read the help
        SeeHelp => "见 `:help`", "see `:help`";
        /// the nearest known word
        DidYouMean => "是不是 `{}`？", "did you mean `{}`?";
        /// `:help` about a command that does not exist
        NoSuchCommand => "没有命令 `{}`；`:help` 列出全部命令", "no command `{}`; `:help` lists them";
        /// the first line of `:help`
        HelpIntro => "命令（其他输入都作为表达式求值，例如 `age` 或 `as_of + 5 working_days`）：", "commands (anything else is evaluated as an expression, e.g. `age` or `as_of + 5 working_days`):";
        /// `:load`
        HelpLoad => "载入案件文件（其中第一个案件，或编号为 ID 的案件）", "load a case file (its first case, or the case with ID)";
        /// `:policy`
        HelpPolicy => "改用另一个政策（案件保留）", "use another policy (the case is kept)";
        /// `:reload`
        HelpReload => "修改政策文件后重新读取；案件保留", "read the policy files again after an edit; the case is kept";
        /// `:as-of`
        HelpAsOf => "按日期（YYYY-MM-DD）评估；不带日期：按案件自己的 as_of", "evaluate on DATE (YYYY-MM-DD); alone: on the case's own as_of";
        /// `set`
        HelpSet => "修改字段：值的写法与案件文件相同", "change a field: the value is written as in a case file";
        /// `unset`
        HelpUnset => "去掉字段，如同案件文件没有填写", "leave a field out, as if the case file did not give it";
        /// `push`
        HelpPush => "向列表添加一项：push 列表 {字段: 值, …}", "add an item to a list: push LIST {field: value, …}";
        /// `:undo`
        HelpUndo => "撤销上一次更改", "take back the last change";
        /// `eval`
        HelpEval => "完整的决定和全部说明", "the whole decision with every explanation";
        /// `why`
        HelpWhy => "说明一条规则（按条款号、类别和编号如 why category 1、或名称）或一个定义", "one rule explained, named by its clause, by kind and id (why category 1) or by name; or a definition";
        /// `:missing`
        HelpMissing => "决定所依据但未填写的字段，以及哪些可能改变结果", "absent fields the decision depends on, and which could change it";
        /// `:case`
        HelpCase => "以 YAML 显示案件", "show the case as YAML";
        /// `:save`
        HelpSave => "把案件（含改动）写成 YAML 文件", "write the case (with your changes) as YAML";
        /// `:help`
        HelpHelp => "本列表，或一个命令的说明", "this list, or one command";
        /// `:quit`
        HelpQuit => "退出（也可按 Ctrl-D）", "leave (Ctrl-D too)";
        /// a date written wrong
        NotADate => "`{}` 不是日期（YYYY-MM-DD）", "`{}` is not a date (YYYY-MM-DD)";
        /// `:undo` with nothing to undo
        NothingToUndo => "没有可撤销的更改", "nothing to undo";
        /// a file that cannot be read (file, why)
        CannotRead => "无法读取 `{}`：{}", "cannot read `{}`: {}";
        /// a file that cannot be written (file, why)
        CannotWrite => "无法写入 `{}`：{}", "cannot write `{}`: {}";
        /// a file without the case asked for (file, id)
        NoCaseWithId => "`{}` 中没有编号为 `{}` 的案件", "`{}` has no case with id `{}`";
        /// a file without a case (file)
        NoCaseInFileRepl => "`{}` 中没有案件", "`{}` has no case";
        /// a case that cannot be loaded (file, why)
        CannotLoadCase => "无法从 `{}` 载入案件：{}", "cannot load the case from `{}`: {}";
        /// the policy now in use (its documents)
        PolicyInUse => "政策 {}", "policy {}";
        /// a command that needs a case
        NoCaseLoaded => "尚未载入案件；先用 `:load 文件`", "no case loaded; `:load FILE` first";
        /// a case with nothing in it
        CaseEmpty => "案件为空", "the case is empty";
        /// the errors of a case that cannot be evaluated follow
        CannotBeEvaluatedBecause => "此案件无法评估：", "the case cannot be evaluated:";
        /// a change that left the decision as it was
        NoChangeInDecision => "决定没有变化", "no change in the decision";
        /// a change refused
        NotChanged => "（未更改）", "(not changed)";
        /// no decision to explain
        NoDecision => "没有决定", "no decision";
        /// the candidates of an ambiguous name follow (the name)
        CouldBe => "`{}` 可能是：", "`{}` could be:";
        /// `why` of a name that names nothing
        NoRuleOrDefinition => "没有规则或定义 `{}`：规则可按条款号、类别和编号（why category 1）或名称指定，定义按名称或标签", "no rule or definition `{}`: name a rule by its clause, by kind and id (why category 1) or by name; a definition by name or label";
        /// an expression when the policy does not check
        PolicyDoesNotCheck => "政策未通过检查", "the policy does not check";
        /// an expression without an evaluation date
        NoEvaluationDateHint => "没有评估日：用 `:as-of 日期`，或载入带 `as_of` 的案件", "no evaluation date: `:as-of DATE`, or load a case with `as_of`";
        /// `:missing` without an evaluation date
        NoEvaluationDateShort => "没有评估日", "no evaluation date";
        /// `:save` done (the file)
        SavedTo => "已保存到 {}", "saved to {}";
        /// a path written wrong
        NotAFieldPath => "`{}` 不是字段路径（写作 `person.birth_date` 这样）", "`{}` is not a field path (write it like `person.birth_date`)";
        /// a list index written wrong
        NotAListIndex => "`[{}` 不是列表下标", "`[{}` is not a list index";
        /// `set` without a value
        ValueMissing => "缺少值", "a value is missing";
        /// a value that does not read (the text, why)
        NotAValue => "`{}` 不是一个值：{}", "`{}` is not a value: {}";
        /// an index past the end of a list (items, index)
        NoSuchItem => "列表有 {} 项，没有第 [{}] 项", "the list has {} item(s); there is no [{}]";
        /// a key inside something that is not a mapping
        CannotSetInside => "`{}` 所在的值不是映射，无法设置", "cannot set `{}` inside a value that is not a mapping";
        /// an index into something that is not a list
        CannotIndex => "不是列表的值无法取 [{}]", "cannot take [{}] of a value that is not a list";
        /// `unset` without a path
        PathMissing => "缺少路径", "a path is missing";
        /// `unset` of a field the case does not give
        NotGivenInCase => "案件中没有填写 `{}`", "`{}` is not given in the case";
        /// `push` onto something that is not a list
        NotAList => "`{}` 不是列表", "`{}` is not a list";

        // `test`, `eval` and the command line.
        /// a case that failed its expectations (place, case, what differed)
        TestFailed => "未通过 {} {}：{}", "FAIL {} {}: {}";
        /// one expectation not met (key, expected, actual)
        ExpectedGot => "{}：应为 {}，实为 {}", "{}: expected {}, got {}";
        /// an expectation that some diagnostics be absent, and those raised (the key, the codes)
        RaisedAnyway => "{}：仍然出现了 {}", "{}: raised all the same: {}";
        /// `diagnostics_absent` in an `expect` block
        DiagnosticsAbsent => "不应出现的诊断", "diagnostics that must be absent";
        /// a tested case that cannot be evaluated (the first error)
        CannotBeEvaluatedColon => "无法评估：{}", "cannot be evaluated: {}";
        /// a rule's count of cases in a batch's summary (rule, cases)
        SummaryCount => "{} {} 件", "{}: {}";
        /// the closing line of `test` (passed, failed)
        TestTotals => "通过 {}，未通过 {}", "{} passed, {} failed";
        /// what the closing line adds when cases had no expectations (skipped)
        TestSkipped => "，跳过 {}", ", {} skipped";
        /// a JUnit file that cannot be written (path, why)
        CannotWriteJunit => "无法写入 JUnit 报告 `{}`：{}", "cannot write the JUnit report to `{}`: {}";
        /// coverage under `--coverage-min` (coverage, minimum)
        CoverageBelowMinimum => "规则覆盖率 {}% 低于下限 {}%", "rule coverage {}% is below the minimum {}%";
        /// the coverage totals (rules %, seen, total, conditions %, seen, total)
        CoverageTotals => "覆盖率：规则 {}%（{}/{} 种结果），条件 {}%（{}/{} 种结果）", "coverage: rules {}% ({}/{} outcomes), conditions {}% ({}/{} outcomes)";
        /// a rule no case reached (the rule)
        NotExercised => "未覆盖：{}", "not exercised: {}";
        /// a rule that no case made hold
        NeverHolds => "从未成立：{}", "never holds: {}";
        /// a rule that every case made hold
        AlwaysHolds => "总是成立：{}", "always holds: {}";
        /// a condition never false (rule, condition)
        ConditionNeverFalse => "{}：条件 `{}` 从未为假", "{}: condition `{}` never false";
        /// a condition never true (rule, condition)
        ConditionNeverTrue => "{}：条件 `{}` 从未为真", "{}: condition `{}` never true";
        /// a policy with errors, before any case (errors)
        PolicyHasErrors => "政策有 {} 个错误，未能完成（zhengce check 可列出全部错误）", "the policy has {} error(s); nothing was done (zhengce check lists them all)";

        // Mistakes on the command line (in English, clap's own words are shown).
        /// an argument that no subcommand takes
        UsageUnknownArgument => "错误：不认识的参数 `{}`", "error: unexpected argument `{}`";
        /// a subcommand that does not exist
        UsageUnknownSubcommand => "错误：没有子命令 `{}`", "error: unrecognized subcommand `{}`";
        /// an option given without its value
        UsageValueMissing => "错误：`{}` 缺少值", "error: `{}` needs a value";
        /// a value that is not one of the choices (value, argument)
        UsageInvalidValue => "错误：`{}` 不是 `{}` 可取的值", "error: `{}` is not a value of `{}`";
        /// a value that does not read (argument, why)
        UsageBadValue => "错误：`{}` 的值无效：{}", "error: invalid value for `{}`: {}";
        /// required arguments not given
        UsageMissingArguments => "错误：缺少必需的参数：{}", "error: the required arguments were not given: {}";
        /// two arguments that cannot go together
        UsageConflict => "错误：`{}` 不能与 `{}` 同时使用", "error: `{}` cannot be used with `{}`";
        /// a wrong number of values
        UsageValueCount => "错误：`{}` 的值的个数不对", "error: a wrong number of values for `{}`";
        /// the values an option takes
        UsagePossibleValues => "  可选的值：{}", "  possible values: {}";
        /// a suggestion
        UsageDidYouMean => "  提示：是否应为 {}？", "  tip: did you mean {}?";
        /// a command-line percentage that does not read or is out of range
        NotAPercent => "`{}` 不是 0 到 100 之间的百分数", "`{}` is not a percentage from 0 to 100";
        /// a command-line date that does not read
        NotADateValue => "`{}` 不是日期（应写作 YYYY-MM-DD）", "`{}` is not a date (YYYY-MM-DD)";
        /// the usage line
        UsageLine => "用法：{}", "Usage: {}";
        /// where to read more
        UsageMoreInformation => "更多信息请用 `--help`。", "For more information, try `--help`.";

        // `diff`.
        /// a group of changed cases (the rule, how many)
        DiffGroup => "{}（{} 个案件）", "{} ({} case(s))";
        /// the rule's explanation under the old policy
        DiffOld => "原：{}", "old: {}";
        /// the rule's explanation under the new policy
        DiffNew => "新：{}", "new: {}";
        /// `zhengce serve` without the server program (the folder of `zhengce`)
        ServeNotBuilt => "错误：没有找到决定服务程序 `zhengce-serve`（`{}` 中和 PATH 上都没有）。请在 zhengce 的源码文件夹中构建它：`cargo build --release -p zhengce-serve`（或安装：`cargo install --path crates/serve`）", "error: the decision service's program `zhengce-serve` was not found (neither in `{}` nor on PATH). Build it in zhengce's source folder: `cargo build --release -p zhengce-serve` (or install it: `cargo install --path crates/serve`)";
        /// the server program cannot be started (its path, why)
        /// `zhengce-match` found nowhere (the folder of this program)
        MatchNotBuilt => "错误：没有找到信息比对程序 `zhengce-match`（`{}` 中和 PATH 上都没有）。请在 zhengce 的源码文件夹中构建它：`cargo build --release -p zhengce-match`（或安装：`cargo install --path crates/match`）", "error: the registry-matching program `zhengce-match` was not found (neither in `{}` nor on PATH). Build it in zhengce's source folder: `cargo build --release -p zhengce-match` (or install it: `cargo install --path crates/match`)";
        CannotRunServer => "错误：无法运行 `{}`：{}", "error: cannot run `{}`: {}";
        /// what `test` and `batch` say when they use the built-in policy (its id)
        UsingBuiltin => "使用内置政策 {}（未指定政策文件，也没有 zhengce.toml）", "using the built-in policy {} (no policy file given and no zhengce.toml)";
        /// a built-in file that differs from the file of the same path on disk (the path)
        BuiltinDiffersFromDisk => "注意：使用的是内置政策；磁盘上的 {} 与内置副本不同，未被检查或使用。要使用磁盘上的文件，请指定它（`--policy {}`，`check {}`），或在 zhengce.toml 中写明 `policy = \"{}\"`", "note: this is the built-in policy; {} on disk differs from the built-in copy and was not checked or used. To use the file on disk, name it (`--policy {}`, `check {}`) or set `policy = \"{}\"` in a zhengce.toml";
        /// after a rule only the new policy has
        DiffAdded => "（新增）", " (added)";
        /// after a rule only the old policy has
        DiffRepealed => "（已废止）", " (repealed)";
        /// the closing line of `diff` (evaluated, changed)
        DiffTotals => "评估 {} 个案件，变化 {} 个", "{} cases evaluated, {} changed";
        /// what the closing line adds: cases neither policy could evaluate
        DiffNotEvaluated => "；{} 个案件在两个政策下都无法评估", "; {} case(s) could not be evaluated under either policy";
        /// `--policy` given to `diff`
        /// `diff` with no cases, its NEW looking like cases (NEW as given, OLD)
        DiffNewLooksLikeCases => "错误：`{}` 被当作新政策（NEW），但它看起来是案件；请先写出新政策，例如 `zhengce diff {} builtin {}`", "error: `{}` was read as the new policy (NEW), but it looks like cases; name the new policy first, e.g. `zhengce diff {} builtin {}`";
        DiffTakesNoPolicy => "错误：`diff` 的两个政策由 OLD 和 NEW 指定，不用 `--policy`", "error: `diff` takes its two policies as OLD and NEW, not `--policy`";
        /// `test` where no case has an `expect:` block
        NothingTested => "错误：没有一个案件带 `expect:`，什么也没有检查", "error: no case has an `expect:` block: nothing was checked";
        /// what the closing line adds: the changes by rule
        DiffByRule => "；按规则：{}", "; by rule: {}";

        // The command line's help (`--help`).
        /// the line after the template mark
        TemplateMarkLine => "— 填好真实情况后删去这一行（保留它时，评估会提醒这还是模板）", "— delete this line once the real facts are filled in (while it stays, evaluating warns that this is still the template)";
        /// the template's first line (the policy)
        TemplateHeading => "案件文件（政策 {}）。填写后用 zhengce eval 评估；注释可删去", "A case file (policy {}). Fill it in, then evaluate it with zhengce eval; the comments may go";
        /// the comment on `id`
        TemplateId => "案件编号", "case id";
        /// the comment on `as_of`
        TemplateAsOf => "评估日（YYYY-MM-DD）；省略时用 --as-of 指定", "evaluation date (YYYY-MM-DD); or give --as-of";
        /// a list of values (what each is)
        TemplateListOf => "列表，每项为{}；可为空", "a list, each item {}; may be empty";
        /// a list of records (their keys)
        TemplateListOfRecords => "列表，每项含 {}；可为空", "a list, each item with {}; may be empty";
        /// a field that must be given
        TemplateRequired => "必填", "required";
        /// a field that must be given unless another gives it (an ID number gives a birth date)
        TemplateRequiredUnlessDerived => "必填，除非已填写可推出它的字段（如公民身份号码）", "required, unless a field it is derived from (such as the ID number) is given";
        /// a field that may be left out
        TemplateOptional => "可省略", "may be left out";
        /// yes or no
        TemplateBool => "true 或 false（也可写 是、否）", "true or false";
        /// a whole number
        TemplateInt => "整数", "a whole number";
        /// a date
        TemplateDate => "日期 YYYY-MM-DD", "a date, YYYY-MM-DD";
        /// a month
        TemplateMonth => "月份 YYYY-MM", "a month, YYYY-MM";
        /// a resident ID
        TemplateResidentId => "18 位公民身份号码", "an 18-character resident ID number";
        /// one of an enum's values (the values)
        TemplateOneOf => "取值 {}（也可写中文标签）", "one of {}";
        /// text
        TemplateText => "文字", "text";
        /// a case file whose policy has errors (the policy's path)
        LspPolicyBroken => "政策 {} 有错误：改正之前无法检查本案件文件", "the policy {} has errors: this case file cannot be checked until they are fixed";
        /// the server stopped on an error (why)
        LspFailed => "错误：语言服务出错停止：{}", "error: the language server stopped: {}";
        /// what `fmt` was not given
        WhatPolicyFiles => "要排版的政策文件", "policy file to format";
        /// a file formatted (path)
        FmtFormatted => "已排版 {}", "formatted {}";
        /// a file `fmt --check` would change (path, line)
        FmtWouldChange => "{}：未按统一格式排版（自第 {} 行起；- 为现在的写法，+ 为排版后的写法，␍ 为 Windows 行尾，␄ 为缺少的行尾）", "{}: not in the canonical layout (from line {}; - as it is, + as formatted, ␍ a Windows line end, ␄ a missing line end)";
        /// files `fmt --check` would change (how many)
        FmtCheckFailed => "有 {} 个文件需要排版：对这些文件运行 `{}` 即可改好", "{} file(s) need formatting: run `{}` on them to fix";
        /// a file with syntax errors (path)
        FmtSyntaxErrors => "{}：有语法错误，未排版", "{}: has syntax errors; not formatted";
        /// a file with bytes that are not UTF-8 (path, line)
        FmtNotUtf8 => "{}：第 {} 行有不是 UTF-8 的字节，未排版（请以 UTF-8 保存该文件）", "{}: line {} has bytes that are not UTF-8; not formatted (save the file as UTF-8)";
        /// a file over the size limit (path, limit)
        FmtTooLarge => "{}：超过 {} 字节，未排版（可用 --max-policy-bytes 调整上限）", "{}: larger than {} bytes; not formatted (--max-policy-bytes sets the limit)";
        /// the formatter's own fault (path)
        FmtWouldChangeMeaning => "{}：排版会改变文件的含义，这是 zhengce 的缺陷；文件未改动，请报告此问题", "{}: formatting would change what the file means, a fault of zhengce's; the file is unchanged (please report it)";
        /// a file `fmt` cannot write (path, why)
        FmtCannotWrite => "错误：无法写入 {}：{}", "error: cannot write {}: {}";
        /// the main manual page's sections after the options (roff)
        ManMore => ".SH 退出状态\n.TP\n0\n成功。\n.TP\n1\n有案件无法评估、有测试未通过，或 fmt \\-\\-check 发现未排版的文件。\n.TP\n2\n命令行或 zhengce.toml 有误。\n.TP\n3\n政策文件有错误。\n.SH 环境变量\n.TP\nZHENGCE_LANG\n信息的语言：zh 或 en（\\-\\-lang 优先）。\n.TP\nLC_ALL, LC_MESSAGES, LANG\n没有 ZHENGCE_LANG 时按语言环境选择：zh_* 为中文，其他语言为英文。\n.TP\nNO_COLOR\n设置后不使用颜色。\n.SH 文件\n.TP\nzhengce.toml\n政策仓库的设置（policy、cases、coverage_min 等），从当前文件夹向上查找。\n.SH 示例\n.nf\nzhengce eval examples/cases/li\\-qiang.yaml\nzhengce check \\-\\-strict\nzhengce test tests/cases \\-\\-coverage\nzhengce batch register.jsonl \\-\\-out decisions.jsonl\nzhengce fmt \\-\\-keywords zh my.policy\nzhengce doc \\-o site\n.fi\n", ".SH \"EXIT STATUS\"\n.TP\n0\nSuccess.\n.TP\n1\nA case could not be evaluated, a test failed, or fmt \\-\\-check found a file not in the layout.\n.TP\n2\nA mistake on the command line or in zhengce.toml.\n.TP\n3\nThe policy has errors.\n.SH ENVIRONMENT\n.TP\nZHENGCE_LANG\nThe language of messages: zh or en (\\-\\-lang wins).\n.TP\nLC_ALL, LC_MESSAGES, LANG\nWithout ZHENGCE_LANG, the locale chooses: Chinese for zh_*, English for another language.\n.TP\nNO_COLOR\nWhen set, no colour.\n.SH FILES\n.TP\nzhengce.toml\nA policy repository's settings (policy, cases, coverage_min, ...), looked for from the current folder up.\n.SH EXAMPLES\n.nf\nzhengce eval examples/cases/li\\-qiang.yaml\nzhengce check \\-\\-strict\nzhengce test tests/cases \\-\\-coverage\nzhengce batch register.jsonl \\-\\-out decisions.jsonl\nzhengce fmt \\-\\-keywords zh my.policy\nzhengce doc \\-o site\n.fi\n";
        /// `doc --check` failed
        DocCheckFailed => "检查未通过（--check）：有条目引用了通知中没有的条款，或引文未见于所引条款", "check failed (--check): items cite a clause the notice lacks, or quote words their clause does not have";
        /// `doc -o` names a file (the folder asked for, the file in its way)
        DocOutIsFile => "错误：无法写入 {}：{} 是文件，不是文件夹（-o 应指定一个文件夹，不存在时会创建）", "error: cannot write {}: {} is a file, not a folder (-o names a folder, made if missing)";
        /// a file written (its path): a manual page, a `doc` page
        ManWritten => "已写入 {}", "wrote {}";
        /// a file that cannot be written (path, why)
        ManCannotWrite => "错误：无法写入 {}：{}", "error: cannot write {}: {}";

        // Kinds of values (the REPL tells an expression's value with its kind, in
        // `program::TypeWord`'s words).
        /// a value with its kind (the value, the kind)
        ValueOfKind => "{}（{}）", "{}  ({})";
        /// a label after a name
        InBrackets => "（{}）", " ({})";
        /// some text, as a value tried by `:missing`
        AnyText => "任意文字", "any text";
        /// a case's status, as a record key
        CaseStatus => "案件状态", "case status";
        /// a case that was evaluated
        StatusOk => "已评估", "evaluated";
        /// a case that could not be evaluated
        StatusError => "无法评估", "not evaluable";
        /// the REPL's policy has errors at the start
        PolicyCannotStart => "政策有错误，无法开始会话", "the policy has errors; the session cannot start";
        /// a REPL's new policy has errors: the session keeps the old one
        PolicyKept => "政策有错误，会话继续使用原来的政策", "the policy has errors; the session keeps the one it had";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        Msg::check_all().unwrap();
    }
}
