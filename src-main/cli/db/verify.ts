import { verifyAuditFile } from '../../services/store/maintenance';
import { StoreUnavailableError } from '../../services/store/storeErrors';
import { count, fail, finish, messageOf, requireDatabase, restoreHint, type Target } from './common';

/** `nida db verify`: the audit hash chain and every event against it (read-only). */
export function verify(target: Target): void {
  if (!requireDatabase(target)) return;
  let result: ReturnType<typeof verifyAuditFile>;
  try {
    result = verifyAuditFile(target.path);
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      fail(target, `cannot open ${target.path}: ${error.message}`, { path: target.path }, restoreHint(target));
    } else {
      fail(target, `cannot verify ${target.path}: ${messageOf(error)}`, { path: target.path });
    }
    return;
  }
  if (result.ok) {
    finish(target, true, { path: target.path, ...result }, [
      `audit chain ok: ${count(result.auditRows)} audit rows, ${count(result.events)} events — ${target.path}`,
      `  head: ${result.head}`,
    ]);
    return;
  }
  const { table, key, reason } = result.firstBad;
  finish(target, false, { path: target.path, ...result }, [
    `nida: the audit chain of ${target.path} is broken at ${table} ${key}: ${reason}`,
    `  checked ${count(result.auditRows)} audit rows and ${count(result.events)} events up to there`,
    '  Keep this file as evidence (copy it before anything else writes to it) and report it to the administrator.',
  ]);
}
