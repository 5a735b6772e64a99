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
        /// standard input is read as JSON Lines though its first line is a comment
        StdinCommentFirst => "注意：标准输入的第一个非空行是注释，既不是 `---` 也不是 `键:` 行，因此按 JSON Lines 读取（契约 §5）；YAML 案件请以 `---` 开头", "note: the first line of standard input that is not blank is a comment, neither `---` nor a `key:` line, so it is read as JSON Lines (contract §5); start YAML cases with `---`";
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
