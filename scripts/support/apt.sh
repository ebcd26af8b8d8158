# Sourced by the install-*.sh scripts, which put a Debian program a test needs (Chromium,
# slapd) on the machine: one place says how we install from apt (non-interactive, without
# recommends, as root or through sudo) and what we say when we cannot.

# Checks apt-get and root (or sudo) are there, and sets SUDO for any command run before the
# install (a debconf answer, say). $1 names what is installed, in the messages.
apt_ready() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available: install $1 with your system's package manager" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "run as root (or install sudo) to install $1" >&2
      exit 1
    fi
  fi
}

# Installs the named packages from Debian's own archive (after apt_ready).
apt_install() {
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "$@"
}
