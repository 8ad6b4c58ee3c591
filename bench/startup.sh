#!/usr/bin/env bash
# Start-up of the service on Temurin 25, plain and the way the Docker image starts it (there
# is no Docker engine here, so the Dockerfile's steps run on the built jar, through
# ops/image.sh):
#   1. the build stage's extraction of the jar, the run stage's COPY of its layers and of
#      ops/train-aot-cache.sh, and its training run: the service started with
#      -XX:AOTCacheOutput and Spring AOT, a few requests, stopped; nothing configured and no
#      network needed;
#   2. BENCH_STARTUP_RUNS (default 7) alternating starts of each, timed from launch to the
#      first 200 on /readyz: plain (java -jar app.jar), and with the ENTRYPOINT's JDK AOT
#      cache and Spring AOT options; prints the medians and their ratio.
# The bare app with the same starters (bench/baseline) goes through the same steps beside
# it: its times are the floor Spring Boot itself sets on this machine.
#
#   bench/startup.sh                       # or: bench/run.sh startup
#   BENCH_STARTUP_RUNS=3 bench/startup.sh  # quicker
#
# Knobs: BENCH_JAVA25 (default the image's JVM, IMAGE_JAVA in ops/image.sh), BENCH_JVM_OPTS
# (added to every timed start; default none), BENCH_SKIP_BUILD=1 to reuse
# target/icebroker-*.jar and the baseline's jar.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
ROOT=$(pwd)
OUT=${BENCH_OUT:-$ROOT/target/bench}
JAVA=${BENCH_JAVA25:-$IMAGE_JAVA}
JVM_OPTS=${BENCH_JVM_OPTS:-}
RUNS=${BENCH_STARTUP_RUNS:-7}
WORK=$OUT/startup
APP_PID=""

log() { printf '[startup] %s\n' "$*" >&2; }

trap 'stop_pid "$APP_PID"' EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_once DIR NAME [JVM options]: prints the milliseconds from launch to the first 200
# on /readyz of the app.jar in DIR, then stops it. Every start, plain too, runs with the
# image's ENV (JSON logs) and nothing else configured, as the training run did.
start_once() {
  local dir=$1 name=$2
  shift 2
  local port started ready
  port=$(free_port)
  started=$(now_ms)
  # shellcheck disable=SC2086
  image_exec "$dir" PORT="$port" "$JAVA" $JVM_OPTS "$@" -jar app.jar >"$OUT/startup-$name.log" 2>&1 &
  APP_PID=$!
  if ! wait_until_ok "http://127.0.0.1:$port/readyz" "$APP_PID" 60; then
    log "$name exited before it was ready, or was not ready within 60 s; see $OUT/startup-$name.log"
    exit 1
  fi
  ready=$(now_ms)
  stop_pid "$APP_PID"
  APP_PID=""
  echo $((ready - started))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

[[ -x "$JAVA" ]] || { log "no Java at $JAVA (set BENCH_JAVA25)"; exit 1; }
command -v curl >/dev/null || { log "curl is not installed"; exit 1; }
mkdir -p "$OUT"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  build_jars
else
  find_jars
fi

# The ENTRYPOINT's options that make the image's start what it is: the JDK AOT cache, its
# compilation flags and Spring AOT. The others (heap sizing, exit on OOM) would make the two
# starts differ in more than that.
mapfile -t image_options < <(image_entrypoint | grep -e '^-XX:AOTCache=' -e '^-XX:Tier3Delay' -e '^-Dspring.aot.')
log "the image's start: ${image_options[*]}"
rm -rf "$WORK"

# 1. The service, and the bare app with the same starters (bench/baseline) treated alike.
declare -A training_ms
for name in service baseline; do
  jar=$JAR
  [[ $name == baseline ]] && jar=$BASE_JAR
  log "$name: the Dockerfile's extraction and training run"
  started=$(now_ms)
  image_prepare "$jar" "$WORK/$name" "$JAVA" || exit 1
  training_ms[$name]=$(($(now_ms) - started))
done
SERVICE=$WORK/service
BASELINE=$WORK/baseline

# 2. Alternating starts, one of each to warm the page cache first.
start_once "$SERVICE" warm-plain >/dev/null
start_once "$SERVICE" warm-image "${image_options[@]}" >/dev/null
start_once "$BASELINE" warm-baseline "${image_options[@]}" >/dev/null
plain=()
image=()
base_plain=()
base_image=()
for run in $(seq 1 "$RUNS"); do
  plain+=("$(start_once "$SERVICE" plain)")
  image+=("$(start_once "$SERVICE" image "${image_options[@]}")")
  base_plain+=("$(start_once "$BASELINE" baseline-plain)")
  base_image+=("$(start_once "$BASELINE" baseline-image "${image_options[@]}")")
  log "run $run: service plain ${plain[-1]} ms, as the image starts ${image[-1]} ms; baseline plain ${base_plain[-1]} ms, as the image starts ${base_image[-1]} ms"
done
grep -h 'AOTCache\|\[aot\]' "$OUT/startup-image.log" | head -n 3 >&2 || true
plain_median=$(median "${plain[@]}")
image_median=$(median "${image[@]}")
base_plain_median=$(median "${base_plain[@]}")
base_image_median=$(median "${base_image[@]}")
started() { sed -nE 's/.*Started [A-Za-z]+ in ([0-9.]+) seconds.*/\1/p' "$OUT/startup-$1.log" | head -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat <<REPORT

IceBroker start-up — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)
JVM: $("$JAVA" -version 2>&1 | head -n 1), flags: ${JVM_OPTS:-(defaults)}
Launch to first 200 on /readyz, $RUNS alternating runs each, after the Dockerfile's extraction and training
(the image's start: ${image_options[*]})
  service   plain  ${plain[*]} ms -> median $plain_median ms   (last log: Started in $(started plain) s)
  service   image  ${image[*]} ms -> median $image_median ms   (last log: Started in $(started image) s)
  baseline  plain  ${base_plain[*]} ms -> median $base_plain_median ms   (last log: Started in $(started baseline-plain) s)
  baseline  image  ${base_image[*]} ms -> median $base_image_median ms   (last log: Started in $(started baseline-image) s)
  service image / service plain    $(ratio "$image_median" "$plain_median")   (target <= 0.50)
  service image                    $image_median ms   (target <= 1500 ms on a quiet machine)
  service image / baseline image   $(ratio "$image_median" "$base_image_median")   (the bare framework's floor here: $base_image_median ms)
  baseline image / baseline plain  $(ratio "$base_image_median" "$base_plain_median")
  training                         service ${training_ms[service]} ms, baseline ${training_ms[baseline]} ms; the service's app.aot $(du -m "$SERVICE/app.aot" | cut -f1) MB

Logs: $OUT/startup-*.log; training: $WORK/*.training.log
REPORT
