import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless; the flags keep it off a network this machine does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where the tests leave their screenshots (not committed). */
export const SHOTS = new URL('../../test-results/screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });
export const shot = (name: string): string => new URL(`${name}.png`, SHOTS).pathname;
