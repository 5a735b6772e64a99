#!/usr/bin/env bash
# Instructions a case, counted by callgrind: a figure that does not move with the
# machine's load or speed (wall time differs by 2× from day to day here), so a change to
# reading, evaluating or the record can be weighed on its own, commit against commit.
#
#   bench/instructions.sh [COUNT] [SEED]     # default: 5000 generated cases, seed 7
#
# Runs `zhengce batch -q --jobs 1` as it is, with `--validate-only` and with `--trace`
# under callgrind, each thread counted apart, and prints the worker thread's
# instructions a case (what a case costs, start-up and the reader thread left out) and
# the ratios, which track the targets `batch` ≤ 1.5 × `--validate-only` and `--trace` ≤
# 2.5 × `batch` of BENCHMARKS.md. Instructions are not time: the ratios in wall time
# have differed from these by up to a tenth (see BENCHMARKS.md). Needs valgrind
# (`apt-get install valgrind`). A benchmark, not a test: nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-5000}
SEED=${2:-7}
DIR=${BENCH_DIR:-/tmp/zhengce-bench}
mkdir -p "$DIR"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
cargo build --quiet --release --example gen_cases
cargo build --quiet --release
CASES="$DIR/cases-$COUNT-$SEED.jsonl"
[ -s "$CASES" ] || ./target/release/examples/gen_cases --count "$COUNT" --seed "$SEED" > "$CASES"

# worker ARGS...: the instructions of the busiest thread (the one worker), a case.
worker() {
    rm -f "$DIR"/callgrind.out*
    valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$DIR/callgrind.out" \
        ./target/release/zhengce batch -q --jobs 1 "$@" "$CASES" --out /dev/null 2>/dev/null || true
    grep -h '^summary:' "$DIR"/callgrind.out* | awk '{print $2}' | sort -n | tail -1 |
        awk -v n="$COUNT" '{printf "%.0f", $1 / n}'
    rm -f "$DIR"/callgrind.out*
}

batch=$(worker)
validate=$(worker --validate-only)
trace=$(worker --trace)
echo "cases: $COUNT, seed $SEED; instructions a case in the worker thread (callgrind)"
echo
echo "| run | instructions a case |"
echo "|---|---:|"
echo "| zhengce batch | $batch |"
echo "| zhengce batch --validate-only | $validate |"
echo "| zhengce batch --trace | $trace |"
echo
echo "batch / validate-only: $(awk "BEGIN{printf \"%.2f\", $batch / $validate}")   (target <= 1.5, in wall time)"
echo "trace / batch:         $(awk "BEGIN{printf \"%.2f\", $trace / $batch}")   (target <= 2.5, in wall time)"
