import { profileLockHolder } from '../../host/profileLock';
import { listBackups } from '../../services/store/backups';
import { inspectDatabase } from '../../services/store/maintenance';
import { LATEST_SCHEMA_VERSION } from '../../services/store/migrations';
import { count, fileSize, finish, localTime, megabytes, requireDatabase, restoreHint, type Target } from './common';

/** `nida db check`: full integrity check (read-only), schema, sizes, counts; the backup to restore when damaged. */
export function check(target: Target): void {
  if (!requireDatabase(target)) return;
  const inspection = inspectDatabase(target.path);
  const problems = [...inspection.problems];
  const { schemaVersion, counts } = inspection;
  const sizes = {
    database: fileSize(target.path),
    wal: fileSize(`${target.path}-wal`),
    pageSize: inspection.pageSize,
    pages: inspection.pages,
    freePages: inspection.freePages,
  };
  if (schemaVersion !== null && schemaVersion > LATEST_SCHEMA_VERSION) {
    problems.push(`schema ${schemaVersion} is newer than this Nida (${LATEST_SCHEMA_VERSION}); update Nida`);
  }

  const backups = listBackups(target.dataDir, target.profile);
  const latest = backups[0] ?? null;
  const host = profileLockHolder(target.dataDir, target.profile);
  const json = {
    profile: target.profile,
    path: target.path,
    schemaVersion,
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    bytes: sizes,
    counts,
    backups: { count: backups.length, latest: latest && { path: latest.path, takenAt: latest.takenAt } },
    hostPid: host,
    problems,
  };
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((problem) => `  - ${problem}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    finish(target, false, { ...json, restoreFrom: latest?.path ?? null }, [
      `nida: ${target.path} is damaged (integrity_check found ${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
      ...shown,
      ...restoreHint(target),
    ]);
    return;
  }
  const show = (value: number | null | undefined): string =>
    value === null || value === undefined ? '-' : count(value);
  const schemaNote =
    schemaVersion !== null && schemaVersion < LATEST_SCHEMA_VERSION ? ' — migrated when the console next starts' : '';
  finish(target, true, json, [
    `${target.profile} database ok (integrity_check): ${target.path}`,
    `  schema:    ${schemaVersion ?? '-'} (this Nida: ${LATEST_SCHEMA_VERSION})${schemaNote}`,
    `  size:      ${megabytes(sizes.database)} + WAL ${megabytes(sizes.wal)}; ${count(sizes.pages)} pages of ${sizes.pageSize} B, ${count(sizes.freePages)} free`,
    `  incidents: ${show(counts['incidents'])} (${show(counts['openIncidents'])} open), notes ${show(counts['notes'])}`,
    `  events:    ${show(counts['events'])}, audit rows ${show(counts['auditRows'])} (run \`nida db verify\` to check the chain)`,
    `  backups:   ${backups.length}${latest ? `, latest ${latest.path} (${localTime(latest.takenAt, target.config.timeZone)})` : ''}`,
    `  console:   ${host === null ? 'not running' : `running (pid ${host})`}`,
  ]);
}
