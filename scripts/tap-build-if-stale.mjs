// `npm test`'s pretest. tap rebuilds its test class when the configured plugins differ from the
// built ones (package.json excludes @tapjs/typescript: tsx loads the TypeScript), but the run that
// notices still starts every test file with the old loaders. On a fresh install, CI's case, every
// file then also loaded ts-node, about 0.6 s each. So build first, and only when it is stale
// (a build costs about 6 s).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const built = readFileSync(require.resolve('@tapjs/test/test-built'), 'utf8');
if (built.includes('@tapjs/typescript')) {
  console.log('tap: rebuilding its test class without @tapjs/typescript (first run after an install)');
  execFileSync('tap', ['build'], { stdio: 'inherit' }); // npm puts node_modules/.bin on PATH
}
