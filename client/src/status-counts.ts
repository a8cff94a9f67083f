// The status bar's counts: the server's zoneInfo counts the static checks only; the results of
// "Validate DANE against this zone file" are published on the same file (source "dane-zone
// live") and count too, or the bar says "0 errors" next to red live errors. Pure; no vscode.

export interface DiagLike { severity: number; source?: string; code?: unknown }

/** vscode.DiagnosticSeverity.Error / Warning */
const ERROR = 0, WARNING = 1;
const LIVE_CODE = 'live-validation';

const isLive = (d: DiagLike): boolean => {
  const code = typeof d.code === 'object' && d.code !== null ? (d.code as { value?: unknown }).value : d.code;
  return code === LIVE_CODE;
};

export function statusCounts(info: { errors: number; warnings: number }, shown: readonly DiagLike[]): { errors: number; warnings: number; liveErrors: number; liveWarnings: number } {
  let liveErrors = 0, liveWarnings = 0;
  for (const d of shown) {
    if (!isLive(d)) continue;
    if (d.severity === ERROR) liveErrors++;
    else if (d.severity === WARNING) liveWarnings++;
  }
  return { errors: info.errors + liveErrors, warnings: info.warnings + liveWarnings, liveErrors, liveWarnings };
}
