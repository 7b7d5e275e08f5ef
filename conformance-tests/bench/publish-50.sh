#!/usr/bin/env bash
# Measures `conformance publish` over 50 full-suite bundles: one real run against the embedded reference, signed,
# copied 50 times (publish verifies and pages each copy as its own system). Prints the wall time of publish.
# Usage: bash conformance-tests/bench/publish-50.sh [count]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build conformance-tests/Conformance.Cli/Conformance.Cli.csproj -c Release -v q -nologo >/dev/null
cli=conformance-tests/Conformance.Cli/bin/Release/net10.0/conformance.dll
dotnet "$cli" keygen --out "$work/keys" >/dev/null
dotnet "$cli" run --out "$work/run" --signing-key "$work/keys/signing-key.pem" >/dev/null || true
files=$(find "$work/run" -type f | wc -l)
bundles=()
for i in $(seq -w 1 "$count"); do cp -r "$work/run" "$work/bundle-$i"; bundles+=("$work/bundle-$i"); done
start=$(date +%s.%N)
dotnet "$cli" publish "${bundles[@]}" --out "$work/site" --trusted-key "$work/keys/signing-key.pub.pem"
end=$(date +%s.%N)
echo "publish: $count bundles of $files files each, $(find "$work/site" -type f | wc -l) files written, $(awk "BEGIN { printf \"%.2f\", $end - $start }") s wall (including process start)"
