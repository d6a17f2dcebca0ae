import { parseArgs } from 'node:util';
import { DataDirInUseError } from '@gongzhi/server';

/** A failure the user can fix: printed as is (no stack) and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses a command's own arguments; unknown options or missing values are a CliError. */
export function parseCommandArgs<O extends OptionSpec>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`参数有误 / bad arguments: ${(e as Error).message}\n用法 / usage: ${usage}`);
  }
}

export function requireOption(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`缺少 --${name} / missing --${name}\n用法 / usage: ${usage}`);
  return value.trim();
}

/** One clear line (or a few) for any error: ours, the server's catalogue, or the system's. */
export function describeError(e: unknown): string {
  if (e instanceof CliError) return e.message;
  const err = e as { code?: string; message?: string; zhMessage?: string; name?: string; port?: number };
  if (err?.code === 'EADDRINUSE') return `端口已被占用，请换一个 PORT / the port is already in use; set another PORT (${err.message})`;
  if (err?.code === 'ECONNREFUSED') return `无法连接数据库 / cannot reach the database: ${err.message}`;
  if (err?.zhMessage) return `${err.zhMessage} (${err.code})`;
  if (e instanceof DataDirInUseError) return e.message;
  return `错误 / error: ${err?.message ?? String(e)}`;
}
