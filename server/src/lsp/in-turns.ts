// Long work in turns of the event loop: a sliced computation (a generator that yields between
// slices) runs at least TURN_MS per turn, then lets other messages through. The first analysis
// of a long document (zone-store.ts), the outline, folding ranges and formatting run this way.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

/** How long one turn holds the event loop (at least one slice). A keystroke that comes during a
 *  turn waits for its end: with 20 ms turns and 5000-record slices, keystrokes sent while an
 *  outline was being made had a p95 of 37-56 ms at 100k records; with 5 ms and 1000, 21-23 ms.
 *  The whole answer took no longer in process (100k: outline 78 ms, format 281-315 ms either way). */
export const TURN_MS = 5;

/** Runs `steps` (each yields how far it is, 0 to 1) in turns; before each turn `stop` may end
 *  it with an error, and after each turn that did not finish `progressed` hears how far it is. */
export function inTurns<T>(steps: Generator<number, T>, stop: () => Error | undefined, progressed?: (done: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const turn = (): void => {
      const why = stop();
      if (why) return reject(why);
      const until = performance.now() + TURN_MS;
      let done = 0;
      try {
        for (;;) {
          const r = steps.next();
          if (r.done) return resolve(r.value);
          done = r.value;
          if (performance.now() >= until) break;
        }
      } catch (e) {
        return reject(e);
      }
      progressed?.(done);
      setImmediate(turn);
    };
    // not at once: a message already waiting (the next keystroke) goes first
    setImmediate(turn);
  });
}

/** Why a request's answer is no longer wanted: the client cancelled it, or the document changed
 *  since the state it was computed on (its edits would land in the wrong places). */
export function requestStop(token: CancellationToken, changed: (() => boolean) | undefined): () => Error | undefined {
  return () => {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (changed?.()) return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed meanwhile');
    return undefined;
  };
}
