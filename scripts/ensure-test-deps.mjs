// Installs the system packages the tests need when they are missing, and does nothing
// when they are there: Debian's Chromium for Playwright (which never downloads a browser
// of its own here) and pymodbus, an independent Modbus device for the driver's tests.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'python3-pymodbus', present: () => spawnSync('/usr/bin/python3', ['-c', 'import pymodbus.server'], { stdio: 'ignore' }).status === 0 },
];
const missing = needed.filter(({ present }) => !present()).map(({ pkg }) => pkg);

if (missing.length > 0) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  process.stdout.write(`Installing system packages for the tests: ${missing.join(', ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit', env });
  execSync(`${sudo}apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit', env });
}
