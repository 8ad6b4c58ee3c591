# Shared by bench/run.sh and bench/startup.sh; sourced, not run.

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
