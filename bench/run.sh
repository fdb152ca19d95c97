#!/usr/bin/env bash
# The benchmark harness: builds Bulwark, starts it on PostgreSQL with a generated demo campus of
# each requested size, runs the named scenarios, prints a table and writes one JSON per scenario
# and size to bench/results/.
#
#   bench/run.sh [--sizes 50000,500000] [--scenarios people-list,people-import,people-export,morning-rush,non-reporting,isolation-allocation,control-cases] [--heap 2g] [--rows 50000] [--concurrency 32] [--port 18080]
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=50000,500000
SCENARIOS=people-list
PORT=18080
HEAP=2g
ROWS=50000
PUSH_ROWS=1500
CONCURRENCY=32
while [ $# -gt 0 ]; do
	case "$1" in
		--sizes) SIZES=$2; shift 2 ;;
		--scenarios) SCENARIOS=$2; shift 2 ;;
		--port) PORT=$2; shift 2 ;;
		--heap) HEAP=$2; shift 2 ;;
		--rows) ROWS=$2; shift 2 ;;
		--push-rows) PUSH_ROWS=$2; shift 2 ;;
		--concurrency) CONCURRENCY=$2; shift 2 ;;
		*) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 "$@"; else psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$@"; fi
}
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "bench: PostgreSQL is not running on 127.0.0.1:5432 (./run-tests.sh installs and starts it)" >&2; exit 1; }

echo "== Building Bulwark"
./mvnw -B -q -ntp -DskipTests package
JAR=$(ls target/bulwark-*.jar | head -1)
mkdir -p bench/results

for SIZE in ${SIZES//,/ }; do
	DB=${BENCH_DB_PREFIX:-bench}_$SIZE
	echo "== $SIZE people: fresh database $DB"
	pg -d postgres -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bulwark') THEN CREATE ROLE bulwark LOGIN PASSWORD 'bulwark'; END IF; END \$\$;" \
		-c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER bulwark"
	LOG=bench/results/app-$SIZE.log
	# non-reporting reads the list of the slot open now: the app runs in a zone where it is 08:00, so
	# the morning slot (06:00-09:30) is open whatever the hour of the run
	ZONE=Asia/Shanghai
	# push-list-match: the steps of a confirmation are logged at debug level and printed after the run
	APP_ARGS=
	if [[ ",$SCENARIOS," == *",push-list-match,"* ]]; then APP_ARGS=--logging.level.org.bulwark.screening.PushLists=debug; fi
	if [[ ",$SCENARIOS," == *",non-reporting,"* ]]; then
		NOW=$(( $(date -u +%-H) * 60 + $(date -u +%-M) ))
		OFF=$(( ((8 * 60 - NOW) % 1440 + 1440) % 1440 ))
		if [ $OFF -gt 720 ]; then OFF=$(( OFF - 1440 )); fi
		SIGN=+; if [ $OFF -lt 0 ]; then SIGN=-; OFF=$(( -OFF )); fi
		ZONE=$(printf '%s%02d:%02d' "$SIGN" $(( OFF / 60 )) $(( OFF % 60 )))
	fi
	java -Xmx"$HEAP" -jar "$JAR" --spring.profiles.active=demo --server.port="$PORT" --bulwark.health.time-zone="$ZONE" \
		--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" \
		--spring.datasource.username=bulwark --spring.datasource.password=bulwark \
		--bulwark.demo.people="$SIZE" $APP_ARGS >"$LOG" 2>&1 &
	APP=$!
	trap 'kill $APP 2>/dev/null || true' EXIT
	echo "   starting (seeding $SIZE people; log in $LOG)"
	for i in $(seq 1 900); do
		if curl -sf "http://localhost:$PORT/actuator/health" | grep -q '"UP"'; then break; fi
		kill -0 $APP 2>/dev/null || { echo "bench: Bulwark exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
		sleep 1
	done
	grep -o 'Demo campus seeded.*' "$LOG" | sed 's/^/   /' || true
	pg -d "$DB" -c "ANALYZE"
	# The bench owns this database: it issues itself an API token for the admin account.
	SECRET="blw_bench$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	HASH=$(printf '%s' "$SECRET" | sha256sum | cut -d' ' -f1)
	pg -d "$DB" -c "INSERT INTO api_token (school_id, user_id, name, token_prefix, token_hash, created_by)
		SELECT school_id, id, 'bench', substr('$SECRET', 1, 10), '$HASH', 'bench' FROM app_user WHERE username = 'admin'"
	java bench/Bench.java --base "http://localhost:$PORT" --size "$SIZE" --scenarios "$SCENARIOS" --token "$SECRET" \
		--db "$DB" --heap "$HEAP" --rows "$ROWS" --push-rows "$PUSH_ROWS" --concurrency "$CONCURRENCY" --zone "$ZONE" --out bench/results
	if [ -n "$APP_ARGS" ]; then grep -oE '(confirm|match|tasks of list) [0-9]+: .*' "$LOG" | tail -4 | sed 's/^/   steps of the last confirmation: /' || true; fi
	kill $APP; wait $APP 2>/dev/null || true
	trap - EXIT
done
