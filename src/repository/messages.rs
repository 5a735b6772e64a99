//! What reading a policy repository's `zhengce.toml` says, in Chinese and in English.

crate::catalogue! {
    /// A message about `zhengce.toml`.
    pub enum SettingsMsg {
        /// text that is not TOML (the parser's own words)
        NotToml => "zhengce.toml 不是有效的 TOML：{}", "zhengce.toml is not valid TOML: {}";
        /// the label under where the TOML parser stopped
        HereLabel => "此处", "here";
        /// how TOML is written
        TomlHelp => "每行写一项设置，如 `policy = \"policies/本省.policy\"`；文字加英文双引号", "write one setting a line, e.g. `policy = \"policies/province.policy\"`; texts in double quotes";
        /// a key zhengce.toml does not have (the key)
        UnknownKey => "zhengce.toml 没有设置项 `{}`", "zhengce.toml has no setting `{}`";
        /// the settings there are (the list)
        KnownKeys => "可用的设置项：{}", "the settings are: {}";
        /// a setting of the wrong kind (the key, what it must be)
        WrongKind => "设置项 `{}` 应为{}", "the setting `{}` must be {}";
        /// the label under a value of the wrong kind
        ThisValue => "此值", "this value";
        /// a setting written as it should be (an example)
        Example => "例如 `{}`", "for example `{}`";
        /// what `policy` must be
        AText => "一个文字（文件路径）", "a text (a file path)";
        /// what `cases` must be
        AListOfTexts => "文字列表（文件夹或文件路径），如 `[\"cases\"]`", "a list of texts (folders or files), e.g. `[\"cases\"]`";
        /// what a percentage must be
        APercent => "0 到 100 之间的数", "a number from 0 to 100";
        /// a path named in zhengce.toml that does not exist (the key, the path as resolved)
        NoSuchPath => "设置项 `{}` 指定的 `{}` 不存在", "`{}` names `{}`, which does not exist";
        /// a setting that names a folder where a file is needed (the key, the path as resolved)
        NotAFile => "设置项 `{}` 指定的 `{}` 是文件夹，应为文件", "`{}` names `{}`, a folder: it must name a file";
        /// where the paths of zhengce.toml start
        PathsHelp => "zhengce.toml 中的路径相对于 zhengce.toml 所在的文件夹", "paths in zhengce.toml are relative to the folder zhengce.toml is in";
        /// the label under a path that does not exist
        ThisPath => "此路径", "this path";
        /// zhengce.toml cannot be read (the path, why)
        CannotRead => "无法读取 `{}`：{}", "cannot read `{}`: {}";
        /// what to do about an unreadable zhengce.toml
        CannotReadHelp => "zhengce.toml 应为 UTF-8 文本文件", "zhengce.toml must be a UTF-8 text file";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        SettingsMsg::check_all().unwrap();
    }
}
