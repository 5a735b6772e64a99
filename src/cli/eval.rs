//! `zhengce eval`: evaluate case files and explain every outcome.

use super::{
    CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, Format, inputs, load_checked_policy, render_options,
};
use crate::program::Program;
use crate::report::messages::{Msg, msg_with};
use crate::report::{Explain, RenderOptions, render_text, write_decision_json};
use crate::run::{CaseResult, MissingDate, Runner, Status};
use crate::source::SourceMap;
use chrono::NaiveDate;

/// Runs `eval`.
pub fn run(
    cases: &[String],
    as_of: Option<NaiveDate>,
    format: Format,
    explain: Explain,
    common: &CommonArgs,
    console: &mut Console,
) -> u8 {
    let Some(mut loaded) = load_checked_policy(common, console) else {
        return EXIT_POLICY;
    };
    // The text names the policy in each case's heading; JSON records only by its id.
    if format == Format::Json {
        super::say_if_builtin(&loaded, common.lang(), console);
    }
    let versions = std::mem::take(&mut loaded.versions);
    let options = RenderOptions {
        explain,
        ..render_options(common, console)
    };
    // The contract lets `eval` alone fall back on today's date, and say so.
    let today = chrono::Local::now().date_naive();
    let mut runner = Runner::with_versions(&versions, as_of, MissingDate::Today(today));
    runner.limits = common.limits();
    let mut printer = Printer {
        format,
        options,
        code: EXIT_OK,
        first: true,
    };
    let lang = common.lang();
    let (mut total, mut empty) = (0usize, Vec::new());
    for input in inputs::collect(cases) {
        match input.bytes {
            // Each result is written as it comes: one case at a time is held.
            Ok(bytes) => {
                let file = runner.add_file(&mut loaded.sources, &input.name, bytes);
                let before = total;
                for r in runner.results(&file) {
                    total += 1;
                    printer.write(&r, &versions, &loaded.sources, console);
                }
                if total == before {
                    empty.push(input.name);
                }
            }
            Err(e) => {
                total += 1;
                let r = runner.unreadable(&mut loaded.sources, &input.name, e);
                printer.write(&r, &versions, &loaded.sources, console);
            }
        }
    }
    // Nothing evaluated is a failure: a wrong path in a script must not pass unnoticed.
    if total == 0 {
        console.err(&format!("{}\n", msg_with(Msg::NoCasesUnder, lang, &cases.join(" "))));
        return EXIT_FAILED;
    }
    for name in empty {
        console.err(&format!("{}\n", msg_with(Msg::NoCaseInFile, lang, &name)));
    }
    printer.code
}

/// Writes results one by one, keeping the exit code.
struct Printer {
    format: Format,
    options: RenderOptions,
    code: u8,
    first: bool,
}

impl Printer {
    fn write(&mut self, r: &CaseResult, versions: &[Program], sources: &SourceMap, console: &mut Console) {
        if r.status == Status::Error {
            self.code = EXIT_FAILED;
        }
        let program = &versions[r.version];
        let text = match self.format {
            Format::Json => {
                let mut line = Vec::new();
                write_decision_json(&mut line, r, program, sources, &self.options);
                String::from_utf8_lossy(&line).into_owned()
            }
            Format::Text => {
                let sep = if self.first { "" } else { "\n" };
                format!("{sep}{}", render_text(r, program, sources, &self.options))
            }
        };
        self.first = false;
        console.out(&text);
    }
}
