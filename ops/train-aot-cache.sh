#!/usr/bin/env bash
# The image's JDK AOT cache training run: starts the service with the command given (which
# carries -XX:AOTCacheOutput=FILE), makes the requests its users make once it is ready, and
# stops it; the JVM writes FILE as it exits.
#
# Spring Boot's documented training run (-Dspring.context.exit=onRefresh) stops before the
# first request, so the classes that serve one are not in its cache and the first request
# after a start loads them (docs/performance.md).
#
# Nothing is configured, so every answer comes from the public fallback and no request
# leaves the machine. bash alone makes the requests (/dev/tcp): a JRE image has no curl.
#
#   bash train-aot-cache.sh java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -jar app.jar
#
# PORT (default 8080) is the port the training run listens on.
set -euo pipefail

cache=""
for word in "$@"; do
  [[ $word == -XX:AOTCacheOutput=* ]] && cache=${word#-XX:AOTCacheOutput=}
done
if [[ -z $cache ]]; then
  echo "train-aot-cache: the command has no -XX:AOTCacheOutput=FILE" >&2
  exit 1
fi

port=${PORT:-8080}
PORT=$port "$@" &
app=$!

fail() {
  echo "train-aot-cache: $*" >&2
  kill -TERM "$app" 2>/dev/null || true
  exit 1
}

# status PATH: the HTTP status of GET PATH, 000 when nothing answers within 10 s.
status() {
  local code=000
  if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
    IFS=' ' read -r -t 10 _ code _ <&3 || code=000
    timeout 10 cat <&3 >/dev/null || true
    exec 3<&-
  fi
  echo "$code"
} 2>/dev/null

for ((tries = 0; tries < 600; tries++)); do
  [[ $(status /readyz) == 200 ]] && break
  kill -0 "$app" 2>/dev/null || fail "the training run exited before it was ready"
  sleep 0.1
done
[[ $(status /readyz) == 200 ]] || fail "the training run was not ready within 60 s"

# Clients, Railway's healthcheck, Prometheus, and a path that answers with a problem. The
# first three must answer 200; the rest differ between the service and bench's bare app.
requests=0
for round in 1 2 3; do
  for path in /turn/credentials '/turn/credentials?ttl=600' /readyz /livez /actuator/health \
    /actuator/prometheus /actuator/turn /no-such-path; do
    code=$(status "$path")
    requests=$((requests + 1))
    case $path in
      /turn/credentials* | /readyz | /livez)
        [[ $code == 200 ]] || fail "GET $path answered $code, not 200" ;;
    esac
  done
done
echo "train-aot-cache: $requests requests served; stopping"

kill -TERM "$app" 2>/dev/null || fail "the training run had exited already"
# A JVM stopped by SIGTERM exits with 143 once it has written the cache.
code=0
wait "$app" || code=$?
if [[ $code != 0 && $code != 143 ]]; then
  echo "train-aot-cache: the training run exited with $code" >&2
  exit 1
fi
if [[ ! -s $cache ]]; then
  echo "train-aot-cache: the training run wrote no $cache" >&2
  exit 1
fi
