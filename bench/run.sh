#!/usr/bin/env bash
# Full benchmark run (not part of CI): the engine on a SQLite file and on a throwaway PostgreSQL, WorkflowCore 3.22.0 in
# memory and the raw commit baselines, all in one process on this machine. Prints the markdown report on stdout
# (progress goes to stderr). Extra arguments go to the bench:
#   bench/run.sh                      # full run: 3 repetitions, ~4-5 minutes on a 2-core machine
#   bench/run.sh --quick              # smoke run, ~20 s
#   bench/run.sh --markdown out.md    # also write the report to out.md
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build bench/BillingOrchestrator.Benchmarks -c Release -nologo -v quiet >&2

# Which engine source was measured, for the report.
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
  dirty=$(git status --porcelain -- src | wc -l)
  export BO_BENCH_SOURCE="commit $commit$([ "$dirty" -gt 0 ] && echo " plus $dirty uncommitted changes in src/")"
fi

scripts/with-postgres.sh dotnet bench/BillingOrchestrator.Benchmarks/bin/Release/net10.0/BillingOrchestrator.Benchmarks.dll "$@"
