// The apex of a signed example.com. for hand-edited signed-zone tests: SOA, NS and an ECDSA
// DNSKEY, each with an RRSIG (placeholder signatures valid until 2099, so the DNSSEC rules take
// the zone for signed; rrsig-bogus is not what these tests look at).
export const SIG = '20990101000000 20250101000000 12345 example.com. AAAA';
export const SIGNED_APEX = [
  '$ORIGIN example.com.', '$TTL 3600',
  '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', `@ RRSIG SOA 13 2 3600 ${SIG}`,
  '@ NS ns1', `@ RRSIG NS 13 2 3600 ${SIG}`,
  '@ DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', `@ RRSIG DNSKEY 13 2 3600 ${SIG}`,
];
