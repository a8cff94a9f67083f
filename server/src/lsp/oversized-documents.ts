// Documents an editor opened that were too long to be sent (oversized-messages.ts: a didOpen
// over about 512 MiB, a TLD zone in Neovim, say). Such a file is checked from disk instead, as
// VS Code's client asks for files over its own 50 MB limit (large-zones.ts): at open, again
// when it is saved, and its problems go when it is closed. Every other oversized message is
// logged, not dropped without a word.
import { CancellationTokenSource, DiagnosticSeverity, LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { CheckFromDisk } from './check-file-handler';
import type { OversizedMessage } from './oversized-messages';
import { uriToPath } from './zone-store';

const MIB = 2 ** 20;

export interface OversizedDocuments {
  received(m: OversizedMessage): void;
  saved(uri: string): void;
  /** Forgets a document that was checked from disk; its diagnostics are the caller's to clear. */
  closed(uri: string): void;
}

export function oversizedDocuments(connection: Connection, checkFromDisk: CheckFromDisk): OversizedDocuments {
  /** open oversized documents: their size, and the check running for each */
  const open = new Map<string, { bytes: number; check?: CancellationTokenSource }>();

  const note = (message: string, severity: DiagnosticSeverity): Diagnostic => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, source: 'dane-zone', code: 'checked-from-disk', message,
  });

  const check = (uri: string): void => {
    const doc = open.get(uri);
    if (!doc) return;
    doc.check?.cancel();
    const cts = (doc.check = new CancellationTokenSource());
    const mib = Math.round(doc.bytes / MIB);
    // what reading the file found first: the rules of a TLD zone take minutes more
    const early = (found: unknown[]) => {
      if (open.get(uri)?.check !== cts) return;
      const why = `dane-zone: this document is ${mib} MiB, more than an editor can send a language server (512 MiB): these are the problems reading the file on disk found; its rules are still running.`;
      void connection.sendDiagnostics({ uri, diagnostics: [note(why, DiagnosticSeverity.Information), ...(found as Diagnostic[])] });
    };
    checkFromDisk(uri, cts.token, { anywhere: true, early }).then(
      (r) => {
        if (open.get(uri)?.check !== cts) return;
        const why = `dane-zone: this document is ${mib} MiB, more than an editor can send a language server (512 MiB): these are the problems of the file on disk (${r.records} records, ${(r.ms / 1000).toFixed(1)} s), checked again when it is saved.`;
        void connection.sendDiagnostics({ uri, diagnostics: [note(why, DiagnosticSeverity.Information), ...(r.diagnostics as Diagnostic[])] });
      },
      (e: unknown) => {
        if (open.get(uri)?.check !== cts) return;
        if (e instanceof ResponseError && (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ContentModified)) return;
        void connection.sendDiagnostics({ uri, diagnostics: [note(`dane-zone: this ${mib} MiB document could not be checked from disk: ${(e as Error).message}`, DiagnosticSeverity.Error)] });
      },
    );
  };

  return {
    received(m) {
      const mib = Math.round(m.bytes / MIB);
      if (m.method === 'textDocument/didOpen' && m.uri && uriToPath(m.uri)) {
        open.set(m.uri, { bytes: m.bytes });
        // a notification: nothing to answer (showWarningMessage is a request some clients refuse)
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `dane-zone: ${m.uri.slice(m.uri.lastIndexOf('/') + 1)} is ${mib} MiB, more than an editor can send a language server: dane-zone checks the file on disk instead, again when it is saved.`,
        });
        check(m.uri);
        return;
      }
      // a change of such a document (the editor's copy was never read: the file on disk is checked), or anything else
      if (m.uri && open.has(m.uri)) return;
      connection.console.error(`dane-zone: a ${m.method ?? 'JSON-RPC'} message of ${mib} MiB was too long to read (Node reads at most 512 MiB as one string) and was dropped${m.uri ? ` (${m.uri})` : ''}`);
    },
    saved(uri) {
      check(uri);
    },
    closed(uri) {
      open.get(uri)?.check?.cancel();
      open.delete(uri);
    },
  };
}
