import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../runtime/jsonFile';
import { OWN_USERNAME } from './embeddedBroker';
import { privateFile } from '../runtime/privateFiles';

/**
 * The account the units' trackers sign in to the embedded broker with. Generated on the first
 * start, kept in the data directory (0600) so trackers configured once keep working across
 * restarts, shown to the administrator by `nida avl trackers`.
 */
export interface TrackerAccount {
  readonly username: string;
  readonly password: string;
  /** When the password was generated (ISO 8601). */
  readonly createdAt: string;
}

export const TRACKER_ACCOUNT_FILE = 'embedded-broker-trackers.json';
export const TRACKER_USERNAME = 'trackers';

const trackerAccountSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (1–64)')
    .refine((name) => name !== OWN_USERNAME, `"${OWN_USERNAME}" is Nida's own link`),
  // A tracker's keypad is no reason for a guessable password.
  password: z.string().min(16, 'at least 16 characters').max(200),
  createdAt: z.iso.datetime(),
});

export function trackerAccountPath(dataDir: string): string {
  return join(dataDir, TRACKER_ACCOUNT_FILE);
}

function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The account in the data directory, or null when none was generated yet. Throws with the reason on a bad file. */
export function readTrackerAccount(dataDir: string): TrackerAccount | null {
  const path = trackerAccountPath(dataDir);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new Error(`${path}: not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = trackerAccountSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${path}: not a tracker account (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'}); ` +
        'fix it, or generate a new one with `nida avl trackers --new-password` and reconfigure the trackers',
    );
  }
  return parsed.data;
}

/** Writes the account readable by Nida's user only, replacing any previous one in one step. */
function writeTrackerAccount(dataDir: string, account: TrackerAccount): void {
  const path = trackerAccountPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(account, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
  privateFile(path);
}

/** The account the embedded broker accepts: the one kept in the data directory, generated on first use. */
export function loadOrCreateTrackerAccount(dataDir: string, now: number): TrackerAccount {
  const existing = readTrackerAccount(dataDir);
  if (existing) return existing;
  return renewTrackerAccount(dataDir, now);
}

/** A new password (the old one stops working when the console next starts its broker). */
export function renewTrackerAccount(dataDir: string, now: number): TrackerAccount {
  const account: TrackerAccount = {
    username: TRACKER_USERNAME,
    password: generatePassword(),
    createdAt: new Date(now).toISOString(),
  };
  writeTrackerAccount(dataDir, account);
  return account;
}
