#!/usr/bin/env bash
# The package as users get it (issue 20 §2), run by .ci/run after the tests: `npm pack` (which
# builds dist/ first), the tarball installed with --omit=dev into a fresh host project next to
# fastify, a TypeScript host compiled against the package's types, and examples/embedded/server.mjs
# started there in development mode (no pino-pretty): the host's route and Rocket's routes answer,
# and SIGTERM exits 0. Fails loudly on any step.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

echo "check-package: npm pack"
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
echo "check-package: packed $tarball ($(du -h "$work/$tarball" | cut -f1))"
stray="$(tar -tzf "$work/$tarball" | grep -E '^package/(test|bench|tap-snapshots|core|routes|plugins|config|migrations)/|\.ts$' | grep -v '\.d\.ts$' || true)"
if [ -n "$stray" ]; then
  echo "check-package: FAIL: the package carries sources, tests or benches:" >&2; echo "$stray" | head -5 >&2; exit 1
fi

host="$work/host"
mkdir -p "$host"
cp examples/embedded/server.mjs "$host/"
printf '{ "name": "host", "private": true, "type": "module" }\n' > "$host/package.json"
echo "check-package: npm install --omit=dev (the tarball and fastify)"
(cd "$host" && npm install --omit=dev --no-audit --no-fund --loglevel=error "$work/$tarball" "fastify@^5.12.0" >/dev/null)
if [ -d "$host/node_modules/pino-pretty" ]; then echo "check-package: FAIL: pino-pretty was installed (a dev dependency)" >&2; exit 1; fi

# The shipped types, as a TypeScript host sees them: the options and callbacks typed, misspelt and
# mistyped options refused (each @ts-expect-error must be used). Compiled with this project's tsc.
cp scripts/package-host/typed-host.ts "$host/"
printf '{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "skipLibCheck": true, "types": ["node"], "typeRoots": ["%s"] }, "files": ["typed-host.ts"] }\n' "$root/node_modules/@types" > "$host/tsconfig.json"
echo "check-package: compiling a typed host against the package's types"
(cd "$host" && "$root/node_modules/.bin/tsc" -p tsconfig.json) || { echo "check-package: FAIL: the typed host (a wrong option compiled, or a right one did not)" >&2; exit 1; }

port=$((20000 + RANDOM % 20000))
echo "check-package: starting the embedded example on port $port (development mode)"
(cd "$host" && exec env -i PATH="$PATH" HOME="$HOME" PORT="$port" LOG_LEVEL=warn ROCKET_DATA_DIR="$host/data" ROCKET_STORAGE_PATH="$host/uploads" \
  node server.mjs > "$work/server.log" 2>&1) &
pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/rocket/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "check-package: FAIL: the server exited" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/" | grep -q '"host":"my-app"' || { echo "check-package: FAIL: the host route" >&2; cat "$work/server.log" >&2; exit 1; }
login="$(curl -sf -X POST -H 'content-type: application/json' -d '{"email":"platform@localhost","password":"changeme"}' "http://127.0.0.1:$port/rocket/api/_platform/auth/login")"
echo "$login" | grep -q '"access_token"' || { echo "check-package: FAIL: platform login: $login" >&2; exit 1; }
kill -TERM "$pid"
code=0; wait "$pid" || code=$?
pid=
[ "$code" -eq 0 ] || { echo "check-package: FAIL: exit status $code after SIGTERM" >&2; cat "$work/server.log" >&2; exit 1; }
echo "check-package: ok (installed with --omit=dev, started in development mode, answered, stopped with 0)"
