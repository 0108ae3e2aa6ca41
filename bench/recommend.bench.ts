// Closest-unit recommendation for 5,000 units around Baghdad: the spatial index (kdbush +
// geokdbush, exact ETA bound) against ranking every unit (the linear scan it replaces), same
// roster, same incidents, same run. Also the index rebuild the host does when positions move.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastestUnitsByScan, recommendUnits, UnitIndex, compareRanked } from '../src-shared/domain/recommendation';
import { fillResponsePlan, NO_OVERRIDES, planFor } from '../src-shared/domain/responsePlan';
import { parseTaxonomy } from '../src-shared/domain/taxonomy';
import {
  isAssignable,
  unitHasCapability,
  type UnitPosition,
  type UnitRecord,
  type UnitStatus,
} from '../src-shared/domain/unit';
import { summarize, type Benchmark } from './harness';
import { REPO_ROOT } from './shared';
// Deterministic roster and incidents for every run.
import { seededRandom as random } from '../src-shared/domain/random';

const UNITS = 5_000;
const QUERIES = 2_000;
const WARMUP = 200;
const BOX = { south: 33.15, north: 33.5, west: 44.2, east: 44.6 };

const KINDS: readonly { agency: string; kind: string; capabilities: string[]; share: number }[] = [
  { agency: 'police-patrols', kind: 'patrol', capabilities: ['patrol'], share: 0.4 },
  { agency: 'ambulance', kind: 'ambulance-basic', capabilities: ['ambulance-basic'], share: 0.2 },
  {
    agency: 'ambulance',
    kind: 'ambulance-advanced',
    capabilities: ['ambulance-advanced', 'ambulance-basic'],
    share: 0.05,
  },
  { agency: 'civil-defence', kind: 'fire-engine', capabilities: ['fire-engine'], share: 0.15 },
  { agency: 'civil-defence', kind: 'ladder', capabilities: ['ladder'], share: 0.03 },
  { agency: 'civil-defence', kind: 'rescue', capabilities: ['rescue', 'water-rescue'], share: 0.02 },
  { agency: 'traffic-police', kind: 'traffic-patrol', capabilities: ['traffic-patrol'], share: 0.15 },
];
const STATUSES: readonly UnitStatus[] = [
  'available',
  'available-on-radio',
  'available-on-radio',
  'en-route',
  'on-scene',
];

function roster(next: () => number): { units: UnitRecord[]; positions: Map<string, UnitPosition> } {
  const units: UnitRecord[] = [];
  const positions = new Map<string, UnitPosition>();
  const point = () => ({
    lat: BOX.south + next() * (BOX.north - BOX.south),
    lon: BOX.west + next() * (BOX.east - BOX.west),
  });
  for (let i = 0; i < UNITS; i++) {
    let pick = next();
    const kind = KINDS.find((entry) => (pick -= entry.share) < 0) ?? KINDS[0];
    if (!kind) throw new Error('no kinds');
    const id = `U-${String(i).padStart(5, '0')}`;
    units.push({
      id,
      callsign: id,
      agency: kind.agency,
      kind: kind.kind,
      capabilities: kind.capabilities,
      station: null,
      home: point(),
      crew: [],
      radioId: null,
      deviceId: null,
      status: STATUSES[Math.floor(next() * STATUSES.length)] ?? 'available',
      statusSince: 0,
      statusSource: 'system',
      incidentId: null,
      updatedAt: 0,
      version: 1,
    });
    // Most units report AVL; some are stale (home station is used) and some silent.
    const roll = next();
    if (roll < 0.85)
      positions.set(id, {
        unitId: id,
        ...point(),
        at: 0,
        speed: null,
        heading: null,
        accuracyM: null,
        source: 'mqtt',
        freshness: roll < 0.75 ? 'live' : 'stale',
      });
  }
  return { units, positions };
}

function timeEach(count: number, run: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP; i++) run(i);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

const benchmark: Benchmark = {
  name: 'recommend',
  description: `closest-unit recommendation (building fire plan, 3 agencies) over ${UNITS.toLocaleString('en')} units: kdbush/geokdbush index vs ranking every unit`,
  run() {
    const taxonomyResult = parseTaxonomy(
      JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'taxonomy', 'taxonomy.json'), 'utf8')),
    );
    if (!taxonomyResult.ok) throw new Error(taxonomyResult.errors.join('; '));
    const next = random(911);
    const { units, positions } = roster(next);
    const positionOf = (id: string): UnitPosition | null => positions.get(id) ?? null;
    const incidents = Array.from({ length: QUERIES + WARMUP }, () => ({
      lat: BOX.south + 0.05 + next() * (BOX.north - BOX.south - 0.1),
      lon: BOX.west + 0.05 + next() * (BOX.east - BOX.west - 0.1),
    }));
    const plan = planFor(taxonomyResult.value, NO_OVERRIDES, 'building-fire', 1);
    const agencies = ['civil-defence', 'ambulance', 'police-patrols'];
    const index = UnitIndex.build(units, positionOf);

    const indexed = timeEach(QUERIES, (i) => {
      recommendUnits(index, { location: incidents[i % incidents.length] ?? null, agencies, plan });
    });

    // The baseline: what the recommendation costs without an index — rank every eligible unit per
    // capability and per agency (same plan fill, same alternatives count).
    const linear = timeEach(QUERIES, (i) => {
      const location = incidents[i % incidents.length] ?? { lat: 33.3, lon: 44.4 };
      const eligible = (unit: UnitRecord): boolean => isAssignable(unit.status) && agencies.includes(unit.agency);
      const demand = plan.reduce((sum, item) => sum + item.count, 0);
      const byCapability = new Map(
        plan.map((item) => [
          item.capability,
          fastestUnitsByScan(
            units,
            positionOf,
            location,
            demand + 8,
            (unit) => eligible(unit) && unitHasCapability(unit, item.capability),
          ),
        ]),
      );
      const slots = fillResponsePlan(plan, (capability) => byCapability.get(capability) ?? []);
      const chosen = new Set(slots.flatMap((slot) => slot.units.map((unit) => unit.unitId)));
      for (const agency of agencies)
        fastestUnitsByScan(
          units,
          positionOf,
          location,
          8,
          (unit) => eligible(unit) && unit.agency === agency && !chosen.has(unit.id),
        ).sort(compareRanked);
    });

    const rebuild = timeEach(200, () => {
      UnitIndex.build(units, positionOf);
    });

    const fast = summarize(indexed);
    const slow = summarize(linear);
    const build = summarize(rebuild);
    return Promise.resolve([
      {
        name: 'recommendation p99 (5,000 units, index)',
        value: fast.p99,
        unit: 'ms',
        baseline: { name: 'linear scan p99', value: slow.p99 },
        better: 'lower',
        target: 'p99 < 50 ms (instant to a dispatcher)',
      },
      {
        name: 'recommendation p50 (5,000 units, index)',
        value: fast.p50,
        unit: 'ms',
        baseline: { name: 'linear scan p50', value: slow.p50 },
        better: 'lower',
      },
      {
        name: 'index rebuild p99 (5,000 units)',
        value: build.p99,
        unit: 'ms',
        baseline: { name: 'one linear-scan recommendation p50', value: slow.p50 },
        better: 'lower',
      },
    ]);
  },
};

export default benchmark;
