#!/usr/bin/env bash
# Fuzzes the ConnectWise JSON and CSV importers and the workflow definition parser with SharpFuzz + AFL++ (docs/fuzzing.md).
#   scripts/fuzz.sh [--seconds N] [--target NAME]     N seconds per target (default 120); all targets unless one is named
# Installs what it needs (Debian's afl++, the sharpfuzz tool under fuzz/out/tools), builds the harness into fuzz/out/plain,
# instruments a copy of the product DLLs in fuzz/out/bin (never the normal build output), runs one AFL++ instance per target, one after the
# other (one core), with seeds from the repository, then replays every crash and hang in-process and prints the figures.
# Exit code 1 when any target produced a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

seconds=120
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --target) only="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N] [--target connectwise-json|connectwise-csv|workflow-definition]" >&2; exit 2 ;;
  esac
done

out="$PWD/fuzz/out"
bin="$out/bin"
mkdir -p "$out"

if ! command -v afl-fuzz >/dev/null; then
  apt-get install -y afl++ >/dev/null || { apt-get update >/dev/null && apt-get install -y afl++ >/dev/null; }
fi
if [ ! -x "$out/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi

# The plain build writes seeds and replays findings; instrumented code outside AFL has no coverage map to write to and
# dies. The instrumented copy is made fresh each time: sharpfuzz rewrites DLLs in place and refuses one it already did.
plain="$out/plain"
rm -rf "$bin"
dotnet build fuzz/BillingOrchestrator.Fuzz/BillingOrchestrator.Fuzz.csproj -c Release -o "$plain" -v quiet -nologo >/dev/null
cp -r "$plain" "$bin"
for dll in BillingOrchestrator.Integrations BillingOrchestrator.Billing BillingOrchestrator.Workflows; do
  "$out/tools/sharpfuzz" "$bin/$dll.dll" >/dev/null
done

harness=(dotnet "$plain/BillingOrchestrator.Fuzz.dll")
if [ -n "$only" ]; then targets=("$only"); else mapfile -t targets < <("${harness[@]}" targets); fi

# AFL++ on a shared machine: no CPU pinning, no UI, and .NET is not a binary it can check for its instrumentation.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000

status=0
summary=()
for target in "${targets[@]}"; do
  work="$out/$target"
  rm -rf "$work/findings"
  "${harness[@]}" seeds "$target" "$work/seeds" >/dev/null
  echo "== $target: ${seconds}s"
  # -t: per-input timeout in ms (a hang is an input that takes longer); -m none: the .NET runtime reserves much address space.
  afl-fuzz -i "$work/seeds" -o "$work/findings" -V "$seconds" -t 5000 -m none -- dotnet "$bin/BillingOrchestrator.Fuzz.dll" afl "$target" >"$work/afl.log" 2>&1 || true
  stats="$work/findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "afl-fuzz did not run for $target; see $work/afl.log" >&2
    tail -20 "$work/afl.log" >&2
    status=1
    continue
  fi
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
  line="$target: $(stat execs_done) execs in $(stat run_time)s ($(stat execs_per_sec)/s), corpus $(stat corpus_count), edges $(stat edges_found), crashes $crashes, hangs $hangs"
  summary+=("$line")
  for kind in crashes hangs; do
    files=("$work/findings/default/$kind"/id:*)
    if [ -e "${files[0]}" ]; then
      echo "-- $kind of $target, replayed in-process:"
      "${harness[@]}" replay "$target" "${files[@]}" || true
    fi
  done
  [ "$crashes" -eq 0 ] || status=1
done

echo "== results"
printf '%s\n' "${summary[@]}"
exit "$status"
