/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/**
 * 32-bit FNV-1a of a text seed, so that a seed can be a word (`nida db seed --seed drill-3`).
 * Numbers are used as they are: the seeds drills and tests already use keep their sequences.
 */
function seedBits(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Small seeded PRNG (mulberry32): the same seed gives the same sequence, so a drill replays the same
 * calls, a seeded database holds the same incidents and a benchmark measures the same queries on every
 * run. Not for anything secret.
 */
export function seededRandom(seed: number | string): Random {
  let state = seedBits(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
