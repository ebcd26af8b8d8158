#!/bin/sh
# Installs Debian's chromium for the browser test (test/browser). Idempotent: does nothing
# when /usr/bin/chromium is already there. Never downloads a browser from anywhere else.
set -eu

if [ -x /usr/bin/chromium ]; then
  echo "chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

. "$(dirname "$0")/support/apt.sh"
apt_ready "chromium"
apt_install chromium
/usr/bin/chromium --version
