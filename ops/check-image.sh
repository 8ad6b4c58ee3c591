#!/usr/bin/env bash
# Builds what the image holds from the built jar, with the Dockerfile's own steps (there is
# no Docker engine in CI: ops/image.sh), and starts it the way its ENTRYPOINT does, from
# Spring AOT's bean definitions and the JDK AOT cache, in every shape whose beans differ:
#   - nothing configured: starts from Spring AOT's bean definitions and serves;
#   - REDIS_URL (a real redis-server): the same, with state shared through Redis;
#   - MANAGEMENT_PORT: starts from the classes instead, says so, and serves actuator there
#     and only there;
#   - --probe: starts from the classes, without a web application's beans, and prints its report.
# Needs Java 25 (the image's JVM: JAVA25, else Temurin 25 under /usr/lib/jvm; without it the
# check is skipped, or fails with CI set), curl, jq and redis-server, and a jar in target/
# (./mvnw package). Usage: ops/check-image.sh   (from anywhere; exits non-zero on any failure)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ops/image.sh
source ops/image.sh

JAVA=$IMAGE_JAVA
if [[ ! -x $JAVA ]]; then
  if [[ -n ${CI:-} ]]; then
    echo "check-image: no Java 25 at $JAVA (the image's JVM; set JAVA25)" >&2
    exit 1
  fi
  echo "check-image: skipped: no Java 25 at $JAVA (set JAVA25)"
  exit 0
fi
jar=$(ls target/icebroker-*.jar 2>/dev/null | grep -v plain | head -n 1) || true
if [[ -z $jar ]]; then
  echo "check-image: no jar in target/ (run ./mvnw package first)" >&2
  exit 1
fi

work=$(mktemp -d)
app_pid=""
redis_pid=""
cleanup() {
  stop_pid "$app_pid"
  stop_pid "$redis_pid"
  if [[ -n ${KEEP_WORK:-} ]]; then echo "check-image: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

failures=0
check() {
  local what=$1
  shift
  if "$@"; then
    echo "ok      $what"
  else
    echo "FAILED  $what" >&2
    failures=$((failures + 1))
  fi
}

echo "check-image: the Dockerfile's extraction, layers and training run on $jar with $JAVA"
image_prepare "$jar" "$work/app" "$JAVA" || exit 1
echo "ok      the extraction made every layer the run stage copies, and training wrote the cache"

mapfile -t entrypoint < <(image_entrypoint)
entrypoint[0]=$JAVA

# start NAME [NAME=value ...]: the entrypoint in the background with the image's ENV and
# the settings given, on a free port; waits until /readyz answers 200.
start() {
  local name=$1
  shift
  port=$(free_port)
  image_exec "$work/app" PORT="$port" "$@" "${entrypoint[@]}" >"$work/$name.log" 2>&1 &
  app_pid=$!
  if ! wait_until_ok "http://127.0.0.1:$port/readyz" "$app_pid" 60; then
    echo "check-image: $name did not get ready; its log:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
}

stop() {
  stop_pid "$app_pid"
  app_pid=""
}

status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1$2"; }
logged() { grep -qF "$2" "$work/$1.log"; }
not_logged() { ! grep -qF "$2" "$work/$1.log"; }
equals() { [[ $1 == "$2" ]]; }
contains() { [[ $1 == *"$2"* ]]; }

start plain
check "nothing configured: starts from Spring AOT's bean definitions" logged plain "Starting AOT-processed IceBrokerApplication"
check "nothing configured: serves the public fallback" \
  equals "$(curl -fsS "http://127.0.0.1:$port/turn/credentials" | jq -r .provider)" free-public-turn
check "nothing configured: serves /actuator/prometheus on the application's port" \
  contains "$(curl -fsS "http://127.0.0.1:$port/actuator/prometheus")" 'turn_credentials_requests_total{'
check "nothing configured: no line says it fell back" not_logged plain "Starting without Spring AOT"
# The JVM writes [aot] lines only when it cannot use the cache.
check "nothing configured: the JVM uses the JDK AOT cache" not_logged plain "][aot"
stop

redis_port=$(free_port)
redis-server --port "$redis_port" --save '' --appendonly no >"$work/redis-server.log" 2>&1 &
redis_pid=$!
start redis REDIS_URL="redis://127.0.0.1:$redis_port"
check "REDIS_URL: starts from Spring AOT's bean definitions" logged redis "Starting AOT-processed IceBrokerApplication"
check "REDIS_URL: shares state through Redis" \
  equals "$(curl -fsS "http://127.0.0.1:$port/actuator/turn" | jq -c '.sharedState | {backend, up}')" '{"backend":"redis","up":true}'
stop

management=$(free_port)
start management MANAGEMENT_PORT="$management"
check "MANAGEMENT_PORT: says that it starts from the classes" \
  logged management "Starting without Spring AOT's bean definitions: MANAGEMENT_PORT is set, and not to the application's port"
check "MANAGEMENT_PORT: serves /actuator/prometheus there" equals "$(status "$management" /actuator/prometheus)" 200
check "MANAGEMENT_PORT: not on the application's port" equals "$(status "$port" /actuator/prometheus)" 404
check "MANAGEMENT_PORT: serves credentials" equals "$(status "$port" /turn/credentials)" 200
stop

probe_status=0
(image_exec "$work/app" TURN_PROBE_TIMEOUT=1s "${entrypoint[@]}" --probe) >"$work/probe.log" 2>&1 || probe_status=$?
check "--probe: says that it starts from the classes" \
  logged probe "Starting without Spring AOT's bean definitions: the --probe command runs without a web server"
check "--probe: prints its report" logged probe "TURN probe of what GET /turn/credentials serves now"
# A web application logs this line once started (ClientAddressReport); beans built for one
# would log it in the probe's context too.
check "--probe: builds no web application's beans" not_logged probe "[TURN] Client address:"
# 0: a relay works; 1: none does (no TURN is configured here, and there may be no network).
check "--probe: exits with the status of its report ($probe_status)" test "$probe_status" -le 1

if ((failures > 0)); then
  echo "check-image: $failures check(s) failed; logs:" >&2
  tail -n 40 "$work"/*.log >&2
  exit 1
fi
echo "check-image: the image's start works in every shape"
