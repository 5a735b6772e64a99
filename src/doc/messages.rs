//! The words of the notice's page, in Chinese and in English (the policy's own labels,
//! quotes and the notice's text come from the policy and the notice).

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
        /// how many items cite no clause of the notice, or none at all (count, count)
        Elsewhere => "另有 {} 个条目引用了原文中没有的条款，{} 个条目未引用条款。", "{} more items cite clauses the notice does not have, and {} cite none.";
        /// the badge of a clause no item cites
        NotEncoded => "无规则引用", "not encoded";
        /// the text before the first section
        Preamble => "开头", "preamble";
        /// the signatures, the date and the notes after the text
        Closing => "落款", "closing";
        /// more of a section's text after its list (the section's id)
        Continued => "{}（续）", "{} (continued)";
        /// heading: items citing a clause the notice does not have
        CitesElsewhere => "引用了原文中没有的条款", "Citing clauses the notice does not have";
        /// what that section lists
        CitesElsewhereNote => "这些条目引用的条款号在通知原文中找不到（例如契约条款，或原文缺少编号的条款）。", "The clause these items cite is not one the notice's text numbers (a contract's section, or a clause whose number the text lacks).";
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
        /// a link back to the top of the page
        Top => "回到顶部", "back to top";
        /// the link from the summary to the notice's text
        ToNotice => "通知原文", "the notice";
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
