#!/usr/bin/env bash
# HTTP load on the real product over loopback (not part of CI): simulated owners start cycles, list their tasks, claim,
# upload evidence, complete, approve gates (each renders a PDF brief) and read dashboards, while validation runs go on
# in the background; on a SQLite file and on a throwaway PostgreSQL. Prints a markdown report on stdout.
#   bench/load.sh                                   # 50 owners, 60 s after 10 s warm-up, both databases
#   bench/load.sh --users 20 --seconds 10 --provider sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/BillingOrchestrator.Web -c Release -nologo -v quiet >&2
dotnet build bench/BillingOrchestrator.LoadTest -c Release -nologo -v quiet >&2
scripts/with-postgres.sh dotnet bench/BillingOrchestrator.LoadTest/bin/Release/net10.0/BillingOrchestrator.LoadTest.dll "$@"
