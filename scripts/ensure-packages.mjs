#!/usr/bin/env node
/**
 * The real parts the tests run need Debian's packages: chromium and firefox-esr for the browser suites,
 * redis-server for the kit's shared store (nothing here downloads a browser or a server binary of its own).
 * Installs the missing ones with apt-get when running as root; otherwise says exactly what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package -> the binary it installs. */
export const PACKAGES = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr', 'redis-server': '/usr/bin/redis-server' };

export function ensurePackages(names = Object.keys(PACKAGES)) {
  const missing = names.filter((name) => !existsSync(PACKAGES[name]));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing packages: run  sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`installing ${missing.join(', ')} from Debian's packages…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) ensurePackages();
