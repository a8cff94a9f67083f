// A default origin from a zone file's name, the way operators name them: db.example.com,
// example.com.zone, example.com.db. Hosts pass it with `originGuessed`: it is the origin
// before the first $ORIGIN, and names the zone only when the file has no SOA and no $ORIGIN.
export function originFromFileName(fileName: string): string | undefined {
  const base = fileName.replace(/^.*[\\/]/, '');
  let m = /^db\.(.+?)\.?$/i.exec(base);
  if (!m) m = /^(.+?)\.(zone|db|signed|hosts)$/i.exec(base);
  if (!m) return undefined;
  const name = m[1];
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(name) || !name.includes('.') && !/^(in-addr|ip6)$/.test(name) && name.length < 1) return undefined;
  return name.toLowerCase() + '.';
}
