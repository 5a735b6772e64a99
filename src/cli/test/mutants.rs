//! `zhengce test --mutants`: the cases run on mutants of the policy (`crate::mutants`),
//! the survivors listed and the score given; `--mutants-min PCT` fails below PCT.

use super::super::{CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, Format, inputs, load_checked_policy};
use super::TestOptions;
use crate::input::read_regular_file;
use crate::mutants::equivalent::{self, Declared};
use crate::mutants::messages::MutantsMsg;
use crate::mutants::report::{MutantsReport, percent};
use crate::mutants::run::Origin;
use crate::mutants::{Corpus, CorpusFile, MAX_MUTANTS, generate, run_mutants};
use crate::policy_set::{DEFAULT_POLICY, PolicySource};
use crate::report::messages::{Msg, msg_with};

/// The command line's options of a mutants run.
#[derive(Debug, Clone, clap::Args)]
pub struct MutantsArgs {
    /// Run the cases on mutants of the policy and list the changes no case notices.
    #[arg(long, conflicts_with_all = ["junit", "coverage", "coverage_min"])]
    pub mutants: bool,
    /// Fail when the mutation score is below PCT percent.
    #[arg(long, value_name = "PCT", value_parser = super::super::parse_percent, requires = "mutants")]
    pub mutants_min: Option<f64>,
    /// TOML file of equivalent mutants, each with its reason.
    #[arg(long, value_name = "FILE", requires = "mutants")]
    pub equivalent_mutants: Option<String>,
}

impl MutantsArgs {
    /// The options, when `--mutants` was given.
    pub fn options(self) -> Option<MutantsOptions> {
        self.mutants.then_some(MutantsOptions {
            min: self.mutants_min,
            equivalents: self.equivalent_mutants,
        })
    }
}

/// What a mutants run was asked for.
#[derive(Debug, Clone, Default)]
pub struct MutantsOptions {
    /// `--mutants-min PCT`.
    pub min: Option<f64>,
    /// `--equivalent-mutants FILE`.
    pub equivalents: Option<String>,
}

/// Runs `test --mutants`.
pub fn run(
    paths: &[String],
    opts: &TestOptions,
    mutants: &MutantsOptions,
    common: &CommonArgs,
    console: &mut Console,
) -> u8 {
    let lang = common.lang();
    let Some(loaded) = load_checked_policy(common, console) else {
        return EXIT_POLICY;
    };
    let declared = match &mutants.equivalents {
        Some(path) => match read_declared(path, console, common) {
            Some(d) => d,
            None => return EXIT_FAILED,
        },
        None => Vec::new(),
    };
    let files: Vec<CorpusFile> = inputs::collect(paths)
        .map(|i| CorpusFile {
            name: i.name,
            bytes: i.bytes,
        })
        .collect();
    let corpus = Corpus {
        files,
        as_of: opts.as_of,
        limits: common.limits(),
        lang,
    };
    let original = corpus.run(&loaded.versions, &loaded.sources, false);
    if original.cases == 0 {
        console.err(&format!("{}\n", msg_with(Msg::NoCasesUnder, lang, &paths.join(" "))));
        return EXIT_FAILED;
    }
    if original.expecting == 0 {
        console.err(&format!(
            "{}\n",
            MutantsMsg::NoExpectations.with([paths.join(" ")]).get(lang)
        ));
        return EXIT_FAILED;
    }
    if let Some(first) = original.first_failure {
        let words = [original.failed.to_string(), first];
        console.err(&format!("{}\n", MutantsMsg::OriginalFails.with(words).get(lang)));
        return EXIT_FAILED;
    }
    let mut all = generate(&loaded);
    let not_run = all.len().saturating_sub(MAX_MUTANTS);
    all.truncate(MAX_MUTANTS);
    let origin = Origin {
        path: common.policy.as_deref().unwrap_or(DEFAULT_POLICY),
        source: if common.policy.is_some() {
            PolicySource::Disk
        } else {
            PolicySource::Builtin
        },
        limits: common.limits(),
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let outcomes = run_mutants(&all, &loaded, &origin, &corpus, threads);
    let declared_in = mutants.equivalents.as_deref().unwrap_or("");
    let report = MutantsReport::new(outcomes, &declared, declared_in, not_run);
    for w in &report.warnings {
        console.err(&format!("{}\n", w.message.get(lang)));
    }
    match opts.format {
        Format::Text => console.out(&report.text(lang)),
        Format::Json => console.out(&format!("{}\n", report.json(lang))),
    }
    let score = report.summary().score;
    match mutants.min {
        Some(min) if score < min => {
            let words = [percent(score), percent(min)];
            console.err(&format!("{}\n", MutantsMsg::BelowMinimum.with(words).get(lang)));
            EXIT_FAILED
        }
        _ => EXIT_OK,
    }
}

/// The declared equivalents of `path`; `None`, with a located message, when the file
/// cannot be read or is malformed.
fn read_declared(path: &str, console: &mut Console, common: &CommonArgs) -> Option<Vec<Declared>> {
    let lang = common.lang();
    let bytes = read_regular_file(std::path::Path::new(path), Some(common.limits().policy_bytes));
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes());
            let line = text.get(..offset).unwrap_or("").matches('\n').count() + 1;
            let words = [path.to_string(), line.to_string(), "1".into(), "UTF-8".into()];
            console.err(&format!("{}\n", MutantsMsg::Malformed.with(words).get(lang)));
            return None;
        }
        Err(e) => {
            let words = [crate::lang::Text::from(path), e.text()];
            console.err(&format!("{}\n", MutantsMsg::CannotRead.with(words).get(lang)));
            return None;
        }
    };
    match equivalent::parse(&text) {
        Ok(declared) => Some(declared),
        Err(p) => {
            let words = [
                path.into(),
                p.line.to_string().into(),
                p.column.to_string().into(),
                p.message,
            ];
            let words: [crate::lang::Text; 4] = words;
            console.err(&format!("{}\n", MutantsMsg::Malformed.with(words).get(lang)));
            None
        }
    }
}
