# shellcheck shell=bash
# Common settings of dane-zone's DANE test lab (adapted from the team's worked
# example). Sourced by up.sh, down.sh, gen-*.sh. Every address is loopback
# (127.0.0.0/8 and ::1); nothing listens on or sends to any other address.
# Addresses and ports differ from the example lab so both can run side by side.

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$LAB_DIR/../.." && pwd)"
STATE="${DANE_LAB_STATE:-$PROJECT_DIR/.test-state/dane-lab}"

AUTH_ADDR=127.0.0.1
AUTH_PORT="${DANE_LAB_AUTH_PORT:-5310}"        # knotd (authoritative, all lab zones)
RES_ADDR=127.0.0.1
RES_PORT="${DANE_LAB_RESOLVER_PORT:-5363}"     # unbound (validating resolver)
# unbound also listens on port 53 here, for peer tools that only read resolv.conf
# (posttls-finger, run inside `unshare -m` with $STATE/resolv.conf bind-mounted). Empty = off.
if [ "$(id -u)" = 0 ]; then RES53_ADDR="${DANE_LAB_RES53_ADDR-127.0.3.53}"; else RES53_ADDR="${DANE_LAB_RES53_ADDR-}"; fi
LAME_ADDR=127.0.0.253   # knotd also listens here but answers NOTAUTH to everything ("lame")
# port 25 needs root; elsewhere use a high port (the TLSA owners stay _25._tcp)
if [ "$(id -u)" = 0 ]; then SMTP_PORT="${DANE_LAB_SMTP_PORT:-25}"; else SMTP_PORT="${DANE_LAB_SMTP_PORT:-2525}"; fi

PARENT="${DANE_LAB_PARENT:-example.internal}"
SIG_VALID_DAYS=30

# Scenarios (each is <name>.$PARENT). lame has no server.
SCENARIOS=(good ta mismatch pkix nostarttls expired bogus-ds expired-sig bogus-tlsa insecure cname notlsa lame
           namemismatch twomx dualstack silent endless)

# SMTP servers: id -> loopback address. The id names the key/chain in pki/.
declare -A SMTP_IP=(
  [good]=127.0.0.31 [ta]=127.0.0.32 [mismatch]=127.0.0.33 [pkix]=127.0.0.34 [nostarttls]=127.0.0.35
  [expired]=127.0.0.36 [bogus-ds]=127.0.0.37 [expired-sig]=127.0.0.38 [bogus-tlsa]=127.0.0.39
  [insecure]=127.0.0.40 [cname]=127.0.0.41 [notlsa]=127.0.0.42 [namemismatch]=127.0.0.43
  [twomx1]=127.0.0.44 [twomx2]=127.0.0.45 [dualstack]=127.0.0.46 [silent]=127.0.0.47 [endless]=127.0.0.48
)
# the dual-stack host also listens on ::1 with the same chain
DUALSTACK_V6=::1
# server behaviour: starttls (default) | plain (no STARTTLS) | silent (accepts, says nothing) | endless (banner never ends)
declare -A SMTP_KIND=([nostarttls]=plain [silent]=silent [endless]=endless)
# TLS name of each server (certificate subject; the TLSA base domain)
smtp_host() {
  case "$1" in
    cname) echo "smtp.hosting.$PARENT" ;;
    twomx1) echo "mx1.twomx.$PARENT" ;;
    twomx2) echo "mx2.twomx.$PARENT" ;;
    *) echo "mx.$1.$PARENT" ;;
  esac
}

SIGNED_CHILDREN=(good ta mismatch pkix nostarttls expired bogus-ds expired-sig bogus-tlsa cname hosting notlsa
                 namemismatch twomx dualstack silent endless)
UNSIGNED_CHILDREN=(insecure)

log() { printf '[dane-lab] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

proc_running() {  # pid expected-comm: exists, is not a zombie, and is still that program
  local st
  st="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)"
  [ -n "$st" ] && [ "$st" != Z ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}
pid_alive() {  # pidfile expected-comm
  [ -s "$1" ] || return 1
  proc_running "$(cat "$1")" "$2"
}
