// The names the editor's rule cache knows (owners, and names that rules read), each linked to
// the names one label below it. An edit that makes or removes a zone cut must re-check every
// name at or below the cut: found by a walk down from the cut, in proportion to that subtree,
// instead of a test of every name of the zone (80-90 ms per such keystroke at 1M records).
import { firstLabelEnd, isInZone } from '../../zone/names';

export class NameTree {
  /** name -> the linked name or names one label below it (a set only for two or more: most
   *  names have one child, and a set per name was most of the time this took at 1M records),
   *  for names strictly below the top (the zone's own children are never asked for: a cut is
   *  never the apex, and there are most names). A name is linked when its parent's entry holds
   *  it; a name with an entry here is linked itself (it may hold nothing: an empty non-terminal). */
  private readonly children = new Map<string, string | Set<string>>();
  private top = '.';

  /** `holds(name)`: whether something still uses the name (asked before it is unlinked). */
  constructor(private readonly holds: (name: string) => boolean) {}

  /** Forgets every name; from now on names are linked below `top` (a key: the zone's origin). */
  reset(top: string): void {
    this.children.clear();
    this.top = top;
  }

  /** Whether the names at or below `name` are all linked (it is strictly below the top). */
  covers(name: string): boolean {
    return name !== this.top && isInZone(name, this.top);
  }

  /** Links `name`, and its ancestors up to the first one linked already. */
  add(name: string): void {
    if (!isInZone(name, this.top)) return;
    for (let child = name, parent = this.linkedParent(name); parent !== undefined; child = parent, parent = this.linkedParent(parent)) {
      const kids = this.children.get(parent);
      if (kids === undefined) {
        this.children.set(parent, child);
        continue;
      }
      if (typeof kids !== 'string') kids.add(child);
      else if (kids !== child) this.children.set(parent, new Set([kids, child]));
      return;
    }
  }

  /** Unlinks `name` when nothing holds it and no name below it is linked, then each ancestor
   *  left so. */
  drop(name: string): void {
    if (!isInZone(name, this.top)) return;
    for (let child = name, parent = this.linkedParent(name); parent !== undefined; child = parent, parent = this.linkedParent(parent)) {
      if (this.children.has(child) || this.holds(child)) return;
      const kids = this.children.get(parent);
      if (kids === child) {
        this.children.delete(parent);
        continue;
      }
      if (typeof kids === 'string' || !kids?.delete(child)) return;
      if (kids.size === 1) this.children.set(parent, kids.values().next().value!);
      return;
    }
  }

  /** Calls `visit` with `name` and every name linked below it. */
  forEachAtOrBelow(name: string, visit: (name: string) => void): void {
    const stack = [name];
    while (stack.length) {
      const n = stack.pop()!;
      visit(n);
      const kids = this.children.get(n);
      if (typeof kids === 'string') stack.push(kids);
      else if (kids) for (const k of kids) stack.push(k);
    }
  }

  /** Every linked name, sorted (for tests: an edited tree must equal one built afresh). */
  linked(): string[] {
    const out: string[] = [];
    for (const kids of this.children.values()) {
      if (typeof kids === 'string') out.push(kids);
      else for (const k of kids) out.push(k);
    }
    return out.sort();
  }

  /** The parent of `name` (at or below the top) when it is strictly below the top (only those
   *  hold linked names): most names of a zone sit right below the top, answered without a new
   *  string. */
  private linkedParent(name: string): string | undefined {
    const start = firstLabelEnd(name) + 1;
    return name.length - start > this.top.length ? name.slice(start) : undefined;
  }
}
