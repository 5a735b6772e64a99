//! The words of the notice's page and of what `zhengce doc` says of it on the terminal,
//! in Chinese and in English (the policy's own labels, quotes and the notice's text come
//! from the policy and the notice).

crate::catalogue! {
    /// A word or sentence of the page.
    pub enum DocMsg {
        /// the page's title (the policy's title)
        PageTitle => "{}：通知原文与规则对照", "{}: the notice beside its rules";
        /// the policy's id
        PolicyId => "政策编号", "policy id";
        /// who issued the document
        Issuer => "发文机关", "issuer";
        /// the document number
        Document => "文号", "document number";
        /// the date the document was issued
        Issued => "成文日期", "issued";
        /// the date it takes effect
        Effective => "施行日期", "in force from";
        /// an effective date the text leaves blank
        EffectiveUnspecified => "原文未载明", "not given in the text";
        /// how long it stays in force
        ValidFor => "有效期", "valid for";
        /// the policy file the page is made from
        PolicyFile => "政策文件", "policy file";
        /// the notice's text file
        SourceFile => "通知原文", "source text";
        /// how many clauses rules cite (all clauses, those cited)
        Coverage => "通知共 {} 个条款，其中 {} 个有规则引用", "{} clauses in the notice, {} of them encoded";
        /// before the list of clauses no rule cites
        UncitedClauses => "无规则引用的条款：", "clauses not encoded: ";
        /// every clause is cited
        EveryClauseCited => "每个条款都有规则引用。", "every clause is encoded.";
        /// what the highlighted text is
        Legend => "高亮部分是规则所引用的原文。", "Highlighted: the words the rules quote.";
        /// clauses that are headings only, after the count (how many)
        HeadingsNotCounted => "（另有 {} 个条款只是标题，不计入）", " ({} more clauses are headings only, not counted)";
        /// a notice in which no numbering was found
        NoNumbering => "通知原文中没有找到条款编号（“一、”“第一条”或“（一）”），无法逐条对照，也无从得知哪些条款有规则引用；下面是原文全文。", "No clause numbering (`一、`, `第一条` or `（一）`) was found in the notice's text: it cannot be compared clause by clause, nor can the page tell which clauses are encoded. Its whole text follows.";
        /// how many items cite a clause the notice lacks, a clause of another document, or none (counts)
        Elsewhere => "引用了原文中没有的条款的条目：{} 个；引用其他文件条款的条目：{} 个；未引用条款的条目：{} 个。", "Items citing clauses the notice does not have: {}; citing clauses of other documents: {}; citing no clause: {}.";
        /// the badge of a clause no item cites
        NotEncoded => "无规则引用", "not encoded";
        /// the badge of a clause that is a heading only
        HeadingOnly => "标题，不计入", "heading only, not counted";
        /// the text before the first section
        Preamble => "开头", "preamble";
        /// the signatures, the date and the notes after the text
        Closing => "落款", "closing";
        /// more of a section's text after its list (the section's id)
        Continued => "{}（续）", "{} (continued)";
        /// heading: items citing a clause the notice does not have
        CitesElsewhere => "引用了原文中没有的条款", "Citing clauses the notice does not have";
        /// what that section lists
        CitesElsewhereNote => "这些条目引用的条款号形如通知的条款号，但通知原文中没有（条款号有误，或原文缺少该条款）。", "These items cite a clause numbered as the notice numbers its clauses, which its text does not have (a wrong number, or a clause missing from the text).";
        /// heading: items citing a clause of another document
        CitesOtherDocuments => "引用其他文件条款的条目", "Items citing clauses of other documents";
        /// what that section lists
        CitesOtherDocumentsNote => "这些条目引用的不是通知的条款（例如契约条款），不与通知原文核对。", "These items cite a clause of another document (a contract's section, say): they are not checked against the notice.";
        /// heading: items citing no clause
        CitesNothing => "未引用条款的条目", "Items citing no clause";
        /// heading: the items of the policies this one builds on
        BuildsOn => "所依据的其他政策文件中的条目", "Items of the policies it builds on";
        /// a policy file's heading there (its id, its file)
        FileHeading => "{}（{}）", "{} ({})";
        /// before the clause an item cites
        Cites => "引用", "cites";
        /// a quote that is not in the text of the clause cited
        QuoteNotFound => "引文未见于该条款原文", "quote not found in the clause's text";
        /// a definition
        Define => "定义", "definition";
        /// a parameter
        Param => "参数", "parameter";
        /// a table
        Table => "表", "table";
        /// an enumeration
        Enum => "枚举", "enumeration";
        /// a repeal in an amending document
        Repeal => "废止", "repeal";
        /// an item that replaces one of the amended policy
        Replaces => "（修改）", " (replaces)";
        /// heading: the fields of the case
        CaseFields => "案卷字段", "Case fields";
        /// what that section lists
        CaseFieldsNote => "规则所读取的案卷字段（政策文件的 case／案卷块）；规则原文中的字段名链接到这里。", "The fields of the case the rules read (the policy's `case` blocks); the field names in the rules' text link here.";
        /// the column of a field's path
        FieldName => "字段", "field";
        /// the column of a field's label
        FieldLabel => "说明", "label";
        /// the column of what a field holds
        FieldKind => "类型", "kind of value";
        /// after the kind of a field a case may leave out
        Optional => "（可省略）", " (optional)";
        /// a link back to the top of the page
        Top => "回到顶部", "back to top";
        /// the link from the summary to the notice's text
        ToNotice => "通知原文", "the notice";
        /// on the terminal: a notice in which no numbering was found (its file)
        TermNoNumbering => "警告：{} 中没有找到条款编号（“一、”“第一条”或“（一）”），页面无法逐条对照，也无从得知哪些条款有规则引用", "warning: no clause numbering (`一、`, `第一条` or `（一）`) found in {}: the page cannot compare it clause by clause, nor tell which clauses are encoded";
        /// on the terminal: the clauses no item cites (their ids)
        TermUncited => "无规则引用的条款：{}", "clauses not encoded: {}";
        /// between the ids of a list on the terminal
        TermListSeparator => "、", ", ";
        /// on the terminal, before the items citing a clause the notice lacks (how many)
        TermMissingClauses => "引用了通知中没有的条款（{} 个条目）：", "items citing a clause the notice lacks ({}):";
        /// on the terminal, before the items whose quote is not in their clause (how many)
        TermQuotesNotFound => "引文未见于所引条款（{} 个条目）：", "quotes not found in their clause ({} items):";
        /// on the terminal, an item (its place, name and the clause it cites)
        TermItem => "{} {}（引用 {}）", "{} {} (cites {})";
        /// on the terminal: items citing clauses of other documents (how many)
        TermOtherDocuments => "引用其他文件条款的条目（不与通知核对）：{} 个", "items citing clauses of other documents (not checked against the notice): {}";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        DocMsg::check_all().unwrap();
    }
}
