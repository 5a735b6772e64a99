//! What loading a policy says, in Chinese and in English: files that cannot be read,
//! and policy files that build on each other in a circle.

use crate::input::ReadError;
use crate::lang::Text;

crate::catalogue! {
    /// A message of loading a policy.
    pub enum LoadMsg {
        /// policy files that build on each other in a circle (the files, the first again)
        ImportCycle => "政策文件互相引入，形成循环：{} → {}", "policy files build on each other in a circle: {} → {}";
        /// when a policy may build on another
        ImportCycleHelp => "政策不能互相引入：被引入的政策不能直接或间接地再引入本政策", "a policy may build on another only when that one does not build on it, directly or indirectly";
        /// a file that cannot be read (what file, the path, why)
        CannotRead => "无法读取{}文件 `{}`：{}", "cannot read {} file `{}`: {}";
        /// a file that is not UTF-8 (what file)
        NotUtf8 => "{}文件不是 UTF-8 文本", "the {} file is not UTF-8 text";
        /// the label under the first byte that is not UTF-8
        ThisByte => "此字节", "this byte";
        /// how to fix a file that is not UTF-8
        SaveAsUtf8 => "请把文件另存为 UTF-8 编码", "save the file as UTF-8";
        /// a policy file
        Policy => "政策", "policy";
        /// a calendar file
        Calendar => "日历", "calendar";
        /// where the paths of `uses`, `calendar` and `source_text` start
        RelativePaths => "`uses`、`calendar` 和 `source_text` 中的路径相对于写有它们的政策文件", "paths in `uses`, `calendar` and `source_text` are relative to the policy file that names them";
        /// the text of the notice a policy encodes (`source_text`)
        SourceText => "通知原文", "source text";
        /// a policy whose header names no source text
        NoSourceText => "政策没有指明通知原文（文件头中的 `source_text`）", "the policy names no source text (`source_text` in its header)";
        /// the label under the policy's id
        ThisPolicy => "此政策", "this policy";
        /// how to name the source text
        NameSourceText => "在文件头中写上 `source_text \"通知.txt\"`：通知原文的 UTF-8 文本文件，路径相对于政策文件", "add `source_text \"notice.txt\"` to the header: a UTF-8 text file of the notice, its path relative to the policy file";
        /// how to read a larger file
        RaiseLimit => "政策文件通常只有几十 KB；可用 `--max-policy-bytes` 提高上限", "a policy file is tens of kilobytes; raise the limit with `--max-policy-bytes`";
        /// what to name instead of a device or folder (what file)
        NameAFile => "请指定一个{}文件", "name a {} file";
        /// where the path of a policy file named on the command line starts
        CheckThePath => "请检查路径（相对于当前目录）；不指定政策文件时使用内置政策", "check the path (it is relative to the current folder); with no policy file named, the built-in policy is used";
        /// a file the built-in policies do not have
        NoBuiltin => "没有这个内置政策文件", "no such built-in policy file";
    }
}

/// Why a policy file could not be read, in each language (see [`ReadError::text`]); a
/// built-in file that does not exist in the catalogue's words.
pub(super) fn read_error(e: &ReadError) -> Text {
    match e {
        ReadError::Io(e) if e == LoadMsg::NoBuiltin.template().en => LoadMsg::NoBuiltin.into(),
        other => other.text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        LoadMsg::check_all().unwrap();
    }

    #[test]
    fn the_common_system_errors_are_told_in_the_catalogue_s_words() {
        let missing = read_error(&ReadError::Io("No such file or directory (os error 2)".into()));
        assert_eq!(missing.en(), "no such file or directory");
        assert_eq!(missing.zh(), "文件不存在");
        let device = read_error(&ReadError::NotRegular("a device"));
        assert_eq!(device.en(), "it is a device, not a regular file");
        assert_eq!(device.zh(), "它是设备，不是普通文件");
    }
}
