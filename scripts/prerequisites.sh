#!/usr/bin/env bash
# Installs what the product and its tests need from Debian, once. Fails loudly when something cannot be had.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "prerequisites: the .NET 10 SDK (dotnet) is required and is not on PATH" >&2
  exit 1
fi

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
# PDF briefs are typeset in DejaVu; the tests open rendered PDFs with poppler's pdftoppm.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The UI journeys drive Debian's chromium through Playwright's bundled driver; no browser is downloaded.
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "prerequisites: missing ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "prerequisites: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
