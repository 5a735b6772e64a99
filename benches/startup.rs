//! Times what a user waits for: `zhengce eval examples/cases/li-qiang.yaml` on the
//! built-in policy, start-up included, as a whole process run [`RUNS`] times; then, in
//! this process, the stages of loading the built-in policy, to show where the time
//! goes (pest's parse is what `--policy FILE` costs; the built-in files' parse trees are
//! made at build time, and `load_policy` rebuilds them). The tests never time anything;
//! speed is watched here:
//!
//! ```text
//! cargo bench --bench startup
//! ZHENGCE=target/other/zhengce cargo bench --bench startup   # another build of it
//! ```
//!
//! Medians are printed (and the fastest run: what the machine gives when idle).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zhengce::calendar::WorkingDayCalendar;
use zhengce::check::check;
use zhengce::policy_set::{BUILTIN, DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::source::SourceMap;
use zhengce::syntax::parse_policy;

/// Runs of each measurement.
const RUNS: usize = 200;

/// The case of the README's first command.
const CASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/cases/li-qiang.yaml");

fn main() {
    // `ZHENGCE=path/to/zhengce` times another build (another profile, another commit).
    let exe = std::env::var("ZHENGCE").unwrap_or_else(|_| env!("CARGO_BIN_EXE_zhengce").to_string());
    report("zhengce --version (process floor)", || run(&exe, &["--version"]));
    report("zhengce eval li-qiang.yaml", || run(&exe, &["eval", CASE]));

    let files = builtin_files(".policy");
    let calendars = builtin_files(".yaml");
    report("in process: parse the policy files with pest", || {
        let mut sources = SourceMap::new();
        for &(name, text) in &files {
            let id = sources.add(name, text.to_string());
            std::hint::black_box(parse_policy(id, text));
        }
    });
    let mut sources = SourceMap::new();
    let parsed: Vec<_> = files
        .iter()
        .filter_map(|&(name, text)| parse_policy(sources.add(name, text.to_string()), text).0)
        .collect();
    // `check` wants dependencies first: the order `load_policy` finds them in.
    let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let ordered: Vec<_> = loaded
        .files
        .iter()
        .filter_map(|f| {
            let name = &loaded.sources.get(f.file).name;
            files
                .iter()
                .position(|(n, _)| n == name)
                .and_then(|i| parsed.get(i).cloned())
        })
        .collect();
    report("in process: check them", || {
        std::hint::black_box(check(&ordered));
    });
    report("in process: read the calendars", || {
        let mut calendar = WorkingDayCalendar::default();
        let mut sources = SourceMap::new();
        for &(name, text) in &calendars {
            let id = sources.add(name, text.to_string());
            std::hint::black_box(calendar.add_file(id, name, text));
        }
    });
    report("in process: load_policy (trees built in)", || {
        std::hint::black_box(load_policy(DEFAULT_POLICY, PolicySource::Builtin));
    });
}

/// The built-in files whose names end with `ext`.
fn builtin_files(ext: &str) -> Vec<(&'static str, &'static str)> {
    BUILTIN
        .iter()
        .copied()
        .filter(|(name, _)| name.ends_with(ext))
        .collect()
}

/// Runs the binary once with its output thrown away, as `>/dev/null` would.
fn run(exe: &str, args: &[&str]) {
    let status = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !status.as_ref().is_ok_and(|s| s.success()) {
        eprintln!("`zhengce {}` failed: {status:?}", args.join(" "));
    }
}

/// Times `f` [`RUNS`] times (after a few runs to warm caches) and prints the median and
/// the fastest run.
fn report(what: &str, mut f: impl FnMut()) {
    for _ in 0..5 {
        f();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<46} median {:>7.3} ms   fastest {:>7.3} ms",
        ms(times[RUNS / 2]),
        ms(times[0])
    );
}
