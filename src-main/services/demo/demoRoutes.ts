import { distanceM, type LatLon } from '../../../src-shared/domain/geo';

/**
 * Plausible driving paths for the demo's units in Baghdad. Nida ships no road network, so a path is
 * straight legs that never cross the Tigris except over a bridge: a small graph of the start, the
 * end and both ends of every bridge, joined wherever the straight leg stays on one bank, searched for
 * the shortest way. Pure and deterministic: the same two points always give the same path.
 */

/**
 * The Tigris through Baghdad, north to south (Natural Earth 1:10m rivers, public domain; via the
 * project's map data `iraq-water.geojson`). Coarse (a few hundred metres), which is enough to keep
 * a demo vehicle on its bank.
 */
const TIGRIS: readonly LatLon[] = [
  [33.48107, 44.31113],
  [33.47618, 44.31324],
  [33.47179, 44.31634],
  [33.46809, 44.32032],
  [33.45934, 44.33684],
  [33.45563, 44.34173],
  [33.44526, 44.3484],
  [33.43443, 44.34872],
  [33.41173, 44.34303],
  [33.40485, 44.34287],
  [33.39879, 44.34466],
  [33.39334, 44.34775],
  [33.3885, 44.35263],
  [33.38178, 44.3624],
  [33.37796, 44.36671],
  [33.37287, 44.36988],
  [33.34866, 44.37639],
  [33.32551, 44.39039],
  [33.32213, 44.38356],
  [33.317, 44.37843],
  [33.31041, 44.37558],
  [33.30276, 44.37591],
  [33.29475, 44.37965],
  [33.28925, 44.386],
  [33.28592, 44.39381],
  [33.28429, 44.40235],
  [33.28425, 44.41236],
  [33.28502, 44.41708],
  [33.29133, 44.43458],
  [33.29182, 44.43898],
  [33.28913, 44.44785],
  [33.2829, 44.45191],
  [33.26622, 44.45509],
  [33.26069, 44.45826],
  [33.25642, 44.46249],
  [33.25324, 44.46778],
  [33.25084, 44.47364],
  [33.24376, 44.48382],
  [33.23302, 44.48935],
  [33.2204, 44.49122],
  [33.20763, 44.48976],
  [33.18582, 44.48341],
  [33.16905, 44.49122],
].map(([lat, lon]) => ({ lat: lat as number, lon: lon as number }));

/** Baghdad's main bridges, typed by us (approximate; each is snapped onto the river line above). */
const BRIDGE_SITES: readonly { readonly name: string; readonly at: LatLon }[] = [
  { name: 'جسر المثنى', at: { lat: 33.405, lon: 44.343 } },
  { name: 'جسر الأئمة', at: { lat: 33.376, lon: 44.368 } },
  { name: 'جسر الصرافية', at: { lat: 33.357, lon: 44.374 } },
  { name: 'جسر باب المعظم', at: { lat: 33.345, lon: 44.379 } },
  { name: 'جسر الأحرار', at: { lat: 33.336, lon: 44.384 } },
  { name: 'جسر السنك', at: { lat: 33.329, lon: 44.388 } },
  { name: 'جسر الجمهورية', at: { lat: 33.318, lon: 44.379 } },
  { name: 'جسر 14 تموز', at: { lat: 33.302, lon: 44.376 } },
  { name: 'جسر الجادرية', at: { lat: 33.288, lon: 44.389 } },
  { name: 'جسر الطابقين', at: { lat: 33.285, lon: 44.415 } },
  { name: 'جسر الدورة', at: { lat: 33.258, lon: 44.461 } },
];

/** How far either side of the river line a bridge's approach points lie. */
const BRIDGE_HALF_LENGTH_M = 180;

/** Planar metres around Baghdad (an equirectangular projection is exact enough across a city). */
const METRES_PER_DEG_LAT = 111_320;
const METRES_PER_DEG_LON = METRES_PER_DEG_LAT * Math.cos((33.33 * Math.PI) / 180);
const toXY = (p: LatLon): { x: number; y: number } => ({
  x: p.lon * METRES_PER_DEG_LON,
  y: p.lat * METRES_PER_DEG_LAT,
});
const fromXY = (x: number, y: number): LatLon => ({ lat: y / METRES_PER_DEG_LAT, lon: x / METRES_PER_DEG_LON });

function segmentsCross(a: LatLon, b: LatLon, c: LatLon, d: LatLon): boolean {
  const [p, q, r, s] = [toXY(a), toXY(b), toXY(c), toXY(d)];
  const orient = (u: typeof p, v: typeof p, w: typeof p): number =>
    Math.sign((v.x - u.x) * (w.y - u.y) - (v.y - u.y) * (w.x - u.x));
  return orient(p, q, r) !== orient(p, q, s) && orient(r, s, p) !== orient(r, s, q);
}

/** How many times the straight leg `a → b` crosses the river line. */
export function riverCrossings(a: LatLon, b: LatLon): number {
  let crossings = 0;
  for (let i = 1; i < TIGRIS.length; i++) {
    if (segmentsCross(a, b, TIGRIS[i - 1] as LatLon, TIGRIS[i] as LatLon)) crossings++;
  }
  return crossings;
}

export interface Bridge {
  readonly name: string;
  /** The approach points on either bank. */
  readonly ends: readonly [LatLon, LatLon];
}

function snapBridge(site: { name: string; at: LatLon }): Bridge {
  const point = toXY(site.at);
  let best = { distance: Infinity, x: 0, y: 0, dx: 1, dy: 0 };
  for (let i = 1; i < TIGRIS.length; i++) {
    const a = toXY(TIGRIS[i - 1] as LatLon);
    const b = toXY(TIGRIS[i] as LatLon);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const share = Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / (dx * dx + dy * dy)));
    const x = a.x + share * dx;
    const y = a.y + share * dy;
    const distance = Math.hypot(point.x - x, point.y - y);
    if (distance < best.distance) best = { distance, x, y, dx, dy };
  }
  const length = Math.hypot(best.dx, best.dy);
  // Perpendicular to the river where the bridge stands.
  const nx = (-best.dy / length) * BRIDGE_HALF_LENGTH_M;
  const ny = (best.dx / length) * BRIDGE_HALF_LENGTH_M;
  return { name: site.name, ends: [fromXY(best.x + nx, best.y + ny), fromXY(best.x - nx, best.y - ny)] };
}

export const BRIDGES: readonly Bridge[] = BRIDGE_SITES.map(snapBridge);

/**
 * The way from `from` to `to`: the points to drive through, `from` first and `to` last. A leg never
 * crosses the river except along a bridge. When no such way exists (a point outside the city the
 * river line does not bound), the straight line.
 */
export function planRoute(from: LatLon, to: LatLon): LatLon[] {
  if (riverCrossings(from, to) === 0) return [from, to];
  // Nodes: 0 = from, 1 = to, then both ends of every bridge.
  const nodes: LatLon[] = [from, to, ...BRIDGES.flatMap((bridge) => [...bridge.ends])];
  const bridgeOf = (index: number): number => (index >= 2 ? Math.floor((index - 2) / 2) : -1);
  const cost = (i: number, j: number): number | null => {
    const a = nodes[i] as LatLon;
    const b = nodes[j] as LatLon;
    if (bridgeOf(i) >= 0 && bridgeOf(i) === bridgeOf(j)) return distanceM(a, b);
    return riverCrossings(a, b) === 0 ? distanceM(a, b) : null;
  };
  const best = nodes.map(() => Infinity);
  const previous = nodes.map(() => -1);
  const done = nodes.map(() => false);
  best[0] = 0;
  for (;;) {
    let current = -1;
    for (let i = 0; i < nodes.length; i++) {
      if (
        !done[i] &&
        (best[i] as number) < Infinity &&
        (current < 0 || (best[i] as number) < (best[current] as number))
      )
        current = i;
    }
    if (current < 0 || current === 1) break;
    done[current] = true;
    for (let next = 0; next < nodes.length; next++) {
      if (done[next] || next === current) continue;
      const leg = cost(current, next);
      if (leg === null) continue;
      const total = (best[current] as number) + leg;
      if (total < (best[next] as number)) {
        best[next] = total;
        previous[next] = current;
      }
    }
  }
  if (previous[1] === -1) return [from, to];
  const path: LatLon[] = [];
  for (let node = 1; node !== -1; node = previous[node] as number) path.unshift(nodes[node] as LatLon);
  return path;
}

/** Length of a path in metres. */
export function routeLengthM(path: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += distanceM(path[i - 1] as LatLon, path[i] as LatLon);
  return total;
}

/** The point `metres` along `path` (its end when the path is shorter). */
export function pointAlong(path: readonly LatLon[], metres: number): LatLon {
  let left = Math.max(0, metres);
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as LatLon;
    const b = path[i] as LatLon;
    const leg = distanceM(a, b);
    if (left <= leg && leg > 0) {
      const share = left / leg;
      return { lat: a.lat + (b.lat - a.lat) * share, lon: a.lon + (b.lon - a.lon) * share };
    }
    left -= leg;
  }
  return path[path.length - 1] ?? { lat: 0, lon: 0 };
}
