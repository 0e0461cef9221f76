#!/usr/bin/env bash
# Install the Debian packages the browser test needs (make browser-test), if they are missing.
#
#   chromium chromium-driver   headless Debian Chromium, which Playwright drives at /usr/bin/chromium
#                              (the project never downloads a browser: no `playwright install`)
#   fonts-noto-cjk             so the Chinese terms render in the browser as in the PDF
#
# Idempotent: when Chromium and the CJK fonts are present it does nothing.
# Needs root (or sudo) only when something has to be installed.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-noto-cjk)

have_all() {
    [ -x /usr/bin/chromium ] && command -v fc-list >/dev/null && fc-list 'Noto Sans CJK SC' | grep -q .
}

if have_all; then
    echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) and CJK fonts already present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-browser: need root or sudo to install: ${PACKAGES[*]}" >&2; exit 1; }
    SUDO="sudo"
fi
echo "install-browser: installing ${PACKAGES[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
have_all || { echo "install-browser: packages installed but Chromium or the CJK fonts are still missing" >&2; exit 1; }
