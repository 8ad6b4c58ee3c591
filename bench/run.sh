#!/usr/bin/env bash
# Benchmark of GET /turn/credentials against a stand-in Twilio (WireMock standalone,
# 200 ms per token). Builds the jar, runs every phase once, prints four figures, stops
# everything it started. Loopback only. Not a test: nothing here fails on a slow machine.
#
#   bench/run.sh                       # about eight minutes
#   BENCH_ROUNDS=5 BENCH_SECONDS=15 bench/run.sh
#
# Needs: wrk and curl (Debian packages), a JDK 17, the WireMock standalone jar in ~/.m2
# (the test dependency puts it there).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${BENCH_OUT:-$ROOT/target/bench}
WIREMOCK_JAR=${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
ROUNDS=${BENCH_ROUNDS:-5}
SECONDS_PER_ROUND=${BENCH_SECONDS:-10}
CLIENTS=64
LATENCY_CLIENTS=8
WRK_THREADS=2
REQUESTS=10000
DEADLINE_MS=3000
UPSTREAM_DELAY_MS=200
HANG_DELAY_MS=60000
ACCOUNT_SID=AC0000000000000000000000000000be0c
TOKENS_PATH=/2010-04-01/Accounts/$ACCOUNT_SID/Tokens.json

APP_PID=""
WIREMOCK_PID=""
APP_PORT=""

log() { printf '[bench] %s\n' "$*" >&2; }

stop_pid() {
  local pid=$1
  [[ -z "$pid" ]] && return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$APP_PID"
  stop_pid "$WIREMOCK_PID"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

wait_for() {
  local url=$1 name=$2 pid=$3
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { log "$name exited; see $OUT"; return 1; }
    sleep 0.5
  done
  log "$name did not start within 120 s; see $OUT"
  return 1
}

# --- the stand-in Twilio -----------------------------------------------------------------

WIREMOCK_PORT=""

start_wiremock() {
  WIREMOCK_PORT=$(free_port)
  java -Xmx256m -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 \
    --disable-banner --async-response-enabled true --async-response-threads 8 \
    >"$OUT/wiremock.log" 2>&1 &
  WIREMOCK_PID=$!
  wait_for "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings" WireMock "$WIREMOCK_PID"
}

stub_twilio() {
  local delay_ms=$1
  curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings"
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings" \
    -H 'Content-Type: application/json' --data @- <<JSON
{
  "request": { "method": "POST", "url": "$TOKENS_PATH" },
  "response": {
    "status": 201,
    "fixedDelayMilliseconds": $delay_ms,
    "headers": { "Content-Type": "application/json" },
    "jsonBody": {
      "account_sid": "$ACCOUNT_SID", "username": "bench-user", "password": "bench-password", "ttl": "86400",
      "ice_servers": [
        { "url": "stun:global.stun.twilio.com:3478?transport=udp",
          "urls": "stun:global.stun.twilio.com:3478?transport=udp" },
        { "url": "turn:global.turn.twilio.com:3478?transport=udp", "username": "bench-user",
          "urls": "turn:global.turn.twilio.com:3478?transport=udp", "credential": "bench-password" },
        { "url": "turn:global.turn.twilio.com:3478?transport=tcp", "username": "bench-user",
          "urls": "turn:global.turn.twilio.com:3478?transport=tcp", "credential": "bench-password" },
        { "url": "turn:global.turn.twilio.com:443?transport=tcp", "username": "bench-user",
          "urls": "turn:global.turn.twilio.com:443?transport=tcp", "credential": "bench-password" }
      ]
    }
  }
}
JSON
  curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests"
}

twilio_calls() {
  curl -fsS -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests/count" \
    -H 'Content-Type: application/json' --data "{\"method\": \"POST\", \"url\": \"$TOKENS_PATH\"}" |
    tr -d ' \n' | sed -E 's/.*"count":([0-9]+).*/\1/'
}

# --- the service -------------------------------------------------------------------------

start_app() {
  local name=$1
  shift
  APP_PORT=$(free_port)
  # shellcheck disable=SC2086
  env "$@" PORT="$APP_PORT" TWILIO_ACCOUNT_SID="$ACCOUNT_SID" TWILIO_AUTH_TOKEN=bench-auth-token \
    TWILIO_API_BASE_URL="http://localhost:$WIREMOCK_PORT" TURN_CHAIN_DEADLINE="${DEADLINE_MS}ms" \
    java $JVM_OPTS -jar "$JAR" --icebroker.bench.baseline-endpoint=true >"$OUT/app-$name.log" 2>&1 &
  APP_PID=$!
  wait_for "http://127.0.0.1:$APP_PORT/actuator/health" "the service ($name)" "$APP_PID"
}

stop_app() {
  stop_pid "$APP_PID"
  APP_PID=""
}

# Loads what the first HTTP exchange of a JVM loads without touching any provider: the
# health endpoint, and /turn/credentials with a user id it rejects before the chain.
warm_up_server() {
  wrk -t1 -c4 -d3s "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null
  wrk -t1 -c4 -d3s "http://127.0.0.1:$APP_PORT/turn/credentials?userId=not%20valid" >/dev/null
}

# --- wrk output --------------------------------------------------------------------------

requests_per_second() {
  awk '/^Requests\/sec:/ { print $2 }'
}

# A latency percentile of wrk --latency, in milliseconds.
percentile_ms() {
  local which=$1
  awk -v p="$which%" '$1 == p {
    v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
    printf "%.2f", v
  }'
}

# Seconds (curl's time_total) to milliseconds.
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

wrk_run() {
  local path=$1 clients=$2 seconds=$3
  shift 3
  wrk -t"$WRK_THREADS" -c"$clients" -d"${seconds}s" "$@" "http://127.0.0.1:$APP_PORT$path"
}

# --- the run -----------------------------------------------------------------------------

command -v wrk >/dev/null || { log "wrk is not installed (apt-get install -y wrk)"; exit 1; }
command -v curl >/dev/null || { log "curl is not installed"; exit 1; }
[[ -f "$WIREMOCK_JAR" ]] || { log "WireMock standalone jar not found at $WIREMOCK_JAR (run ./mvnw test-compile once)"; exit 1; }
mkdir -p "$OUT"

log "building the jar"
./mvnw -q -DskipTests package >"$OUT/build.log" 2>&1 || { log "build failed; see $OUT/build.log"; exit 1; }
JAR=$(ls "$ROOT"/target/icebroker-*.jar | grep -v plain | head -n 1)

log "starting WireMock as Twilio, ${UPSTREAM_DELAY_MS} ms per token"
start_wiremock
stub_twilio "$UPSTREAM_DELAY_MS"

log "starting the service (cache on)"
start_app cache-on
warm_up_server
curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests"

# (2) Upstream calls for 10 000 requests from 64 clients, starting cold.
log "(2) $REQUESTS requests from $CLIENTS clients, cold cache"
count_output=$(wrk -t"$WRK_THREADS" -c"$CLIENTS" -d120s -s bench/count.lua \
  "http://127.0.0.1:$APP_PORT/turn/credentials?userId=bench" -- $((REQUESTS / WRK_THREADS)))
answered=$(sed -nE 's/^BENCH_COUNT answered=([0-9]+).*/\1/p' <<<"$count_output")
not_twilio=$(sed -nE 's/^BENCH_COUNT .*not_twilio=([0-9]+).*/\1/p' <<<"$count_output")
cold_calls=$(twilio_calls)

# (1) Hot path against a bare endpoint returning the same JSON, alternately.
log "(1) hot path vs baseline: warm-up, then $ROUNDS alternating rounds of ${SECONDS_PER_ROUND} s"
curl -fsS "http://127.0.0.1:$APP_PORT/bench/baseline" >"$OUT/baseline.json"
curl -fsS "http://127.0.0.1:$APP_PORT/turn/credentials?userId=bench" >"$OUT/credentials.json"
# The JIT needs a while on two shared cores before either endpoint is at full speed.
for _ in 1 2; do
  wrk_run "/turn/credentials?userId=bench" "$CLIENTS" 10 >/dev/null
  wrk_run "/bench/baseline" "$CLIENTS" 10 >/dev/null
done
credentials_rps=()
baseline_rps=()
round_ratios=()
for round in $(seq 1 "$ROUNDS"); do
  credentials_rps+=("$(wrk_run "/turn/credentials?userId=bench" "$CLIENTS" "$SECONDS_PER_ROUND" | requests_per_second)")
  baseline_rps+=("$(wrk_run "/bench/baseline" "$CLIENTS" "$SECONDS_PER_ROUND" | requests_per_second)")
  log "    round $round: credentials ${credentials_rps[-1]} req/s, baseline ${baseline_rps[-1]} req/s"
  round_ratios+=("$(awk -v a="${credentials_rps[-1]}" -v b="${baseline_rps[-1]}" 'BEGIN { printf "%.2f", a / b }')")
done
hot_calls=$(twilio_calls)

# (3a) Latency with the cache.
log "(3) latency with the cache, $LATENCY_CLIENTS clients"
cached_latency=$(wrk_run "/turn/credentials?userId=bench" "$LATENCY_CLIENTS" 15 --latency)
cached_p50=$(percentile_ms 50 <<<"$cached_latency")
cached_p99=$(percentile_ms 99 <<<"$cached_latency")
stop_app

# (3b) Latency with TURN_CACHE=off.
log "(3) latency with TURN_CACHE=off, $LATENCY_CLIENTS clients"
start_app cache-off TURN_CACHE=off
warm_up_server
curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests"
uncached_latency=$(wrk_run "/turn/credentials?userId=bench" "$LATENCY_CLIENTS" 15 --latency)
uncached_p50=$(percentile_ms 50 <<<"$uncached_latency")
uncached_p99=$(percentile_ms 99 <<<"$uncached_latency")
uncached_requests=$(awk '/requests in/ { print $1 }' <<<"$uncached_latency")
uncached_calls=$(twilio_calls)
stop_app

# (4) Twilio hangs (answers after 60 s), read timeout longer still: only the deadline bounds.
log "(4) Twilio hangs for $((HANG_DELAY_MS / 1000)) s; deadline ${DEADLINE_MS} ms"
stub_twilio "$HANG_DELAY_MS"
start_app hang TWILIO_READ_TIMEOUT=120s
warm_up_server
hang_first=$(curl -fsS -o "$OUT/hang-first.json" -w '%{time_total}' "http://127.0.0.1:$APP_PORT/turn/credentials?userId=hang-0")
hang_worst=0
hang_each=()
hang_providers=$(sed -nE 's/.*"provider":"([^"]+)".*/\1/p' "$OUT/hang-first.json")
for i in $(seq 1 20); do
  took=$(curl -fsS -o "$OUT/hang-next.json" -w '%{time_total}' "http://127.0.0.1:$APP_PORT/turn/credentials?userId=hang-$i")
  hang_providers+=" $(sed -nE 's/.*"provider":"([^"]+)".*/\1/p' "$OUT/hang-next.json")"
  hang_worst=$(awk -v a="$hang_worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
  hang_each+=("$(ms "$took")")
done
hang_calls=$(twilio_calls)
hang_skip_lines=$(grep -c 'Circuit open, skipping Twilio' "$OUT/app-hang.log" || true)
# Control: the same twenty sequential requests to the bare endpoint, right after, show how
# much of the spread is this machine's scheduling rather than the chain.
curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/bench/baseline"
control_worst=0
for i in $(seq 1 20); do
  took=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$APP_PORT/bench/baseline")
  control_worst=$(awk -v a="$control_worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
done
stop_app

# --- the figures -------------------------------------------------------------------------

mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
credentials_mean=$(mean "${credentials_rps[@]}")
baseline_mean=$(mean "${baseline_rps[@]}")
ratio=$(awk -v a="$credentials_mean" -v b="$baseline_mean" 'BEGIN { printf "%.2f", a / b }')

cat <<REPORT

IceBroker benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, JVM: $JVM_OPTS
Stand-in Twilio: WireMock, ${UPSTREAM_DELAY_MS} ms per token; chain deadline ${DEADLINE_MS} ms

(1) Hot-path throughput, $CLIENTS clients, $ROUNDS alternating rounds of ${SECONDS_PER_ROUND} s
    /turn/credentials  ${credentials_rps[*]}  -> mean $credentials_mean req/s
    /bench/baseline    ${baseline_rps[*]}  -> mean $baseline_mean req/s
    ratio              $ratio   (target >= 0.90; per round: ${round_ratios[*]})
    Twilio calls during all hot-path rounds: $hot_calls

(2) Upstream calls for $answered requests from $CLIENTS concurrent clients, cold start
    Twilio calls       $cold_calls   (target 1; answers not served by Twilio: $not_twilio)

(3) Latency, $LATENCY_CLIENTS clients, 15 s
    cache on           p50 ${cached_p50} ms   p99 ${cached_p99} ms
    TURN_CACHE=off     p50 ${uncached_p50} ms   p99 ${uncached_p99} ms   ($uncached_calls Twilio calls for $uncached_requests requests)

(4) Twilio hanging (${HANG_DELAY_MS} ms delay), chain deadline ${DEADLINE_MS} ms
    first request      $(ms "$hang_first") ms   (target <= ${DEADLINE_MS} ms)
    worst of next 20   $(ms "$hang_worst") ms   (target <= 50 ms; each: ${hang_each[*]})
    control            worst of 20 sequential requests to /bench/baseline right after: $(ms "$control_worst") ms
    providers          $(tr ' ' '\n' <<<"$hang_providers" | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')
    Twilio calls       $hang_calls; "Circuit open, skipping Twilio" log lines: $hang_skip_lines
    load average       $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run

Logs and answers: $OUT
REPORT
