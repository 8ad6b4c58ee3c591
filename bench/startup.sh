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
# The bare app with the same starters (bench/baseline) goes through the same three steps
# beside it: its times are the floor Spring Boot itself sets on this machine. It also
# starts a third way, from Spring AOT's bean definitions with a cache trained that way:
# the lowest floor Spring Boot offers on the JVM.
#
#   bench/startup.sh                       # or: bench/run.sh startup
#   BENCH_STARTUP_RUNS=3 bench/startup.sh  # quicker
#
# Knobs: BENCH_JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), BENCH_JVM_OPTS
# (added to both; default none), BENCH_SKIP_BUILD=1 to reuse target/icebroker-*.jar and the
# baseline's jar.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
ROOT=$(pwd)
OUT=${BENCH_OUT:-$ROOT/target/bench}
JAVA=${BENCH_JAVA25:-$TEMURIN25}
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


# The service with nothing configured, as in the image build: no provider variable, no
# Redis, nothing from this shell's environment.
clean_env() { env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "$@"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_once DIR NAME [JVM options]: prints the milliseconds from launch to the first 200
# on /readyz of the app.jar in DIR, then stops it.
start_once() {
  local dir=$1 name=$2
  shift 2
  local port started ready
  port=$(free_port)
  started=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$dir" && exec env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 PORT="$port" \
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
  build_jars
else
  find_jars
fi

extract_command=$(grep -o 'java -Djarmode=tools -jar app.jar extract [^\\&]*' Dockerfile | sed 's/ *$//')
training=$(grep -o 'java -XX:AOTCacheOutput=[^\\&]*' Dockerfile | sed 's/ *$//')
aot_option=$(grep -o '"-XX:AOTCache=[^"]*"' Dockerfile | tr -d '"')
rm -rf "$WORK"

# prepare NAME JAR: the Dockerfile's extraction, its COPY of every layer into one
# directory, and its training run, into $WORK/NAME/app; prints the training's milliseconds.
prepare() {
  local name=$1 jar=$2 started
  mkdir -p "$WORK/$name/build" "$WORK/$name/app"
  cp "$jar" "$WORK/$name/build/app.jar"
  (cd "$WORK/$name/build" && sh -c "${extract_command/java /$JAVA }")
  for layer in $(grep -o 'COPY --from=build /workspace/extracted/[^ ]*' Dockerfile | sed 's|COPY --from=build /workspace/extracted/||'); do
    if [[ -d "$WORK/$name/build/extracted/$layer" ]]; then
      cp -a "$WORK/$name/build/extracted/$layer/." "$WORK/$name/app/"
    fi
  done
  log "$name training: $training"
  started=$(now_ms)
  (cd "$WORK/$name/app" && clean_env sh -c "${training/java /$JAVA $JVM_OPTS }") >"$OUT/startup-$name-training.log" 2>&1 ||
    { log "$name training run failed; see $OUT/startup-$name-training.log"; exit 1; }
  [[ -f "$WORK/$name/app/app.aot" ]] ||
    { log "the $name training run wrote no app.aot; see $OUT/startup-$name-training.log"; exit 1; }
  echo $(($(now_ms) - started))
}

# 1 and 2. The service, and the bare app with the same starters (bench/baseline) treated
# alike: the floor that Spring Boot itself sets on this machine.
training_ms=$(prepare service "$JAR")
prepare baseline "$BASE_JAR" >/dev/null
SERVICE=$WORK/service/app
BASELINE=$WORK/baseline/app

# The bare app can also start from Spring AOT's bean definitions (its jar carries them),
# with a cache trained that way: the lowest floor Spring Boot offers on the JVM. The
# service cannot (yet): Spring AOT fixes at build time which beans exist, and its beans
# depend on MANAGEMENT_PORT, REDIS_URL and the --probe command at run time.
SPRING_AOT=-Dspring.aot.enabled=true
spring_training=${training/app.aot/app-spring.aot}
(cd "$BASELINE" && clean_env sh -c "${spring_training/java /$JAVA $JVM_OPTS $SPRING_AOT }") \
  >"$OUT/startup-baseline-spring-aot-training.log" 2>&1 ||
  { log "baseline training with Spring AOT failed; see $OUT/startup-baseline-spring-aot-training.log"; exit 1; }
spring_aot_option=${aot_option/app.aot/app-spring.aot}

# 3. Alternating starts, one of each to warm the page cache first.
start_once "$SERVICE" warm-plain >/dev/null
start_once "$SERVICE" warm-aot "$aot_option" >/dev/null
start_once "$BASELINE" warm-baseline "$aot_option" >/dev/null
plain=()
aot=()
base_plain=()
base_aot=()
base_spring=()
for run in $(seq 1 "$RUNS"); do
  plain+=("$(start_once "$SERVICE" plain)")
  aot+=("$(start_once "$SERVICE" aot "$aot_option")")
  base_plain+=("$(start_once "$BASELINE" baseline-plain)")
  base_aot+=("$(start_once "$BASELINE" baseline-aot "$aot_option")")
  base_spring+=("$(start_once "$BASELINE" baseline-spring-aot "$spring_aot_option" "$SPRING_AOT")")
  log "run $run: service plain ${plain[-1]} ms, AOT cache ${aot[-1]} ms; baseline plain ${base_plain[-1]} ms, AOT cache ${base_aot[-1]} ms, with Spring AOT too ${base_spring[-1]} ms"
done
grep -h 'AOTCache\|\[aot\]' "$OUT/startup-aot.log" | head -n 3 >&2 || true
plain_median=$(median "${plain[@]}")
aot_median=$(median "${aot[@]}")
base_plain_median=$(median "${base_plain[@]}")
base_aot_median=$(median "${base_aot[@]}")
base_spring_median=$(median "${base_spring[@]}")
started() { sed -nE 's/.*Started [A-Za-z]+ in ([0-9.]+) seconds.*/\1/p' "$OUT/startup-$1.log" | head -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat <<REPORT

IceBroker start-up — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)
JVM: $("$JAVA" -version 2>&1 | head -n 1), flags: ${JVM_OPTS:-(defaults)}
Launch to first 200 on /readyz, $RUNS alternating runs each (the Dockerfile's extraction and training)
  service   plain      ${plain[*]} ms -> median $plain_median ms   (last log: Started in $(started plain) s)
  service   AOT cache  ${aot[*]} ms -> median $aot_median ms   (last log: Started in $(started aot) s)
  baseline  plain      ${base_plain[*]} ms -> median $base_plain_median ms   (last log: Started in $(started baseline-plain) s)
  baseline  AOT cache  ${base_aot[*]} ms -> median $base_aot_median ms   (last log: Started in $(started baseline-aot) s)
  baseline  AOT cache and Spring AOT  ${base_spring[*]} ms -> median $base_spring_median ms   (last log: Started in $(started baseline-spring-aot) s)
  service AOT / service plain    $(ratio "$aot_median" "$plain_median")   (target <= 0.50)
  service AOT                    $aot_median ms   (target <= 1500 ms on a quiet machine)
  service AOT / baseline AOT     $(ratio "$aot_median" "$base_aot_median")   (the bare framework's own floor here: $base_aot_median ms)
  baseline, both / plain         $(ratio "$base_spring_median" "$base_plain_median")   (the lowest floor Spring Boot offers here: $base_spring_median ms)
  training run                   $training_ms ms; app.aot $(du -m "$SERVICE/app.aot" | cut -f1) MB

Logs: $OUT/startup-*.log
REPORT
