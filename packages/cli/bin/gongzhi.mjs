#!/usr/bin/env node
// The `gongzhi` command: runs the TypeScript CLI directly through tsx (there is no build step).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// a child node with tsx loaded; it inherits the terminal, so Ctrl-C reaches it directly
const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? (r.signal ? 1 : 0));
