#!/usr/bin/env bash
# CI for a policy repository: check the policy strictly, run its case suite with
# coverage and JUnit output, and show the impact of the change against the previous
# version of the policy. Fails when the policy has errors or warnings, a case fails,
# or rule coverage falls below the minimum.
#
# Usage: policy-ci.sh POLICY CASES [BASE_REF]
#   POLICY    the policy file, e.g. policies/hunan/2025-employment-assistance.policy
#   CASES     the case folder, e.g. cases/
#   BASE_REF  the git revision to compare with (default: origin/main, else HEAD~1)
# Needs `zhengce` on PATH (cargo install --path <zhengce checkout>).
set -euo pipefail

policy=${1:?usage: policy-ci.sh POLICY CASES [BASE_REF]}
cases=${2:?usage: policy-ci.sh POLICY CASES [BASE_REF]}
base_ref=${3:-}
min_coverage=${ZHENGCE_COVERAGE_MIN:-100}
out=${ZHENGCE_REPORTS:-reports}
mkdir -p "$out"

status=0
echo "== check (strict)"
zhengce check --strict "$policy" || status=1

echo "== test (coverage >= ${min_coverage}%)"
zhengce test --policy "$policy" --junit "$out/junit.xml" --coverage --coverage-min "$min_coverage" "$cases" || status=1

echo "== impact against the previous version"
if [ -z "$base_ref" ]; then
  base_ref=$(git rev-parse --verify -q origin/main || git rev-parse --verify -q HEAD~1 || true)
fi
if [ -n "$base_ref" ]; then
  previous=$(mktemp -d)
  trap 'git worktree remove --force "$previous" >/dev/null 2>&1 || true' EXIT
  git worktree add --detach "$previous" "$base_ref" >/dev/null
  if [ -f "$previous/$policy" ]; then
    zhengce diff "$previous/$policy" "$policy" "$cases" | tee "$out/impact.txt" || status=1
    zhengce diff --format json "$previous/$policy" "$policy" "$cases" > "$out/impact.json" || status=1
  else
    echo "no previous version of $policy at $base_ref: nothing to compare"
  fi
else
  echo "no previous revision: nothing to compare"
fi
exit "$status"
