//! The words of `--help`, the man pages and shell completions: what each subcommand
//! does and what each argument takes, in Chinese and English (one table, checked by a
//! test), apart from the messages of the interface (`report::catalogue`).

crate::catalogue! {
    /// A text of the command line's help.
    pub enum HelpMsg {
        /// the program
        CliAbout => "zhengce（政策）：可执行的就业援助政策", "zhengce (\"policy\"): executable employment-assistance policy";
        /// `check`
        CliCheck => "解析并检查政策文件；一次报告全部错误", "Parse and check policy files; report every error at once";
        /// `eval`
        CliEval => "评估案件文件并说明每项结果", "Evaluate case files and explain every outcome";
        /// `batch`
        CliBatch => "评估一个名册：JSON Lines 或 YAML 案件，按输入顺序每个案件一条 JSON 记录，并行，附汇总（合同 §5）", "Evaluate a register: JSON Lines or YAML cases, one JSON record per case in input order, in parallel, with a summary (contract §5)";
        /// `diff`
        CliDiff => "在两个政策（文件或 builtin，均可加 @日期）下评估案件，按变化的规则列出决定有变化的案件", "Evaluate cases under two policies (`FILE`, `builtin`, either with `@DATE`) and report every case whose decision changes, grouped by the rule that changed";
        /// `repl`
        CliRepl => "探索一个案件：修改它，看决定有何变化", "Explore a case: change it, and see what changes in the decision";
        /// `test`
        CliTest => "运行带 `expect:` 的案件文件；报告不一致之处", "Run case files that carry an `expect:` block; report what differs";
        /// `new`
        CliNew => "新建文件：`new case` 输出一个待填写的案件文件，每个键附标签和说明", "Start a file: `new case` writes a case file to fill in, each key with its label and what it takes";
        /// `new`'s argument
        ArgNewWhat => "要新建的文件：case（案件）", "What to start: case";
        /// `schema`
        CliSchema => "输出该政策案件文件的 JSON Schema，供编辑器在输入时检查和补全", "Write the JSON Schema of the policy's case files, for editors to check and complete them as they are typed";
        /// `match`
        CliMatch => "信息比对，生成推送名单：执行与本程序同目录或 PATH 上的 `zhengce-match` 并传入全部参数；`zhengce match --help` 列出其选项", "Registry matching: find in registry extracts who qualifies but is not certified (the push list); runs `zhengce-match` from beside this program or PATH with every argument; `zhengce match --help` lists its options";
        /// `match`'s arguments
        ArgMatchArgs => "传给 `zhengce-match` 的参数（如 `--mapping FILE --out push-list.csv`）", "The arguments of `zhengce-match` (such as `--mapping FILE --out push-list.csv`)";
        /// `serve`
        CliServe => "运行决定服务（HTTP API，供案件管理系统调用）：执行与本程序同目录或 PATH 上的 `zhengce-serve` 并传入全部参数；`zhengce serve --help` 列出其选项", "Run the decision service (an HTTP API for case-management systems): runs `zhengce-serve` from beside this program or PATH with every argument; `zhengce serve --help` lists its options";
        /// `serve`'s arguments
        ArgServeArgs => "传给 `zhengce-serve` 的参数（如 `--listen 127.0.0.1:8080`、`--policy FILE`）", "The arguments of `zhengce-serve` (such as `--listen 127.0.0.1:8080`, `--policy FILE`)";
        /// `lsp`
        CliLsp => "为编辑器提供 LSP 语言服务：输入时显示错误、悬停说明、跳转、补全", "Serve editors (the Language Server Protocol over standard input and output): problems as you type, hovers, go to definition, completion, formatting";
        /// `lsp --lang`
        ArgLspLang => "信息的语言：zh 或 en（默认：编辑器的语言）", "Language of every message: zh or en (default: the editor's)";
        /// `fmt`
        CliFmt => "按统一格式排版政策文件，保留注释；可把关键字改为中文或英文", "Lay policy files out in the one canonical layout (indentation, spaces, blank lines; comments kept), their keywords in Chinese or English if asked";
        /// `fmt`'s files
        ArgFmtFiles => "政策文件；`-` 读标准输入并写到标准输出（默认：zhengce.toml 所在文件夹及其下的全部政策文件）", "Policy files; `-` reads standard input and writes standard output (default: every policy file in the folder of zhengce.toml and below)";
        /// `fmt --check`
        ArgFmtCheck => "不改动文件：列出未按统一格式排版的文件，有则失败（供 CI 使用）", "Change nothing: list the files not in the canonical layout, and fail if any is (for CI)";
        /// `fmt --keywords`
        ArgFmtKeywords => "把全部关键字写成该语言：zh（定义、当、且、年……）或 en（define、when、and、years……）", "Write every keyword in this set: zh (the Chinese keywords) or en (define, when, and, years, …)";
        /// `completions`
        CliCompletions => "输出命令行补全脚本（bash、zsh、fish、elvish、powershell）", "Write a shell completion script (bash, zsh, fish, elvish, powershell)";
        /// `man`
        CliMan => "输出手册页（roff 格式）；用 --out 为每个子命令各写一页", "Write the manual page (roff); with --out, one page per subcommand";
        /// `completions`' shell
        ArgShell => "外壳：bash、zsh、fish、elvish 或 powershell", "The shell: bash, zsh, fish, elvish or powershell";
        /// `man --out`
        ArgManOut => "把手册页写入该文件夹（zhengce.1、zhengce-check.1……），而不是标准输出", "Write the pages into DIR (zhengce.1, zhengce-check.1, …) instead of standard output";
        /// `doc`
        CliDoc => "把政策所依据的通知原文逐条写成 HTML 页面，每个条款旁列出引用它的规则，并标出没有规则引用的条款", "Write the notice a policy encodes as an HTML page, clause by clause beside the rules that cite it, marking the clauses no rule cites";
        /// `doc`'s policy
        ArgDocPolicy => "政策文件（默认：zhengce.toml 指定的政策，否则内置的湖南 2025 政策）；其文件头的 source_text 指明通知原文", "Policy file (default: the one zhengce.toml names, else the built-in Hunan 2025 policy); its header's `source_text` names the notice's text";
        /// `doc --out`
        ArgDocOut => "把页面写入该文件夹的 index.html（文件夹不存在时创建）", "Write the page to DIR/index.html (DIR is made if missing)";
        /// `doc --check`
        ArgDocCheck => "用于持续集成：有条目引用了通知中没有的条款，或引文未见于所引条款时，以退出码 1 结束（仅有无规则引用的条款不算失败）", "For CI: exit with 1 when an item cites a clause the notice lacks, or quotes words its clause does not have (clauses no rule cites alone do not fail)";
        /// `--policy`
        ArgPolicy => "使用的政策文件（默认：zhengce.toml 指定的政策，否则内置的湖南 2025 政策）", "Policy file to use (default: the one zhengce.toml names, else the built-in Hunan 2025 policy)";
        /// an option's default value, after its help
        ArgDefault => "（默认：{}）", " [default: {}]";
        /// `--lang`
        ArgLang => "所有信息的语言：zh 或 en（默认：ZHENGCE_LANG，否则系统语言环境 LC_ALL、LC_MESSAGES、LANG：zh_* 为中文）", "Language of every message: zh or en (default: `ZHENGCE_LANG`, else the locale, `LC_ALL`, `LC_MESSAGES` or `LANG`: zh for `zh_*`)";
        /// `--show-pii`
        ArgShowPii => "完整显示身份证号码（默认遮盖）", "Show resident ID numbers in full instead of masked";
        /// `--max-policy-bytes`
        ArgMaxPolicyBytes => "读取的政策或日历文件的最大字节数", "Largest policy or calendar file read, in bytes";
        /// `--max-case-bytes`
        ArgMaxCaseBytes => "单个案件（一个 YAML 文档）的最大字节数", "Largest single case (one YAML document) read, in bytes";
        /// `check`'s files
        ArgPolicies => "政策文件（默认：zhengce.toml 指定的政策；否则当前文件夹下的湖南政策文件；再否则内置的湖南政策）", "Policy files (default: the one zhengce.toml names, else the Hunan policy's file under the current folder, else the built-in one)";
        /// `--strict`
        ArgStrict => "把每个警告（未使用的定义和字段、永不成立的规则、帮扶分类的重叠或空缺）都当作错误", "Treat every warning (unused definitions and fields, rules that never hold, overlapping tiers or a gap between them) as an error";
        /// `eval`'s cases
        ArgEvalCases => "案件文件（YAML）或目录；`-` 读标准输入", "Case files (YAML) or directories; `-` reads standard input";
        /// `--as-of`
        ArgAsOf => "评估日（YYYY-MM-DD）；优先于案件自己的 as_of", "Evaluation date (YYYY-MM-DD); wins over each case's `as_of`";
        /// `--format`
        ArgFormat => "输出格式：text（供人阅读）或 json（每行一条 JSON 决定记录）", "Output format: text (for people) or json (one JSON decision record per line)";
        /// `--explain`
        ArgExplain => "文本格式显示多少说明：short（成立的规则及理由；不成立的规则只列第一个不满足的条件）或 full（全部）", "How much of the explanation the text format shows: short (what holds and why; for a rule that fails, the first condition that failed) or full";
        /// `batch`'s inputs
        ArgBatchInputs => "JSON Lines（.jsonl、.ndjson）或 YAML 文件、目录，或 `-` 表示标准输入", "JSON Lines (`.jsonl`, `.ndjson`) or YAML files, directories, or `-` for standard input";
        /// `--out`
        ArgOut => "把记录写入文件，而不是标准输出", "Write the records to FILE instead of standard output";
        /// `--jobs`
        ArgJobs => "工作线程数（默认：CPU 核数；最多 64）", "Worker threads (default: the number of cores; at most 64)";
        /// `--trace`
        ArgTrace => "每条记录附带说明（trace；默认不含）", "Include each record's trace (most of the bytes; left out by default)";
        /// `--summary`
        ArgSummary => "另把汇总以 JSON 写入文件", "Also write the summary as JSON to FILE";
        /// `--validate-only`
        ArgValidateOnly => "只按案件格式读取并校验每个案件，不评估（政策的 check 规则也不运行）", "Read and validate every case against the case schema; evaluate nothing (not even the policy's checks)";
        /// `--quiet`
        ArgQuiet => "不在标准错误显示进度条和汇总", "No progress bar and no summary on standard error";
        /// `diff`'s old policy
        ArgDiffOld => "原政策：`文件[@日期]`、`builtin[@日期]`，或含 zhengce.toml 的文件夹（其指定的政策）", "The old policy: `FILE[@DATE]`, `builtin[@DATE]`, or a folder with a zhengce.toml (the policy it names)";
        /// `diff`'s new policy
        ArgDiffNew => "新政策：同上（默认：zhengce.toml 指定的政策）", "The new policy: as OLD (default: the one zhengce.toml names)";
        /// `diff`'s and `test`'s cases
        ArgCases => "案件文件或目录（默认：zhengce.toml 的 cases）", "Case files or directories (default: zhengce.toml's `cases`)";
        /// `repl`'s case
        ArgReplCase => "启动时载入的案件文件", "A case file to load at the start";
        /// `--no-history`
        ArgNoHistory => "不在用户数据目录保存命令历史", "Do not keep the history of commands in the user's data directory";
        /// `--junit`
        ArgJunit => "另把结果以 JUnit XML 写入文件", "Also write the results as JUnit XML to FILE";
        /// `--coverage`
        ArgCoverage => "报告案件使哪些规则和条件为真、为假", "Report which rules and conditions the cases make true and false";
        /// `--coverage-min`
        ArgCoverageMin => "规则覆盖率低于该百分比时失败", "Fail when rule coverage is below PCT percent";
        /// `--mutants`
        ArgMutants => "变异测试：把政策的数值、边界、且/或逐一改动，列出用例没有发现的改动", "Mutation testing: change the policy's numbers, boundaries and and/or one at a time, and list the changes no case notices";
        /// `--mutants-min`
        ArgMutantsMin => "变异得分低于该百分比时失败", "Fail when the mutation score is below PCT percent";
        /// `--equivalent-mutants`
        ArgEquivalentMutants => "声明等价变异体（不会改变任何结果的改动）及其理由的 TOML 文件", "TOML file declaring equivalent mutants (changes that cannot change any outcome) with their reasons";
        /// `--help`
        ArgHelp => "显示帮助", "Print help";
        /// `--version`
        ArgVersion => "显示版本", "Print version";
        /// the help's layout for a command with subcommands
        HelpTemplateTop => "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}\n", "{about-with-newline}\nUsage: {usage}\n\nCommands:\n{subcommands}\n\nOptions:\n{options}\n";
        /// the help's layout for a subcommand
        HelpTemplateSub => "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}\n", "{about-with-newline}\nUsage: {usage}\n\nArguments:\n{positionals}\n\nOptions:\n{options}\n";
        /// the layout of the help of a program with options only (`zhengce-match`)
        HelpTemplateProgram => "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}\n", "{about-with-newline}\nUsage: {usage}\n\nOptions:\n{options}\n";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_help_text_has_both_languages() {
        super::HelpMsg::check_all().unwrap();
    }
}
