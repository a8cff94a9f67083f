// dane-zone check (placeholder until its owner lands it).
export async function checkMain(_args: string[]): Promise<number> {
  process.stderr.write('dane-zone check: not implemented yet\n');
  return 3;
}
