// What every bench script starts with: the project root, its command-line options and the
// zone core bundle (dist/core.js, for scripts that time phases in process).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const argv = process.argv.slice(2);

/** The value after option `name` on the command line, or `dflt`. */
export const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);

/** True when flag `name` is on the command line. */
export const flag = (name) => argv.includes(name);

/** The built zone core (run `npm run build` first), or another build's `core.js` (`file`). */
export const loadCore = (file) => createRequire(import.meta.url)(file ? resolve(file) : join(ROOT, 'dist', 'core.js'));
