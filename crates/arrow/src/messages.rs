//! What the Arrow evaluator says, in Chinese and English.

zhengce::catalogue! {
    /// A message of the Arrow evaluator.
    pub enum ArrowMsg {
        /// a definition named that the policy lacks (the name)
        NoDefinition => "政策中没有定义 `{}`", "the policy has no definition `{}`";
        /// the same, with the likely one (the name, the hint)
        NoDefinitionGuess => "政策中没有定义 `{}`；{}", "the policy has no definition `{}`; {}";
        /// a column of a type no case field takes (the column, its type)
        ColumnType => "列 `{}` 的类型 {} 不能作为案件字段读取（可用：文本、布尔值、整数、日期）", "column `{}` has type {}, which no case field takes (text, booleans, whole numbers and dates can be read)";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_written_in_both_languages() {
        assert_eq!(super::ArrowMsg::check_all(), Ok(()));
    }
}
