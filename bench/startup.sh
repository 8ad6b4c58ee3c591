#!/usr/bin/env bash
# Start-up of the service on Temurin 25, plain and with a JDK AOT cache, the way the
# Docker image does it (there is no Docker engine here, so the Dockerfile's steps run on
# the built jar):
#   1. extract the jar with -Djarmode=tools into its layers and merge them, as the image's
#      COPY instructions do (app.jar + lib/);
#   2. a training run with -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh, with
#      no provider configured and no network needed;
#   3. BENCH_STARTUP_RUNS (default 7) alternating starts of each, timed from launch to the
#      first 200 on /readyz; prints the medians and their ratio.
#
#   bench/startup.sh                       # or: bench/run.sh startup
#   BENCH_STARTUP_RUNS=3 bench/startup.sh  # quicker
#
# Knobs: BENCH_JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), BENCH_JVM_OPTS
# (added to both; default none), BENCH_SKIP_BUILD=1 to reuse target/icebroker-*.jar.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${BENCH_OUT:-$ROOT/target/bench}
JAVA=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JVM_OPTS=${BENCH_JVM_OPTS:-}
RUNS=${BENCH_STARTUP_RUNS:-7}
WORK=$OUT/startup
APP_PID=""

log() { printf '[startup] %s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
source bench/lib.sh

# The service with nothing configured, as in the image build: no provider variable, no
# Redis, nothing from this shell's environment.
clean_env() { env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "$@"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_once NAME [JVM options]: prints the milliseconds from launch to the first 200 on
# /readyz, then stops the service.
start_once() {
  local name=$1
  shift
  local port started ready
  port=$(free_port)
  started=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$WORK/app" && exec env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 PORT="$port" \
    "$JAVA" $JVM_OPTS "$@" -jar app.jar) >"$OUT/startup-$name.log" 2>&1 &
  APP_PID=$!
  while ! curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      log "$name exited before it was ready; see $OUT/startup-$name.log"
      exit 1
    fi
    if (($(now_ms) - started > 60000)); then
      log "$name not ready within 60 s; see $OUT/startup-$name.log"
      exit 1
    fi
    sleep 0.02
  done
  ready=$(now_ms)
  kill -TERM "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  echo $((ready - started))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

[[ -x "$JAVA" ]] || { log "no Java at $JAVA (set BENCH_JAVA25)"; exit 1; }
command -v curl >/dev/null || { log "curl is not installed"; exit 1; }
mkdir -p "$OUT"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building the jar"
  ./mvnw -q -B -ntp -DskipTests -Djacoco.skip=true package >"$OUT/build-startup.log" 2>&1 ||
    { log "build failed; see $OUT/build-startup.log"; exit 1; }
fi
JAR=$(ls "$ROOT"/target/icebroker-*.jar | grep -v plain | head -n 1)

# 1. The Dockerfile's extraction, then its COPY of every layer into one directory.
extract_command=$(grep -o 'java -Djarmode=tools -jar app.jar extract [^\\&]*' Dockerfile | sed 's/ *$//')
rm -rf "$WORK"
mkdir -p "$WORK/build" "$WORK/app"
cp "$JAR" "$WORK/build/app.jar"
(cd "$WORK/build" && sh -c "${extract_command/java /$JAVA }")
for layer in $(grep -o 'COPY --from=build /workspace/extracted/[^ ]*' Dockerfile | sed 's|COPY --from=build /workspace/extracted/||'); do
  cp -a "$WORK/build/extracted/$layer/." "$WORK/app/"
done

# 2. The Dockerfile's training run.
training=$(grep -o 'java -XX:AOTCacheOutput=[^\\&]*' Dockerfile | sed 's/ *$//')
log "training: $training"
training_started=$(now_ms)
(cd "$WORK/app" && clean_env sh -c "${training/java /$JAVA $JVM_OPTS }") >"$OUT/startup-training.log" 2>&1 ||
  { log "training run failed; see $OUT/startup-training.log"; exit 1; }
training_ms=$(($(now_ms) - training_started))
[[ -f "$WORK/app/app.aot" ]] || { log "the training run wrote no app.aot; see $OUT/startup-training.log"; exit 1; }
aot_option=$(grep -o '"-XX:AOTCache=[^"]*"' Dockerfile | tr -d '"')

# 3. Alternating starts, one of each to warm the page cache first.
start_once warm-plain >/dev/null
start_once warm-aot "$aot_option" >/dev/null
plain=()
aot=()
for run in $(seq 1 "$RUNS"); do
  plain+=("$(start_once plain)")
  aot+=("$(start_once aot "$aot_option")")
  log "run $run: plain ${plain[-1]} ms, AOT cache ${aot[-1]} ms"
done
grep -h 'AOTCache\|\[aot\]' "$OUT/startup-aot.log" | head -n 3 >&2 || true
plain_median=$(median "${plain[@]}")
aot_median=$(median "${aot[@]}")
started_plain=$(sed -nE 's/.*Started IceBrokerApplication in ([0-9.]+) seconds.*/\1/p' "$OUT/startup-plain.log" | head -n 1)
started_aot=$(sed -nE 's/.*Started IceBrokerApplication in ([0-9.]+) seconds.*/\1/p' "$OUT/startup-aot.log" | head -n 1)

cat <<REPORT

IceBroker start-up — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)
JVM: $("$JAVA" -version 2>&1 | head -n 1), flags: ${JVM_OPTS:-(defaults)}
Launch to first 200 on /readyz, $RUNS alternating runs each (the Dockerfile's extraction and training)
    plain          ${plain[*]} ms -> median $plain_median ms   (last log: Started in ${started_plain:-?} s)
    AOT cache      ${aot[*]} ms -> median $aot_median ms   (last log: Started in ${started_aot:-?} s)
    ratio          $(awk -v a="$aot_median" -v b="$plain_median" 'BEGIN { printf "%.2f", a / b }')   (target <= 0.50; AOT median target <= 1500 ms on a quiet machine)
    training run   $training_ms ms; app.aot $(du -m "$WORK/app/app.aot" | cut -f1) MB

Logs: $OUT/startup-*.log
REPORT
