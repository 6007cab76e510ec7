// Installs the system packages the tests need when they are missing, and does nothing
// when they are there: Debian's Chromium for Playwright (which never downloads a browser
// of its own here); pymodbus, an independent Modbus device for the driver's tests, with
// pyserial-asyncio for its serial server; socat, whose pty pair stands in for a serial cable;
// Mosquitto, the MQTT broker the uplink's tests publish to (started by the tests, never as a
// service); openssl, which makes the tests' certificate authority.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const python = (code) => spawnSync('/usr/bin/python3', ['-c', code], { stdio: 'ignore' }).status === 0;

const needed = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'python3-pymodbus', present: () => python('import pymodbus.server') },
  { pkg: 'python3-serial-asyncio', present: () => python('import serial_asyncio') },
  { pkg: 'socat', present: () => existsSync('/usr/bin/socat') },
  { pkg: 'mosquitto', present: () => existsSync('/usr/sbin/mosquitto') },
  { pkg: 'openssl', present: () => existsSync('/usr/bin/openssl') },
];
const missing = needed.filter(({ present }) => !present()).map(({ pkg }) => pkg);

if (missing.length > 0) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  process.stdout.write(`Installing system packages for the tests: ${missing.join(', ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit', env });
  execSync(`${sudo}apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit', env });
}
