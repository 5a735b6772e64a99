//! What a batch says besides its records' diagnostics, in Chinese and English: where
//! the first case of a duplicate id is, and the batch command's error lines.

crate::catalogue! {
    /// A message of a batch.
    pub enum BatchMsg {
        /// where the first case with an id is (file, line)
        FirstAt => "第一个使用此编号的案件在 `{}` 第 {} 行", "the first case with this id is at {} line {}";
        /// `--out` names an input (out, input)
        OutIsInput => "错误：`--out {}` 就是输入文件 `{}`：写入记录会在读取案件之前把它们抹掉", "error: `--out {}` is the input `{}`: writing the records would erase the cases before they are read";
        /// the records cannot be written (path, why)
        CannotWrite => "错误：无法写入 `{}`：{}", "error: cannot write `{}`: {}";
        /// writing the records failed (why)
        WriteFailed => "错误：写入记录失败：{}", "error: {}";
        /// how many of the errors are duplicate ids (how many)
        OfWhichDuplicates => "（其中案件编号重复 {}）", " (of which duplicate ids {})";
        /// the summary cannot be written (path, why)
        CannotWriteSummary => "错误：无法把汇总写入 `{}`：{}", "error: cannot write the summary to `{}`: {}";
    }
}

#[cfg(test)]
mod tests {
    use super::BatchMsg;

    #[test]
    fn every_message_has_both_languages() {
        BatchMsg::check_all().unwrap();
    }
}
