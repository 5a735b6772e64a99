#!/usr/bin/env bash
# Builds and runs one fuzz target for a while, with the repository's own files as seeds.
#
#   fuzz/run.sh TARGET SECONDS [--asan] [-- LIBFUZZER_ARGS...]
#
# TARGET: case_eval, case_render, policy_check, repl_session, jsonl_line.
# SECONDS: how long to fuzz (libFuzzer's -max_total_time); 0 runs until stopped.
# --asan: build with AddressSanitizer (slower); by default no sanitizer (`-s none`):
#   safe Rust needs none to find panics, hangs and memory blow-ups, and runs much faster.
# After `--`: more libFuzzer options (e.g. -runs=1000000, -jobs=1, -seed=1).
#
# Works from any folder. Needs the nightly toolchain and cargo-fuzz (see FUZZING.md).
# The working corpus is fuzz/corpus/TARGET (not committed): libFuzzer writes new inputs
# there only; the seed folders are read, never written. Crashes go to
# fuzz/artifacts/TARGET/, the log to fuzz/logs/TARGET.log.
set -euo pipefail

usage() {
    sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
sanitizer=none
extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --asan) sanitizer=address ;;
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
        ;;
    jsonl_line)
        seeds=(fuzz/seeds/jsonl_line)
        dict=case.dict
        max_len=8192
        ;;
    policy_check)
        # policies/ holds the built-in policy files (and calendars: harmless seeds).
        seeds=(policies examples/revision)
        dict=policy.dict
        max_len=131072
        ;;
    repl_session)
        seeds=(fuzz/seeds/repl_session)
        dict=repl.dict
        max_len=4096
        ;;
    *)
        echo "unknown target \`$target\`: case_eval, case_render, policy_check, repl_session, jsonl_line" >&2
        exit 2
        ;;
esac

cd "$root"
corpus=fuzz/corpus/$target
mkdir -p "$corpus" fuzz/artifacts/"$target" fuzz/logs
log=fuzz/logs/$target.log

echo "building $target (release, debug assertions, sanitizer: $sanitizer)" >&2
cargo +nightly fuzz build -s "$sanitizer" "$target"

echo "fuzzing $target for ${seconds}s; log: $log" >&2
status=0
cargo +nightly fuzz run -s "$sanitizer" "$target" "$corpus" "${seeds[@]}" -- \
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
