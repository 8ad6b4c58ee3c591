#!/usr/bin/env bash
# Benchmark of GET /turn/credentials against an external baseline: a bare Spring Boot app
# with the same starters (bench/baseline/) answering the same JSON. Both run side by side,
# with the same JVM and flags, and are measured in alternating rounds, so that whatever
# else the machine does weighs on both. A stand-in Twilio (WireMock standalone, 200 ms per
# token) serves the service. Loopback only. Not a test: nothing fails on a slow machine;
# it prints figures and their targets.
#
#   bench/run.sh            throughput (auth none and api-key) against the baseline, upstream
#                           calls for 10 000 cold requests, latency with and without the cache,
#                           a hanging Twilio: about nine minutes
#   bench/run.sh startup    time to the first 200 on /readyz, plain and as the image starts (JDK AOT
#                           cache and Spring AOT; bench/startup.sh)
#   bench/run.sh soak       -Xmx256m under wrk -c32 for BENCH_SOAK seconds (default 300):
#                           errors, heap after GC, RSS at rest and under load
#   bench/run.sh profile    CPU samples of the service and the baseline under load (async-profiler),
#                           as CPU per 1000 requests by layer (bench/profile/layers.py)
#
# Knobs (environment), defaults in brackets: BENCH_WARMUP [30] seconds per app before the
# rounds, BENCH_ROUNDS [5], BENCH_SECONDS [8] per round, BENCH_CLIENTS [64], BENCH_THREADS [2],
# BENCH_REQUESTS [10000] cold requests, BENCH_JAVA [Temurin 25, the image's JVM, where it is
# installed under /usr/lib/jvm; else java on PATH], BENCH_JVM_OPTS [none: the
# JVM's defaults], BENCH_PHASES [hot,apikey,cold,latency,hang] to run a subset, BENCH_BASELINE
# [plain; security adds Spring Security to the baseline, as the service has it], BENCH_IMAGE [unset;
# 1 runs the service as the image does: the Dockerfile's extraction, training run, ENV and
# entrypoint on BENCH_JAVA (ops/image.sh); the baseline stays java -jar], BENCH_SKIP_BUILD [unset;
# 1 reuses the jars of the last build].
# A quick run: BENCH_WARMUP=5 BENCH_ROUNDS=2 BENCH_SECONDS=3 BENCH_PHASES=hot bench/run.sh
#
# Needs: wrk and curl (Debian packages), a JDK 17+, the WireMock standalone jar in ~/.m2
# (the test dependency puts it there).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
ROOT=$(pwd)
MODE=${1:-throughput}
OUT=${BENCH_OUT:-$ROOT/target/bench}
WIREMOCK_JAR=${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}
if [[ -z "${BENCH_JAVA:-}" && -x "$IMAGE_JAVA" ]]; then
  JAVA=$IMAGE_JAVA
else
  JAVA=${BENCH_JAVA:-java}
fi
JVM_OPTS=${BENCH_JVM_OPTS:-}
WARMUP=${BENCH_WARMUP:-30}
ROUNDS=${BENCH_ROUNDS:-5}
SECONDS_PER_ROUND=${BENCH_SECONDS:-8}
CLIENTS=${BENCH_CLIENTS:-64}
WRK_THREADS=${BENCH_THREADS:-2}
REQUESTS=${BENCH_REQUESTS:-10000}
PHASES=${BENCH_PHASES:-hot,apikey,cold,latency,hang}
SOAK_SECONDS=${BENCH_SOAK:-300}
SOAK_CLIENTS=32
LATENCY_CLIENTS=8
DEADLINE_MS=3000
UPSTREAM_DELAY_MS=200
HANG_DELAY_MS=60000
ACCOUNT_SID=AC0000000000000000000000000000be0c
TOKENS_PATH=/2010-04-01/Accounts/$ACCOUNT_SID/Tokens.json
API_KEY=bench-api-key-0123456789abcdef0123456789abcdef
# wrk runs from 127.0.0.1: one address, one bucket. The limit stays on, far above what
# the benchmark sends in a minute (two cores answer well under a million a minute).
RATE_LIMIT=100000000
PATH_UNDER_TEST="/turn/credentials?userId=bench"

APP_PID=""
BASE_PID=""
WIREMOCK_PID=""
APP_PORT=""
BASE_PORT=""

log() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
  stop_pid "$APP_PID"
  stop_pid "$BASE_PID"
  stop_pid "$WIREMOCK_PID"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() {
  local url=$1 name=$2 pid=$3
  wait_until_ok "$url" "$pid" 120 && return 0
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not start within 120 s; see $OUT"
  else
    log "$name exited; see $OUT"
  fi
  return 1
}

# --- the stand-in Twilio -----------------------------------------------------------------

WIREMOCK_PORT=""

start_wiremock() {
  WIREMOCK_PORT=$(free_port)
  "$JAVA" -Xmx256m -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 \
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

reset_twilio_calls() {
  curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests"
}

# --- the service and the baseline --------------------------------------------------------

# start_app NAME EXTRA_JVM_OPTS [VAR=value ...]
start_app() {
  local name=$1 extra=$2
  shift 2
  APP_PORT=$(free_port)
  local settings=("$@" PORT="$APP_PORT" TWILIO_ACCOUNT_SID="$ACCOUNT_SID" TWILIO_AUTH_TOKEN=bench-auth-token
    TWILIO_API_BASE_URL="http://localhost:$WIREMOCK_PORT" TURN_CHAIN_DEADLINE="${DEADLINE_MS}ms"
    TURN_RATE_LIMIT_PER_MINUTE="$RATE_LIMIT")
  if [[ -n ${BENCH_IMAGE:-} ]]; then
    local entrypoint
    mapfile -t entrypoint < <(image_entrypoint)
    # shellcheck disable=SC2086
    (image_exec "$OUT/image" "${settings[@]}" "$JAVA" $JVM_OPTS $extra "${entrypoint[@]:1}") >"$OUT/app-$name.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    env "${settings[@]}" "$JAVA" $JVM_OPTS $extra -jar "$JAR" >"$OUT/app-$name.log" 2>&1 &
  fi
  APP_PID=$!
  wait_for "http://127.0.0.1:$APP_PORT/readyz" "the service ($name)" "$APP_PID"
}

stop_app() {
  stop_pid "$APP_PID"
  APP_PID=""
}

# start_baseline [JVM options]: the baseline on a free port, with JVM_OPTS and these.
start_baseline() {
  BASE_PORT=$(free_port)
  # shellcheck disable=SC2086
  PORT="$BASE_PORT" "$JAVA" $JVM_OPTS "$@" -jar "$BASE_JAR" >"$OUT/baseline.log" 2>&1 &
  BASE_PID=$!
  wait_for "http://127.0.0.1:$BASE_PORT/readyz" "the baseline" "$BASE_PID"
}

stop_baseline() {
  stop_pid "$BASE_PID"
  BASE_PID=""
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

# Responses that were not 2xx/3xx plus socket errors, from wrk's summary.
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ { e += $NF }
       /Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
       END { print e + 0 }'
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

# CPU time (user + system) a process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Microseconds of CPU per request: robust to other load on the machine, unlike req/s.
cpu_us_per_request() {
  local ticks=$1 output=$2
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" '/requests in/ { n = $1 } END { printf "%.0f", (n > 0) ? t * 1e6 / hz / n : 0 }' <<<"$output"
}

mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }

# wrk_at PORT PATH CLIENTS SECONDS [wrk options]
wrk_at() {
  local port=$1 path=$2 clients=$3 seconds=$4
  shift 4
  wrk -t"$WRK_THREADS" -c"$clients" -d"${seconds}s" "$@" "http://127.0.0.1:$port$path"
}

wrk_run() {
  local path=$1 clients=$2 seconds=$3
  shift 3
  wrk_at "$APP_PORT" "$path" "$clients" "$seconds" "$@"
}

has_phase() { [[ ",$PHASES," == *",$1,"* ]]; }

# --- throughput against the baseline -----------------------------------------------------

# warm_up_both [wrk options for the service]: WARMUP seconds of load on each, in alternating
# 10 s slices, so that neither JVM warms up on an idle machine.
warm_up_both() {
  local left=$WARMUP slice
  while ((left > 0)); do
    slice=$((left < 10 ? left : 10))
    wrk_at "$APP_PORT" "$PATH_UNDER_TEST" "$CLIENTS" "$slice" "$@" >/dev/null
    wrk_at "$BASE_PORT" "$PATH_UNDER_TEST" "$CLIENTS" "$slice" >/dev/null
    left=$((left - slice))
  done
}

# compare LABEL [wrk options for the service]: warm-up of both, then alternating rounds;
# sets COMPARE_LINE and COMPARE_RATIO.
compare() {
  local label=$1
  shift
  local service_rps=() baseline_rps=() ratios=() errors=0 out before service_cpu=() baseline_cpu=()
  log "$label: warm-up ${WARMUP} s each, then $ROUNDS alternating rounds of ${SECONDS_PER_ROUND} s"
  warm_up_both "$@"
  for round in $(seq 1 "$ROUNDS"); do
    before=$(cpu_ticks "$APP_PID")
    out=$(wrk_at "$APP_PORT" "$PATH_UNDER_TEST" "$CLIENTS" "$SECONDS_PER_ROUND" "$@")
    service_cpu+=("$(cpu_us_per_request $(($(cpu_ticks "$APP_PID") - before)) "$out")")
    service_rps+=("$(requests_per_second <<<"$out")")
    errors=$((errors + $(wrk_errors <<<"$out")))
    before=$(cpu_ticks "$BASE_PID")
    out=$(wrk_at "$BASE_PORT" "$PATH_UNDER_TEST" "$CLIENTS" "$SECONDS_PER_ROUND")
    baseline_cpu+=("$(cpu_us_per_request $(($(cpu_ticks "$BASE_PID") - before)) "$out")")
    baseline_rps+=("$(requests_per_second <<<"$out")")
    ratios+=("$(awk -v a="${service_rps[-1]}" -v b="${baseline_rps[-1]}" 'BEGIN { printf "%.2f", a / b }')")
    log "    round $round: service ${service_rps[-1]} req/s (${service_cpu[-1]} us CPU/req), baseline ${baseline_rps[-1]} req/s (${baseline_cpu[-1]} us CPU/req), ratio ${ratios[-1]}"
  done
  local service_mean baseline_mean
  service_mean=$(mean "${service_rps[@]}")
  baseline_mean=$(mean "${baseline_rps[@]}")
  COMPARE_RATIO=$(awk -v a="$service_mean" -v b="$baseline_mean" 'BEGIN { printf "%.2f", a / b }')
  local cpu_ratio
  cpu_ratio=$(awk -v a="$(mean "${baseline_cpu[@]}")" -v b="$(mean "${service_cpu[@]}")" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
  COMPARE_LINE=$(printf '    service   %s -> mean %s req/s (non-2xx or socket errors: %s)\n    baseline  %s -> mean %s req/s\n    CPU/req   service %s us, baseline %s us -> baseline/service %s (the same ratio, unaffected by other load)\n    ratio     %s   (per round: %s)' \
    "${service_rps[*]}" "$service_mean" "$errors" "${baseline_rps[*]}" "$baseline_mean" \
    "$(mean "${service_cpu[@]}")" "$(mean "${baseline_cpu[@]}")" "$cpu_ratio" "$COMPARE_RATIO" "${ratios[*]}")
}

check_same_shape() {
  curl -fsS "http://127.0.0.1:$APP_PORT$PATH_UNDER_TEST" "$@" >"$OUT/credentials.json"
  curl -fsS -D "$OUT/baseline.headers" "http://127.0.0.1:$BASE_PORT$PATH_UNDER_TEST" >"$OUT/baseline.json"
  local a b
  a=$(wc -c <"$OUT/credentials.json")
  b=$(wc -c <"$OUT/baseline.json")
  if ((a != b)); then
    log "warning: the service answers $a bytes, the baseline $b; see $OUT/*.json"
  fi
}

throughput() {
  local report=""
  start_wiremock
  stub_twilio "$UPSTREAM_DELAY_MS"
  start_baseline

  if has_phase cold || has_phase hot || has_phase latency; then
    log "starting the service (TURN_AUTH_MODE=none, cache on)"
    start_app none ""
    warm_up_server
    reset_twilio_calls

    if has_phase cold; then
      # Upstream calls for N requests from CLIENTS clients, starting cold.
      log "$REQUESTS requests from $CLIENTS clients, cold cache"
      local count_output answered not_twilio cold_calls
      count_output=$(wrk -t"$WRK_THREADS" -c"$CLIENTS" -d120s -s bench/count.lua \
        "http://127.0.0.1:$APP_PORT$PATH_UNDER_TEST" -- $((REQUESTS / WRK_THREADS)))
      answered=$(sed -nE 's/^BENCH_COUNT answered=([0-9]+).*/\1/p' <<<"$count_output")
      not_twilio=$(sed -nE 's/^BENCH_COUNT .*not_twilio=([0-9]+).*/\1/p' <<<"$count_output")
      cold_calls=$(twilio_calls)
      report+=$(printf '\n(2) Upstream calls for %s requests from %s concurrent clients, cold cache\n    Twilio calls  %s   (target 1; answers not served by Twilio: %s)\n' \
        "$answered" "$CLIENTS" "$cold_calls" "$not_twilio")
    fi

    if has_phase hot; then
      check_same_shape
      compare "(1a) TURN_AUTH_MODE=none"
      report+=$(printf '\n(1a) Hot path, TURN_AUTH_MODE=none, rate limit on (%s/min)\n%s   target >= 0.90\n    Twilio calls during the rounds: %s\n' \
        "$RATE_LIMIT" "$COMPARE_LINE" "$(twilio_calls)")
    fi

    if has_phase latency; then
      log "latency with the cache, $LATENCY_CLIENTS clients"
      local cached_latency
      cached_latency=$(wrk_run "$PATH_UNDER_TEST" "$LATENCY_CLIENTS" 15 --latency)
      CACHED_P50=$(percentile_ms 50 <<<"$cached_latency")
      CACHED_P99=$(percentile_ms 99 <<<"$cached_latency")
    fi
    stop_app
  fi

  if has_phase apikey; then
    log "starting the service (TURN_AUTH_MODE=api-key)"
    start_app api-key "" TURN_AUTH_MODE=api-key TURN_API_KEYS="$API_KEY"
    warm_up_server
    check_same_shape -H "X-API-Key: $API_KEY"
    compare "(1b) TURN_AUTH_MODE=api-key" -H "X-API-Key: $API_KEY"
    report+=$(printf '\n(1b) Hot path, TURN_AUTH_MODE=api-key (X-API-Key header), rate limit on\n%s   target >= 0.85\n' "$COMPARE_LINE")
    stop_app
  fi

  if has_phase latency; then
    log "latency with TURN_CACHE=off, $LATENCY_CLIENTS clients"
    start_app cache-off "" TURN_CACHE=off
    warm_up_server
    reset_twilio_calls
    local uncached_latency uncached_p50 uncached_p99 uncached_requests uncached_calls
    uncached_latency=$(wrk_run "$PATH_UNDER_TEST" "$LATENCY_CLIENTS" 15 --latency)
    uncached_p50=$(percentile_ms 50 <<<"$uncached_latency")
    uncached_p99=$(percentile_ms 99 <<<"$uncached_latency")
    uncached_requests=$(awk '/requests in/ { print $1 }' <<<"$uncached_latency")
    uncached_calls=$(twilio_calls)
    stop_app
    report+=$(printf '\n(3) Latency, %s clients, 15 s\n    cache on        p50 %s ms   p99 %s ms\n    TURN_CACHE=off  p50 %s ms   p99 %s ms   (%s Twilio calls for %s requests)\n' \
      "$LATENCY_CLIENTS" "${CACHED_P50:-?}" "${CACHED_P99:-?}" "$uncached_p50" "$uncached_p99" "$uncached_calls" "$uncached_requests")
  fi

  if has_phase hang; then
    # Twilio hangs (answers after 60 s), read timeout longer still: only the deadline bounds.
    log "Twilio hangs for $((HANG_DELAY_MS / 1000)) s; deadline ${DEADLINE_MS} ms"
    stub_twilio "$HANG_DELAY_MS"
    start_app hang "" TWILIO_READ_TIMEOUT=120s
    warm_up_server
    local hang_first hang_worst=0 hang_each=() hang_providers took hang_calls hang_skip_lines control_worst=0
    hang_first=$(curl -fsS -o "$OUT/hang-first.json" -w '%{time_total}' "http://127.0.0.1:$APP_PORT/turn/credentials?userId=hang-0")
    hang_providers=$(sed -nE 's/.*"provider":"([^"]+)".*/\1/p' "$OUT/hang-first.json")
    for i in $(seq 1 20); do
      took=$(curl -fsS -o "$OUT/hang-next.json" -w '%{time_total}' "http://127.0.0.1:$APP_PORT/turn/credentials?userId=hang-$i")
      hang_providers+=" $(sed -nE 's/.*"provider":"([^"]+)".*/\1/p' "$OUT/hang-next.json")"
      hang_worst=$(awk -v a="$hang_worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
      hang_each+=("$(ms "$took")")
    done
    hang_calls=$(twilio_calls)
    hang_skip_lines=$(grep -c 'Circuit open, skipping Twilio' "$OUT/app-hang.log" || true)
    # Control: twenty sequential requests to the baseline right after show how much of
    # the spread is this machine's scheduling rather than the chain.
    for _ in $(seq 1 20); do
      took=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$BASE_PORT$PATH_UNDER_TEST")
      control_worst=$(awk -v a="$control_worst" -v b="$took" 'BEGIN { print (b > a) ? b : a }')
    done
    stop_app
    report+=$(printf '\n(4) Twilio hanging (%s ms delay), chain deadline %s ms\n    first request     %s ms   (target <= %s ms)\n    worst of next 20  %s ms   (target <= 50 ms; each: %s)\n    control           worst of 20 sequential requests to the baseline: %s ms\n    providers         %s\n    Twilio calls      %s; "Circuit open, skipping Twilio" log lines: %s\n' \
      "$HANG_DELAY_MS" "$DEADLINE_MS" "$(ms "$hang_first")" "$DEADLINE_MS" "$(ms "$hang_worst")" "${hang_each[*]}" \
      "$(ms "$control_worst")" \
      "$(tr ' ' '\n' <<<"$hang_providers" | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')" \
      "$hang_calls" "$hang_skip_lines")
  fi

  cat <<REPORT

IceBroker benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs
JVM: $("$JAVA" -version 2>&1 | head -n 1), flags: ${JVM_OPTS:-(defaults)}, same for service and baseline
Service: $(if [[ -n ${BENCH_IMAGE:-} ]]; then echo "as the image runs it: ENV $(image_env | tr '\n' ' ')and $(image_entrypoint | tr '\n' ' ')"; else echo "java -jar"; fi)
Baseline: bench/baseline (Spring Boot, webmvc + actuator + prometheus, same JSON); wrk -t$WRK_THREADS -c$CLIENTS
Stand-in Twilio: WireMock, ${UPSTREAM_DELAY_MS} ms per token; chain deadline ${DEADLINE_MS} ms
$report
    load average  $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run

Logs and answers: $OUT
REPORT
}

# --- a profile of the hot path -----------------------------------------------------------

ASYNC_PROFILER_VERSION=4.2

# async-profiler's agent from Maven Central (tools.profiler:async-profiler, linux-x64), loaded
# into a running JVM with jcmd: no download from anywhere else, no restart.
async_profiler() {
  local dir=$OUT/async-profiler
  if [[ ! -f $dir/linux-x64/libasyncProfiler.so ]]; then
    ./mvnw -q -B -ntp dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
      -DoutputDirectory="$dir" >"$OUT/async-profiler.log" 2>&1 ||
      { log "could not fetch async-profiler; see $OUT/async-profiler.log"; exit 1; }
    (cd "$dir" && unzip -q -o "async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar" 'linux-x64/*')
  fi
  echo "$dir/linux-x64/libasyncProfiler.so"
}

# jcmd parses NAME=VALUE pairs, so the agent's options go in quotes.
agent() { jcmd "$1" JVMTI.agent_load "$2" "\"$3\"" >/dev/null; }

profile() {
  local library
  library=$(async_profiler)
  start_wiremock
  stub_twilio "$UPSTREAM_DELAY_MS"
  # shellcheck disable=SC2086
  start_app profile "-XX:+EnableDynamicAgentLoading" ${BENCH_PROFILE_ENV:-}
  start_baseline -XX:+EnableDynamicAgentLoading
  warm_up_server
  log "warm-up ${WARMUP} s each, then CPU samples (1 ms) while wrk runs ${SECONDS_PER_ROUND} s on each"
  # shellcheck disable=SC2086
  warm_up_both ${BENCH_PROFILE_WRK:-}
  local pid name port out args=()
  for name in hot baseline; do
    if [[ $name == hot ]]; then pid=$APP_PID port=$APP_PORT; else pid=$BASE_PID port=$BASE_PORT; fi
    agent "$pid" "$library" "start,event=cpu,interval=1ms,threads,file=$OUT/$name.collapsed,collapsed"
    # shellcheck disable=SC2086
    out=$(wrk_at "$port" "$PATH_UNDER_TEST" "$CLIENTS" "$SECONDS_PER_ROUND" ${BENCH_PROFILE_WRK:-})
    agent "$pid" "$library" "stop,file=$OUT/$name.collapsed,collapsed"
    log "    $name: $(requests_per_second <<<"$out") req/s"
    args+=("$OUT/$name.collapsed" "$(awk '/requests in/ { print $1 }' <<<"$out")")
  done
  stop_app
  stop_baseline
  python3 bench/profile/layers.py "${args[@]}" | tee "$OUT/profile.txt"
  log "stacks: $OUT/hot.collapsed (the service), $OUT/baseline.collapsed; table: $OUT/profile.txt"
}

# --- memory under a long load ------------------------------------------------------------

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

soak() {
  start_wiremock
  stub_twilio "$UPSTREAM_DELAY_MS"
  start_app soak "-Xmx256m -Xlog:gc:file=$OUT/soak-gc.log:uptime"
  warm_up_server
  curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT$PATH_UNDER_TEST"
  sleep 2
  local rest_kb load_max_kb=0 samples=() started out errors rps
  rest_kb=$(rss_kb "$APP_PID")
  log "soak: wrk -c$SOAK_CLIENTS for $SOAK_SECONDS s, -Xmx256m; RSS at rest $((rest_kb / 1024)) MB"
  started=$(awk '{ print $1 }' /proc/uptime)
  wrk -t"$WRK_THREADS" -c"$SOAK_CLIENTS" -d"${SOAK_SECONDS}s" "http://127.0.0.1:$APP_PORT$PATH_UNDER_TEST" >"$OUT/soak-wrk.txt" &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 10
    kill -0 "$APP_PID" 2>/dev/null || break
    local now_kb
    now_kb=$(rss_kb "$APP_PID")
    ((now_kb > load_max_kb)) && load_max_kb=$now_kb
    samples+=("$((now_kb / 1024))")
  done
  wait "$wrk_pid" || true
  out=$(cat "$OUT/soak-wrk.txt")
  errors=$(wrk_errors <<<"$out")
  rps=$(requests_per_second <<<"$out")
  jcmd "$APP_PID" GC.heap_info >"$OUT/soak-heap-info.txt" 2>&1 || true
  stop_app
  # Heap after each collection, from the unified GC log: "... 120M->14M(256M) ...".
  local gc_stats
  gc_stats=$(awk -v total="$SOAK_SECONDS" '
    /Pause/ && /->/ {
      t = $1; gsub(/[\[\]s]/, "", t)
      match($0, /[0-9]+M->[0-9]+M/); s = substr($0, RSTART, RLENGTH); split(s, p, "->"); after = p[2] + 0
      n++; ts[n] = t; a[n] = after
    }
    END {
      if (n == 0) { print "no collections logged"; exit }
      first = ts[1]; last = ts[n]; span = last - first; q = span / 5
      # mean of the heap after GC in the first and the last fifth of the run
      for (i = 1; i <= n; i++) {
        if (ts[i] <= first + q) { fs += a[i]; fc++ }
        if (ts[i] >= last - q) { ls += a[i]; lc++ }
        if (a[i] > max) max = a[i]
      }
      printf "%d collections; heap after GC: first fifth mean %.0f MB, last fifth mean %.0f MB, max %d MB", n, fs / fc, ls / lc, max
    }' "$OUT/soak-gc.log")
  cat <<REPORT

IceBroker soak — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs
JVM: $("$JAVA" -version 2>&1 | head -n 1), flags: -Xmx256m ${JVM_OPTS}
wrk -t$WRK_THREADS -c$SOAK_CLIENTS for $SOAK_SECONDS s on $PATH_UNDER_TEST (served from cache)
    requests/s    $rps
    errors        $errors   (non-2xx or socket errors; target 0)
    GC            $gc_stats
    RSS           at rest $((rest_kb / 1024)) MB, under load max $((load_max_kb / 1024)) MB (every 10 s: ${samples[*]})

GC log: $OUT/soak-gc.log; wrk: $OUT/soak-wrk.txt
REPORT
}

# --- the run -----------------------------------------------------------------------------

command -v wrk >/dev/null || { log "wrk is not installed (apt-get install -y wrk)"; exit 1; }
command -v curl >/dev/null || { log "curl is not installed"; exit 1; }
mkdir -p "$OUT"

case "$MODE" in
  startup)
    exec bench/startup.sh
    ;;
  throughput | soak | profile)
    [[ -f "$WIREMOCK_JAR" ]] || { log "WireMock standalone jar not found at $WIREMOCK_JAR (run ./mvnw test-compile once)"; exit 1; }
    if [[ -n ${BENCH_SKIP_BUILD:-} ]]; then find_jars; else build_jars; fi
    if [[ -n ${BENCH_IMAGE:-} ]]; then
      log "the image's /app from $JAR, with its training run on $JAVA"
      image_prepare "$JAR" "$OUT/image" "$JAVA" || exit 1
    fi
    "$MODE"
    ;;
  *)
    log "unknown mode $MODE (throughput, startup, soak or profile)"
    exit 2
    ;;
esac
