#!/usr/bin/env bash
# Runs every test of KongDashboard on a fresh machine: installs what the tests need when it is missing
# (Debian's chromium for the browser tests), builds once, runs all test projects, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Debian chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "test.sh: could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

results="$(pwd)/TestResults"
rm -rf "$results"

if ! dotnet build KongDashboard.sln -c Release -nologo -v:q -clp:ErrorsOnly; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time: several tests hold timings (leases, watches, kubectl) that a 2-core machine running
# three test hosts at once would stretch.
dotnet test KongDashboard.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# Name every failed test (with the first line of its message) just above the summary, so the tail of a CI log
# says what failed without the full console output.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/^/FAILED: /'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") != "Failed":
        continue
    message = result.findtext(".//t:Message", default="", namespaces=ns).strip().splitlines()
    print(f"FAILED: {result.get('testName')}" + (f" -- {message[0][:300]}" if message else ""))
PY
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project failed to run: never report green
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
