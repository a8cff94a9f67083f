// Name helpers shared by the zone-level rules: zone membership and labels of
// absolute presentation names. Pure string work on the model's names; no I/O.

/** Lower-case comparison key of an absolute name, as ZoneRecord.ownerKey. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** True when `name` is `origin` or below it (both absolute, any case). */
export function isInZone(name: string, origin: string): boolean {
  if (!origin) return true;
  const n = nameKey(name);
  const o = nameKey(origin);
  if (o === '.') return true;
  return n === o || n.endsWith(`.${o}`);
}

/** Labels of an absolute presentation name, escapes kept ('a\.b.c.' -> ['a\.b', 'c']). */
export function labels(name: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\') {
      cur += name.slice(i, i + 2);
      i++;
    } else if (c === '.') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out.filter((l, i, all) => l !== '' || i < all.length - 1);
}
