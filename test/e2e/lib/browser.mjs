// Debian Chromium driven by playwright-core, headless, with background networking
// off and every request that is not to a loopback address aborted and recorded
// (no test reaches the internet).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM } from './env.mjs';

const require = createRequire(import.meta.url);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-default-apps',
  '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--metrics-recording-only', '--password-store=basic'];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function launchBrowser(run, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const ctx = await chromium.launchPersistentContext(join(run, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, viewport, args: ARGS,
  });
  const blocked = [];
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (!/^(https?|wss?):$/.test(url.protocol) || LOOPBACK.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  return { ctx, page, blocked };
}
