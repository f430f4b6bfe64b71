#!/usr/bin/env node
/**
 * The browser suites need Debian's chromium and firefox-esr (nothing here downloads a browser of its own).
 * Installs the missing ones with apt-get when running as root; otherwise says exactly what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BROWSERS = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' };

export function ensureBrowsers() {
  const missing = Object.entries(BROWSERS).filter(([, path]) => !existsSync(path)).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing browsers: run  sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`installing ${missing.join(', ')} from Debian's packages…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowsers();
