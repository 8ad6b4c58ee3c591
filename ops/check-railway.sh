#!/usr/bin/env bash
# Type-checks .railway/railway.ts and checks it against railway.json, offline: no Railway CLI,
# account or network beyond the npm registry. Usage: bash ops/check-railway.sh (from anywhere;
# exits non-zero on any finding).
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "check-railway: needs Node.js 20 or newer, found $(node --version)" >&2
  exit 1
fi

cd .railway
# railway@3.11.0 declares engines node >=22 (for its Sandbox API); railway/iac and this check run on
# Node 20. npm only warns about that, unless engine-strict is set somewhere (an .npmrc, or
# npm_config_engine_strict), when npm ci fails with EBADENGINE: so it is off for this install alone.
# No install script is needed (esbuild finds its binary package without its postinstall).
# stdout is npm's summary; errors go to stderr and fail the script.
npm ci --no-audit --no-fund --ignore-scripts --engine-strict=false --loglevel=error >/dev/null
if [ "$node_major" -lt 22 ]; then
  echo "check-railway: Node $(node --version); railway@3.11.0 asks for >=22, not needed to check railway.ts"
fi

# --no: never fetch a missing tsc/tsx from the registry; use the pinned ones just installed.
npx --no -- tsc --noEmit -p .
echo "check-railway: tsc --noEmit: no type errors"
npx --no -- tsx check.ts
