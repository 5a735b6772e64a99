//! What the lints say about a policy, in Chinese and in English.

crate::catalogue! {
    /// A message of the lints.
    pub enum LintMsg {
        /// a definition nothing reads (the name)
        UnusedDefinition => "定义 `{}` 未被任何规则使用", "definition `{}` is not used by any rule";
        /// a parameter nothing reads (the name)
        UnusedParameter => "参数 `{}` 未被任何规则使用", "parameter `{}` is not used by any rule";
        /// the label under something unused
        Unused => "未使用", "unused";
        /// what to do with an unused definition
        RemoveOrUse => "删除它，或在规则或 `decision` 块中使用它", "remove it, or use it in a rule or in the `decision` block";
        /// the same in an amended policy, for what an earlier document defines (the name)
        RepealDefineOrUse => "在修订文件中用 `repeal define {} cites \"…\"` 废止它，或在规则或 `decision` 块中使用它", "repeal it in the amendment with `repeal define {} cites \"…\"`, or use it in a rule or in the `decision` block";
        /// what to do with an unused case field in an amended policy (the path)
        RepealFieldOrUse => "在修订文件中用 `repeal field {} cites \"…\"` 废止它，或在规则中使用它", "repeal it in the amendment with `repeal field {} cites \"…\"`, or use it in a rule";
        /// a case field nothing reads (the field)
        UnusedCaseField => "案件字段 `{}` 未被任何规则读取", "case field `{}` is not read by any rule";
        /// what to do with an unused case field
        UseOrNote => "使用它、删除它，或在其标签后用 `note \"…\"` 说明保留的原因", "use it, remove it, or say why it is kept with `note \"…\"` after its label";
        /// a rule whose condition is always false (kind, id)
        NeverHolds => "`{} {}` 永不成立：其条件恒为假", "{} {} can never hold: its condition is always false";
        /// the label under it
        NeverHoldsLabel => "永不成立", "never holds";
        /// what to do about it
        CheckCondition => "请检查条件；永不成立的规则不表达任何内容", "check the condition; a rule that cannot hold encodes nothing";
        /// two tiers that hold together (a, b, the input)
        TierOverlap => "`tier {}` 与 `tier {}` 在以下情形同时成立：{}", "tier {} and tier {} both hold when {}";
        /// the label under the second tier
        Overlaps => "重叠", "overlaps";
        /// the label under the first tier
        WithThisTier => "与此帮扶分类重叠", "with this tier";
        /// an input for which no tier holds (the input)
        TierGap => "在以下情形没有任何帮扶分类成立：{}", "no tier holds when {}";
        /// the label under the first tier
        TiersLeaveGap => "帮扶分类之间有空缺", "tiers leave a gap";
        /// what every input needs
        TierGapHelp => "每个应当得到帮扶分类的情形，都需要有一个条件成立的帮扶分类", "every input that should get a tier needs one tier whose condition holds";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_has_both_languages() {
        super::LintMsg::check_all().unwrap();
    }
}
