#!/usr/bin/env bash
# Starts the product on the embedded default: SQLite under ./data, the workflows in ./workflows, demo users on.
# Extra arguments go to the host, e.g. scripts/start.sh --urls http://127.0.0.1:5100
# BO_NO_BUILD=1 starts what was built last (the UI tests start the product this way after scripts/test.sh built it);
# BO_CONFIGURATION picks the build configuration (Release unless set).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

configuration=${BO_CONFIGURATION:-Release}

scripts/prerequisites.sh
if [ "${BO_NO_BUILD:-}" != "1" ]; then
  dotnet build src/BillingOrchestrator.Web -c "$configuration"
fi

exec dotnet run --project src/BillingOrchestrator.Web -c "$configuration" --no-build -- \
  --urls "${BO_URLS:-http://127.0.0.1:5000}" \
  --DataDirectory "${BO_DATA:-$root/data}" \
  --Workflows:Directory "$root/workflows" \
  --Demo:Enabled true \
  --Demo:Password "${BO_DEMO_PASSWORD:-Demo-Passw0rd!}" \
  "$@"
