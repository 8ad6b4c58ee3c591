#!/usr/bin/env bash
# The image's JDK AOT cache training run: starts the service with the command given (which
# carries -XX:AOTCacheOutput), makes the requests its users make once it is ready, and stops
# it; the JVM writes the cache as it exits.
#
# Spring Boot's documented training run (-Dspring.context.exit=onRefresh) stops before the
# first request, so the classes that serve one are not in its cache and the first request
# after a start loads them: about 200 ms of a start on 2 cores (docs/performance.md).
#
# Nothing is configured, so every answer comes from the public fallback and no request
# leaves the machine. bash alone makes the requests (/dev/tcp): a JRE image has no curl.
#
#   bash train-aot-cache.sh java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -jar app.jar
#
# PORT (default 8080) is the port the training run listens on.
set -euo pipefail

port=${PORT:-8080}
PORT=$port "$@" &
app=$!

# status PATH: the HTTP status of GET PATH, 000 when nothing answers.
status() {
  local code=000
  if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
    IFS=' ' read -r _ code _ <&3 || code=000
    cat <&3 >/dev/null
    exec 3<&-
  fi
  echo "$code"
} 2>/dev/null

for ((tries = 0; tries < 600; tries++)); do
  [[ $(status /readyz) == 200 ]] && break
  if ! kill -0 "$app" 2>/dev/null; then
    echo "train-aot-cache: the training run exited before it was ready" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ $(status /readyz) != 200 ]]; then
  echo "train-aot-cache: the training run was not ready within 60 s" >&2
  kill -TERM "$app"
  exit 1
fi

# Clients, Railway's healthcheck, Prometheus, and a path that answers with a problem.
for round in 1 2 3; do
  for path in /turn/credentials '/turn/credentials?ttl=600' /readyz /livez /actuator/health \
    /actuator/prometheus /actuator/turn /no-such-path; do
    status "$path" >/dev/null
  done
done
echo "train-aot-cache: served $((round * 8)) requests; stopping"

kill -TERM "$app"
# A JVM stopped by SIGTERM exits with 143 once it has written the cache.
code=0
wait "$app" || code=$?
if [[ $code != 0 && $code != 143 ]]; then
  echo "train-aot-cache: the training run exited with $code" >&2
  exit 1
fi
