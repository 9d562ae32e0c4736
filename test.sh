#!/usr/bin/env bash
# Runs every test: .NET (unit, integration, T-SQL checks, browser) and front-end (Vitest).
# Installs what it needs on a fresh machine, fails if any test fails or is skipped,
# and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/test-output"
rm -rf "$out" && mkdir -p "$out"

passed=0; failed=0; skipped=0; status=0

need_root() { [ "$(id -u)" = 0 ] || { echo "test.sh: $1 is missing; run as root to install it" >&2; exit 1; }; }

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here); CJK fonts for Chinese text.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  need_root "chromium / fonts-noto-cjk"
  echo "== installing chromium and fonts-noto-cjk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null || { echo "apt-get install failed" >&2; exit 1; }
fi

# Front-end: install, type-check, unit tests, build (the browser tests need the built UI).
if [ -f Hotline.Web/package.json ]; then
  echo "== front end"
  pushd Hotline.Web >/dev/null
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed" >&2; exit 1; }
  fi
  npm run --silent typecheck || status=1
  npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json" || status=1
  if [ -f "$out/vitest.json" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests,r.numFailedTests,r.numPendingTests+r.numTodoTests)' "$out/vitest.json")
    passed=$((passed+p)); failed=$((failed+f)); skipped=$((skipped+s))
  else
    failed=$((failed+1))
  fi
  npm run --silent build || status=1
  popd >/dev/null
fi

echo "== .NET"
dotnet build Hotline.sln -c Release -nologo -v quiet || { echo "build failed"; echo "$passed passed, $((failed+1)) failed"; exit 1; }
dotnet test Hotline.Tests -c Release --no-build -nologo \
  --logger "trx;LogFileName=dotnet.trx" --logger "console;verbosity=normal" \
  --results-directory "$out" || status=1
trx="$out/dotnet.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); ne=$(get notExecuted)
  passed=$((passed+p)); failed=$((failed+f+e+t)); skipped=$((skipped+ne+total-p-f-e-t-ne))
else
  failed=$((failed+1))
fi

if [ "$skipped" -gt 0 ]; then
  echo "test.sh: $skipped test(s) skipped; a skip hides a failure, so it fails the run" >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
