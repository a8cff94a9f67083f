// daneZone.* settings per document (resource scope), fetched from the client.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { Severity } from '../zone/model';
import type { DocSettings } from './zone-store';
import { DEFAULT_OUTLINE_LIMIT } from '../features/symbols';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];
const RULE_IDS = new Set([...RULES.map((r) => r.id), ...PARSE_PROBLEM_CODES.map((p) => p.id)]);

/** daneZone.rules without the entries it cannot mean: a severity that is not one of
 *  SEVERITIES (the rule keeps its default) and an id no rule has; `problems` says which. */
export function checkedRuleSeverities(rules: unknown): { severities: Record<string, Severity | 'off'>; problems: string[] } {
  const severities: Record<string, Severity | 'off'> = {};
  const problems: string[] = [];
  if (rules === undefined || rules === null) return { severities, problems };
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    return { severities, problems: ['daneZone.rules must be an object of rule id to severity: it is ignored'] };
  }
  for (const [id, sev] of Object.entries(rules as Record<string, unknown>)) {
    if (!RULE_IDS.has(id)) problems.push(`daneZone.rules: no rule has the id "${id}": it is ignored`);
    else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) {
      problems.push(`daneZone.rules: "${id}": ${JSON.stringify(sev)} is not a severity (one of ${SEVERITIES.join(', ')}): the rule keeps its default`);
    } else severities[id] = sev as Severity | 'off';
  }
  return { severities, problems };
}

export interface DaneZoneSettings {
  rules?: Record<string, Severity | 'off'>;
  certificates?: Record<string, string>;
  certificateExpiryWarningDays?: number;
  verifyAllSignatures?: boolean;
  resolvers?: string[];
  smtpPort?: number;
  validationTimeoutMs?: number;
  outlineLimit?: number;
  problemLimit?: number;
}

/** daneZone.problemLimit's default: what VS Code's Problems panel and a keystroke's publish
 *  stay quick with (200 000 problems cost about 2 s a keystroke, most of it the message). */
export const PROBLEM_LIMIT = 5000;

/** A count setting: `n` when it is a whole number of at least `min`, else the default. */
function countOr(n: unknown, min: number, dflt: number): number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min ? n : dflt;
}

export function toDocSettings(s: DaneZoneSettings | undefined): DocSettings {
  return {
    rules: { severities: checkedRuleSeverities(s?.rules).severities },
    problemLimit: countOr(s?.problemLimit, 1, PROBLEM_LIMIT),
    outlineLimit: countOr(s?.outlineLimit, 0, DEFAULT_OUTLINE_LIMIT),
    options: {
      certificates: s?.certificates ?? {},
      certificateExpiryWarningDays: s?.certificateExpiryWarningDays ?? 30,
      verifyAllSignatures: s?.verifyAllSignatures === true,
    },
  };
}

/** A settings request not answered in time. */
const LATE = Symbol('late');

export class SettingsCache {
  private readonly cache = new Map<string, DocSettings>();
  raw = new Map<string, DaneZoneSettings>();
  supported = false;
  /** what was said about the settings already (each is said once) */
  private readonly told = new Set<string>();
  /** per document, how many times its settings were asked for (a late answer to an older request is dropped) */
  private readonly asked = new Map<string, number>();
  /** documents whose latest settings request went unanswered past the fallback (the answer may still come) */
  private readonly late = new Set<string>();
  /** hears of a document whose settings answer came after the 3 s fallback and changed them */
  onLateAnswer: ((uri: string) => void) | undefined;

  constructor(private readonly connection: Connection) {}

  get(uri: string): DocSettings {
    return this.cache.get(uri) ?? toDocSettings(undefined);
  }

  /** True once the document's settings came (or could not: then it has the defaults), and
   *  always when the client has none to give. Until then its findings would be the defaults'. */
  known(uri: string): boolean {
    return !this.supported || this.cache.has(uri);
  }

  /** Fetches settings for a document; resolves to true when they changed. */
  async refresh(uri: string): Promise<boolean> {
    if (!this.supported) return false;
    const asked = (this.asked.get(uri) ?? 0) + 1;
    this.asked.set(uri, asked);
    this.late.delete(uri);
    let s: DaneZoneSettings | undefined | typeof LATE;
    try {
      // A client that never answers must not hold diagnostics back: after 3 s the document goes on
      // with the settings it had (the defaults at first). A slow answer (a loaded machine, a busy
      // client) is not lost: it is applied when it comes, and onLateAnswer re-checks the document.
      const answer = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'daneZone' }) as Promise<DaneZoneSettings | undefined>;
      s = await Promise.race([answer, new Promise<typeof LATE>((r) => setTimeout(() => r(LATE), 3000).unref())]);
      if (s === LATE) {
        this.late.add(uri);
        const settle = (late: DaneZoneSettings | undefined, answered: boolean): void => {
          // only the latest request's answer counts, and none for a closed document
          if (this.asked.get(uri) !== asked) return;
          this.late.delete(uri);
          if (answered && this.apply(uri, late)) this.onLateAnswer?.(uri);
        };
        answer.then((late) => settle(late, true), () => settle(undefined, false));
      }
    } catch {
      if (this.asked.get(uri) === asked && !this.cache.has(uri)) this.cache.set(uri, toDocSettings(undefined));
      return false;
    }
    // the document closed meanwhile (or a newer request went out): this answer is for nothing, and
    // kept it would be a closed document's settings, taken as known when it opens again
    if (this.asked.get(uri) !== asked) return false;
    if (s === LATE) {
      const had = this.cache.has(uri);
      if (!had) this.cache.set(uri, toDocSettings(undefined));
      this.connection.console.info(`dane-zone: no settings for ${uri} within 3 s: going on with ${had ? 'those it had' : 'the defaults'} until they come`);
      return false;
    }
    return this.apply(uri, s);
  }

  /** Takes a document's settings as the client gave them; true when they changed. */
  private apply(uri: string, s: DaneZoneSettings | undefined): boolean {
    const before = JSON.stringify(this.raw.get(uri) ?? null);
    this.raw.set(uri, s ?? {});
    for (const problem of checkedRuleSeverities(s?.rules).problems) {
      if (this.told.has(problem)) continue;
      this.told.add(problem);
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `dane-zone: ${problem}` });
    }
    this.cache.set(uri, toDocSettings(s));
    return before !== JSON.stringify(s ?? {});
  }

  /** True while the document's latest settings request is unanswered past the fallback: its answer,
   *  when it comes, re-checks the document if it changes the settings (onLateAnswer). */
  awaited(uri: string): boolean {
    return this.late.has(uri);
  }

  forget(uri: string): void {
    this.asked.delete(uri);
    this.late.delete(uri);
    this.cache.delete(uri);
    this.raw.delete(uri);
  }
}
