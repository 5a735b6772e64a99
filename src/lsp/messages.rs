//! The words of the editor's hovers, in both languages.

use crate::doc::items::ItemKind;
use crate::lang::Lang;
use crate::report::messages::kind_heading;

/// What an item is, in a word of `lang`.
pub(super) fn kind_word(kind: ItemKind, lang: Lang) -> &'static str {
    let word = match kind {
        ItemKind::Rule(k) => return kind_heading(k, lang),
        ItemKind::Define => LspMsg::Definition,
        ItemKind::Param => LspMsg::Parameter,
        ItemKind::Table => LspMsg::Table,
        ItemKind::Enum => LspMsg::Enum,
        ItemKind::Repeal => LspMsg::Repeal,
    };
    word.text(lang)
}

crate::catalogue! {
    /// The words of the editor's hovers.
    pub enum LspMsg {
        /// a definition
        Definition => "定义", "definition";
        /// a parameter
        Parameter => "参数", "parameter";
        /// a table
        Table => "表", "table";
        /// an enum
        Enum => "枚举", "enum";
        /// a repeal
        Repeal => "废止", "repeal";
        /// before the clause an item cites
        Cites => "引用", "cites";
        /// a field of the case
        CaseField => "案件字段", "case field";
        /// a value of an enum
        EnumValue => "枚举值", "enum value";
        /// after what an optional field holds
        MayBeLeftOut => "（可不填）", " (may be left out)";
        /// a hover found by name while the policy has errors
        FoundByName => "政策有错误，尚未检查通过：按名称找到此声明", "the policy has errors and is not checked: this declaration was found by its name";
    }
}
