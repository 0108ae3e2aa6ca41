import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept only as scrypt hashes (RFC 7914, Node's built-in): a memory-hard KDF with a
 * random salt per password. The parameters travel with each hash, so that raising them later leaves
 * older hashes readable: `scrypt$N$r$p$<salt base64>$<hash base64>`.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's minimum for scrypt: 2^17 × 8 × 128 bytes = 128 MiB per hash, a few tenths of a second. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** The scrypt parameters of new hashes for a cost of 2^`log2N` (`signIn.passwordCost` in the configuration). */
export function scryptOfCost(log2N: number): ScryptParams {
  return { ...DEFAULT_SCRYPT, N: 2 ** log2N };
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse hashes whose parameters would take more than this (a hash from the center's log is data). */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default ceiling is 32 MiB: raise it to what these parameters need.
    maxmem: 2 * 128 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** A new hash of `password` with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || !Number.isInteger(p) || r < 1 || p < 1 || p > 16) return null;
  if (128 * N * r > MAX_MEMORY_BYTES) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** Whether `password` matches the hash; an unreadable hash never matches. Compared in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** The parameters a hash was made with (null when it is not one of ours). */
export function hashParams(encoded: string): ScryptParams | null {
  return parseHash(encoded)?.params ?? null;
}
