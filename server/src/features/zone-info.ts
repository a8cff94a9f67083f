// Facts about an open zone for the status bar and command defaults: origin,
// error and warning counts, the apex's MX targets by preference, and the name
// under the cursor. Pure.
import type { Finding } from '../rules/rule';
import type { Zone } from '../zone/api';
import type { ZoneInfo } from '../lsp/protocol';
import { nameAt } from './navigation';

export function zoneInfo(zone: Zone, findings: readonly Finding[], line?: number, col?: number): ZoneInfo {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  const apex = zone.origin ? zone.byOwner.get(zone.origin) ?? [] : [];
  const mx = apex
    .filter((r) => r.type === 'MX' && typeof r.values[1] === 'string' && r.values[1] !== '.')
    .sort((a, b) => Number(a.values[0]) - Number(b.values[0]));
  const mxTargets = [...new Set(mx.map((r) => String(r.values[1])))];
  const info: ZoneInfo = { origin: zone.origin, errors, warnings, mxTargets };
  if (line !== undefined && col !== undefined) {
    const n = nameAt(zone, line, col);
    if (n) info.nameAtCursor = n.name;
  }
  return info;
}
