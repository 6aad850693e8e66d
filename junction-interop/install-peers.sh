#!/usr/bin/env bash
# Installs the third-party peers junction-interop's tests run against. Idempotent: installs only
# what is missing, and runs apt-get update only when a Debian package must be installed.
#
#   Debian, for /usr/bin/python3 (Debian's interpreter): python3-bson (pymongo's bson, 3.11),
#     python3-zmq (pyzmq 24 on libzmq 4.3.4), python3-websockets (10.4), python3-aiohttp (3.8.4);
#     chromium (a real browser, driven by playwright-core), socat, curl
#   npm, pinned by package.json + package-lock.json, installed with npm ci: bson 7.3.4,
#     jayson 5.0.0, ws 8.23.0, playwright-core 1.65.1 (no browser download: it drives Debian's
#     chromium through executablePath), zeromq 6.8.0 (ships libzmq 4.3.5)
#
# Needs root (or sudo) for apt-get, and the machine's Node.js (>= 20.19, as bson 7 requires).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: install only the missing ones.
debian_peers=(python3-bson python3-zmq python3-websockets python3-aiohttp chromium socat curl)
missing=()
for pkg in "${debian_peers[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only if the package lists do not know the package yet (a fresh machine).
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    as_root apt-get update -qq
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
/usr/bin/python3 -c 'import bson, zmq, websockets, aiohttp; bson.encode({})' \
  || { echo "install-peers: /usr/bin/python3 cannot import Debian's bson, zmq, websockets or aiohttp" >&2; exit 1; }
command -v chromium >/dev/null || { echo "install-peers: chromium is not on PATH" >&2; exit 1; }

# npm peers: npm ci installs exactly the lock file (and replaces node_modules each run).
command -v node >/dev/null || { echo "install-peers: node is not on PATH (Node.js >= 20.19 needed)" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "install-peers: Node.js $(node --version) is too old for bson 7 (needs >= 20.19)" >&2; exit 1; }
# npm ci only when node_modules does not hold exactly what the lock file pins.
installed_matches_lock() {
  node -e '
    const dir = process.argv[1];
    const lock = require(dir + "/package-lock.json");
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path) continue;
      try {
        if (require(dir + "/" + path + "/package.json").version !== entry.version) process.exit(1);
      } catch (e) { process.exit(1); }
    }' "$here"
}
if ! installed_matches_lock; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
node -e 'require(process.argv[1] + "/node_modules/zeromq")' "$here" \
  || { echo "install-peers: npm zeromq does not load (its native addon)" >&2; exit 1; }
versions() { for pkg in "$@"; do printf '%s %s, ' "$pkg" "$(dpkg-query -W -f='${Version}' "$pkg")"; done; }
echo "install-peers: $(versions "${debian_peers[@]}")npm $(cd "$here" && npm ls --depth=0 --parseable=false 2>/dev/null | tail -n +2 | sed 's/^[^a-z@]*//' | tr '\n' ' ')"
