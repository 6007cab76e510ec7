#!/usr/bin/env node
// The `lineside` command. The TypeScript sources are bundled to dist/ by `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('lineside: not built yet (no dist/cli.js); run "npm run build" in the lineside folder first.\n');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv);
