// dane-zone validate (placeholder until its owner lands it).
export async function validateMain(_args: string[]): Promise<number> {
  process.stderr.write('dane-zone validate: not implemented yet\n');
  return 3;
}
