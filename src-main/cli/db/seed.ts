import { mkdirSync } from 'node:fs';
import { manualClock } from '../../services/runtime/clock';
import { acquireProfileLock, profileLockHolder } from '../../host/profileLock';
import { applyPlans, generatePlans, SEED_ACTOR } from '../../services/store/seed';
import { Store } from '../../services/store/store';
import { seedDemoUnits } from '../../services/units/demoRoster';
import { count, fail, finish, localTime, storeOptionsOf, type Target } from './common';

const DAY_MS = 86_400_000;

export interface SeedOptions {
  readonly incidents: number;
  readonly seed: string;
  readonly days: number;
}

/** `nida db seed`: fills a drill or demo profile with synthetic Baghdad incidents (deterministic per seed). */
export function seed(target: Target, options: SeedOptions): void {
  if (target.profile === 'live') {
    fail(
      target,
      'synthetic incidents never go into the live profile (they would reach live records and KPIs); use --profile drill or --profile demo',
    );
    return;
  }
  const holder = profileLockHolder(target.dataDir, target.profile);
  if (holder !== null) {
    fail(
      target,
      `the ${target.profile} profile in ${target.dataDir} is in use by a running Nida console (pid ${holder}); stop it, then seed`,
      {
        hostPid: holder,
      },
    );
    return;
  }
  mkdirSync(target.dataDir, { recursive: true });
  const release = acquireProfileLock(target.dataDir, target.profile);
  try {
    const clock = manualClock(Date.now());
    const store = Store.open(storeOptionsOf(target, { clock, durability: target.config.storage.durability }));
    try {
      if (!store.status.writable) {
        fail(target, store.status.problem ?? 'the store refuses writes');
        return;
      }
      const foreign = store.queries.incidentsCreatedByOthers(SEED_ACTOR);
      if (foreign > 0) {
        fail(
          target,
          `${target.path} already holds ${count(foreign)} incident${foreign === 1 ? '' : 's'} not made by the seeder; seed an empty profile (or one only the seeder filled)`,
          { foreignIncidents: foreign },
        );
        return;
      }
      const newest = store.queries.newestEventAt();
      const end = Date.now();
      // Seeding again continues after what is there: the store's clock never goes backwards.
      const start = Math.max(end - options.days * DAY_MS, (newest ?? 0) + 1);
      if (start >= end) {
        fail(
          target,
          `${target.path} holds events up to ${new Date(newest ?? 0).toISOString()}, after now; not seeding`,
        );
        return;
      }
      const result = applyPlans(store, generatePlans({ count: options.incidents, seed: options.seed, start, end }), {
        clock,
        batchSize: 250,
      });
      clock.set(Date.now());
      // The demo roster (resources/demo/units.json) comes with the incidents; units already there are kept.
      const units = seedDemoUnits(store, target.config, SEED_ACTOR);
      store.recordAction({
        actor: SEED_ACTOR,
        action: 'seed',
        subject: `profile:${target.profile}`,
        details: { incidents: result.incidents, events: result.events, seed: options.seed, from: start, to: end },
      });
      const zone = target.config.timeZone;
      // One roster event per unit added: counted with the incidents' events, as `nida db check` counts them.
      const events = result.events + units;
      finish(
        target,
        true,
        { profile: target.profile, path: target.path, seed: options.seed, ...result, events, units },
        [
          `seeded ${count(result.incidents)} synthetic incidents into the ${target.profile} profile (${count(events)} events, ${count(result.notes)} notes; ${count(result.open)} still open)`,
          result.firstAt !== null && result.lastAt !== null
            ? `  from ${localTime(result.firstAt, zone)} to ${localTime(result.lastAt, zone)} (${zone}), seed ${options.seed}`
            : `  seed ${options.seed}`,
          `  ${count(units)} demo units added to the roster (resources/demo/units.json)`,
          `  database: ${target.path}`,
        ],
      );
    } finally {
      store.close();
    }
  } finally {
    release();
  }
}
