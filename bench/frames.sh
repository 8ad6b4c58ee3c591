#!/usr/bin/env bash
# How many frames of our own a request crosses: the service's jar in front of a Twilio
# that accepts connections and never answers, one /turn/credentials request held in it,
# and a thread dump. Prints, for the request thread and the upstream thread, each
# io.icebroker frame. Uses target/icebroker-*.jar (build it with ./mvnw package first).
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=$(ls target/icebroker-*.jar | grep -v plain | head -n 1)
HANG_PORT=${FRAMES_HANG_PORT:-18099}
APP_PORT=${FRAMES_APP_PORT:-18080}
OUT=target/frames
mkdir -p "$OUT"

python3 -c "
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $HANG_PORT))
s.listen(16)
held = []
while True:
    held.append(s.accept()[0])
" &
HANG_PID=$!
PORT=$APP_PORT TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000 \
  TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef TWILIO_API_BASE_URL=http://127.0.0.1:$HANG_PORT \
  TWILIO_READ_TIMEOUT=60s TURN_CHAIN_DEADLINE=30s java -jar "$JAR" >"$OUT/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID $HANG_PID 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/livez" 2>/dev/null && break
  sleep 0.5
done
curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/turn/credentials?userId=frames" &
sleep 2
jstack "$APP_PID" >"$OUT/threads.txt"
awk '
  /^"/ { name = $1 }
  /at io\.icebroker\./ && (name ~ /http-nio/ || name ~ /turn-upstream/) { frames[name] = frames[name] "\n    " $2; count[name]++ }
  END { for (n in count) { total += count[n]; printf "%s: %d%s\n", n, count[n], frames[n] } printf "total: %d\n", total }
' "$OUT/threads.txt"
