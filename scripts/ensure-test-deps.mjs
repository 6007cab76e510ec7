// Installs the system packages the tests need (Debian's Chromium for Playwright) when
// they are missing, and does nothing when they are there. Playwright never downloads a
// browser of its own here.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [{ binary: '/usr/bin/chromium', pkg: 'chromium' }];
const missing = needed.filter(({ binary }) => !existsSync(binary)).map(({ pkg }) => pkg);

if (missing.length > 0) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  process.stdout.write(`Installing system packages for the tests: ${missing.join(', ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit', env });
  execSync(`${sudo}apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit', env });
}
