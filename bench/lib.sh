# Shared by bench/run.sh and bench/startup.sh; sourced, not run.

# The image's JVM, where this machine has it.
TEMURIN25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

# A loopback port nothing answers on now, from a random pick: fine for a benchmark that
# starts its servers at once.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free loopback port found" >&2
  return 1
}

# build_jars: the service's jar and the baseline's (bench/baseline), built with Maven;
# sets JAR and BASE_JAR. find_jars only sets them, from an earlier build. Both need log,
# ROOT and OUT from the calling script.
build_jars() {
  log "building the service and the baseline"
  ./mvnw -q -B -ntp -DskipTests -Djacoco.skip=true package >"$OUT/build.log" 2>&1 ||
    { log "build failed; see $OUT/build.log"; exit 1; }
  ./mvnw -q -B -ntp -f bench/baseline/pom.xml -DskipTests package >"$OUT/build-baseline.log" 2>&1 ||
    { log "baseline build failed; see $OUT/build-baseline.log"; exit 1; }
  find_jars
}

find_jars() {
  JAR=$(ls "$ROOT"/target/icebroker-*.jar 2>/dev/null | grep -v plain | head -n 1) || true
  BASE_JAR=$(ls "$ROOT"/bench/baseline/target/bench-baseline-*.jar 2>/dev/null | grep -v plain | head -n 1) || true
  if [[ -z "$JAR" || -z "$BASE_JAR" ]]; then
    log "no jar of the service or the baseline: run without BENCH_SKIP_BUILD once"
    exit 1
  fi
}
