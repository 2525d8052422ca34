#!/usr/bin/env bash
# Puts Node >= 22.12 first on PATH when the system Node is older.
# Usage: source scripts/node22.sh   (developers and .ci/run)
# A machine that already has Node 22.12+ is left alone. Otherwise the npm
# package `node@22` (which ships the binary) is installed into a cache folder
# outside the checkout and reused on later runs.
_virtlab_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! _virtlab_node_ok; then
  _virtlab_cache="${VIRTLAB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/virtlab-node}"
  if [ ! -x "$_virtlab_cache/node_modules/.bin/node" ]; then
    echo "node22.sh: system Node is $(node --version 2>/dev/null || echo missing); installing node@22 into $_virtlab_cache" >&2
    mkdir -p "$_virtlab_cache"
    npm install --prefix "$_virtlab_cache" --no-audit --no-fund --loglevel=error node@22 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_virtlab_cache/node_modules/.bin:$PATH"
  _virtlab_node_ok || { echo "node22.sh: could not provide Node >= 22.12" >&2; return 1 2>/dev/null || exit 1; }
fi
unset -f _virtlab_node_ok
unset _virtlab_cache
