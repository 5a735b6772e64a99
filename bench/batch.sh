#!/usr/bin/env bash
# The batch benchmark of BENCHMARKS.md: generates COUNT cases (JSON Lines, and YAML for
# the scaling check), runs `zhengce batch` with 1 and 2 jobs, `--validate-only` and
# `--trace`, and prints wall time, cases/s and peak RSS (from /usr/bin/time), best of
# RUNS rounds (a round runs every configuration once). With REGORUS set to a built
# regorus-bench binary (../shared/bench/peers.md), the peer runs on the same file in
# the same rounds and the ratio is printed.
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
[ "$RUNS" -ge 1 ] 2>/dev/null || RUNS=1
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

# The runs, each RUNS times in turn (a round runs every one once), so that a ratio
# compares runs made minutes apart, not one made before the machine slowed down and one
# after: the same build's time moved by up to 16% over an hour here. Best of RUNS each.
LABELS=(); COUNTS=(); CMDS=()
run() {
    LABELS+=("$1"); COUNTS+=("$2"); shift 2
    CMDS+=("$(printf '%q ' "$@")")
}
Y10="$DIR/cases-10000-$SEED.yaml"; Y100="$DIR/cases-100000-$SEED.yaml"
[ -s "$Y10" ] || "$GEN" --count 10000 --seed "$SEED" --format yaml > "$Y10"
[ -s "$Y100" ] || "$GEN" --count 100000 --seed "$SEED" --format yaml > "$Y100"
run "zhengce batch, 1 job" "$COUNT" $ZHENGCE batch -q --jobs 1 "$CASES"
run "zhengce batch, 2 jobs" "$COUNT" $ZHENGCE batch -q --jobs 2 "$CASES"
run "zhengce batch --validate-only, 2 jobs" "$COUNT" $ZHENGCE batch -q --jobs 2 --validate-only "$CASES"
run "zhengce batch --trace, 2 jobs" "$COUNT" $ZHENGCE batch -q --jobs 2 --trace "$CASES"
if [ -n "${REGORUS:-}" ]; then
    run "regorus RVM, 2 threads" "$COUNT" "$REGORUS" --policy "$(dirname "$REGORUS")/../../../rego/hunan.rego" \
        --cases "$CASES" --mode rvm --threads 2 --out "$DIR/regorus.jsonl"
fi
run "zhengce batch, YAML 10k, 2 jobs" 10000 $ZHENGCE batch -q --jobs 2 "$Y10"
run "zhengce batch, YAML 100k, 2 jobs" 100000 $ZHENGCE batch -q --jobs 2 "$Y100"

# A run that fails is left out of its best (time writes a line saying so before its
# figures); a configuration with no run that succeeded shows as failed.
BEST=(); RSS=()
TIME_FILE=$(printf %q "$DIR/time")
for _ in $(seq "$RUNS"); do
    for i in "${!CMDS[@]}"; do
        rm -f "$DIR/time"
        if eval "/usr/bin/time -f '%e %M' -o $TIME_FILE ${CMDS[$i]}" > /dev/null 2> /dev/null; then
            read -r wall rss < <(tail -n 1 "$DIR/time")
            if [ -z "${BEST[$i]:-}" ] || awk "BEGIN{exit !($wall < ${BEST[$i]})}"; then
                BEST[$i]=$wall; RSS[$i]=$rss
            fi
        fi
    done
done
for i in "${!CMDS[@]}"; do
    if [ -z "${BEST[$i]:-}" ]; then
        printf "| %s | failed | | |\n" "${LABELS[$i]}"
        continue
    fi
    printf "| %s | %.2f | %.0f | %.0f |\n" "${LABELS[$i]}" "${BEST[$i]}" \
        "$(awk "BEGIN{print ${COUNTS[$i]} / (${BEST[$i]} > 0 ? ${BEST[$i]} : 1)}")" "$(awk "BEGIN{print ${RSS[$i]} / 1024}")"
done
# best LABEL: the best wall time of the run so labelled.
best() {
    for i in "${!LABELS[@]}"; do
        if [ "${LABELS[$i]}" = "$1" ]; then echo "${BEST[$i]:-}"; fi
    done
}
batch2=$(best "zhengce batch, 2 jobs")
validate=$(best "zhengce batch --validate-only, 2 jobs")
trace=$(best "zhengce batch --trace, 2 jobs")
regorus=$(best "regorus RVM, 2 threads")
y10=$(best "zhengce batch, YAML 10k, 2 jobs")
y100=$(best "zhengce batch, YAML 100k, 2 jobs")

echo
# ratio A B: A / B, or "n/a" when either run failed.
ratio() {
    if [ -z "$1" ] || [ -z "$2" ]; then echo "n/a"; return; fi
    awk "BEGIN{printf \"%.2f\", $1 / ($2 > 0 ? $2 : 1)}"
}
echo "batch / validate-only: $(ratio "$batch2" "$validate")   (target <= 1.5)"
echo "trace / batch:         $(ratio "$trace" "$batch2")   (target <= 2.5)"
echo "YAML 100k / 10k:       $(ratio "$y100" "$y10")   (target <= 12)"
if [ -n "${REGORUS:-}" ]; then
    echo "regorus / zhengce:     $(ratio "$regorus" "$batch2")   (target >= 10)"
fi
