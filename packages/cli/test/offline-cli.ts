import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Runs `gongzhi` as a separate process with no database: DATABASE_URL points nowhere and the data
// directory is an empty temporary one (removed after the file's tests). For the commands anyone
// runs offline to check the platform (retally, apportion).

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface CliRun { code: number | null; out: string; err: string }

export interface OfflineCli {
  run: (args: string[], stdin?: string) => Promise<CliRun>;
  /** a temporary folder for the test's input files */
  dir: string;
  /** the data directory the command is given (must stay empty: no database is started) */
  dataDir: string;
}

export function offlineGongzhi(tag: string): OfflineCli {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gz-${tag}-`));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], stdin?: string) => new Promise<CliRun>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing', GONGZHI_DATA_DIR: dataDir, GONGZHI_SECRET_KEY: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin ?? '');
  });
  return { run, dir, dataDir };
}
