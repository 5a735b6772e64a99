//! One run of `zhengce match`: the mapping read, the registries made tables and
//! checked, the query run on DataFusion, each resulting row decided by the policy
//! (from the Arrow batches, no text in between), and the push list gathered.

use crate::mapping::{Mapping, MappingError};
use crate::messages::MatchMsg;
use crate::push_list::{Findings, Listed};
use crate::registries::{Extract, RowProblem, Staging};
use chrono::NaiveDate;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use futures::StreamExt;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use zhengce::ast::RuleKind;
use zhengce::case::mask_id;
use zhengce::diagnostic::did_you_mean;
use zhengce::eval::Explainer;
use zhengce::lang::{Lang, Text};
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use zhengce::program::{DefId, Program};
use zhengce::report::{DrawOptions, ValueStyle, reasons_line, render_diagnostic};
use zhengce_arrow::{BatchEvaluator, text_of};

/// What the command line asks of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The mapping file.
    pub mapping: PathBuf,
    /// The evaluation date, over the mapping's.
    pub as_of: Option<NaiveDate>,
    /// ID numbers in full.
    pub show_pii: bool,
    /// The language of messages and headings.
    pub lang: Lang,
    /// The query engine's memory, in bytes, past which it spills to disk.
    pub memory_limit: usize,
}

/// Why a run could not be made (exit status 2): what to tell the user.
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    fn of(text: Text, lang: Lang) -> Failure {
        Failure(text.get(lang).into_owned())
    }
}

/// What a run found, with the evaluation date it used.
pub struct Outcome {
    /// The list and the problems.
    pub findings: Findings,
    /// The evaluation date.
    pub as_of: NaiveDate,
}

/// Runs the match.
pub fn run(options: &Options) -> Result<Outcome, Failure> {
    let lang = options.lang;
    let mapping = Mapping::read(&options.mapping).map_err(|e| mapping_failure(e, &options.mapping, lang))?;
    let base = options.mapping.parent().unwrap_or(Path::new(".")).to_path_buf();
    let loaded = match &mapping.policy {
        Some(p) => load_policy(&base.join(p).display().to_string(), PolicySource::Disk),
        None => load_policy(DEFAULT_POLICY, PolicySource::Builtin),
    };
    let Some(program) = &loaded.program else {
        return Err(policy_failure(&loaded, lang));
    };
    let as_of = match options.as_of {
        Some(d) => d,
        None => mapping
            .as_of()
            .map_err(|e| mapping_failure(e, &options.mapping, lang))?
            .ok_or_else(|| Failure::of(MatchMsg::NoAsOf.into(), lang))?,
    };
    let listed_when = definitions(program, &mapping.listed_when, lang)?;
    let unless = definitions(program, &mapping.unless, lang)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure(e.to_string()))?;
    let selection = Selection {
        program,
        loaded: &loaded,
        listed_when,
        unless,
        lang,
    };
    let mut findings = runtime.block_on(query(options, &mapping, &base, &selection, as_of))?;
    findings.sort();
    Ok(Outcome { findings, as_of })
}

/// Who goes on the list, and how they are told.
struct Selection<'p> {
    program: &'p Program,
    loaded: &'p LoadedPolicy,
    listed_when: Vec<DefId>,
    unless: Vec<DefId>,
    lang: Lang,
}

async fn query(
    options: &Options,
    mapping: &Mapping,
    base: &Path,
    selection: &Selection<'_>,
    as_of: NaiveDate,
) -> Result<Findings, Failure> {
    let lang = options.lang;
    let fail = |t: Text| Failure::of(t, lang);
    let runtime = RuntimeEnvBuilder::new()
        .with_memory_limit(options.memory_limit, 1.0)
        .build_arc()
        .map_err(|e| Failure(e.to_string()))?;
    let ctx = SessionContext::new_with_config_rt(SessionConfig::new(), runtime);
    let staging = Staging::new().map_err(|e| Failure(e.to_string()))?;
    let mut findings = Findings::default();
    for registry in &mapping.registries {
        let extract = Extract::prepare(base, registry, &staging).map_err(fail)?;
        extract.register(&ctx, &registry.name).await.map_err(fail)?;
        findings
            .problems
            .extend(extract.check(registry, options.show_pii).await.map_err(fail)?);
    }
    let failed = |e: datafusion::error::DataFusionError| fail(MatchMsg::QueryFailed.with([e.to_string()]));
    let frame = ctx.sql(&mapping.query.sql).await.map_err(failed)?;
    let schema = frame.schema().as_arrow().clone();
    let carried: Vec<&str> = mapping.district.iter().map(String::as_str).collect();
    let evaluator = BatchEvaluator::new(selection.program, &schema, &carried, as_of).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| {
                MatchMsg::BadColumn
                    .with([Text::from(p.column.as_str()), p.message.clone()])
                    .get(lang)
                    .into_owned()
            })
            .collect();
        Failure(lines.join("\n"))
    })?;
    let person = schema
        .index_of(&mapping.person)
        .map_err(|_| fail(MatchMsg::NoPersonColumn.with([mapping.person.as_str()])))?;
    let district = mapping.district.as_ref().and_then(|d| schema.index_of(d).ok());
    let mut stream = frame.execute_stream().await.map_err(failed)?;
    let mut seen = HashSet::new();
    while let Some(batch) = stream.next().await {
        let batch = batch.map_err(failed)?;
        let readers = evaluator.cells(&batch);
        for row in 0..batch.num_rows() {
            let id = text_of(batch.column(person), row).unwrap_or_default();
            let shown = if options.show_pii { id.clone() } else { mask_id(&id) };
            let problem = |problem: Text| RowProblem {
                source: MatchMsg::QueryResult.into(),
                row: None,
                column: mapping.person.clone(),
                value: shown.clone(),
                problem,
            };
            if !seen.insert(id.clone()) {
                findings.problems.push(problem(MatchMsg::PersonTwice.into()));
                continue;
            }
            findings.decided += 1;
            match evaluator.decide_row(&readers, row, &shown) {
                Err(diagnostics) => {
                    findings
                        .problems
                        .extend(diagnostics.into_iter().map(|d| problem(d.message)));
                }
                Ok(decided) => {
                    let district = district.and_then(|d| text_of(batch.column(d), row));
                    if let Some(listed) = selection.listed(&decided, id, district) {
                        findings.listed.push(listed);
                    }
                }
            }
        }
    }
    Ok(findings)
}

impl Selection<'_> {
    /// The person as listed, when every `listed_when` holds and no `unless` does.
    fn listed(&self, decided: &zhengce_arrow::Decided, id: String, district: Option<String>) -> Option<Listed> {
        let program = self.program;
        let mut explainer = Explainer::of_decision(program, &decided.facts, &decided.decision);
        let holds = |explainer: &mut Explainer, d: &DefId| explainer.definition(*d).truthy();
        if !self.listed_when.iter().all(|d| holds(&mut explainer, d))
            || self.unless.iter().any(|d| holds(&mut explainer, d))
        {
            return None;
        }
        let style = ValueStyle {
            program,
            lang: self.lang,
            show_pii: false,
        };
        let mut listed = Listed {
            id,
            district,
            categories: Vec::new(),
            clauses: Vec::new(),
            reasons: String::new(),
        };
        let mut reasons = Vec::new();
        for (idx, rule) in program.rules_of(RuleKind::Category) {
            if !decided.decision.outcomes[idx.0 as usize].holds {
                continue;
            }
            listed.categories.push(rule.id.to_string());
            listed.clauses.push(rule.cite.clause.node.clone());
            let why = reasons_line(idx, &mut explainer, &style, &self.loaded.sources);
            reasons.push(format!("{}：{why}", rule.cite.clause.node));
        }
        listed.reasons = reasons.join("；");
        Some(listed)
    }
}

/// The definitions named, or a failure naming the first the policy lacks.
fn definitions(program: &Program, names: &[String], lang: Lang) -> Result<Vec<DefId>, Failure> {
    names
        .iter()
        .map(|name| match program.definitions.iter().position(|d| d.name == *name) {
            Some(i) => Ok(DefId(i as u32)),
            None => {
                let guess = did_you_mean(name, program.definitions.iter().map(|d| d.name.as_str()));
                let message = match guess {
                    Some(guess) => MatchMsg::NoDefinitionGuess.with([Text::from(name.as_str()), guess]),
                    None => MatchMsg::NoDefinition.with([name.as_str()]),
                };
                Err(Failure::of(message, lang))
            }
        })
        .collect()
}

fn mapping_failure(e: MappingError, path: &Path, lang: Lang) -> Failure {
    let mut text = e.message.get(lang).into_owned();
    if let Some((line, column)) = e.at {
        text.push('\n');
        let at = MatchMsg::At.with([path.display().to_string(), line.to_string(), column.to_string()]);
        text.push_str(&at.get(lang));
    }
    Failure(text)
}

fn policy_failure(loaded: &LoadedPolicy, lang: Lang) -> Failure {
    let options = DrawOptions {
        lang,
        color: false,
        show_pii: false,
        width: 100,
    };
    let mut text: String = loaded
        .diagnostics
        .iter()
        .map(|d| render_diagnostic(d, &loaded.sources, options))
        .collect();
    text.push_str(MatchMsg::PolicyBroken.text(lang));
    Failure(text)
}
