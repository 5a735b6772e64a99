#!/usr/bin/env bash
# The batch benchmark of BENCHMARKS.md: generates COUNT cases (JSON Lines, and YAML for
# the scaling check), runs `zhengce batch` with 1 and 2 jobs, `--validate-only` and
# `--trace`, and prints wall time, cases/s and peak RSS (from /usr/bin/time), best of
# RUNS. With REGORUS set to a built regorus-bench binary (../shared/bench/peers.md), the
# peer runs on the same file in the same session and the ratio is printed.
#
#   bench/batch.sh [COUNT] [SEED]            # default: 1000000 cases, seed 7
#   RUNS=3 REGORUS=/tmp/peers/regorus-bench/target/release/regorus-bench bench/batch.sh
#
# A benchmark, not a test: nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
SEED=${2:-7}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/tmp/zhengce-bench}
mkdir -p "$DIR"
cargo build --quiet --release --example gen_cases
cargo build --quiet --release
ZHENGCE=./target/release/zhengce
GEN=./target/release/examples/gen_cases
CASES="$DIR/cases-$COUNT-$SEED.jsonl"
[ -s "$CASES" ] || "$GEN" --count "$COUNT" --seed "$SEED" > "$CASES"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "cases: $COUNT ($(du -h "$CASES" | cut -f1)), seed $SEED, best of $RUNS"
echo
echo "| run | wall s | cases/s | peak RSS MB |"
echo "|---|---:|---:|---:|"

# best LABEL CMD...: the fastest of RUNS runs, with its peak RSS.
best() {
    local label=$1; shift
    local best_wall="" best_rss=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$DIR/time" "$@" > /dev/null 2> /dev/null || true
        read -r wall rss < "$DIR/time"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
            best_wall=$wall; best_rss=$rss
        fi
    done
    printf "| %s | %.2f | %.0f | %.0f |\n" "$label" "$best_wall" \
        "$(awk "BEGIN{print $COUNT / ($best_wall > 0 ? $best_wall : 1)}")" "$(awk "BEGIN{print $best_rss / 1024}")"
    echo "$best_wall" > "$DIR/last"
}

best "zhengce batch, 1 job" $ZHENGCE batch -q --jobs 1 "$CASES"
best "zhengce batch, 2 jobs" $ZHENGCE batch -q --jobs 2 "$CASES"; batch2=$(cat "$DIR/last")
best "zhengce batch --validate-only, 2 jobs" $ZHENGCE batch -q --jobs 2 --validate-only "$CASES"; validate=$(cat "$DIR/last")
best "zhengce batch --trace, 2 jobs" $ZHENGCE batch -q --jobs 2 --trace "$CASES"; trace=$(cat "$DIR/last")
if [ -n "${REGORUS:-}" ]; then
    best "regorus RVM, 2 threads" "$REGORUS" --policy "$(dirname "$REGORUS")/../../../rego/hunan.rego" \
        --cases "$CASES" --mode rvm --threads 2 --out "$DIR/regorus.jsonl"
    regorus=$(cat "$DIR/last")
fi

# YAML scales linearly: 10× the cases in about 10× the time.
Y10="$DIR/cases-10000-$SEED.yaml"; Y100="$DIR/cases-100000-$SEED.yaml"
[ -s "$Y10" ] || "$GEN" --count 10000 --seed "$SEED" --format yaml > "$Y10"
[ -s "$Y100" ] || "$GEN" --count 100000 --seed "$SEED" --format yaml > "$Y100"
COUNT=10000 best "zhengce batch, YAML 10k, 2 jobs" $ZHENGCE batch -q --jobs 2 "$Y10"; y10=$(cat "$DIR/last")
COUNT=100000 best "zhengce batch, YAML 100k, 2 jobs" $ZHENGCE batch -q --jobs 2 "$Y100"; y100=$(cat "$DIR/last")

echo
ratio() { awk "BEGIN{printf \"%.2f\", $1 / ($2 > 0 ? $2 : 1)}"; }
echo "batch / validate-only: $(ratio "$batch2" "$validate")   (target <= 1.5)"
echo "trace / batch:         $(ratio "$trace" "$batch2")   (target <= 2.5)"
echo "YAML 100k / 10k:       $(ratio "$y100" "$y10")   (target <= 12)"
if [ -n "${regorus:-}" ]; then
    echo "regorus / zhengce:     $(ratio "$regorus" "$batch2")   (target >= 10)"
fi
