// The status bar item of a zone file checked from disk (large-zones.ts): what the Problems panel
// shows for it. While a check is in flight it says so, with the counts of what reading the file
// found when those came early; the counts of a finished check otherwise. Pure; no vscode.

export interface DiskCounts { errors: number; warnings: number }

export interface DiskCheckState {
  /** the file is over VS Code's sync limit, watched and checked again on each change on disk;
   *  otherwise it was checked once, on request ("Check zone file on disk") */
  overLimit: boolean;
  /** a check of the file is in flight */
  checking: boolean;
  /** what reading found, sent early by the check in flight (its rules still running) */
  early?: DiskCounts;
  /** the last finished check */
  done?: DiskCounts & { records: number };
}

export interface DiskStatus { text: string; tooltip: string; error: boolean }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The item for file `name`, or undefined (hidden) before anything is known. */
export function fromDiskStatus(name: string, s: DiskCheckState): DiskStatus | undefined {
  const why = s.overLimit
    ? `dane-zone: ${name} is over 50 MB, so VS Code does not hand it to extensions: it is checked as saved on disk`
    : `dane-zone: ${name} is checked as saved on disk, on request`;
  const again = s.overLimit ? ' It is checked again when it changes on disk.' : '';
  const click = '\nClick for the Problems panel';
  if (s.checking) {
    const shown = s.early ?? s.done;
    const text = `$(sync~spin) from disk: checking${s.early ? `  $(${s.early.errors ? 'error' : 'check'}) ${s.early.errors}` : ''}`;
    const now = s.early
      ? `Reading it found ${plural(s.early.errors, 'error')} and ${plural(s.early.warnings, 'warning')}; its rules are still running.`
      : s.done
        ? `Checking it again; the problems shown are the last check's (${plural(s.done.errors, 'error')}, ${plural(s.done.warnings, 'warning')}).`
        : 'Checking it.';
    return { text, tooltip: `${why}.\n${now}${click}`, error: (shown?.errors ?? 0) > 0 };
  }
  const c = s.done;
  if (!c) return undefined;
  return {
    text: `$(file) from disk  $(${c.errors ? 'error' : 'check'}) ${c.errors}`,
    tooltip: `${why} (${c.records.toLocaleString('en-US')} records): ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}.${again}${click}`,
    error: c.errors > 0,
  };
}
