#!/usr/bin/env bash
# Starts Bulwark with a demo campus on the embedded H2 database under ./data.
# The first start seeds the campus (about 5,000 people; BULWARK_DEMO_PEOPLE to change); later
# starts reuse the data. The port is 8080 unless BULWARK_PORT says otherwise.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v javac >/dev/null; then
	echo "Installing a JDK 17 (openjdk-17-jdk-headless)"
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
fi
echo "Building Bulwark (first build downloads dependencies)…"
./mvnw -B -q -ntp -DskipTests package
mkdir -p data
exec java -jar target/bulwark-*.jar --spring.profiles.active=demo "$@"
