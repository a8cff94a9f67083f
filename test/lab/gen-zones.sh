#!/usr/bin/env bash
# dane-zone test lab (adapted from the team lab). Renders templates/zones/*.zone.in and signs them with ldns-signzone.
# DNSSEC keys are made once ($STATE/dnssec, ldns-keygen, ECDSAP256SHA256 KSK+ZSK per zone);
# signatures are made fresh on every run (valid from now-1h to now+$SIG_VALID_DAYS days),
# except expired-sig (all RRSIGs expired) and bogus-tlsa (only the TLSA RRSIG expired).
# Output: $STATE/zones/<zone>.zone, $STATE/dnssec/trust-anchor.{ds,dnskey,bind}
set -euo pipefail
. "$(dirname "$0")/lib.sh"

K="$STATE/dnssec"; Z="$STATE/zones"; T="$LAB_DIR/templates/zones"
mkdir -p "$K" "$Z"
[ -f "$STATE/pki/tlsa.env" ] || die "run gen-pki.sh first"

keygen() {  # zone -> $K/<zone>/{ksk,zsk} symlink-free base names in files
  local zone="$1" d="$K/$1"
  [ -f "$d/ksk.base" ] && [ -f "$d/zsk.base" ] && return 0
  rm -rf "$d"; mkdir -p "$d"
  ( cd "$d"
    ldns-keygen -r /dev/urandom -a ECDSAP256SHA256 -k "$zone" > ksk.base
    ldns-keygen -r /dev/urandom -a ECDSAP256SHA256 "$zone" > zsk.base )
}
ds_of() {  # zone -> DS RR (SHA-256) of its KSK
  local d="$K/$1"
  ldns-key2ds -n -2 "$d/$(cat "$d/ksk.base").key" | awk '{$2=""; print}' | sed 's/  */ /g'
}
sign() {  # zone infile outfile inception expiration
  local zone="$1" d="$K/$1"
  ldns-signzone -o "$zone" -i "$4" -e "$5" -f "$3" "$2" "$d/$(cat "$d/ksk.base")" "$d/$(cat "$d/zsk.base")"
}

for c in "${SIGNED_CHILDREN[@]}"; do keygen "$c.$PARENT"; done
keygen "$PARENT"
keygen "rogue.$PARENT"   # never published; its DS is the wrong DS of bogus-ds

NOW=$(date +%s)
INCEPT=$((NOW - 3600)); EXPIRE=$((NOW + SIG_VALID_DAYS * 86400))
OLD_INCEPT=$((NOW - 60 * 86400)); OLD_EXPIRE=$((NOW - 30 * 86400))

# --- substitution variables ---
declare -A V
while IFS='=' read -r k v; do [ -n "$k" ] && V[$k]="$v"; done < "$STATE/pki/tlsa.env"
V[SERIAL]=$NOW
V[PARENT]=$PARENT
for s in "${!SMTP_IP[@]}"; do V[IP_$s]="${SMTP_IP[$s]}"; done
ds_lines=""
for c in "${SIGNED_CHILDREN[@]}"; do
  [ "$c" = bogus-ds ] && continue
  ds_lines+="$(ds_of "$c.$PARENT")"$'\n'
done
V[DS_RECORDS]="$ds_lines"
V[DS_BOGUS]="$(ds_of "rogue.$PARENT" | sed "s/^rogue\./bogus-ds./")"

render() {  # template -> stdout
  local content k
  content="$(cat "$1")"
  for k in "${!V[@]}"; do content="${content//@$k@/${V[$k]}}"; done
  if grep -q '@[A-Za-z_-]*@' <<<"$content"; then die "unrendered placeholder in $1: $(grep -o '@[A-Za-z_-]*@' <<<"$content" | head -1)"; fi
  printf '%s\n' "$content"
}

TMP="$STATE/zones/.build"; rm -rf "$TMP"; mkdir -p "$TMP"
for zone in "$PARENT" "${SIGNED_CHILDREN[@]/%/.$PARENT}"; do
  if [ "$zone" = "$PARENT" ]; then tpl="$T/parent.zone.in"; else tpl="$T/${zone%."$PARENT"}.zone.in"; fi
  render "$tpl" > "$TMP/$zone"
  case "$zone" in
    "expired-sig.$PARENT")
      sign "$zone" "$TMP/$zone" "$Z/$zone.zone" "$OLD_INCEPT" "$OLD_EXPIRE" ;;
    "bogus-tlsa.$PARENT")
      sign "$zone" "$TMP/$zone" "$TMP/$zone.good" "$INCEPT" "$EXPIRE"
      sign "$zone" "$TMP/$zone" "$TMP/$zone.old"  "$OLD_INCEPT" "$OLD_EXPIRE"
      { awk '!($4=="RRSIG" && $5=="TLSA")' "$TMP/$zone.good"
        awk '($4=="RRSIG" && $5=="TLSA")' "$TMP/$zone.old"; } > "$Z/$zone.zone" ;;
    *)
      sign "$zone" "$TMP/$zone" "$Z/$zone.zone" "$INCEPT" "$EXPIRE" ;;
  esac
done
for c in "${UNSIGNED_CHILDREN[@]}"; do render "$T/$c.zone.in" > "$Z/$c.$PARENT.zone"; done
rm -rf "$TMP"
# remove zone files of another parent name, if DANE_LAB_PARENT changed
for f in "$Z"/*.zone; do case "$f" in "$Z/$PARENT.zone"|*".$PARENT.zone") ;; *) rm -f "$f" ;; esac; done

# --- trust anchor for the parent (for unbound, delv, ldns-dane, danetool) ---
ds_of "$PARENT" > "$K/trust-anchor.ds"
grep -P '\tDNSKEY\t257 ' "$Z/$PARENT.zone" | awk '{print $1, $3, $4, $5, $6, $7, $8}' > "$K/trust-anchor.dnskey"
read -r _ _ _ ds_tag ds_alg ds_dt ds_dig < "$K/trust-anchor.ds"
printf 'trust-anchors {\n  %s. static-ds %s %s %s "%s";\n};\n' "$PARENT" "$ds_tag" "$ds_alg" "$ds_dt" "$ds_dig" > "$K/trust-anchor.bind"
log "zones signed in $Z (valid until $(date -u -d "@$EXPIRE" +%FT%TZ))"
