#!/usr/bin/env bash
# Publishes the host as a self-contained folder (framework-dependent: the machine needs the ASP.NET Core 10 runtime):
# the host, its static web assets, the base appsettings.json and the workflow definitions.
# Usage: scripts/publish.sh [OUTPUT_FOLDER]   (default ./publish). Run it with:
#   cd OUTPUT_FOLDER && ./BillingOrchestrator.Web --urls http://127.0.0.1:5000 --DataDirectory /var/lib/billing-orchestrator
# See docs/operations.md for running it as a systemd service behind a reverse proxy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=$(realpath -m "${1:-$root/publish}")

scripts/prerequisites.sh
dotnet publish src/BillingOrchestrator.Web -c Release -o "$out"
echo "published to $out"
