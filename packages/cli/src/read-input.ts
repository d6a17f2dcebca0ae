import fs from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/** A file's text, or standard input for '-' (the commands that read a JSON document: retally,
 *  verify-meeting). */
export async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取文件 / cannot read ${file}: ${(e as Error).message}`);
  }
}
