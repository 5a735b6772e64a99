//! What the Python package says, in Chinese and English.

zhengce::catalogue! {
    /// A message of the Python package.
    pub enum PyMsg {
        /// a language that is neither (the value)
        BadLang => "`lang` 应为 \"zh\" 或 \"en\"，而不是 {}", "`lang` must be \"zh\" or \"en\", not {}";
        /// an evaluation date that is not one (the value, why)
        BadAsOf => "`as_of` 必须是日期（YYYY-MM-DD）：{}（{}）", "`as_of` must be a date (YYYY-MM-DD): {} ({})";
        /// the policy does not load (the policy)
        PolicyBroken => "政策 {} 有错误，未作评估", "the policy {} has errors: nothing was evaluated";
        /// what to do about an error of the policy (the help)
        Help => "提示：{}", "help: {}";
        /// the built-in policy, where a path would be named
        Builtin => "内置政策", "built-in policy";
        /// the decisions could not be put in a record batch (what Arrow said)
        NoBatch => "无法生成结果批次：{}", "the result batch could not be made: {}";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_written_in_both_languages() {
        assert_eq!(super::PyMsg::check_all(), Ok(()));
    }
}
