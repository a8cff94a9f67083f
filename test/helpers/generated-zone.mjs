// A zone from the bench's generator (bench/genzone.mjs) as text, for tests: genzone writes
// to a file, read back here from a temporary folder that is removed again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateZone } from '../../bench/genzone.mjs';

export function generatedText(records, seed, origin = 'example.com.') {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-gen-'));
  try {
    const file = join(dir, 'gen.zone');
    generateZone(records, file, { origin, seed });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
