//! `zhengce eval`: evaluate case files and explain every outcome.

use super::{
    CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, Format, inputs, load_checked_policy, render_options,
};
use crate::report::{decision_json, render_text};
use crate::run::{MissingDate, Runner, Status};
use chrono::NaiveDate;

/// Runs `eval`.
pub fn run(
    cases: &[String],
    as_of: Option<NaiveDate>,
    format: Format,
    common: &CommonArgs,
    console: &mut Console,
) -> u8 {
    let Some(mut loaded) = load_checked_policy(common.policy.as_deref(), console) else {
        return EXIT_POLICY;
    };
    let versions = std::mem::take(&mut loaded.versions);
    let options = render_options(common, console);
    // The contract lets `eval` alone fall back on today's date, and say so.
    let today = chrono::Local::now().date_naive();
    let mut runner = Runner::with_versions(&versions, as_of, MissingDate::Today(today));
    let mut code = EXIT_OK;
    let mut first = true;
    for input in inputs::collect(cases) {
        let results = match &input.text {
            Ok(text) => runner.run_file(&mut loaded.sources, &input.name, text),
            Err(e) => vec![runner.unreadable(&mut loaded.sources, &input.name, e)],
        };
        for r in results {
            if r.status == Status::Error {
                code = EXIT_FAILED;
            }
            let text = match format {
                Format::Json => format!(
                    "{}\n",
                    decision_json(&r, &versions[r.version], &loaded.sources, &options)
                ),
                Format::Text => {
                    let sep = if first { "" } else { "\n" };
                    format!(
                        "{sep}{}",
                        render_text(&r, &versions[r.version], &loaded.sources, &options)
                    )
                }
            };
            first = false;
            console.out(&text);
        }
    }
    code
}
