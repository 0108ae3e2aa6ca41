import type { Database } from 'better-sqlite3';

/** Where a database records, once, the center, console and profile it was created for (`meta`). */
export const OWNER_KEYS = { center: 'owner.center', console: 'owner.console', profile: 'owner.profile' } as const;

/** Whom a database file belongs to; null fields were not recorded (a file from an older Nida). */
export interface DatabaseOwner {
  readonly center: string | null;
  readonly console: string | null;
  readonly profile: string | null;
}

export function readDatabaseOwner(db: Database): DatabaseOwner {
  const read = (key: string): string | null =>
    db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
  return { center: read(OWNER_KEYS.center), console: read(OWNER_KEYS.console), profile: read(OWNER_KEYS.profile) };
}

/** `center BGD, console C2, profile drill` (what is known). */
export function describeOwner(owner: DatabaseOwner): string {
  const parts = [
    owner.center !== null && `center ${owner.center}`,
    owner.console !== null && `console ${owner.console}`,
    owner.profile !== null && `profile ${owner.profile}`,
  ].filter((part): part is string => part !== false);
  return parts.length > 0 ? parts.join(', ') : 'no recorded owner';
}
