//! `zhengce-match`'s command line (also `zhengce match …`, which passes its arguments
//! here): the options, their help in the user's language laid out as the core's commands
//! lay out theirs, and mistakes told by the core's teller of clap errors.

use crate::messages::MatchMsg;
use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::path::PathBuf;
use zhengce::cli::help::{Told, parse_program, program_command};
use zhengce::cli::usage::BadValue;
use zhengce::lang::Lang;

/// zhengce match: the people in registry extracts who qualify but are not certified.
#[derive(Parser, Debug)]
#[command(name = "zhengce match", bin_name = "zhengce match", version)]
pub struct Args {
    /// The mapping file (TOML).
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// The evaluation date, over the mapping's.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// The push list (CSV).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The counts (JSON).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// ID numbers in full.
    #[arg(long)]
    pub show_pii: bool,
    /// The language of messages and headings.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// The query engine's memory in MB.
    // Each sort of a join sets aside 10 MB to merge what it spilled: below 64 MB a
    // query of a few joins cannot start.
    #[arg(long, value_name = "MB", default_value_t = 1024, value_parser = memory_mb)]
    pub memory_mb: u64,
}

zhengce::catalogue! {
    /// The words of `zhengce match --help`.
    pub enum HelpMsg {
        /// what the program does
        About => "信息比对：从登记表中找出符合条件但尚未认定的人员，写出推送名单和数据问题表", "Registry matching: the people in registry extracts who qualify but are not certified, as a push list and a table of data problems";
        /// `--mapping`
        Mapping => "映射文件（TOML）：登记表、查询语句、名单条件", "The mapping file (TOML): the extracts, the query, who is listed";
        /// `--as-of`
        AsOf => "评估日（YYYY-MM-DD），优先于映射中的 as_of", "Evaluation date (YYYY-MM-DD), over the mapping's as_of";
        /// `--out`
        Out => "推送名单（CSV）；同名的 .parquet 和 .errors.csv 写在它旁边", "The push list (CSV); the .parquet and .errors.csv of the same name go beside it";
        /// `--summary`
        Summary => "另把按区县和类别的统计写成 JSON 文件", "Also write the counts per district and category as JSON to this file";
        /// `--show-pii`
        ShowPii => "完整显示身份证号码（默认遮盖）", "Show ID numbers in full (masked by default)";
        /// `--lang`
        Lang => "所有信息和表头的语言：zh 或 en（默认：ZHENGCE_LANG，否则系统语言环境）", "Language of all messages and headings: zh or en (default: `ZHENGCE_LANG`, else the locale)";
        /// `--memory-mb`
        MemoryMb => "查询引擎的内存上限（MB，至少 64）；超出时写入临时磁盘", "The query engine's memory in MB (at least 64); beyond it, it spills to disk";
    }
}

/// The help of each option, by its id.
const HELP: [(&str, HelpMsg); 7] = [
    ("mapping", HelpMsg::Mapping),
    ("as_of", HelpMsg::AsOf),
    ("out", HelpMsg::Out),
    ("summary", HelpMsg::Summary),
    ("show_pii", HelpMsg::ShowPii),
    ("lang", HelpMsg::Lang),
    ("memory_mb", HelpMsg::MemoryMb),
];

/// `--memory-mb`: a whole number of megabytes, at least 64.
fn memory_mb(s: &str) -> Result<u64, BadValue> {
    match s.parse::<u64>() {
        Ok(mb) if mb >= 64 => Ok(mb),
        _ => Err(BadValue(MatchMsg::MemoryAtLeast.with([s]))),
    }
}

/// The command with its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let options: Vec<(&str, &str)> = HELP.iter().map(|(id, m)| (*id, m.text(lang))).collect();
    program_command(Args::command(), lang, HelpMsg::About.text(lang), &options)
}

/// Parses a command line (`args` with the program's name first).
pub fn parse(args: &[OsString], lang: Lang) -> Result<Args, Told> {
    parse_program(command(lang), args, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(lang: Lang) -> String {
        let args: Vec<OsString> = ["zhengce-match", "--help"].iter().map(OsString::from).collect();
        parse(&args, lang).err().map(|t| t.text).unwrap_or_default()
    }

    #[test]
    fn the_help_is_in_one_language_at_a_time() {
        assert_eq!(HelpMsg::check_all(), Ok(()));
        let zh = help(Lang::Zh);
        for wanted in [
            "用法：zhengce match",
            "选项：",
            "映射文件（TOML）",
            "（默认：1024）",
            "显示帮助",
        ] {
            assert!(zh.contains(wanted), "{wanted}\n{zh}");
        }
        assert!(!zh.contains("mapping file") && !zh.contains("Options:"), "{zh}");
        let en = help(Lang::En);
        for wanted in [
            "Usage: zhengce match",
            "Options:",
            "The mapping file (TOML)",
            "[default: 1024]",
        ] {
            assert!(en.contains(wanted), "{wanted}\n{en}");
        }
        assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en}");
    }
}
