#!/usr/bin/env bash
# Fuzzes the SIP parser for a bounded time and prints executions, crashes and hangs.
#   reference/fuzz/fuzz.sh [SECONDS]        in-process mutation loop (default 60 s); exit 1 if anything crashed or hung
# With afl-fuzz and the SharpFuzz tool installed (dotnet tool install --global SharpFuzz.CommandLine), AFL=1 runs
# afl-fuzz on the instrumented parser for the same time instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
project="$root/reference/fuzz/Sip.Fuzz"
dotnet build -c Release "$project/Sip.Fuzz.csproj" -nologo -v q >/dev/null
out="$project/bin/Release/net10.0"
if [ "${AFL:-0}" = 1 ]; then
  command -v afl-fuzz >/dev/null && command -v sharpfuzz >/dev/null || { echo "AFL=1 needs afl-fuzz and sharpfuzz on PATH" >&2; exit 2; }
  sharpfuzz "$out/Sip.dll"
  findings=$(mktemp -d)
  AFL_SKIP_BIN_CHECK=1 timeout "$seconds" afl-fuzz -i "$project/corpus" -o "$findings" -t 5000 -m none -- dotnet "$out/Sip.Fuzz.dll" --afl || true
  grep -E "execs_done|saved_crashes|saved_hangs" "$findings/default/fuzzer_stats"
  exit 0
fi
dotnet "$out/Sip.Fuzz.dll" --seconds "$seconds" --corpus "$out/corpus"
