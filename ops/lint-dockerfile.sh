#!/bin/sh
# Lints the Dockerfile with dockerfile-utils (there is no Docker engine in CI) and checks
# that every path it copies exists:
#   - from the build context: the path is in the repository and .dockerignore lets it through
#     (asserted by DockerfileTests in the Maven build);
#   - from the build stage: when a jar has been built (./mvnw package), this script extracts
#     it with the Dockerfile's own command and checks each layer directory it copies.
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

jar=$(find target -maxdepth 1 -name 'icebroker-*.jar' 2>/dev/null | head -n 1)
if [ -z "$jar" ]; then
  echo "No jar in target/: skipping the layer check (run ./mvnw package first to include it)"
  exit 0
fi
extract_command=$(grep -o 'java -Djarmode=tools -jar app.jar extract [^\\]*' Dockerfile | sed 's/ *$//')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$jar" "$work/app.jar"
(cd "$work" && sh -c "$extract_command")
missing=0
for source in $(grep -o 'COPY --from=build /workspace/extracted/[^ ]*' Dockerfile | sed 's|COPY --from=build /workspace/||'); do
  if [ -d "$work/$source" ]; then
    echo "found   $source"
  else
    echo "MISSING $source" >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "Dockerfile copies layers that '$extract_command' does not produce" >&2
  exit 1
fi
echo "Dockerfile: every layer it copies exists in $jar"
