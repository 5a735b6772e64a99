//! `zhengce-serve`'s command line (also `zhengce serve …`, which passes its arguments
//! here): the options, their help in the user's language as the core's commands give
//! theirs, and usage errors told in Chinese by the core's teller of clap errors.

use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::net::SocketAddr;
use zhengce::cli::help::Told;
use zhengce::input::InputLimits;
use zhengce::lang::Lang;

/// Cases a batch request takes at most, by default.
pub const DEFAULT_BATCH_CASES: u64 = 100_000;
/// Bytes a batch request's body takes at most, by default (256 MiB).
pub const DEFAULT_BATCH_BYTES: u64 = 256 << 20;
/// Decision requests in progress at once, by default; more are answered 503.
pub const DEFAULT_IN_FLIGHT: usize = 128;
/// Batch requests in progress at once, by default; more are answered 429.
pub const DEFAULT_BATCHES: usize = 2;
/// Seconds the server waits for a request's body (or a batch's next bytes), by default.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// zhengce-serve: the decision service.
#[derive(Debug, Clone, Parser)]
#[command(name = "zhengce-serve", version)]
pub struct ServeArgs {
    /// The policy file (default: zhengce.toml's, else the built-in one).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<String>,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Let a request ask for ID numbers in full (`?pii=show`).
    #[arg(long)]
    pub allow_pii: bool,
    /// The language of the server's own lines and of responses by default.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// A file holding the admin token for `POST /v1/admin/reload`.
    #[arg(long, value_name = "FILE")]
    pub admin_token_file: Option<String>,
    /// Largest body of one case (and of `/v1/diff`), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_CASE_BYTES)]
    pub max_case_bytes: u64,
    /// Largest policy or calendar file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_POLICY_BYTES)]
    pub max_policy_bytes: u64,
    /// Largest body of a batch request, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_BATCH_BYTES)]
    pub max_batch_bytes: u64,
    /// Most cases in one batch request.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCH_CASES)]
    pub max_batch_cases: u64,
    /// Most decision requests in progress at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_IN_FLIGHT)]
    pub max_in_flight: usize,
    /// Most batch requests in progress at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCHES)]
    pub max_batches: usize,
    /// Worker threads of each batch (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub batch_jobs: Option<usize>,
    /// Threads answering requests (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Seconds to wait for a request's body, or for a batch's next bytes.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub request_timeout: u64,
    /// Write a line per request (method, route, status, milliseconds) to standard error.
    #[arg(long)]
    pub access_log: bool,
}

impl ServeArgs {
    /// The language asked for: `--lang`, else the environment's, as the core's commands.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

zhengce::catalogue! {
    /// The words of `zhengce-serve --help`.
    pub enum HelpMsg {
        /// what the program does
        About => "zhengce serve：决定服务。通过 HTTP 为案件管理系统评估案件（`POST /v1/decisions`），用的是与命令行相同的引擎和合同", "zhengce serve: the decision service. Evaluates cases over HTTP for a case-management system (`POST /v1/decisions`), on the same engine and contract as the command line";
        /// `--policy`
        Policy => "使用的政策文件（默认：zhengce.toml 指定的政策，否则内置的湖南 2025 政策）", "Policy file to use (default: the one zhengce.toml names, else the built-in Hunan 2025 policy)";
        /// `--listen`
        Listen => "监听的地址和端口；默认只监听本机回环地址，端口 0 由系统选择", "The address and port to listen on; loopback only by default, port 0 lets the system choose";
        /// `--allow-pii`
        AllowPii => "允许请求用 `?pii=show` 取得完整的身份证号码（否则一律遮盖）", "Let a request ask for ID numbers in full with `?pii=show` (otherwise they are always masked)";
        /// `--lang`
        Lang => "服务自身输出和响应默认使用的语言：zh 或 en（请求可用 `?lang=` 另选；默认：ZHENGCE_LANG，否则语言环境）", "Language of the server's own lines and of responses by default: zh or en (a request may choose with `?lang=`; default: `ZHENGCE_LANG`, else the locale)";
        /// `--admin-token-file`
        AdminTokenFile => "存放管理令牌的文件，`POST /v1/admin/reload` 需要它（也可用环境变量 ZHENGCE_ADMIN_TOKEN；都没有时只能用 SIGHUP 重新加载）", "A file holding the admin token that `POST /v1/admin/reload` needs (or the variable `ZHENGCE_ADMIN_TOKEN`; with neither, only SIGHUP reloads)";
        /// `--max-case-bytes`
        MaxCaseBytes => "单个案件请求体的最大字节数（也用于 `/v1/diff`）", "Largest body of one case (and of `/v1/diff`), in bytes";
        /// `--max-policy-bytes`
        MaxPolicyBytes => "读取的政策文件或日历文件的最大字节数", "Largest policy or calendar file read, in bytes";
        /// `--max-batch-bytes`
        MaxBatchBytes => "批量评估请求体的最大字节数", "Largest body of a batch request, in bytes";
        /// `--max-batch-cases`
        MaxBatchCases => "一次批量评估最多的案件数", "Most cases in one batch request";
        /// `--max-in-flight`
        MaxInFlight => "同时处理的决定请求的上限；超出的请求得到 503", "Most decision requests in progress at once; more are answered 503";
        /// `--max-batches`
        MaxBatches => "同时进行的批量评估的上限；超出的请求得到 429", "Most batch requests in progress at once; more are answered 429";
        /// `--batch-jobs`
        BatchJobs => "每个批量评估的工作线程数（默认：CPU 核数）", "Worker threads of each batch (default: the number of cores)";
        /// `--workers`
        Workers => "处理请求的线程数（默认：CPU 核数）", "Threads answering requests (default: the number of cores)";
        /// `--request-timeout`
        RequestTimeout => "等待请求体（或批量评估的后续内容）的秒数，超时的请求得到 408", "Seconds to wait for a request's body (or a batch's next bytes); a request that takes longer is answered 408";
        /// `--access-log`
        AccessLog => "每个请求向标准错误写一行（方法、地址、状态码、毫秒数；不含请求体）", "Write a line per request to standard error (method, route, status, milliseconds; never the body)";
    }
}

/// Each option's id and its help.
const HELP: [(&str, HelpMsg); 15] = [
    ("policy", HelpMsg::Policy),
    ("listen", HelpMsg::Listen),
    ("allow_pii", HelpMsg::AllowPii),
    ("lang", HelpMsg::Lang),
    ("admin_token_file", HelpMsg::AdminTokenFile),
    ("max_case_bytes", HelpMsg::MaxCaseBytes),
    ("max_policy_bytes", HelpMsg::MaxPolicyBytes),
    ("max_batch_bytes", HelpMsg::MaxBatchBytes),
    ("max_batch_cases", HelpMsg::MaxBatchCases),
    ("max_in_flight", HelpMsg::MaxInFlight),
    ("max_batches", HelpMsg::MaxBatches),
    ("batch_jobs", HelpMsg::BatchJobs),
    ("workers", HelpMsg::Workers),
    ("request_timeout", HelpMsg::RequestTimeout),
    ("access_log", HelpMsg::AccessLog),
];

/// The command with its help in `lang`, laid out as the core's commands lay out theirs.
pub fn command(lang: Lang) -> clap::Command {
    let options: Vec<(&str, &str)> = HELP.iter().map(|(id, m)| (*id, m.text(lang))).collect();
    zhengce::cli::help::program_command(ServeArgs::command(), lang, HelpMsg::About.text(lang), &options)
}

/// Parses a command line; the help, the version and a usage error are what to show
/// instead, in `lang`.
pub fn parse(args: &[OsString], lang: Lang) -> Result<ServeArgs, Told> {
    zhengce::cli::help::parse_program(command(lang), args, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_text_has_both_languages_and_every_option_one() {
        HelpMsg::check_all().unwrap();
        let cmd = command(Lang::Zh);
        for arg in cmd.get_arguments() {
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(
                help.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "--{}: {help:?}",
                arg.get_id()
            );
        }
    }

    #[test]
    fn the_defaults_bind_to_loopback_and_a_mistake_is_told_in_chinese() {
        let args = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        let parsed = parse(&args(&["zhengce-serve"]), Lang::Zh).map_err(|e| e.text);
        let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
        assert!(parsed.listen.ip().is_loopback());
        let wrong = parse(&args(&["zhengce-serve", "--listen", "nowhere"]), Lang::Zh);
        let Told {
            text,
            to_stderr,
            exit_code,
        } = wrong.err().unwrap_or_default();
        assert!(to_stderr && exit_code == 2, "{text}");
        assert!(
            text.contains("nowhere") && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
}
