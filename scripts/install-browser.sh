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

. "$(dirname "$0")/apt-ensure.sh"
apt_ensure install-browser "Chromium and the CJK fonts"
