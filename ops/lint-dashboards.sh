#!/bin/sh
# Checks the alert rules and the dashboard's queries with Prometheus' own tool: promtool (from
# Debian's prometheus package) parses every rule and runs the rules' unit tests, and every
# PromQL expression of ops/grafana/*.json is parsed by promtool as a recording rule. That the
# metric names exist is checked by DashboardMetricsIntegrationTests.
# Needs promtool and jq. Usage: ops/lint-dashboards.sh   (exits non-zero on any finding)
set -eu

cd "$(dirname "$0")"
promtool check rules prometheus/icebroker-alerts.yml
promtool test rules prometheus/icebroker-alerts.test.yml

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dashboard in grafana/*.json; do
  # Grafana's interval variables are not PromQL; any range stands in for them.
  jq -r '[.. | objects | .expr? | strings] | to_entries[]
    | "      - record: dashboard:expr_\(.key)\n        expr: \(.value | gsub("\\$__(rate_interval|interval|range)"; "5m") | @json)"' \
    "$dashboard" > "$work/exprs"
  if [ ! -s "$work/exprs" ]; then
    echo "$dashboard: no PromQL expression found" >&2
    exit 1
  fi
  { echo "groups:"; echo "  - name: $(basename "$dashboard" .json)"; echo "    rules:"; cat "$work/exprs"; } > "$work/rules.yml"
  echo "Checking the PromQL of $dashboard"
  promtool check rules "$work/rules.yml"
done
