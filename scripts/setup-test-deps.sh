#!/usr/bin/env bash
# Installs the Debian packages the interop tests use (peer zone checkers, DNS and
# TLS tools, the DANE lab's servers). Idempotent: does nothing when all are there.
# Needs root (apt-get) the first time.
set -euo pipefail
PKGS=(
  bind9-utils      # named-checkzone, named-compilezone (peer checker)
  knot             # knotd (lab authoritative)
  knot-dnssecutils # kzonecheck (peer checker); not in the knot package on Debian 12
  ldnsutils        # ldns-read-zone (record oracle), ldns-signzone, ldns-dane
  unbound          # validating resolver for the lab
  bind9-dnsutils   # dig, delv
  gnutls-bin       # danetool (TLSA cross-check)
  openssl
  postfix          # posttls-finger (peer DANE checker); preseeded "No configuration"
  dns-root-data
  iproute2
  util-linux
  time             # GNU time: peak RSS of each process in `npm run bench`
  python3-dkim     # dkimpy (peer DKIM verifier for dkim-syntax), with
  python3-nacl     # its Ed25519 keys (RFC 8463)
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "setup-test-deps: missing Debian packages: ${missing[*]}; run this script as root: sudo bash scripts/setup-test-deps.sh" >&2
  exit 1
fi
echo "setup-test-deps: installing ${missing[*]}"
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get -o DPkg::Lock::Timeout=900 update -qq
fi
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# knot and unbound must not run as system services: the tests start their own on loopback.
for svc in knot unbound postfix; do
  (command -v systemctl >/dev/null && systemctl disable --now "$svc" >/dev/null 2>&1) || true
  (command -v service >/dev/null && service "$svc" stop >/dev/null 2>&1) || true
done
echo "setup-test-deps: done"
