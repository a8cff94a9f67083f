# The peer of test/interop/dkim-keys.test.mjs: dkimpy (Debian python3-dkim) signs a message with
# each case's private key and verifies it against the case's key record, given as the answer to
# its DNS query. Reads JSON lines {record, key, alg} on stdin; prints a JSON list of {ok, why}.
import sys, json, dkim

MSG = b"From: a@example.com\r\nTo: b@example.net\r\nSubject: t\r\n\r\nbody\r\n"
out = []
for line in sys.stdin:
    c = json.loads(line)
    alg = b'ed25519-sha256' if c['alg'] == 'ed25519' else b'rsa-sha256'
    sig = dkim.sign(MSG, b'sel', b'example.com', c['key'].encode(), signature_algorithm=alg,
                    include_headers=[b'from', b'to', b'subject'])
    try:
        ok = dkim.DKIM(sig + MSG).verify(dnsfunc=lambda name, timeout=5: c['record'].encode())
        out.append({'ok': bool(ok), 'why': ''})
    except Exception as e:
        out.append({'ok': False, 'why': str(e)})
print(json.dumps(out))
