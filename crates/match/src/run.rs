//! One run of `zhengce match`: the mapping read, the registries made tables and
//! checked, the query run on DataFusion, each resulting row decided by the policy
//! (from the Arrow batches, no text in between), and the push list gathered.

use crate::list_store::Listed;
use crate::mapping::{Mapping, MappingError};
use crate::messages::MatchMsg;
use crate::push_list::Findings;
use crate::registries::{Extract, RowProblem, Staging};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use arrow_schema::ArrowError;
use chrono::NaiveDate;
use datafusion::error::DataFusionError;
use datafusion::execution::memory_pool::{FairSpillPool, TrackConsumersPool};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use futures::StreamExt;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zhengce::batch::ids::{FirstSeen, IdDigest, SeenIds};
use zhengce::case::mask_id;
use zhengce::lang::{Lang, Text};
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use zhengce::program::{DefId, Program};
use zhengce::report::{DrawOptions, render_diagnostic};
use zhengce_arrow::{BatchEvaluator, CATEGORIES, CLAUSES, ERROR, REASONS, Wanted, definition_ids, separator, text_of};

/// How many of the largest memory consumers the query engine names when it runs out.
const TOP_CONSUMERS: NonZeroUsize = NonZeroUsize::MIN.saturating_add(4);

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
    /// The staging folder, which holds the list's records until it is written.
    pub staging: Staging,
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
    let named = |names: &[String]| definition_ids(program, names).map_err(|t| Failure::of(t, lang));
    let listed_when = named(&mapping.listed_when)?;
    let unless = named(&mapping.unless)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure(e.to_string()))?;
    let selection = Selection {
        program,
        listed_when,
        unless,
        lang,
    };
    let staging = Staging::new().map_err(|e| Failure(e.to_string()))?;
    let mut findings = Findings::new(staging.path()).map_err(|e| Failure(e.to_string()))?;
    runtime.block_on(query(
        options,
        &mapping,
        &base,
        &selection,
        as_of,
        &staging,
        &mut findings,
    ))?;
    findings.sort();
    Ok(Outcome {
        findings,
        as_of,
        staging,
    })
}

/// Who goes on the list, and how they are told.
struct Selection<'p> {
    program: &'p Program,
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
    staging: &Staging,
    findings: &mut Findings,
) -> Result<(), Failure> {
    let lang = options.lang;
    let fail = |t: Text| Failure::of(t, lang);
    // A fair pool: each sort may hold its share of the memory and spills past it. With
    // the greedy pool one sort of a join took nearly all of it and the other, finding
    // none left, failed the run (10 million rows, 1 GB, depending on which read first).
    let pool = TrackConsumersPool::new(FairSpillPool::new(options.memory_limit), TOP_CONSUMERS);
    let runtime = RuntimeEnvBuilder::new()
        .with_memory_pool(Arc::new(pool))
        .build_arc()
        .map_err(|e| Failure(e.to_string()))?;
    // Sort-merge joins, which spill to disk past the memory limit (hash joins hold
    // every registry's rows in memory and fail past it).
    // Each partition of each sort sets 10 MB aside to merge what it spilled: at most one
    // partition per 32 MB, so that 64 MB runs the query on any number of cores.
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let partitions = cores.min((options.memory_limit >> 25).max(1));
    let config = SessionConfig::new()
        .set_bool("datafusion.optimizer.prefer_hash_join", false)
        .with_target_partitions(partitions);
    let ctx = SessionContext::new_with_config_rt(config, runtime);
    // The extracts prepared (decoded, their ragged rows found) and checked row by row
    // a few at once, one per core (each keeps the digests of its IDs while it is
    // checked); made tables in the mapping's order, their problems told in it.
    let handle = tokio::runtime::Handle::current();
    for group in mapping.registries.chunks(cores) {
        let tasks: Vec<_> = (group.iter())
            .map(|registry| {
                let (base, staging, registry) = (base.to_path_buf(), staging.path().to_path_buf(), registry.clone());
                let (handle, show_pii) = (handle.clone(), options.show_pii);
                tokio::task::spawn_blocking(move || {
                    let extract = Extract::prepare(&base, &registry, &staging)?;
                    let problems = handle.block_on(extract.check(&registry, show_pii))?;
                    Ok::<_, Text>((extract, problems))
                })
            })
            .collect();
        for (registry, task) in group.iter().zip(tasks) {
            let (extract, problems) = task.await.map_err(|e| Failure(e.to_string()))?.map_err(fail)?;
            extract.register(&ctx, &registry.name).await.map_err(fail)?;
            findings.problems.extend(problems);
        }
    }
    let failed = |e: DataFusionError| {
        let mut told = MatchMsg::QueryFailed.with([e.to_string()]).get(lang).into_owned();
        // The engine's own advice names its settings; the user's is `--memory-mb`.
        if matches!(e.find_root(), DataFusionError::ResourcesExhausted(_)) {
            let now = (options.memory_limit >> 20).to_string();
            told = format!("{told}\n{}", MatchMsg::MoreMemory.with([now]).get(lang));
        }
        Failure(told)
    };
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
    let wanted = Wanted {
        definitions: [selection.listed_when.as_slice(), selection.unless.as_slice()].concat(),
        lang,
    };
    let mut stream = frame.execute_stream().await.map_err(failed)?;
    // A digest of each ID, not its text: millions of people.
    let mut seen = SeenIds::default();
    while let Some(batch) = stream.next().await {
        let batch = batch.map_err(failed)?;
        for decided in decide_in_parallel(&evaluator, &batch, &wanted).map_err(|e| Failure(e.to_string()))? {
            let columns =
                DecidedColumns::of(&decided, person, district, selection).map_err(|e| Failure(e.to_string()))?;
            for row in 0..decided.num_rows() {
                columns
                    .gather(row, options.show_pii, &mapping.person, &mut seen, findings)
                    .map_err(|e| Failure(e.to_string()))?;
            }
        }
    }
    Ok(())
}

/// Decides the rows of `batch` on every core: the batch is cut in as many slices as
/// there are threads, decided at once, and the results kept in the batch's order.
fn decide_in_parallel(
    evaluator: &BatchEvaluator,
    batch: &RecordBatch,
    wanted: &Wanted,
) -> Result<Vec<RecordBatch>, ArrowError> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let rows = batch.num_rows();
    let per = rows.div_ceil(threads).max(1);
    let slices: Vec<RecordBatch> = (0..rows)
        .step_by(per)
        .map(|at| batch.slice(at, per.min(rows - at)))
        .collect();
    std::thread::scope(|scope| {
        let running: Vec<_> = slices
            .iter()
            .map(|slice| scope.spawn(move || evaluator.decisions(slice, wanted)))
            .collect();
        running
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|_| Err(ArrowError::ComputeError("a worker stopped".into())))
            })
            .collect()
    })
}

/// The columns of a decided batch that the list and the error table are made from.
struct DecidedColumns<'b> {
    person: &'b ArrayRef,
    district: Option<&'b ArrayRef>,
    error: &'b StringArray,
    listed_when: Vec<&'b BooleanArray>,
    unless: Vec<&'b BooleanArray>,
    categories: &'b StringArray,
    clauses: &'b StringArray,
    reasons: &'b StringArray,
    lang: Lang,
}

impl<'b> DecidedColumns<'b> {
    fn of(
        decided: &'b RecordBatch,
        person: usize,
        district: Option<usize>,
        selection: &Selection,
    ) -> Result<DecidedColumns<'b>, ArrowError> {
        let text = |name: &str| -> Result<&'b StringArray, ArrowError> {
            decided
                .column_by_name(name)
                .and_then(|c| c.as_any().downcast_ref::<StringArray>())
                .ok_or_else(|| ArrowError::SchemaError(name.to_owned()))
        };
        let program = selection.program;
        let flag = |id: &DefId| -> Result<&'b BooleanArray, ArrowError> {
            let name = &program.definitions[id.0 as usize].name;
            decided
                .column_by_name(name)
                .and_then(|c| c.as_any().downcast_ref::<BooleanArray>())
                .ok_or_else(|| ArrowError::SchemaError(name.clone()))
        };
        Ok(DecidedColumns {
            person: decided.column(person),
            district: district.map(|d| decided.column(d)),
            error: text(ERROR)?,
            listed_when: selection.listed_when.iter().map(flag).collect::<Result<_, _>>()?,
            unless: selection.unless.iter().map(flag).collect::<Result<_, _>>()?,
            categories: text(CATEGORIES)?,
            clauses: text(CLAUSES)?,
            reasons: text(REASONS)?,
            lang: selection.lang,
        })
    }

    /// Puts row `row` on the list, in the error table, or nowhere.
    fn gather(
        &self,
        row: usize,
        show_pii: bool,
        column: &str,
        seen: &mut SeenIds,
        findings: &mut Findings,
    ) -> std::io::Result<()> {
        let id = text_of(self.person, row).unwrap_or_default();
        let shown = || if show_pii { id.clone() } else { mask_id(&id) };
        let problem = |problem: Text| RowProblem {
            source: MatchMsg::QueryResult.into(),
            row: None,
            column: column.to_owned(),
            value: shown(),
            problem,
        };
        if seen
            .first_or_insert(IdDigest::of(&id), FirstSeen { input: 0, line: 0 })
            .is_some()
        {
            findings.problems.push(problem(MatchMsg::PersonTwice.into()));
            return Ok(());
        }
        findings.decided += 1;
        if self.error.is_valid(row) {
            findings.problems.push(problem(Text::from(self.error.value(row))));
            return Ok(());
        }
        let holds = |flags: &BooleanArray| flags.is_valid(row) && flags.value(row);
        if !self.listed_when.iter().all(|f| holds(f)) || self.unless.iter().any(|f| holds(f)) {
            return Ok(());
        }
        let sep = separator(self.lang, false);
        let listed = Listed {
            district: self.district.and_then(|d| text_of(d, row)),
            categories: self.categories.value(row).to_owned(),
            clauses: self
                .clauses
                .value(row)
                .split(sep)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
            reasons: self.reasons.value(row).to_owned(),
            id,
        };
        findings.list.push(listed, sep)
    }
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
