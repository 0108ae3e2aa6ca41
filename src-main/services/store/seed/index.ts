/**
 * Synthetic incidents for drills, demos and benchmarks: a Baghdad control room's day, in Arabic.
 *
 * Three parts: the data drawn from (`seedData.ts`); the plan, which is pure (`seedPlan.ts`: a
 * seeded PRNG in, plans out, the same seed always gives the same plans); and applying it
 * (`applySeed.ts`: `applyPlans` replays plans through the store's normal event path,
 * `createIncident` / `appendIncidentEvent`, in time order, so projections, search and the audit
 * chain are exactly what the console would have written). Every event carries `SEED_ACTOR`, which
 * is how `nida db seed` tells its own incidents from real ones.
 */
export * from './seedData';
export * from './seedPlan';
export * from './applySeed';
