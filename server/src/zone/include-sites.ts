// The walk up an $INCLUDE chain: which of the zone's own (top-level) $INCLUDE directives read a
// file, directly or through other included files. The editor shows problems of an included
// file on that line, and marks that line changed when the file changes. No I/O, no LSP.
import type { Directive, SourceFile, Zone } from './model';

/** More hops than any real chain (the parser stops at 8 levels): a model that loops ends here. */
const MAX_HOPS = 64;

/**
 * A lookup from an included file to the top-level $INCLUDE directive that read it (undefined
 * for the zone's own file, a file the zone did not read, and a chain that does not reach the
 * top). Each $INCLUDE reads the file into its own SourceFile object, so a file included twice
 * has two sites: they are told apart by that object (by file id only when a model does not
 * keep the object).
 */
export function includeSites(zone: Zone): (file: SourceFile) => Directive | undefined {
  const byFile = new Map<SourceFile, Directive>();
  const byId = new Map<string, Directive>();
  for (const d of zone.directives) {
    if (!d.includedFile) continue;
    byFile.set(d.includedFile, d);
    byId.set(d.includedFile.id, d);
  }
  const readerOf = (file: SourceFile) => byFile.get(file) ?? byId.get(file.id);
  const top = zone.file.id;
  return (file) => {
    let d = readerOf(file);
    for (let hops = 0; d && d.loc.file.id !== top && hops < MAX_HOPS; hops++) d = readerOf(d.loc.file);
    return d && d.loc.file.id === top ? d : undefined;
  };
}
