#!/usr/bin/env bash
# Runs Bulwark's whole test suite against PostgreSQL, with browser tests in Chromium.
# On a fresh Debian machine it installs what is missing (JDK 17, PostgreSQL, Chromium) and starts
# PostgreSQL; it recreates the test database on every run so migrations always run from scratch.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null; then sudo "$@"; else echo "run-tests.sh: need root to run: $*" >&2; exit 1; fi
	else
		"$@"
	fi
}
apt_install() {
	say "Installing $*"
	need_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
command -v psql >/dev/null && ls /etc/postgresql/*/main >/dev/null 2>&1 || apt_install postgresql
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || apt_install chromium

PGVER=$(ls /etc/postgresql | sort -V | tail -1)
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
	say "Starting PostgreSQL $PGVER"
	need_root pg_ctlcluster --skip-systemctl-redirect "$PGVER" main start
	for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "run-tests.sh: PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }

as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
say "Creating a fresh test database bulwark_test"
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bulwark') THEN
    CREATE ROLE bulwark LOGIN PASSWORD 'bulwark';
  END IF;
END $$;
DROP DATABASE IF EXISTS bulwark_test WITH (FORCE);
CREATE DATABASE bulwark_test OWNER bulwark;
SQL

export BULWARK_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/bulwark_test
export BULWARK_TEST_DB_USER=bulwark
export BULWARK_TEST_DB_PASSWORD=bulwark
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export BULWARK_CHROMIUM=${BULWARK_CHROMIUM:-/usr/bin/chromium}

say "Running the test suite (unit, PostgreSQL integration, browser, embedded-H2 smoke)"
./mvnw -B -ntp verify "$@"
