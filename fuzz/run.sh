#!/usr/bin/env bash
# Builds and runs one fuzz target for a while, with the repository's own files as seeds.
#
#   fuzz/run.sh TARGET SECONDS [--asan] [--cmp | --no-cmp] [-- LIBFUZZER_ARGS...]
#
# TARGET: case_eval, case_render, policy_check, repl_session, jsonl_line.
# SECONDS: how long to fuzz (libFuzzer's -max_total_time); 0 runs until stopped.
# --asan: build with AddressSanitizer (slower); by default no sanitizer (`-s none`):
#   safe Rust needs none to find panics, hangs and memory blow-ups, and runs much faster.
# --cmp / --no-cmp: build with or without libFuzzer's tracing of comparisons. It guides
#   mutations towards the values compared (keywords, names), but costs 2-3 times the
#   speed of the targets that render or parse a lot: it is off by default for
#   case_render, repl_session and policy_check (their dictionaries give the words), on
#   for case_eval and jsonl_line. Each build has a target folder of its own.
# After `--`: more libFuzzer options (e.g. -runs=1000000, -seed=1).
#
# Works from any folder. Needs the nightly toolchain and cargo-fuzz (see FUZZING.md).
# The working corpus is fuzz/corpus/TARGET (not committed): libFuzzer writes new inputs
# there only; the seed folders are read, never written. Crashes go to
# fuzz/artifacts/TARGET/, the log to fuzz/logs/TARGET.log.
set -euo pipefail

usage() {
    sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
sanitizer=none
cmp=
extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --asan) sanitizer=address ;;
        --cmp) cmp=yes ;;
        --no-cmp) cmp=no ;;
        --) shift; extra=("$@"); break ;;
        *) usage ;;
    esac
    shift
done
[[ $seconds =~ ^[0-9]+$ ]] || usage

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$fuzz_dir")

# Seeds (read recursively by libFuzzer, never written), dictionary, longest input.
case $target in
    case_eval | case_render)
        seeds=(tests/cases examples/cases examples/revision/cases)
        dict=case.dict
        max_len=65536
        [ "$target" = case_render ] && default_cmp=no || default_cmp=yes
        ;;
    jsonl_line)
        seeds=(fuzz/seeds/jsonl_line)
        dict=case.dict
        max_len=8192
        default_cmp=yes
        ;;
    policy_check)
        # policies/ holds the built-in policy files (and calendars: harmless seeds).
        seeds=(policies examples/revision)
        dict=policy.dict
        max_len=131072
        default_cmp=no
        ;;
    repl_session)
        seeds=(fuzz/seeds/repl_session)
        dict=repl.dict
        max_len=4096
        default_cmp=no
        ;;
    *)
        echo "unknown target \`$target\`: case_eval, case_render, policy_check, repl_session, jsonl_line" >&2
        exit 2
        ;;
esac

cd "$root"
# The inputs of past findings run first, as seeds too.
[ -d "fuzz/regressions/$target" ] && seeds+=("fuzz/regressions/$target")
corpus=fuzz/corpus/$target
mkdir -p "$corpus" fuzz/artifacts/"$target" fuzz/logs
log=fuzz/logs/$target.log

# One target folder per build configuration, so that switching does not rebuild all.
cmp=${cmp:-$default_cmp}
build=(-s "$sanitizer")
target_dir=fuzz/target
[ "$sanitizer" = address ] && target_dir=fuzz/target/asan
if [ "$cmp" = no ]; then
    build+=(--no-trace-compares)
    target_dir=$target_dir/no-cmp
fi
[ "$target_dir" = fuzz/target ] || build+=(--target-dir "$target_dir")

echo "building $target (release, debug assertions, sanitizer: $sanitizer, comparisons traced: $cmp)" >&2
cargo +nightly fuzz build "${build[@]}" "$target"

echo "fuzzing $target for ${seconds}s; log: $log" >&2
status=0
cargo +nightly fuzz run "${build[@]}" "$target" "$corpus" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -dict="fuzz/dict/$dict" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || status=$?

# The final stats: libFuzzer's last status line and its counters.
grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" | tail -n 2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb)' "$log" || true
if [ "$status" -ne 0 ]; then
    echo "libFuzzer stopped with status $status (a crash, timeout or OOM?): see $log and fuzz/artifacts/$target/" >&2
    grep -E '^(==[0-9]+==|thread .* panicked|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -n 20 >&2 || true
fi
exit "$status"
