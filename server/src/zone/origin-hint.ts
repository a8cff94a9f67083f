// What a zone file's name says, the way operators name them: db.example.com, example.com.zone,
// example.com.db. A default origin: hosts pass it with `originGuessed`: it is the origin
// before the first $ORIGIN, and names the zone only when the file has no SOA and no $ORIGIN.
// Whether it is a zone file at all: the names package.json gives the dns-zone language.

/** A file (path or name) named as package.json's dns-zone language claims (`*.zone`, `db.*`),
 *  but a BIND journal (`db.example.com.jnl`), which is binary: the client checks such a file from
 *  disk when it is too large to sync, `dane-zone check <folder>` checks those below the folder. */
export function isZoneFileName(path: string): boolean {
  const base = path.replace(/^.*[\\/]/, '');
  // not BIND's journals (.jnl) and their backups (.jbk)
  return (base.endsWith('.zone') || base.startsWith('db.')) && !base.endsWith('.jnl') && !base.endsWith('.jbk');
}

export function originFromFileName(fileName: string): string | undefined {
  // dnssec-signzone writes `<input>.signed`: db.example.com.signed is example.com's
  const base = fileName.replace(/^.*[\\/]/, '').replace(/^(db\..+)\.signed$/i, '$1');
  let m = /^db\.(.+?)\.?$/i.exec(base);
  if (!m) m = /^(.+?)\.(zone|db|signed|hosts)$/i.exec(base);
  if (!m) return undefined;
  const name = m[1];
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(name) || !name.includes('.') && !/^(in-addr|ip6)$/.test(name) && name.length < 1) return undefined;
  return name.toLowerCase() + '.';
}
