#!/bin/sh
# Lints the Dockerfile with dockerfile-utils (there is no Docker engine in CI). What it
# copies is checked elsewhere: from the build context by DockerfileTests (the path exists and
# .dockerignore lets it through), from the build stage by ops/check-image.sh (the extraction
# makes every layer the run stage copies).
# Needs Node.js (npx). Usage: ops/lint-dockerfile.sh   (from anywhere; exits non-zero on any finding)
set -eu

DOCKERFILE_UTILS_VERSION=0.16.3
cd "$(dirname "$0")/.."

echo "dockerfile-utils@$DOCKERFILE_UTILS_VERSION lint Dockerfile"
diagnostics=$(npx --yes "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" lint --json Dockerfile) || true
if [ "$diagnostics" != "[]" ]; then
  # Warnings exit 0 in dockerfile-utils; here they fail too. Print them readably.
  npx --yes "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" lint Dockerfile || true
  echo "Dockerfile: dockerfile-utils reported problems: $diagnostics" >&2
  exit 1
fi
echo "Dockerfile: no problems reported"
