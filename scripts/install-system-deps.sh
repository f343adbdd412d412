#!/usr/bin/env bash
# Install the Debian packages docgen needs at run time and in tests.
#
#   scripts/install-system-deps.sh          # as root, or via sudo otherwise
#
# Idempotent: packages already installed are skipped, and `apt-get update` only
# runs when something is missing. Output is quiet; the apt log is printed only
# if the install fails.
#
# What and why (Debian 12 "bookworm"):
#   libreoffice-writer-nogui  Writer without any GUI toolkit; pulls in
#                             libreoffice-core-nogui. Enough for docx -> pdf.
#                             Installed without Recommends (saves ~50 packages).
#   python3-uno               Python-UNO bridge for /usr/bin/python3; docgen's
#                             PdfConverter drives a long-running soffice with it.
#   fonts-liberation2         Metric-compatible with Times New Roman / Arial /
#                             Courier New, so Word documents do not reflow.
#   fonts-dejavu-core         Fallback with wide Unicode coverage (Hebrew, etc.).
#   poppler-utils             pdftotext / pdftoppm, used by tests.
#   redis-server              For integration tests (rq). Not started here.
#   postgresql                For the store's PostgreSQL tests (initdb/pg_ctl; the
#                             tests start their own cluster). Not started here.
set -euo pipefail

PACKAGES=(
  libreoffice-writer-nogui
  python3-uno
  fonts-liberation2
  fonts-dejavu-core
  poppler-utils
  redis-server
  postgresql
)

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -- "$0" "$@"
  fi
  echo "install-system-deps: must run as root (sudo not found)" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  # "install ok installed" only when the package is fully configured.
  if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-system-deps: all packages already installed"
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
log=$(mktemp -t install-system-deps.XXXXXX.log)
export DEBIAN_FRONTEND=noninteractive

# Keep the package's postinst from starting redis-server (systemd or sysv):
# a policy-rc.d that returns 101 denies service starts. Only add one if the
# machine has none (containers usually already do), and remove it afterwards.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=1
fi
cleanup() {
  if [[ $added_policy -eq 1 ]]; then rm -f "$policy"; fi
}
trap cleanup EXIT

if ! { apt-get update -qq &&
       apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-system-deps: apt-get failed (log above, also in $log)" >&2
  exit 1
fi
rm -f "$log"
echo "install-system-deps: done"
