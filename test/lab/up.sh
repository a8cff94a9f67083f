#!/usr/bin/env bash
# Start the lab (knotd + unbound + SMTP servers) on loopback. Idempotent: if
# everything already runs it only prints where; if only part runs it stops that
# part and starts everything afresh. Writes $STATE/lab.json for the tests.
# Needs: knot, unbound, ldnsutils, openssl, bind9-dnsutils (scripts/setup-test-deps.sh)
# and the project's node_modules (smtp-server). Root only for SMTP port 25.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
T0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - T0) / 1000000 )); }
PIDS="$STATE/pids"
mkdir -p "$STATE"
exec 9>"$STATE/.lock"; flock -w 120 9 || die "lab lock busy"
export DANE_LAB_LOCKED=1

all_up() {
  pid_alive "$PIDS/knotd.pid" knotd && pid_alive "$PIDS/unbound.pid" unbound && pid_alive "$PIDS/smtp.pid" node && [ -s "$STATE/lab.json" ]
}
if all_up; then log "already up ($STATE/lab.json)"; exit 0; fi

for c in knotd knotc unbound unbound-checkconf ldns-keygen ldns-signzone ldns-key2ds openssl dig node ss setsid flock; do
  command -v "$c" >/dev/null || die "missing $c: run scripts/setup-test-deps.sh"
done
[ -d "$PROJECT_DIR/node_modules/smtp-server" ] || die "missing node_modules/smtp-server: run npm ci"

"$LAB_DIR/down.sh" --quiet || true
trap 'rc=$?; if [ $rc != 0 ]; then log "start failed, stopping"; "$LAB_DIR/down.sh" --quiet; fi' EXIT

need=("$AUTH_ADDR:$AUTH_PORT" "$LAME_ADDR:$AUTH_PORT" "$RES_ADDR:$RES_PORT" "[$DUALSTACK_V6]:$SMTP_PORT")
[ -z "$RES53_ADDR" ] || need+=("$RES53_ADDR:53")
for s in "${!SMTP_IP[@]}"; do need+=("${SMTP_IP[$s]}:$SMTP_PORT"); done
listening=$(ss -Hlnut 2>/dev/null | awk '{print $5}' | sort -u)
busy=""
for ap in "${need[@]}"; do
  if grep -qxF -e "$ap" -e "0.0.0.0:${ap##*:}" -e "*:${ap##*:}" -e "[::]:${ap##*:}" <<<"$listening"; then busy+=" $ap"; fi
done
[ -z "$busy" ] || die "already in use by something else:$busy"

mkdir -p "$STATE"/{run,logs,unbound,knot-db,pids}
"$LAB_DIR/gen-pki.sh"
"$LAB_DIR/gen-zones.sh"
log "t=$(ms)ms keys/certs/zones ready"

render_conf() {  # template out VAR=value...
  local content k v t="$1" out="$2"; shift 2
  content="$(cat "$t")"
  for kv in "$@"; do k="${kv%%=*}"; v="${kv#*=}"; content="${content//@$k@/$v}"; done
  printf '%s\n' "$content" > "$out"
}
zones=""
for z in "$PARENT" "${SIGNED_CHILDREN[@]/%/.$PARENT}" "${UNSIGNED_CHILDREN[@]/%/.$PARENT}"; do zones+="  - domain: $z"$'\n'; done
render_conf "$LAB_DIR/templates/knot.conf.in" "$STATE/knot.conf" \
  "STATE=$STATE" "AUTH_ADDR=$AUTH_ADDR" "AUTH_PORT=$AUTH_PORT" "LAME_ADDR=$LAME_ADDR" "PARENT=$PARENT" "KNOT_ZONES=$zones"
render_conf "$LAB_DIR/templates/unbound.conf.in" "$STATE/unbound.conf" \
  "STATE=$STATE" "AUTH_ADDR=$AUTH_ADDR" "AUTH_PORT=$AUTH_PORT" "RES_ADDR=$RES_ADDR" "RES_PORT=$RES_PORT" \
  "RES53_INTERFACE=${RES53_ADDR:+    interface: $RES53_ADDR@53}" "LAME_ADDR=$LAME_ADDR" "PARENT=$PARENT" "TRUST_ANCHOR_DS=$(cat "$STATE/dnssec/trust-anchor.ds")"

# for peer tools that read resolv.conf / nsswitch.conf / a Postfix config (bind-mounted in `unshare -m`)
if [ -n "$RES53_ADDR" ]; then
  printf 'nameserver %s\noptions trust-ad edns0 timeout:2 attempts:1\n' "$RES53_ADDR" > "$STATE/resolv.conf"
  printf 'hosts: files dns\n' > "$STATE/nsswitch.conf"
  mkdir -p "$STATE/postfix-client"
  printf 'compatibility_level = 3.6\ninet_protocols = ipv4\nsmtp_dns_support_level = dnssec\nsmtp_tls_security_level = dane\nsmtp_host_lookup = dns\ndnssec_probe = ns:%s\n' "$PARENT" > "$STATE/postfix-client/main.cf"
fi

{ echo '['; first=1
  for s in "${!SMTP_IP[@]}"; do
    kind="${SMTP_KIND[$s]:-starttls}"
    for addr in "${SMTP_IP[$s]}" $( [ "$s" = dualstack ] && echo "$DUALSTACK_V6" ); do
      [ $first = 1 ] || echo ','; first=0
      printf '  {"name":"%s","host":"%s","address":"%s","port":%s,"kind":"%s","key":"%s","cert":"%s"}' \
        "$s" "$(smtp_host "$s")" "$addr" "$SMTP_PORT" "$kind" "$STATE/pki/$s.key" "$STATE/pki/$s.chain.pem"
    done
  done; echo; echo ']'; } > "$STATE/smtp.json"

knotc -c "$STATE/knot.conf" conf-check >/dev/null || die "knot.conf invalid"
unbound-checkconf "$STATE/unbound.conf" >/dev/null || die "unbound.conf invalid"

wait_for() {  # description timeout_s command...  (polls the condition; no fixed sleep)
  local what="$1" t="$2" i; shift 2
  for ((i = 0; i < t * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "$what did not come up in ${t}s (see $STATE/logs/)"
}

setsid knotd -c "$STATE/knot.conf" </dev/null >>"$STATE/logs/knotd.out" 2>&1 9>&- &
echo $! > "$PIDS/knotd.pid"
wait_for knotd 20 sh -c "dig @$AUTH_ADDR -p $AUTH_PORT +norec +time=1 +tries=1 good.$PARENT SOA | grep -q 'status: NOERROR'"
log "t=$(ms)ms knotd answering"

setsid unbound -d -p -c "$STATE/unbound.conf" </dev/null >>"$STATE/logs/unbound.out" 2>&1 9>&- &
echo $! > "$PIDS/unbound.pid"
wait_for unbound 20 sh -c "dig @$RES_ADDR -p $RES_PORT +dnssec +time=1 +tries=1 good.$PARENT MX | grep -q 'flags:.* ad'"
log "t=$(ms)ms unbound validating"

: > "$STATE/logs/smtp.log"
NODE_PATH="$PROJECT_DIR/node_modules" setsid node "$LAB_DIR/smtp/lab-smtp.js" "$STATE/smtp.json" </dev/null >>"$STATE/logs/smtp.log" 2>&1 9>&- &
echo $! > "$PIDS/smtp.pid"
wait_for smtp 20 sh -c "grep -q ' ready$' '$STATE/logs/smtp.log'"
log "t=$(ms)ms smtp servers listening"

{ printf '{\n  "resolver": "%s:%s",\n  "authoritative": "%s:%s",\n  "parent": "%s",\n' "$RES_ADDR" "$RES_PORT" "$AUTH_ADDR" "$AUTH_PORT" "$PARENT"
  printf '  "trustAnchorFile": "%s",\n  "rootCa": "%s",\n  "pki": "%s",\n  "smtpPort": %s,\n' \
    "$STATE/dnssec/trust-anchor.bind" "$STATE/pki/root-ca.crt" "$STATE/pki" "$SMTP_PORT"
  if [ -n "$RES53_ADDR" ]; then
    printf '  "resolvConf": "%s",\n  "nsswitchConf": "%s",\n  "postfixConfig": "%s",\n' "$STATE/resolv.conf" "$STATE/nsswitch.conf" "$STATE/postfix-client"
  fi
  printf '  "servers": {'
  first=1
  for s in "${!SMTP_IP[@]}"; do [ $first = 1 ] || printf ','; first=0; printf '\n    "%s": {"address":"%s","host":"%s"}' "$s" "${SMTP_IP[$s]}" "$(smtp_host "$s")"; done
  printf '\n  },\n  "scenarios": {'
  first=1
  for s in "${SCENARIOS[@]}"; do [ $first = 1 ] || printf ','; first=0; printf '\n    "%s": "%s.%s"' "$s" "$s" "$PARENT"; done
  printf '\n  }\n}\n'; } > "$STATE/lab.json"
log "up in $(ms) ms (state: $STATE)"
