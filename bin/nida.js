#!/usr/bin/env node
// The `nida` command. The CLI is TypeScript bundled by `npm run build` into out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('nida: the console is not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
const { main } = await import(cli);
await main(process.argv);
