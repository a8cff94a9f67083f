// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function,
// so "what the profile showed" can be read in a terminal and quoted in a note.
import { readFileSync } from 'node:fs';

/** Top `n` functions by self time: [{ fn, where, selfMs, pct }]. */
export function topSelf(profilePath, n = 25) {
  const p = JSON.parse(readFileSync(profilePath, 'utf8'));
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const selfUs = new Map();
  // timeDeltas[i] is the time before samples[i] was taken: attribute it to that sample's node.
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const agg = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    const file = (cf.url || '').split('/').pop();
    const key = `${cf.functionName || '(anonymous)'}\t${file}:${cf.lineNumber + 1}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    total += us;
  }
  return [...agg]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => {
      const [fn, where] = k.split('\t');
      return { fn, where, selfMs: Math.round(us / 100) / 10, pct: Math.round((1000 * us) / total) / 10 };
    });
}

export function formatTop(rows) {
  return rows.map((r) => `${String(r.selfMs).padStart(9)} ms ${String(r.pct).padStart(5)}%  ${r.fn}  ${r.where}`).join('\n');
}
