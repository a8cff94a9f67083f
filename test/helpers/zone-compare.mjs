// Compares two Zones by what can be seen through the Zone/ZoneRecord interfaces
// (model.ts), never by object identity across zones: a second parser (scanZone,
// records as views over columns) must give the same zone as parseZone. Used by
// test/unit/column-zone-equivalence.test.mjs; usable from a quick script:
//
//   import { zoneDifferences } from './test/helpers/zone-compare.mjs';
//   console.log(zoneDifferences(parseZone(t, o), scanZone(t, o)).join('\n'));
//
// zoneDifferences(a, b) lists differences as 'path: valueA vs valueB' strings,
// first difference first (at most `limit`); an empty list means equal.
// Locations are compared as absolute ranges (absRange) plus the file id.
// Inside one zone, identity must hold: each record in byOwner/byType/byTarget
// must be === the record at some position of zone.records.
import { absRange, entryLine, problemFindings, runRules, settleFixData } from '../../dist/core.js';

/** The fixed rule host: a clock that does not move, no options, no file access. */
export const FIXED_HOST = { now: () => new Date('2026-01-01T00:00:00Z'), options: {} };

const RECORD_PROPS = [
  'owner', 'ownerKey', 'ttl', 'ttlExplicit', 'class', 'type', 'typeCode', 'values', 'generic', 'generated',
  'ownerExplicit', 'comment', 'commentAbove', 'rdataText', 'rdataKey',
];
const RECORD_LOCS = ['loc', 'ownerLoc', 'typeLoc', 'rdataLoc'];
const FIELD_PROPS = ['name', 'kind', 'raw', 'value', 'doc'];

/** A location as plain data: file id and absolute range (or a marker when missing). */
export function locKey(loc) {
  if (!loc) return String(loc);
  const r = absRange(loc);
  return `${loc.file?.id}@${r.startLine}:${r.startCol}-${r.endLine}:${r.endCol}`;
}

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}...` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `Uint8Array(${Buffer.from(v).toString('hex')})`;
  if (v instanceof Map) return `Map(${v.size})`;
  if (Array.isArray(v)) {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    return s && s.length > 160 ? `${s.slice(0, 160)}...` : s;
  }
  if (v && typeof v === 'object') {
    try {
      const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
      return s && s.length > 160 ? `${s.slice(0, 160)}...` : s;
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
  return String(v);
}

/** Structural comparison of plain values (the typed RDATA values, finding data ...). */
function deepDiff(a, b, path, out) {
  if (Object.is(a, b)) return;
  const ta = Object.prototype.toString.call(a);
  const tb = Object.prototype.toString.call(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || ta !== tb) {
    out.push(`${path}: ${show(a)} vs ${show(b)}`);
    return;
  }
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) out.push(`${path}: ${show(a)} vs ${show(b)}`);
    return;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${path}.length: ${a.length} vs ${b.length}`);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) deepDiff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a instanceof Map) {
    deepDiff([...a.keys()], [...b.keys()], `${path}.keys()`, out);
    for (const [k, v] of a) if (b.has(k)) deepDiff(v, b.get(k), `${path}.get(${show(k)})`, out);
    return;
  }
  if (a instanceof Set) {
    deepDiff([...a], [...b], `${path}`, out);
    return;
  }
  if (a instanceof Date) {
    if (a.getTime() !== b.getTime()) out.push(`${path}: ${a.toISOString()} vs ${b.toISOString()}`);
    return;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    out.push(`${path}: prototype ${a.constructor?.name} vs ${b.constructor?.name}`);
    return;
  }
  const ka = Object.keys(a).filter((k) => a[k] !== undefined).sort();
  const kb = Object.keys(b).filter((k) => b[k] !== undefined).sort();
  if (ka.join() !== kb.join()) out.push(`${path} keys: ${show(ka)} vs ${show(kb)}`);
  for (const k of ka) if (kb.includes(k)) deepDiff(a[k], b[k], `${path}.${k}`, out);
}

/** Rule findings of a zone as plain data: parse problems as findings, then every rule. */
export function findingsOf(zone, host = FIXED_HOST) {
  return [...problemFindings(zone), ...runRules(zone, host)].map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    loc: locKey(f.loc),
    // fix edits as they are published: ranges of their locations
    data: settleFixData(f.data),
    related: f.related?.map((r) => ({ message: r.message, loc: locKey(r.loc) })),
  }));
}

function recordDiff(ra, rb, path, out) {
  for (const p of RECORD_PROPS) deepDiff(ra[p], rb[p], `${path}.${p}`, out);
  for (const p of RECORD_LOCS) {
    const la = locKey(ra[p]);
    const lb = locKey(rb[p]);
    if (la !== lb) out.push(`${path}.${p}: ${la} vs ${lb}`);
  }
  if (ra.file?.id !== rb.file?.id) out.push(`${path}.file.id: ${show(ra.file?.id)} vs ${show(rb.file?.id)}`);
  const la = ra.entry && entryLine(ra.entry), lb = rb.entry && entryLine(rb.entry);
  if (la !== lb) out.push(`${path}.entry line: ${la} vs ${lb}`);
  if (ra.entry?.lineCount !== rb.entry?.lineCount) out.push(`${path}.entry.lineCount: ${ra.entry?.lineCount} vs ${rb.entry?.lineCount}`);
  const fa = ra.fields;
  const fb = rb.fields;
  if (fa.length !== fb.length) out.push(`${path}.fields.length: ${fa.length} vs ${fb.length}`);
  for (let j = 0; j < Math.min(fa.length, fb.length); j++) {
    for (const p of FIELD_PROPS) deepDiff(fa[j][p], fb[j][p], `${path}.fields[${j}].${p}`, out);
    const la = locKey(fa[j].loc);
    const lb = locKey(fb[j].loc);
    if (la !== lb) out.push(`${path}.fields[${j}].loc: ${la} vs ${lb}`);
    // field(name) is the by-name accessor rules use
    deepDiff(ra.field(fa[j].name), rb.field(fa[j].name), `${path}.field(${show(fa[j].name)})`, out);
  }
}

/** Positions of the records of one index list in zone.records; -1 = not (===) a record of the zone. */
function positions(list, pos) {
  return list.map((r) => (pos.has(r) ? pos.get(r) : -1));
}

function indexDiff(name, za, zb, posA, posB, out) {
  const ia = za[name];
  const ib = zb[name];
  if (!(ia instanceof Map) || !(ib instanceof Map)) {
    out.push(`${name}: ${show(ia)} vs ${show(ib)}`);
    return;
  }
  const ka = [...ia.keys()];
  const kb = [...ib.keys()];
  if (ka.length !== kb.length) out.push(`${name}.size: ${ka.length} vs ${kb.length}`);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) {
      out.push(`${name} key #${i}: ${show(ka[i])} vs ${show(kb[i])}`);
      break;
    }
  }
  for (const [zone, index, pos, side] of [[za, ia, posA, 'a'], [zb, ib, posB, 'b']]) {
    for (const [k, list] of index) {
      const p = positions(list, pos);
      const bad = p.indexOf(-1);
      if (bad >= 0) out.push(`${name}.get(${show(k)})[${bad}] (zone ${side}): not === to any of its zone.records (${zone.records.length})`);
    }
  }
  for (const k of ka) {
    if (!ib.has(k)) {
      out.push(`${name}.get(${show(k)}): present vs missing`);
      continue;
    }
    const pa = positions(ia.get(k), posA);
    const pb = positions(ib.get(k), posB);
    if (pa.join() !== pb.join()) out.push(`${name}.get(${show(k)}) record positions: [${pa}] vs [${pb}]`);
  }
  for (const k of kb) if (!ia.has(k)) out.push(`${name}.get(${show(k)}): missing vs present`);
}

/** Problems or directives compared item by item: the named properties and the location. */
function itemsDiff(name, la, lb, props, out, full) {
  if (la.length !== lb.length) out.push(`${name}.length: ${la.length} vs ${lb.length}`);
  for (let i = 0; i < Math.min(la.length, lb.length) && !full(); i++) {
    for (const p of props) deepDiff(la[i][p], lb[i][p], `${name}[${i}].${p}`, out);
    const ka = locKey(la[i].loc);
    const kb = locKey(lb[i].loc);
    if (ka !== kb) out.push(`${name}[${i}].loc: ${ka} vs ${kb}`);
  }
}

/**
 * Differences between two zones (a: reference, b: under test), as 'path: a vs b'.
 * opts.findings (default true) also compares the rule findings; opts.limit caps the list.
 */
export function zoneDifferences(a, b, { findings = true, limit = 20, host = FIXED_HOST } = {}) {
  const out = [];
  const full = () => out.length >= limit;
  deepDiff(a.origin, b.origin, 'origin', out);
  if (a.file?.id !== b.file?.id) out.push(`file.id: ${show(a.file?.id)} vs ${show(b.file?.id)}`);
  deepDiff(a.file?.lines, b.file?.lines, 'file.lines', out);

  const ra = a.records;
  const rb = b.records;
  if (ra.length !== rb.length) out.push(`records.length: ${ra.length} vs ${rb.length}`);
  for (let i = 0; i < Math.min(ra.length, rb.length) && !full(); i++) recordDiff(ra[i], rb[i], `records[${i}]`, out);

  itemsDiff('problems', a.problems, b.problems, ['code', 'severity', 'message'], out, full);
  itemsDiff('directives', a.directives, b.directives, ['name', 'args', 'value'], out, full);
  const da = a.directives;
  const db = b.directives;
  for (let i = 0; i < Math.min(da.length, db.length) && !full(); i++) {
    if (da[i].includedFile?.id !== db[i].includedFile?.id) out.push(`directives[${i}].includedFile.id: ${show(da[i].includedFile?.id)} vs ${show(db[i].includedFile?.id)}`);
  }

  if (!full()) {
    const posA = new Map(ra.map((r, i) => [r, i]));
    const posB = new Map(rb.map((r, i) => [r, i]));
    if (posA.size !== ra.length) out.push(`records (zone a): the same object at ${ra.length - posA.size} more than one position`);
    if (posB.size !== rb.length) out.push(`records (zone b): the same object at ${rb.length - posB.size} more than one position`);
    for (const name of ['byOwner', 'byType', 'byTarget']) indexDiff(name, a, b, posA, posB, out);
  }

  if (findings && !full()) {
    const fa = findingsOf(a, host);
    const fb = findingsOf(b, host);
    if (fa.length !== fb.length) out.push(`findings.length: ${fa.length} vs ${fb.length}`);
    for (let i = 0; i < Math.min(fa.length, fb.length) && !full(); i++) deepDiff(fa[i], fb[i], `findings[${i}] (${fa[i].ruleId})`, out);
  }
  return out.slice(0, limit);
}
