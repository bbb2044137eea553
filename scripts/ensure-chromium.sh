#!/usr/bin/env bash
# Makes sure Debian's Chromium (plus basic fonts) is installed for Playwright.
# Playwright's own browser download cannot work here (no internet besides the
# npm registry and Debian apt), so e2e tests drive /usr/bin/chromium instead.
# Idempotent and silent when everything is already there.
set -euo pipefail

# apt with bounds (apt_get, apt_install): a mirror that stops answering fails this script instead of hanging CI
source "$(dirname "${BASH_SOURCE[0]}")/apt-get-bounded.sh"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Fonts: without any installed font Chromium renders text as tofu boxes, which
# breaks screenshots and text layout assertions.
PACKAGES=(chromium fonts-dejavu-core fonts-liberation)

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
for p in fonts-dejavu-core fonts-liberation; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

apt_install --no-install-recommends "${PACKAGES[@]}"
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM still missing after install" >&2
  exit 1
fi
"$CHROMIUM" --version >&2
