#!/usr/bin/env bash
# The decision service under load (BENCHMARKS.md, "zhengce serve"): generated cases,
# the release build, then crates/serve/benches/load.rs against a server it starts on
# loopback: throughput with 64 keep-alive connections, 4x that offered (shed with 503,
# then recovered), a soak (SOAK seconds, memory read every 5 s), a reload under load.
#
#   bench/serve.sh [COUNT] [SEED]          COUNT cases (default 10000), SEED (default 7)
#   SECONDS_EACH=10 SOAK=300 bench/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-7}
cases=${CASES:-/tmp/serve-cases-$count-$seed.jsonl}
[ -s "$cases" ] || cargo run --release --quiet --example gen_cases -- --count "$count" --seed "$seed" > "$cases"
uptime
cargo bench -p zhengce-serve --bench load -- --cases "$cases" \
    --seconds "${SECONDS_EACH:-10}" --soak-seconds "${SOAK:-60}"
uptime
