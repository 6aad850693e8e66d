#!/usr/bin/env bash
# Installs the third-party peers junction-interop's tests run against. Idempotent: installs only
# what is missing, and runs apt-get update only when a Debian package must be installed.
#
#   Debian python3-bson (pymongo's bson module, 3.11), for /usr/bin/python3 (Debian's interpreter)
#   npm bson 7.3.4, pinned by package.json + package-lock.json, installed with npm ci
#
# Needs root (or sudo) for apt-get, and the machine's Node.js (>= 20.19, as bson 7 requires).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: install only the missing ones.
missing=()
dpkg-query -W -f='${Status}' python3-bson 2>/dev/null | grep -q 'install ok installed' || missing+=(python3-bson)
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only if the package lists do not know the package yet (a fresh machine).
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    as_root apt-get update -qq
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
/usr/bin/python3 -c 'import bson; bson.encode({})' \
  || { echo "install-peers: /usr/bin/python3 cannot import Debian's bson module" >&2; exit 1; }

# npm peers: npm ci installs exactly the lock file (and replaces node_modules each run).
command -v node >/dev/null || { echo "install-peers: node is not on PATH (Node.js >= 20.19 needed)" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "install-peers: Node.js $(node --version) is too old for bson 7 (needs >= 20.19)" >&2; exit 1; }
if [ "$(node -p 'try{require(process.argv[1]).version}catch(e){""}' "$here/node_modules/bson/package.json" 2>/dev/null)" != "7.3.4" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-peers: python3-bson $(dpkg-query -W -f='${Version}' python3-bson), npm bson $(node -p 'require(process.argv[1]).version' "$here/node_modules/bson/package.json")"
