#!/usr/bin/env bash
# The Python package, for real: built by maturin into a virtualenv, then its tests run:
# tests/plain_evaluate.py (pyarrow alone) and tests/spark_outreach.py (PySpark in local
# mode: the example mapping's push list, byte for byte the one zhengce-match writes).
#
#   crates/python/test.sh                                  # builds zhengce-match first
#   ZHENGCE_MATCH=path/to/zhengce-match crates/python/test.sh
#
# `cargo test --workspace` runs it (tests/python_package.rs), with the zhengce-match it
# has just built. It needs python3 with maturin, pyarrow, pyspark and pandas (PySpark's
# mapInArrow imports it), and Java (17 or later, for Spark 4). When one is missing it
# says which and exits 77 (skipped); under CI=true it fails instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cargo=${CARGO:-cargo}

missing=()
for module in maturin pyarrow pyspark pandas; do
    python3 -c "import $module" 2>/dev/null || missing+=("$module")
done
command -v java >/dev/null || missing+=(java)
if [ ${#missing[@]} -gt 0 ]; then
    echo "crates/python/test.sh: missing ${missing[*]} (to install:" \
        "python3 -m pip install maturin pyarrow pyspark 'pandas>=2.2,<3'; a Java 17 runtime)" >&2
    if [ "${CI:-}" = true ]; then
        exit 1
    fi
    echo "crates/python/test.sh: skipped (it fails under CI=true)" >&2
    exit 77
fi

if [ -z "${ZHENGCE_MATCH:-}" ]; then
    "$cargo" build -q -p zhengce-match --bin zhengce-match
    ZHENGCE_MATCH=$target/debug/zhengce-match
fi
export ZHENGCE_MATCH

# The virtualenv sees the packages installed for python3 (pyarrow, pyspark): nothing is
# downloaded. Kept in the target folder, made once.
venv=$target/python-venv
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
# maturin is run by the python3 it was installed for (its script is not in the
# virtualenv), and installs into the virtualenv it is told of.
VIRTUAL_ENV=$venv CARGO_TARGET_DIR=$target python3 -m maturin develop -m "$here/Cargo.toml"

cd "$root"
"$venv/bin/python" "$here/tests/plain_evaluate.py"
"$venv/bin/python" "$here/tests/spark_outreach.py"
