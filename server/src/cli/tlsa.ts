// dane-zone tlsa (placeholder until its owner lands it).
export async function tlsaMain(_args: string[]): Promise<number> {
  process.stderr.write('dane-zone tlsa: not implemented yet\n');
  return 3;
}
