#!/bin/sh
# Installs Debian's OpenLDAP server and tools for the LDAP directory test (test/directory),
# which starts its own slapd on a free port. Idempotent: does nothing when /usr/sbin/slapd is
# already there. Non-interactive: the package's own database is not configured (the test
# writes its own slapd.conf in a temporary folder).
set -eu

if [ -x /usr/sbin/slapd ]; then
  echo "slapd is already installed: /usr/sbin/slapd"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available: install slapd and ldap-utils with your system's package manager" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "run as root (or install sudo) to install slapd" >&2
    exit 1
  fi
fi

$SUDO apt-get update
echo "slapd slapd/no_configuration boolean true" | $SUDO debconf-set-selections
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends slapd ldap-utils
# The package may start its own server; the test runs its own, so the system one is not needed.
$SUDO service slapd stop >/dev/null 2>&1 || true
test -x /usr/sbin/slapd
