#!/usr/bin/env bash
# Runs every test: installs what is missing, builds once (warnings are errors), checks formatting, then runs all
# suites in one `dotnet test` over the solution against SQLite and a throwaway PostgreSQL server.
# Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/prerequisites.sh
dotnet tool restore >/dev/null
dotnet restore BillingOrchestrator.sln
dotnet build BillingOrchestrator.sln -c Release --no-restore
dotnet format BillingOrchestrator.sln --verify-no-changes --no-restore

log=$(mktemp)
set +e
scripts/with-postgres.sh dotnet test BillingOrchestrator.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 29, Skipped: 0, Total: 29").
summary=$(grep -E '(Passed|Failed)! +- +Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
rm -f "$log"
if [ "$status" -ne 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
  summary="${summary/ 0 failed/ 1 failed}"
fi
echo "$summary"
exit "$status"
