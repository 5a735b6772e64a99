//! What a mutants run says, in Chinese and English.

crate::catalogue! {
    /// A message of a mutants run.
    pub enum MutantsMsg {
        /// heading of the survivors
        Survivors => "存活的变异体（用例没有测到的边界）：", "surviving mutants (boundaries the cases do not test):";
        /// no mutant survived
        NoSurvivors => "没有存活的变异体", "no mutant survived";
        /// heading of the equivalent mutants
        Equivalents => "等价的变异体（不计入得分）：", "equivalent mutants (not counted):";
        /// why an equivalent mutant is (the reason)
        Reason => "原因：{}", "reason: {}";
        /// an integer changed by one
        Number => "数值±1", "number ±1";
        /// a comparison's boundary moved
        Boundary => "边界", "boundary";
        /// `and` and `or` swapped
        Connective => "且/或互换", "and/or swapped";
        /// a condition of a chain dropped
        Dropped => "删去条件", "condition dropped";
        /// the mechanical reason of an equivalent mutant
        SameProgram => "变异后检查所得的程序与原政策的相同", "the mutant's checked program is the policy's own";
        /// the summary (generated, checked, not checking, killed, survived, equivalent, score)
        Summary => "变异体：生成 {}，通过检查 {}（另有 {} 个未通过检查，不计入），被杀死 {}，存活 {}，等价 {}；得分 {}%（被杀死 ÷（通过检查 − 等价））", "mutants: {} generated, {} check ({} more do not, not counted), {} killed, {} survived, {} equivalent; score {}% (killed / (checked − equivalent))";
        /// mutants past the limit (how many, the limit)
        NotRun => "另有 {} 个变异体超出上限 {}，未运行", "{} more mutants past the limit of {} were not run";
        /// the score is below `--mutants-min` (score, minimum)
        BelowMinimum => "变异得分 {}% 低于下限 {}%", "mutation score {}% is below the minimum {}%";
        /// the cases fail on the policy itself (how many, the first)
        OriginalFails => "错误：有 {} 个用例在原政策上就不通过（第一个：`{}`）：请先修正用例，再做变异测试", "error: {} cases fail on the policy itself (the first: `{}`): fix them before running mutants";
        /// no case has an `expect:` block (the paths)
        NoExpectations => "错误：`{}` 下没有带 `expect:` 的用例，无从判断变异体", "error: no case under `{}` has an `expect:` block: nothing can notice a mutant";
        /// the equivalents file cannot be read (path, why)
        CannotRead => "错误：无法读取等价变异体文件 `{}`：{}", "error: cannot read the equivalent-mutants file `{}`: {}";
        /// the equivalents file is malformed (file, line, column, what)
        Malformed => "{}:{}:{}: 错误：等价变异体文件有误：{}", "{}:{}:{}: error: the equivalent-mutants file is malformed: {}";
        /// TOML that does not read (the parser's words)
        BadToml => "不是有效的 TOML（{}）", "not valid TOML ({})";
        /// an entry that names no place
        NoPlace => "每一项须写明位置：`place = \"文件:行:列\"`，或 `file`、`line` 和 `change`", "each entry names its place: `place = \"file:line:col\"`, or `file`, `line` and `change`";
        /// an entry without a reason
        NoReason => "每一项须写明 `reason`（为何这个变异体不会改变任何结果）", "each entry gives a `reason` (why the mutant cannot change any outcome)";
        /// a place that is not file:line:col (the place)
        BadPlace => "`{}` 不是“文件:行:列”", "`{}` is not `file:line:col`";
        /// a declared equivalent that matches no mutant (file, line, column, what it names)
        Stale => "{}:{}:{}: 警告：声明的等价变异体 {} 与任何变异体都对不上（已过时？）", "{}:{}:{}: warning: the declared equivalent mutant {} matches no mutant (stale?)";
        /// a declared equivalent that a case kills (file, line, column, the mutant, the case)
        Killed => "{}:{}:{}: 警告：声明为等价的变异体 {} 被用例 `{}` 杀死了，并不等价", "{}:{}:{}: warning: the mutant {} declared equivalent is killed by case `{}`: it is not equivalent";
    }
}

#[cfg(test)]
mod tests {
    use super::MutantsMsg;

    #[test]
    fn every_message_has_both_languages() {
        MutantsMsg::check_all().unwrap();
    }
}
