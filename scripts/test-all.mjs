#!/usr/bin/env node
// `npm test`: the whole suite, in order — typecheck, unit + integration (vitest), web build,
// browser journeys (Playwright). Stops at the first failing step with its exit code. Always ends
// with one plain line "N passed, M failed" (vitest + Playwright tests) for CI to read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const vitestJson = path.join(tmp, 'vitest.json');
const playwrightJson = path.join(tmp, 'playwright.json');
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

const hasPlaywrightConfig = ['playwright.config.ts', 'playwright.config.js', 'playwright.config.mjs'].some((f) => fs.existsSync(path.join(root, f)));

const steps = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'unit + integration (vitest)', cmd: 'npx', args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`] },
  { name: 'web build', cmd: 'npm', args: ['run', 'build:web'] },
  hasPlaywrightConfig
    ? { name: 'browser journeys (playwright)', cmd: 'npx', args: ['playwright', 'test', '--reporter=list,json'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson } }
    : { name: 'browser journeys (playwright)', skip: '没有 playwright.config.ts，跳过浏览器测试 / no playwright.config.ts: browser journeys skipped' },
];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function counts() {
  let passed = 0;
  let failed = 0;
  const v = readJson(vitestJson);
  if (v) {
    passed += v.numPassedTests ?? 0;
    // a file that fails to load has no failed test of its own: count it as one failure
    failed += (v.numFailedTests ?? 0) || (v.numFailedTestSuites ?? 0);
  }
  const p = readJson(playwrightJson);
  if (p?.stats) {
    passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected ?? 0;
  }
  return { passed, failed };
}

const started = Date.now();
let exitCode = 0;
const report = [];
for (const step of steps) {
  if (step.skip) {
    console.log(`\n▶ ${step.name}: ${step.skip}`);
    report.push(`${step.name}: skipped`);
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  let code = r.status ?? 1;
  // belt and braces: a run whose own report lists failures is a failure, whatever its exit code
  if (code === 0 && step.name.includes('vitest') && readJson(vitestJson)?.success === false) code = 1;
  report.push(`${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

const { passed, failed: failedTests } = counts();
// a step that failed without a failing test of its own (typecheck, build, a server that would not
// start) still counts once, so the line never reads "0 failed" for a failed run
const failed = exitCode !== 0 && failedTests === 0 ? 1 : failedTests;
console.log(`\n── summary (${((Date.now() - started) / 1000).toFixed(0)} s) ──`);
for (const line of report) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
