import { afterAll, expect, inject } from 'vitest';

// Runs in every test file (vitest setupFiles): after the file's own hooks, the personal-data scan
// of every test app the file made is checked (pii-scan.ts finishPiiFile, which registers itself on
// globalThis when a test app first loads it, so files without an app pay nothing here). A hook in
// the setup file, because an afterAll registered inside beforeAll or a test (as createTestApp is
// called) is not run by vitest 4.
afterAll(() => {
  const finish = (globalThis as { __gzPiiFinishFile?: (file: string, runDir: string) => void }).__gzPiiFinishFile;
  const file = expect.getState().testPath ?? 'unknown';
  finish?.(file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file, inject('piiRunDir'));
});
