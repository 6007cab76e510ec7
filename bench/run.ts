// `npm run bench [-- NAME] [-- --json]`: runs the benchmark suites. Each suite prints its
// figures next to a baseline measured in the same run (these machines are noisy; only
// ratios carry over). With --json the last line is one JSON object of the figures.
import { alarmsSuite } from './alarms/suite.js';
import { historianSuite } from './historian/suite.js';
import { livePathSuite } from './live-path/suite.js';
import { modbusSuite } from './modbus/suite.js';
import { oeeSuite } from './oee/suite.js';
import { opcuaSuite } from './opcua/suite.js';
import { pdmSuite } from './pdm/suite.js';
import { replaySuite } from './replay/suite.js';
import { uplinkSuite } from './uplink/suite.js';

export interface BenchSuite {
  name: string;
  description: string;
  /** Prints a human report; returns the figures (keys carry their unit). */
  run(print: (line: string) => void): Promise<Record<string, number>>;
}

const suites: BenchSuite[] = [livePathSuite, historianSuite, modbusSuite, opcuaSuite, alarmsSuite, oeeSuite, pdmSuite, uplinkSuite, replaySuite];

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; expected one of: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const figures: Record<string, number> = {};
for (const suite of suites.filter((s) => names.length === 0 || names.includes(s.name))) {
  console.log(`\n${suite.name}: ${suite.description}`);
  const result = await suite.run((line) => console.log(`  ${line}`));
  for (const [key, value] of Object.entries(result)) figures[names.length === 1 ? key : `${suite.name}.${key}`] = value;
}
if (json) console.log(JSON.stringify(figures));
process.exit(0);
