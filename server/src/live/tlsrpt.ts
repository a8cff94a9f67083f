// The run as an RFC 8460 §4.4 aggregate report: one policy per MX host ("tlsa" where it
// publishes TLSA, else "no-policy-found"), each probed address that negotiated TLS or failed
// counted as one session. Pure: report in, JSON-ready object out.
import type { ValidationReport } from './report';
import { bareName } from './dns-wire';
import { daneApplies } from './verdict';

export interface TlsRptReport {
  'organization-name': string;
  'date-range': { 'start-datetime': string; 'end-datetime': string };
  'contact-info': string;
  'report-id': string;
  policies: {
    policy: { 'policy-type': 'tlsa' | 'no-policy-found'; 'policy-string': string[]; 'policy-domain': string; 'mx-host': string[] };
    summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
    'failure-details': {
      'result-type': string;
      /** left out where no MX host was reached (the MX lookup itself failed) */
      'receiving-mx-hostname'?: string;
      'receiving-ip'?: string;
      'failed-session-count': number;
      /** RFC 8460 §4.3: "a text field to include a TLS-related error code or error message" (additional-information is a URI) */
      'failure-reason-code'?: string;
    }[];
  }[];
}

export function toTlsRpt(r: ValidationReport, org = 'dane-zone validate', contact = 'mailto:postmaster@invalid'): TlsRptReport {
  const end = new Date(Date.parse(r.startedAt) + r.durationMs).toISOString();
  const domain = bareName(r.domain);
  const policies: TlsRptReport['policies'] = [];
  for (const h of r.hosts) {
    const dane = daneApplies(h);
    const failures: TlsRptReport['policies'][number]['failure-details'] = [];
    let ok = 0;
    if (h.addresses.length === 0 && h.tlsrpt) {
      failures.push({ 'result-type': h.tlsrpt, 'receiving-mx-hostname': bareName(h.name), 'failed-session-count': 1, 'failure-reason-code': h.detail });
    }
    for (const a of h.addresses) {
      if (a.tlsrpt) failures.push({ 'result-type': a.tlsrpt, 'receiving-mx-hostname': bareName(h.name), 'receiving-ip': a.address, 'failed-session-count': 1, 'failure-reason-code': a.detail });
      // a successful session is a negotiated TLS connection (RFC 8460 §4.4): a refused
      // connection to a host without TLSA is no session at all
      else if (a.tlsVersion) ok++;
    }
    policies.push({
      policy: { 'policy-type': dane ? 'tlsa' : 'no-policy-found', 'policy-string': dane ? h.tlsa : [], 'policy-domain': domain, 'mx-host': [bareName(h.name)] },
      summary: { 'total-successful-session-count': ok, 'total-failure-session-count': failures.length },
      'failure-details': failures,
    });
  }
  if (!r.hosts.length && r.tlsrpt) {
    // the MX lookup itself failed: one failed session against the domain; no TLSA RRset was
    // found to apply (policy-string would hold it, RFC 8460 §4.3), and no MX host was reached
    const mx = r.steps.find((st) => st.step === 'mx');
    policies.push({
      policy: { 'policy-type': 'no-policy-found', 'policy-string': [], 'policy-domain': domain, 'mx-host': [] },
      summary: { 'total-successful-session-count': 0, 'total-failure-session-count': 1 },
      'failure-details': [{ 'result-type': r.tlsrpt, 'failed-session-count': 1, 'failure-reason-code': mx?.detail ?? r.summary }],
    });
  }
  return {
    'organization-name': org,
    'date-range': { 'start-datetime': r.startedAt, 'end-datetime': end },
    'contact-info': contact,
    'report-id': `${r.startedAt}_${domain}`,
    policies,
  };
}
