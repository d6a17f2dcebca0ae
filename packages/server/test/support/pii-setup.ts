import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { finishPiiFile } from './pii-scan.ts';

// Runs in every test file (vitest setupFiles): after the file's own hooks, the personal-data scan
// of every test app the file made is checked (pii-scan.ts). A hook in the setup file, because an
// afterAll registered inside beforeAll or a test (as createTestApp does) is not run by vitest 4.
afterAll(() => {
  const file = expect.getState().testPath;
  finishPiiFile(file ? path.relative(process.cwd(), file) : 'unknown', inject('piiRunDir'));
});
