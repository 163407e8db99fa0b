#!/usr/bin/env bash
# Installs everything ClaimLens needs on a fresh Debian machine: Debian's Chromium (for `npm start`,
# the end-to-end tests and the benchmark) and Firefox ESR with its Spanish language pack (for the
# Firefox end-to-end tests), never a downloaded browser; and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v firefox-esr >/dev/null 2>&1 ||
  ! dpkg -s firefox-esr-l10n-es-es >/dev/null 2>&1; then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq chromium firefox-esr firefox-esr-l10n-es-es >/dev/null
fi

npm ci --no-fund --no-audit
