#!/usr/bin/env bash
# Headless Chromium for the review-page browser test (tests/view/browser.test.ts),
# from Debian's own packages, so CI needs no browser download from a CDN.
# Does nothing when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
/usr/bin/chromium --version
