//! What `zhengce match` says, in Chinese and English.

zhengce::catalogue! {
    /// A message of `zhengce match`.
    pub enum MatchMsg {
        /// a file that cannot be read (the file, why)
        CannotRead => "无法读取 {}：{}", "cannot read {}: {}";
        /// a file that cannot be written (the file, why)
        CannotWrite => "无法写入 {}：{}", "cannot write {}: {}";
        /// a mapping that is not valid TOML or not a mapping (why)
        BadMapping => "映射文件有误：{}", "the mapping is not valid: {}";
        /// where in the mapping (file, line, column)
        At => "位置：{} 第 {} 行第 {} 列", "at {} line {}, column {}";
        /// a date that is not one (the value)
        AsOfNotDate => "`as_of` 必须是日期（YYYY-MM-DD），而不是 {}", "`as_of` must be a date (YYYY-MM-DD), not {}";
        /// no evaluation date
        NoAsOf => "没有评估日：请在映射中写 `as_of = 2026-06-30`，或使用 `--as-of`", "no evaluation date: write `as_of = 2026-06-30` in the mapping, or give `--as-of`";
        /// the policy does not load
        PolicyBroken => "政策文件有错误，无法比对", "the policy has errors: nothing was matched";
        /// a CSV header that is not UTF-8 (the file)
        HeaderNotUtf8 => "登记表 {} 的表头不是 UTF-8：若是 GB18030，请在映射中为它写 `encoding = \"gb18030\"`", "the header of registry {} is not UTF-8: if the file is GB18030, write `encoding = \"gb18030\"` for it in the mapping";
        /// a registry file of a kind not read (the file)
        UnknownFileKind => "登记表 {} 须为 .csv 或 .parquet 文件", "registry {} must be a .csv or .parquet file";
        /// the query engine's refusal (what it said)
        QueryFailed => "查询失败：{}", "the query failed: {}";
        /// `--memory-mb` below 64 or not a number (what was given)
        MemoryAtLeast => "`--memory-mb` 须为至少 64 的整数（兆字节），而不是 {}", "`--memory-mb` must be a whole number of at least 64 (megabytes), not {}";
        /// the query engine ran out of memory (the megabytes it had)
        MoreMemory => "提示：查询引擎的内存不够，请加大 `--memory-mb`（这次为 {} MB）", "hint: the query engine ran out of memory: give it more with `--memory-mb` (it had {} MB)";
        /// a column of the query result that is not what it should be (column, why)
        BadColumn => "查询结果的列 `{}`：{}", "column `{}` of the query result: {}";
        /// the column naming the person is missing (the column)
        NoPersonColumn => "查询结果没有 `{}` 列（映射的 `person`）", "the query result has no column `{}` (the mapping's `person`)";
        /// a registry's ID column is missing (registry, column)
        NoIdColumn => "登记表 {} 没有 `{}` 列", "registry {} has no column `{}`";

        // Problems of rows, in the error table.
        /// no ID
        IdMissing => "缺少身份证号码", "no ID number";
        /// the same ID on an earlier row (that row)
        IdTwice => "与第 {} 行的身份证号码相同", "the same ID number as row {}";
        /// a row with another number of fields than the header (its fields, the header's)
        FieldCount => "这一行有 {} 个字段，而表头有 {} 个：未读入，请检查引号和逗号", "fields: {} in this row, {} in the header; not read (check its quotes and commas)";
        /// a row with bytes that are not UTF-8
        RowNotUtf8 => "这一行有不是 UTF-8 的字节：未读入，请检查登记表的编码", "this row has bytes that are not UTF-8: not read (check the extract's encoding)";
        /// an impossible date (why)
        BadDate => "日期无效：{}", "not a valid date: {}";
        /// the same person twice in the query result
        PersonTwice => "同一人在查询结果中出现多次（只比对第一次）", "the same person appears more than once in the query result (the first is matched)";
        /// where a problem of the query result is
        QueryResult => "查询结果", "query result";

        // The error table's and push list's headings.
        /// heading
        HeadSource => "来源", "source";
        /// heading
        HeadRow => "行", "row";
        /// heading
        HeadColumn => "列", "column";
        /// heading
        HeadValue => "值", "value";
        /// heading
        HeadProblem => "问题", "problem";
        /// heading
        HeadId => "身份证号码", "ID number";
        /// heading
        HeadDistrict => "区县", "district";
        /// heading
        HeadCategories => "类别", "categories";
        /// heading
        HeadClauses => "条款", "clauses";
        /// heading
        HeadReasons => "理由", "reasons";

        // The summary on standard error.
        /// counts (cases, listed, problems)
        Summary => "比对 {} 人：推送名单 {} 人，数据问题 {} 条", "matched {} people: {} on the push list, {} data problems";
        /// the heading of the counts per district
        ByDistrict => "按区县：", "by district:";
        /// the heading of the counts per category
        ByCategory => "按类别：", "by category:";
        /// no district
        NoDistrict => "（未填写）", "(none)";
        /// where the outputs are (list, parquet, errors)
        Written => "已写出 {}、{}、{}", "wrote {}, {} and {}";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_written_in_both_languages() {
        assert_eq!(super::MatchMsg::check_all(), Ok(()));
    }
}
