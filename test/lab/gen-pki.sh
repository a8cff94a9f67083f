#!/usr/bin/env bash
# Key/cert generator for dane-zone's DANE test lab (OpenSSL only; adapted from the team lab).
# Writes $STATE/pki/: keys, certs, chains (<name>.chain.pem = leaf [+ issuing CA])
# and tlsa.env (TLSA association data, hex SHA-256 of DER SubjectPublicKeyInfo).
# Idempotent: does nothing if $STATE/pki/.done exists, unless --force.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

P="$STATE/pki"
# .done records the parent zone the certificate names were made for
if [ "${1:-}" != "--force" ] && [ "$(cat "$P/.done" 2>/dev/null)" = "$PARENT v2" ]; then exit 0; fi
rm -rf "$P"; mkdir -p "$P"; cd "$P"
umask 077

eckey()  { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
rsakey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }
spki256() { openssl pkey -in "$1.key" -pubout -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1; }

leafext() {  # SANs...
  local san="" h
  for h in "$@"; do san="${san:+$san,}DNS:$h"; done
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san"
}

selfsigned() {  # name host [more SANs]
  local n="$1"; shift
  local san="" h
  for h in "$@"; do san="${san:+$san,}DNS:$h"; done
  openssl req -x509 -new -key "$n.key" -subj "/CN=$1" -days 825 -sha256 \
    -addext "basicConstraints=critical,CA:FALSE" -addext "subjectAltName=$san" \
    -addext "extendedKeyUsage=serverAuth" -out "$n.crt" 2>/dev/null
  cp "$n.crt" "$n.chain.pem"
}

casigned() {  # name host  (issued by the lab issuing CA, valid now)
  local n="$1" h="$2"
  openssl req -new -key "$n.key" -subj "/CN=$h" -out "$n.csr" 2>/dev/null
  leafext "$h" > "$n.ext"
  openssl x509 -req -in "$n.csr" -CA issuing-ca.crt -CAkey issuing-ca.key -set_serial "0x$(openssl rand -hex 8)" \
    -days 825 -sha256 -extfile "$n.ext" -out "$n.crt" 2>/dev/null
  cat "$n.crt" issuing-ca.crt > "$n.chain.pem"
}

# --- lab CA hierarchy: root -> issuing (the DANE-TA(2) trust anchor) ---
eckey root-ca
openssl req -x509 -new -key root-ca.key -subj "/O=DANE Lab/CN=DANE Lab Root CA" -days 3650 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out root-ca.crt 2>/dev/null
eckey issuing-ca
openssl req -new -key issuing-ca.key -subj "/O=DANE Lab/CN=DANE Lab Issuing CA" -out issuing-ca.csr 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' > issuing-ca.ext
openssl x509 -req -in issuing-ca.csr -CA root-ca.crt -CAkey root-ca.key -set_serial 0x1001 -days 3650 -sha256 \
  -extfile issuing-ca.ext -out issuing-ca.crt 2>/dev/null

# --- leaves ---
rsakey good;        selfsigned good "$(smtp_host good)"
rsakey good-next    # key only: published as the "next" 3 1 1 (rollover)
eckey ta;           casigned ta "$(smtp_host ta)"
eckey mismatch;     selfsigned mismatch "$(smtp_host mismatch)"
eckey mismatch-wrong   # key only: its hash is published, the server uses another key
eckey pkix;         casigned pkix "$(smtp_host pkix)"
eckey nostarttls;   selfsigned nostarttls "$(smtp_host nostarttls)"
eckey bogus-ds;     selfsigned bogus-ds "$(smtp_host bogus-ds)"
eckey expired-sig;  selfsigned expired-sig "$(smtp_host expired-sig)"
eckey bogus-tlsa;   selfsigned bogus-tlsa "$(smtp_host bogus-tlsa)"
eckey insecure;     selfsigned insecure "$(smtp_host insecure)"
eckey cname;        selfsigned cname "$(smtp_host cname)" "mx.cname.$PARENT"
eckey namemismatch; casigned namemismatch "other-host.$PARENT"   # leaf names a different host
eckey twomx1;       selfsigned twomx1 "$(smtp_host twomx1)"
eckey twomx2;       selfsigned twomx2 "$(smtp_host twomx2)"
eckey dualstack;    selfsigned dualstack "$(smtp_host dualstack)"
eckey silent;       selfsigned silent "$(smtp_host silent)"       # never used in TLS: the server says nothing
eckey endless;      selfsigned endless "$(smtp_host endless)"
eckey notlsa;       selfsigned notlsa "$(smtp_host notlsa)"

# expired leaf under the issuing CA (validity 2020-01-01 .. 2021-01-01) via `openssl ca`
eckey expired
openssl req -new -key expired.key -subj "/CN=$(smtp_host expired)" -out expired.csr 2>/dev/null
mkdir -p cadb/new; : > cadb/index.txt; echo 2001 > cadb/serial
cat > cadb/ca.cnf <<EOF
[ ca ]
default_ca = lab
[ lab ]
dir = $P/cadb
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = pol
unique_subject = no
[ pol ]
commonName = supplied
[ leaf ]
$(leafext "$(smtp_host expired)")
EOF
openssl ca -batch -notext -config cadb/ca.cnf -cert issuing-ca.crt -keyfile issuing-ca.key -extensions leaf \
  -startdate 20200101000000Z -enddate 20210101000000Z -in expired.csr -out expired.crt 2>/dev/null
cat expired.crt issuing-ca.crt > expired.chain.pem

cat > tlsa.env <<EOF
GOOD_311=$(spki256 good)
GOOD_NEXT_311=$(spki256 good-next)
ISSUING_CA_211=$(spki256 issuing-ca)
MISMATCH_WRONG_311=$(spki256 mismatch-wrong)
PKIX_EE_111=$(spki256 pkix)
PKIX_TA_011=$(spki256 issuing-ca)
NOSTARTTLS_311=$(spki256 nostarttls)
BOGUS_DS_311=$(spki256 bogus-ds)
EXPIRED_SIG_311=$(spki256 expired-sig)
BOGUS_TLSA_311=$(spki256 bogus-tlsa)
CNAME_311=$(spki256 cname)
TWOMX1_311=$(spki256 twomx1)
DUALSTACK_311=$(spki256 dualstack)
SILENT_311=$(spki256 silent)
ENDLESS_311=$(spki256 endless)
EOF
chmod 644 ./*.crt ./*.pem tlsa.env
echo "$PARENT v2" > .done
log "PKI generated in $P"
