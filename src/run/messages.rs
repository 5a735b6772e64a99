//! What running cases says about a case as a whole, in Chinese and English: its id
//! used twice, its evaluation date, the policy's period in force, a case file that
//! cannot be read.

crate::catalogue! {
    /// A message of running cases.
    pub enum RunMsg {
        /// a case id used before (the id)
        DuplicateId => "案件编号 `{}` 已被前面的案件使用", "case id `{}` is used by an earlier case";
        /// what to do about it (where the first is)
        HelpUniqueIds => "同一批次中案件编号不能重复；{}", "case ids are unique across a batch; {}";
        /// where the first is, in a run that evaluated it
        FirstEvaluated => "第一个使用此编号的案件已经评估", "the first case with this id was evaluated";
        /// no evaluation date
        NoEvaluationDate => "案件没有评估日", "the case has no evaluation date";
        /// what to do about it
        HelpGiveAsOf => "请为案件填写 `as_of: YYYY-MM-DD`，或运行时加上 `--as-of`", "give the case an `as_of: YYYY-MM-DD`, or run with `--as-of`";
        /// evaluated on the clock's date (the date)
        EvaluatedToday => "按今天的日期 {} 评估", "evaluated on today's date, {}";
        /// a policy not yet in force (policy, its start, the date)
        NotYetInForce => "`{}` 自 {} 起施行，晚于 {}", "`{}` takes effect on {}, after {}";
        /// what to do about it
        HelpLaterDate => "请按更晚的日期评估，或改用在该日有效的政策", "evaluate on a later date, or with the policy in force on this one";
        /// a policy whose validity has run out (policy, its end, its start)
        Expired => "`{}` 的有效期至 {}（自 {} 起）", "`{}` was valid until {} (in force from {})";
        /// what to do about it
        HelpExpired => "有效期已过：请改用取代它的政策", "its validity has run out: use the policy that replaced it";
        /// an enum value the version of the policy in force does not have (value, enum, version)
        ValueNotInForce => "`{}` 不是 `{}` 在 `{}` 中的值，按未填写处理", "`{}` is not a value of `{}` in `{}`: taken as not given";
        /// what to do about it
        HelpValueNotInForce => "在此评估日有效的版本中，`{}` 的值为 {}", "in the version in force on this evaluation date, the values of `{}` are {}";
        /// a file that cannot be read (name, why)
        CannotRead => "无法读取 `{}`：{}", "cannot read `{}`: {}";
    }
}

#[cfg(test)]
mod tests {
    use super::RunMsg;

    #[test]
    fn every_message_has_both_languages() {
        RunMsg::check_all().unwrap();
    }
}
