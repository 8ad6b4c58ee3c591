# The Dockerfile's steps on a built jar, for a machine without a Docker engine; sourced by
# ops/check-image.sh and bench/startup.sh, not run. Each step is read from the Dockerfile,
# so that what they check and time is what the image does.
#
#   image_prepare JAR DIR JAVA   the build stage's extraction of JAR, the run stage's COPY
#                                of every layer and file into DIR (the image's /app), and
#                                its training run with JAVA for java, on a free loopback
#                                port; the training's log is DIR.training.log
#   image_exec DIR [NAME=value ...] COMMAND ...
#                                execs COMMAND in DIR with the image's ENV, the settings
#                                given and nothing else from this shell's environment:
#                                call it in ( ) or with &, so that $! is COMMAND's PID
#   image_entrypoint             the ENTRYPOINT's words, one per line
#   image_env                    the run stage's ENV settings, one NAME=value per line
#   wait_until_ok URL PID SECONDS
#                                waits for a 2xx from URL; fails when PID exits or the time is up
#   stop_pid PID                 SIGTERM, SIGKILL after 20 s, and waits for it; nothing if gone
#   free_port                    a loopback port nothing answers on now
#
# IMAGE_JAVA is the image's JVM on this machine: JAVA25, else Temurin 25 where the machine has it.

IMAGE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE_DOCKERFILE=$IMAGE_ROOT/Dockerfile
IMAGE_JAVA=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

# The run stage: everything after the last FROM.
image_run_stage() { awk '/^FROM /{ stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }' "$IMAGE_DOCKERFILE"; }

image_env() { image_run_stage | sed -n 's/^ENV //p'; }

image_entrypoint() {
  image_run_stage | sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' | tr ',' '\n' | sed 's/^ *"//; s/" *$//'
}

image_exec() {
  local dir=$1
  shift
  local -a settings
  mapfile -t settings < <(image_env)
  cd "$dir" && exec env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "${settings[@]}" "$@"
}

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

wait_until_ok() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

stop_pid() {
  local pid=$1
  [[ -z "$pid" ]] && return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

image_prepare() {
  local jar=$1 dir=$2 java=$3 extract training layer source
  extract=$(grep -o 'java -Djarmode=tools -jar app.jar extract [^\\&]*' "$IMAGE_DOCKERFILE" | sed 's/ *$//') || true
  training=$(image_run_stage | sed -n 's/^RUN \(bash train-aot-cache.sh .*\)$/\1/p')
  if [[ -z $extract || -z $training ]]; then
    echo "image.sh: the Dockerfile has no extraction or no training run that this script knows" >&2
    return 1
  fi
  rm -rf "$dir" "$dir.build"
  mkdir -p "$dir" "$dir.build"
  cp "$jar" "$dir.build/app.jar"
  (cd "$dir.build" && sh -c "${extract/java /$java }") >/dev/null
  # As docker build, fail on a layer the extraction did not make.
  for layer in $(image_run_stage | grep -o 'COPY --from=build /workspace/extracted/[^ ]*' | sed 's|COPY --from=build /workspace/extracted/||'); do
    if [[ ! -d "$dir.build/extracted/$layer" ]]; then
      echo "image.sh: the Dockerfile copies extracted/$layer, which '$extract' does not make" >&2
      return 1
    fi
    cp -a "$dir.build/extracted/$layer/." "$dir/"
  done
  rm -rf "$dir.build"
  for source in $(image_run_stage | sed -n 's/^COPY \([^-][^ ]*\) \.\/$/\1/p'); do
    cp "$IMAGE_ROOT/$source" "$dir/"
  done
  (image_exec "$dir" PORT="$(free_port)" sh -c "${training/ java / $java }") >"$dir.training.log" 2>&1 || {
    echo "image.sh: the training run failed; the end of its log:" >&2
    grep -v '\]\[aot *\] Skipping' "$dir.training.log" | tail -n 30 >&2
    return 1
  }
}
