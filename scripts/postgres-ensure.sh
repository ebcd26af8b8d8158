#!/usr/bin/env bash
# Makes sure a local Postgres answers at 127.0.0.1:5432 with a database named "test", for
# the suite's Postgres pass. Starts the Debian cluster when it is stopped; installs Debian's
# postgresql package when there is none. Exit 0: ready. Exit 1: not possible and CI=true
# (the run must fail). Exit 2: not possible outside CI (the caller skips the Postgres pass).
set -uo pipefail

HOST=127.0.0.1
PORT=5432

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

give_up() {
  echo "postgres: $1" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 2
}

sudo_prefix() {
  if [ "$(id -u)" -eq 0 ]; then echo ""; elif command -v sudo >/dev/null 2>&1; then echo "sudo"; else return 1; fi
}

start_cluster() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || return 1
  echo "postgres: starting cluster $version/main"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
  for _ in $(seq 1 30); do ready && return 0; sleep 1; done
  return 1
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || return 1
  echo "postgres: installing Debian's postgresql package"
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else $SUDO -u postgres "$@"; fi
}

if ! ready; then
  command -v pg_isready >/dev/null 2>&1 || [ -x /usr/bin/apt-get ] || give_up "not installed and apt-get is not available; skipping"
  SUDO=$(sudo_prefix) || give_up "not running, and starting it needs root or sudo"
  if ! start_cluster; then
    install_postgres || give_up "could not install Debian's postgresql package"
    start_cluster || give_up "installed, but the cluster did not start"
  fi
else
  SUDO=$(sudo_prefix) || SUDO=""
fi

# The suite connects as postgres/postgres over TCP (scram on a fresh Debian cluster, trust
# where the server trusts local connections) and creates its databases from "test".
if ! PGPASSWORD=postgres psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  as_postgres psql -p "$PORT" -qc "alter user postgres password 'postgres'" >/dev/null 2>&1 \
    || give_up "cannot connect as user postgres on $HOST:$PORT"
fi
if [ "$(PGPASSWORD=postgres psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'test'")" != "1" ]; then
  PGPASSWORD=postgres psql -h "$HOST" -p "$PORT" -U postgres -d postgres -qc 'create database test' || give_up "cannot create database test"
fi
echo "postgres: ready at $HOST:$PORT"
