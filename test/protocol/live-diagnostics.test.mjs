// "Validate DANE against this zone file" over the real server bundle: the results land on the
// zone's MX lines. A resolver that does not validate (signed answer, no AD) is a fault of the
// check, not of the zone: a warning on the MX line, not a red error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-protocol/live.zone';
const TEXT = '$ORIGIN example.test.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\n@ IN MX 10 mx\nns1 IN A 192.0.2.1\nmx IN A 192.0.2.2\n';

const labels = (n) => Buffer.concat([...n.split('.').filter(Boolean).map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])), Buffer.from([0])]);
const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; };
const rr = (owner, type, rdata) => Buffer.concat([labels(owner), u16(type), u16(1), Buffer.from([0, 0, 0, 60]), u16(rdata.length), rdata]);

/** a resolver that answers with signed data but never sets AD for the types in `noAd` (MX by
 *  default); other types come back validated (AD set). MX example.test -> mx.example.test,
 *  A mx.example.test -> 192.0.2.2, anything else NODATA. */
async function signedNoAd(t, noAd = [15]) {
  const udp = createSocket('udp4');
  await new Promise((r) => udp.bind(0, '127.0.0.1', r));
  t.after(() => udp.close());
  udp.on('message', (q, rinfo) => {
    let p = 12; while (q[p] !== 0) p += q[p] + 1;
    const qtype = q.readUInt16BE(p + 1);
    p += 5;
    const rrsig = Buffer.concat([u16(qtype), Buffer.alloc(16)]); // type covered; the rest is not read
    const data = qtype === 15 ? rr('example.test', 15, Buffer.concat([u16(10), labels('mx.example.test')]))
      : qtype === 1 ? rr('mx.example.test', 1, Buffer.from([192, 0, 2, 2])) : undefined;
    const answers = data ? [data, rr(qtype === 15 ? 'example.test' : 'mx.example.test', 46, rrsig)] : [];
    const flags = 0x8000 | 0x0100 | 0x0080 | (noAd.includes(qtype) ? 0 : 0x0020); // QR RD RA (AD)
    udp.send(Buffer.concat([q.subarray(0, 2), u16(flags), u16(1), u16(answers.length), u16(0), u16(0), q.subarray(12, p), ...answers]), rinfo.port, rinfo.address);
  });
  return `127.0.0.1:${udp.address().port}`;
}

test('a resolver that does not validate: the MX line gets a warning naming it, not an error', async (t) => {
  const s = await startServerFor(t, { configuration: { resolvers: [await signedNoAd(t)], validationTimeoutMs: 2000 } });
  await s.open(URI, TEXT, 1);
  await s.diagnostics(URI, 1);
  const r = await s.conn.sendRequest('daneZone/validateDomain', { domain: 'example.test', zoneUri: URI });
  assert.equal(r.verdict, 'dns-failure');
  assert.equal(r.mx.status, 'unvalidated');
  const d = await s.diagnosticsWhere(URI, (p) => p.diagnostics.some((x) => x.code === 'live-validation'), 5000);
  const live = d.diagnostics.filter((x) => x.code === 'live-validation');
  assert.equal(live.length, 1);
  assert.equal(live[0].range.start.line, 4);
  assert.equal(live[0].severity, 2, 'a warning: the zone is not at fault');
  assert.match(live[0].message, /does not validate DNSSEC/);
});

test('a resolver that validates the MX but not the host\'s addresses: the MX line gets a warning with the host\'s detail', async (t) => {
  const s = await startServerFor(t, { configuration: { resolvers: [await signedNoAd(t, [1])], validationTimeoutMs: 2000 } });
  await s.open(URI, TEXT, 1);
  await s.diagnostics(URI, 1);
  const r = await s.conn.sendRequest('daneZone/validateDomain', { domain: 'example.test', zoneUri: URI });
  assert.equal(r.mx.status, 'secure');
  assert.deepEqual(r.hosts.map((h) => [h.name, h.verdict, h.reason]), [['mx.example.test', 'dns-failure', 'resolver-not-validating']]);
  const d = await s.diagnosticsWhere(URI, (p) => p.diagnostics.some((x) => x.code === 'live-validation'), 5000);
  const live = d.diagnostics.filter((x) => x.code === 'live-validation');
  assert.deepEqual(live.map((x) => [x.range.start.line, x.severity]), [[4, 2]], 'one warning on the MX line: the zone is not at fault');
  const server = r.answeredBy[0];
  assert.equal(live[0].message, `Live: mx.example.test is dns-failure: the resolver ${server} does not validate DNSSEC (or not the zone's algorithm): its answer for A mx.example.test carries RRSIG records but no AD bit, so DANE cannot be judged for mx.example.test`);
});
