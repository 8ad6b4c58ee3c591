#!/bin/sh
# Parses every PromQL expression of ops/grafana/*.json and ops/prometheus/*.yml with Prometheus'
# own PromQL grammar, and checks that every alert rule has alert, expr, for, labels and
# annotations. That the metric names exist is checked by DashboardMetricsIntegrationTests.
# Needs Node.js and npm. Usage: ops/lint-dashboards.sh   (exits non-zero on any finding)
set -eu

cd "$(dirname "$0")"
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
npm install --silent --no-save --no-audit --no-fund --prefix "$modules" \
  @prometheus-io/lezer-promql@0.315.0 yaml@2 >/dev/null
NODE_PATH="$modules/node_modules" node lint-promql.cjs
