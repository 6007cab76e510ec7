// Runs the `lineside` command from the TypeScript sources, without a build: for development
// and for tests that need Lineside as a process of its own (`node --import tsx core/cli/run.ts serve …`).
import { main } from './main.js';

await main(process.argv);
