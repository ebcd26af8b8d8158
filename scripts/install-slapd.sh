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

. "$(dirname "$0")/support/apt.sh"
apt_ready "slapd and ldap-utils"
echo "slapd slapd/no_configuration boolean true" | $SUDO debconf-set-selections
apt_install slapd ldap-utils
# The package may start its own server; the test runs its own, so the system one is not needed.
$SUDO service slapd stop >/dev/null 2>&1 || true
test -x /usr/sbin/slapd
