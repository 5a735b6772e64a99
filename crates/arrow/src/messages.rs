//! What the Arrow evaluator says, in Chinese and English.

zhengce::catalogue! {
    /// A message of the Arrow evaluator.
    pub enum ArrowMsg {
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
