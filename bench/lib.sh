# Shared by bench/run.sh and bench/startup.sh; sourced, not run.

# The Dockerfile's steps on a jar (image_prepare, image_entrypoint, ...), free_port, and
# IMAGE_JAVA, the image's JVM on this machine.
# shellcheck source=ops/image.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ops/image.sh"

# build_jars: the service's jar and the baseline's (bench/baseline), built with Maven;
# sets JAR and BASE_JAR. find_jars only sets them, from an earlier build. Both need log,
# ROOT and OUT from the calling script.
build_jars() {
  log "building the service and the baseline"
  ./mvnw -q -B -ntp -DskipTests -Djacoco.skip=true package >"$OUT/build.log" 2>&1 ||
    { log "build failed; see $OUT/build.log"; exit 1; }
  local profile=()
  if [[ ${BENCH_BASELINE:-plain} == security ]]; then profile=(-Psecurity); fi
  ./mvnw -q -B -ntp -f bench/baseline/pom.xml "${profile[@]}" -DskipTests package >"$OUT/build-baseline.log" 2>&1 ||
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
