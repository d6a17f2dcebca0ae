#!/usr/bin/env node
// The `gongzhi` command: registers tsx in this very process, then runs the TypeScript CLI (there
// is no build step). One process, so Ctrl-C and exit codes behave as with
// `node --import tsx packages/cli/src/main.ts`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
