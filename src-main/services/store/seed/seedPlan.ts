import { BAGHDAD_BOX } from '../../../../src-shared/domain/geo';
import type { IncidentLocation } from '../../../../src-shared/domain/incident';
import { seededRandom, type Random } from '../../../../src-shared/domain/random';
import { zonedParts } from '../../../../src-shared/domain/timeZone';
import type { NewIncident, Store } from '../store';
import {
  BRIDGES,
  COMMON_LANDMARKS,
  EARLY_CANCEL,
  FAMILY_NAMES,
  FEMALE_NAMES,
  GOODS,
  HIGHWAYS,
  ITEMS,
  MALE_NAMES,
  OCCASIONS,
  PRIORITY_REASONS,
  SEED_AGENCIES,
  SEED_NEIGHBOURHOODS,
  SEED_SCENARIOS,
  UPDATE_NOTES,
  VEHICLES,
  type Neighbourhood,
  type Scenario,
  type ScenarioCategory,
  type SeedAgency,
} from './seedData';

/**
 * What to create: `generatePlans` is pure (a seeded PRNG in, plans out: the same seed always gives
 * the same plans). Nothing here touches a store; `applySeed.ts` replays the plans.
 */

/** A change the seeder appends: the store's own event union. */
export type SeedChange = Parameters<Store['appendIncidentEvent']>[1];

export interface PlannedStep {
  /** UTC ms; strictly increasing within an incident, never before its creation. */
  readonly at: number;
  readonly change: SeedChange;
}

export interface IncidentPlan {
  readonly typeCode: string;
  readonly category: ScenarioCategory;
  readonly neighbourhood: string;
  readonly createdAt: number;
  /** Creation input; `note` is the opening narrative (stored as its own event). */
  readonly incident: NewIncident & { readonly note: string };
  readonly steps: readonly PlannedStep[];
}

export interface SeedPlanOptions {
  readonly count: number;
  readonly seed: string | number;
  /** Incidents are created in [start, end] (UTC ms); no event is planned after `end`. */
  readonly start: number;
  readonly end: number;
  /**
   * Exactly this many lifecycle events per incident (creation and opening note included): optional
   * steps are dropped or narrative notes added. Natural lifecycles (3-15 events) when absent.
   */
  readonly eventsPerIncident?: number;
  /** Narrative notes are added (on top of `eventsPerIncident`) until each incident has this many. */
  readonly minNotes?: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function pickWeighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let roll = random() * total;
  for (const item of items) {
    roll -= weightOf(item);
    if (roll < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('pick from an empty list');
  return last;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `at` and whose random part comes from the PRNG (so plans stay reproducible). */
function ulidAt(random: Random, at: number): string {
  let time = '';
  for (let rest = at, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD.charAt(rest % 32) + time;
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD.charAt(Math.floor(random() * 32));
  return time + tail;
}

// ---------------------------------------------------------------------------------------------
// Generation

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Seeded incidents happen in Baghdad: hours and seasons are Baghdad's. */
const SEED_TIME_ZONE = 'Asia/Baghdad';
/** Relative call volume per local hour: quiet before dawn, busiest in the evening. */
const HOURLY = [
  0.5, 0.4, 0.3, 0.25, 0.25, 0.3, 0.5, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1, 0.7,
] as const;
const HOURLY_MAX = Math.max(...HOURLY);

function drawCreatedAt(random: Random, start: number, end: number): number {
  for (;;) {
    const at = start + Math.floor(random() * (end - start + 1));
    const { hour } = zonedParts(at, SEED_TIME_ZONE);
    if (random() * HOURLY_MAX < (HOURLY[hour] ?? 1)) return at;
  }
}

function toEasternDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
}

function phoneNumber(random: Random): string {
  const prefix = pickWeighted(random, ['077', '078', '075'], (p) => (p === '075' ? 1 : 3));
  let digits = prefix + String(intBetween(random, 0, 9));
  for (let i = 0; i < 7; i++) digits += String(intBetween(random, 0, 9));
  return digits;
}

function personName(random: Random): string {
  const given = random() < 0.7 ? pick(random, MALE_NAMES) : pick(random, FEMALE_NAMES);
  return `${given} ${pick(random, MALE_NAMES)} ${pick(random, FAMILY_NAMES)}`;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`seed template ${template} has no value for ${whole}`);
    return value;
  });
}

type StepTag = 'linked' | 'status' | 'agency' | 'updated' | 'routed' | 'note' | 'closed';

interface DraftStep {
  at: number;
  tag: StepTag;
  change: SeedChange;
}

/**
 * Plans `count` incidents, oldest first. Pure: the same options always give the same plans.
 * A generator, so a benchmark can stream a hundred thousand plans without holding them all.
 */
export function* generatePlans(options: SeedPlanOptions): Generator<IncidentPlan> {
  const { count, start, end } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!(end >= start)) throw new RangeError('the seed window ends before it starts');
  if (options.eventsPerIncident !== undefined && options.eventsPerIncident < 2) {
    throw new RangeError('an incident has at least 2 events (created and its opening note)');
  }
  // As text, so that seed 5 and seed "5" (from the command line) plan the same incidents.
  const random = seededRandom(String(options.seed));
  // Leave the last minutes for the newest incidents' first steps when the window allows it.
  const latestCreation = end - start > 60 * MINUTE ? end - 10 * MINUTE : end;
  const times = Array.from({ length: count }, () => drawCreatedAt(random, start, latestCreation)).sort((a, b) => a - b);
  for (const createdAt of times) yield planIncident(random, createdAt, options);
}

/** Every plan at once (tests, small seeds). */
export function planIncidents(options: SeedPlanOptions): IncidentPlan[] {
  return [...generatePlans(options)];
}

function planIncident(random: Random, createdAt: number, options: SeedPlanOptions): IncidentPlan {
  const month = zonedParts(createdAt, SEED_TIME_ZONE).month - 1;
  const scenario = pickWeighted(random, SEED_SCENARIOS, (s) => s.weight * (s.season?.(month) ?? 1));
  const place = pickWeighted(
    random,
    scenario.riversideOnly ? SEED_NEIGHBOURHOODS.filter((n) => n.riverside) : SEED_NEIGHBOURHOODS,
    (n) => n.weight,
  );
  const values: Record<string, string> = {
    nb: place.name,
    street: pick(random, place.streets),
    landmark: random() < 0.6 ? pick(random, place.landmarks) : pick(random, COMMON_LANDMARKS),
    hospital: random() < 0.8 ? place.hospital : pick(random, ['مدينة الطب', 'مستشفى الكندي', 'مستشفى الشيخ زايد']),
    vehicle: pick(random, VEHICLES),
    vehicle2: pick(random, VEHICLES),
    highway: pick(random, HIGHWAYS),
    bridge: pick(random, BRIDGES),
    count: String(intBetween(random, 2, 6)),
    age: String(intBetween(random, 18, 85)),
    childAge: String(intBetween(random, 4, 11)),
    floor: String(intBetween(random, 1, 9)),
    minutes: String(intBetween(random, 5, 20)),
    occasion: pick(random, OCCASIONS),
    item: pick(random, ITEMS),
    goods: pick(random, GOODS),
    agency: SEED_AGENCIES[scenario.agencies[0] ?? ''] ?? 'المفرزة',
  };

  const location: IncidentLocation = locationIn(random, place);
  const answerDelay = intBetween(random, 3, 25) * SECOND;
  const processing = intBetween(random, 30, 150) * SECOND;
  const receivedAt = createdAt - processing - answerDelay;
  const named = random() < 0.88;
  const incident: IncidentPlan['incident'] = {
    typeCode: scenario.code,
    priority: pick(random, scenario.priorities),
    agencies: [...scenario.agencies],
    location,
    address: addressIn(random, place, values),
    ...(named && { callerName: personName(random) }),
    callerNumber: phoneNumber(random),
    receivedAt,
    answeredAt: receivedAt + answerDelay,
    note: fill(pick(random, scenario.opening), values),
  };

  let steps = lifecycle(random, scenario, incident, createdAt, values);
  if (options.eventsPerIncident !== undefined) steps = dropTo(steps, options.eventsPerIncident - 2);
  steps = steps.filter((step) => step.at <= options.end);
  const lifecycleTarget = options.eventsPerIncident !== undefined ? options.eventsPerIncident - 2 : 0;
  // Notes that fill a short lifecycle (closed early, or cut at `end`) count towards minNotes too.
  const fillLifecycle = Math.max(0, lifecycleTarget - steps.length);
  const notes = 1 + steps.filter((step) => step.tag === 'note').length + fillLifecycle;
  const extra = fillLifecycle + Math.max(0, (options.minNotes ?? 0) - notes);
  if (extra > 0) steps = withNotes(random, steps, extra, createdAt, options.end, values);

  return {
    typeCode: scenario.code,
    category: scenario.category,
    neighbourhood: place.name,
    createdAt,
    incident,
    steps: steps.map(({ at, change }) => ({ at, change })),
  };
}

function locationIn(random: Random, place: Neighbourhood): IncidentLocation {
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  // About ±1 km around the neighbourhood's centre.
  const lat = clamp(place.lat + (random() - 0.5) * 0.018, BAGHDAD_BOX.minLat, BAGHDAD_BOX.maxLat);
  const lon = clamp(place.lon + (random() - 0.5) * 0.022, BAGHDAD_BOX.minLon, BAGHDAD_BOX.maxLon);
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const source = pickWeighted(random, ['aml', 'map', 'place', 'manual'] as const, (s) =>
    s === 'aml' ? 5 : s === 'map' ? 3 : 1,
  );
  const accuracyM =
    source === 'aml' ? intBetween(random, 4, 60) : source === 'map' ? 25 : source === 'place' ? 150 : undefined;
  return { lat: round(lat), lon: round(lon), ...(accuracyM !== undefined && { accuracyM }), source };
}

function addressIn(random: Random, place: Neighbourhood, values: Readonly<Record<string, string>>): string {
  const [from, to] = place.mahallas;
  const unit = place.sectors ? 'قطاع' : 'محلة';
  const address =
    random() < 0.6
      ? `${place.name}، ${unit} ${intBetween(random, from, to)}، زقاق ${intBetween(random, 1, 60)}، دار ${intBetween(random, 1, 120)}`
      : `${place.name}، ${values['street'] ?? ''}، ${values['landmark'] ?? ''}`;
  // Dispatchers type either digit set; search normalizes both.
  return random() < 0.3 ? toEasternDigits(address) : address;
}

function lifecycle(
  random: Random,
  scenario: Scenario,
  incident: IncidentPlan['incident'],
  createdAt: number,
  values: Readonly<Record<string, string>>,
): DraftStep[] {
  const steps: DraftStep[] = [];
  let t = createdAt;
  const after = (minMs: number, maxMs: number): number => {
    t += intBetween(random, minMs, maxMs);
    return t;
  };
  const note = (at: number, text: string): void => {
    steps.push({
      at,
      tag: 'note',
      change: { type: 'incident.noteAdded', payload: { noteId: ulidAt(random, at), text: fill(text, values) } },
    });
  };
  const agencies: SeedAgency[] = [...scenario.agencies];
  const fate = random();
  const earlyCancel = fate < 0.04 && incident.priority > 1;
  const stale = !earlyCancel && fate > 0.97; // left open by the shift: the queue always has a few

  if (random() < 0.1) {
    const at = after(40 * SECOND, 6 * MINUTE);
    const second = random() < 0.5;
    steps.push({
      at,
      tag: 'linked',
      change: {
        type: 'incident.callerLinked',
        payload: {
          callId: ulidAt(random, at),
          callerNumber: phoneNumber(random),
          ...(second && { callerName: personName(random) }),
        },
      },
    });
  }
  if (earlyCancel) {
    note(after(1 * MINUTE, 5 * MINUTE), EARLY_CANCEL.note);
    steps.push({
      at: after(30 * SECOND, 2 * MINUTE),
      tag: 'closed',
      change: { type: 'incident.closed', payload: { disposition: EARLY_CANCEL.code } },
    });
    return steps;
  }

  const status = (at: number, value: 'dispatched' | 'en-route' | 'on-scene'): void => {
    steps.push({ at, tag: 'status', change: { type: 'incident.statusChanged', payload: { status: value } } });
  };
  const agencyStatus = (at: number, agency: SeedAgency, value: 'dispatched' | 'on-scene' | 'completed'): void => {
    steps.push({
      at,
      tag: 'agency',
      change: { type: 'incident.agencyStatusChanged', payload: { agency, status: value } },
    });
  };

  status(after(20 * SECOND, 150 * SECOND), 'dispatched');
  for (const agency of agencies) agencyStatus(after(5 * SECOND, 40 * SECOND), agency, 'dispatched');
  status(after(30 * SECOND, 3 * MINUTE), 'en-route');
  if (incident.priority > 1 && random() < 0.06) {
    steps.push({
      at: after(20 * SECOND, 2 * MINUTE),
      tag: 'updated',
      change: {
        type: 'incident.updated',
        payload: {
          priority: incident.priority - 1,
          priorityReason: pick(random, PRIORITY_REASONS),
        },
      },
    });
  }
  status(after(3 * MINUTE, 18 * MINUTE), 'on-scene');
  const first = agencies[0];
  if (first) agencyStatus(after(5 * SECOND, 60 * SECOND), first, 'on-scene');

  let notesLeft = stale ? 3 : 2; // the opening note is one of at most four; the closing note is another
  let disposition = pickWeighted(random, scenario.dispositions, (d) => d.weight);
  for (const escalation of scenario.escalations) {
    if (notesLeft === 0 || random() >= escalation.chance) continue;
    steps.push({
      at: after(1 * MINUTE, 8 * MINUTE),
      tag: 'routed',
      change: { type: 'incident.routed', payload: { agencies: [escalation.agency] } },
    });
    note(after(10 * SECOND, 60 * SECOND), escalation.note);
    notesLeft -= 1;
    agencyStatus(after(1 * MINUTE, 4 * MINUTE), escalation.agency, 'dispatched');
    agencies.push(escalation.agency);
    if (escalation.disposition) disposition = escalation.disposition;
  }
  const sceneNotes = Math.min(notesLeft, intBetween(random, 0, 2));
  for (let i = 0; i < sceneNotes; i++) note(after(2 * MINUTE, 15 * MINUTE), pick(random, scenario.scene));
  if (stale) return steps;

  for (const agency of agencies) agencyStatus(after(2 * MINUTE, 25 * MINUTE), agency, 'completed');
  note(after(1 * MINUTE, 10 * MINUTE), disposition.note);
  steps.push({
    at: after(10 * SECOND, 3 * MINUTE),
    tag: 'closed',
    change: { type: 'incident.closed', payload: { disposition: disposition.code } },
  });
  return steps;
}

/** Drops optional steps (latest first, least important kind first) until at most `target` remain. */
function dropTo(steps: DraftStep[], target: number): DraftStep[] {
  const kept = [...steps];
  for (const tag of ['agency', 'linked', 'updated', 'note', 'status', 'routed', 'closed'] as const) {
    for (let i = kept.length - 1; i >= 0 && kept.length > target; i--) {
      if (kept[i]?.tag === tag) kept.splice(i, 1);
    }
    if (kept.length <= target) break;
  }
  return kept;
}

/** Adds `extra` narrative notes at times inside the incident's life (before it closes, by `end`). */
function withNotes(
  random: Random,
  steps: DraftStep[],
  extra: number,
  createdAt: number,
  end: number,
  values: Readonly<Record<string, string>>,
): DraftStep[] {
  const closed = steps.find((step) => step.tag === 'closed');
  const last = steps.at(-1)?.at ?? createdAt;
  // Room for `extra` distinct milliseconds below the bound, so making times unique never crosses it.
  const bound = closed ? closed.at : Math.min(end, Math.max(last, createdAt) + 30 * MINUTE);
  const until = bound - extra - 1;
  const from = createdAt + 1;
  const added: DraftStep[] = [];
  for (let i = 0; i < extra; i++) {
    const at = from + Math.floor(random() * Math.max(1, until - from));
    added.push({
      at,
      tag: 'note',
      change: {
        type: 'incident.noteAdded',
        payload: { noteId: ulidAt(random, at), text: fill(pick(random, UPDATE_NOTES), values) },
      },
    });
  }
  // Stable sort keeps a planned step before an added note at the same instant; then make the
  // times strictly increasing so the incident's order never depends on ties.
  const merged = [...steps, ...added].sort((a, b) => a.at - b.at);
  let previous = createdAt;
  for (const step of merged) {
    if (step.at <= previous) step.at = previous + 1;
    previous = step.at;
  }
  return merged;
}
