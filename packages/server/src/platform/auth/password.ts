import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (~14 ms here): strong enough, fast enough for login.
export const hashPassword = (plain: string): Promise<string> => hash(plain);

export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}
