import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import {
  applyPlans,
  planIncidents,
  SEED_ACTOR,
  SEED_AGENCIES,
  SEED_SCENARIOS,
  type IncidentPlan,
} from '../../../src-main/services/store/seed';
import { Store } from '../../../src-main/services/store/store';
import { parseTaxonomy, typeByCode, type Taxonomy } from '../../../src-shared/domain/taxonomy';
import {
  applyIncidentEvent,
  incidentEventPayloads,
  type IncidentEvent,
  type IncidentRecord,
} from '../../../src-shared/domain/incident';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { readDatabase } from '../support/readDatabase';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 29, 9, 0, 0);
const START = END - 7 * DAY;
const ARABIC = /[\u0600-\u06FF]/;

const TAXONOMY_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'taxonomy', 'taxonomy.json');

/** The taxonomy the console ships, read from the file (not through the generator's own import). */
function shippedTaxonomy(): Taxonomy {
  const result = parseTaxonomy(JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')));
  if (!result.ok) throw new Error(`shipped taxonomy is invalid:\n${result.errors.join('\n')}`);
  return result.value;
}

/** The events a plan turns into, in order, as the store would stamp them. */
function eventsOf(plan: IncidentPlan): IncidentEvent[] {
  const incidentId = 'PLAN';
  const envelope = { incidentId, hlc: '', actor: SEED_ACTOR, consoleId: 'C1' };
  const { note, ...fields } = plan.incident;
  const created = {
    ...envelope,
    id: 'created',
    at: plan.createdAt,
    type: 'incident.created',
    payload: { number: 'BGD-261129-C1-0001', ...fields },
  } as IncidentEvent;
  const opening = {
    ...envelope,
    id: 'opening',
    at: plan.createdAt,
    type: 'incident.noteAdded',
    payload: { noteId: 'opening', text: note },
  } as IncidentEvent;
  const steps = plan.steps.map((step, index) => ({ ...envelope, id: `step-${index}`, at: step.at, ...step.change }));
  return [created, opening, ...steps];
}

function fold(plan: IncidentPlan): IncidentRecord {
  let state: IncidentRecord | null = null;
  for (const event of eventsOf(plan)) state = applyIncidentEvent(state, event);
  if (!state) throw new Error('no events');
  return state;
}

function notesOf(plan: IncidentPlan): string[] {
  return eventsOf(plan).flatMap((event) => (event.type === 'incident.noteAdded' ? [event.payload.text] : []));
}

describe('the synthetic incident generator', () => {
  const plans = planIncidents({ count: 1500, seed: 'test', start: START, end: END });

  it('given the same seed, when plans are generated twice, then they are identical; another seed differs', () => {
    const again = planIncidents({ count: 1500, seed: 'test', start: START, end: END });
    const other = planIncidents({ count: 1500, seed: 'other', start: START, end: END });

    expect(again).toEqual(plans);
    expect(other).not.toEqual(plans);
    expect(JSON.stringify(again)).toBe(JSON.stringify(plans));
  });

  it('given plans, then every event payload satisfies the domain schemas and folds without a conflict', () => {
    for (const plan of plans) {
      for (const event of eventsOf(plan)) {
        const parsed = incidentEventPayloads[event.type].safeParse(event.payload);
        expect(parsed.success, `${plan.typeCode} ${event.type}: ${JSON.stringify(event.payload)}`).toBe(true);
      }
      expect(() => fold(plan)).not.toThrow();
    }
  });

  it('given plans, then every location is inside Baghdad', () => {
    for (const plan of plans) {
      const location = plan.incident.location;
      expect(location).toBeDefined();
      expect(location?.lat).toBeGreaterThanOrEqual(33.2);
      expect(location?.lat).toBeLessThanOrEqual(33.45);
      expect(location?.lon).toBeGreaterThanOrEqual(44.25);
      expect(location?.lon).toBeLessThanOrEqual(44.55);
    }
  });

  it('given plans, then every scenario occurs and every category is a taxonomy category', () => {
    const taxonomy = shippedTaxonomy();
    const types = new Set(plans.map((plan) => plan.typeCode));
    expect([...types].sort()).toEqual(SEED_SCENARIOS.map((scenario) => scenario.code).sort());
    const categories = new Set(plans.map((plan) => plan.category));
    expect([...categories].sort()).toEqual(
      [...new Set(SEED_SCENARIOS.map((scenario) => typeByCode(taxonomy, scenario.code)?.category))].sort(),
    );
    const known = taxonomy.categories.map((category) => category.code);
    for (const category of categories) expect(known).toContain(category);
  });
  it('given plans, then callers, addresses and 1-4 notes read like a Baghdad call: Arabic text, Iraqi mobiles', () => {
    for (const plan of plans) {
      expect(plan.incident.callerNumber).toMatch(/^07[578]\d{8}$/);
      if (plan.incident.callerName !== undefined) expect(plan.incident.callerName).toMatch(ARABIC);
      expect(plan.incident.address).toMatch(ARABIC);
      expect(plan.incident.address).toContain(plan.neighbourhood);
      const notes = notesOf(plan);
      expect(notes.length).toBeGreaterThanOrEqual(1);
      expect(notes.length).toBeLessThanOrEqual(4);
      for (const note of notes) {
        expect(note).toMatch(ARABIC);
        expect(note).not.toMatch(/[{}]/);
      }
    }
  });

  it('given plans, then times are ordered, inside the window, and most incidents older than a day are closed', () => {
    for (const [index, plan] of plans.entries()) {
      expect(plan.createdAt).toBeGreaterThanOrEqual(START);
      expect(plan.createdAt).toBeLessThanOrEqual(END);
      if (index > 0) expect(plan.createdAt).toBeGreaterThanOrEqual(plans[index - 1]!.createdAt);
      expect(plan.incident.answeredAt).toBeLessThan(plan.createdAt);
      expect(plan.incident.receivedAt).toBeLessThan(plan.incident.answeredAt!);
      let previous = plan.createdAt;
      for (const step of plan.steps) {
        expect(step.at).toBeGreaterThan(previous);
        expect(step.at).toBeLessThanOrEqual(END);
        previous = step.at;
      }
    }
    const older = plans.filter((plan) => plan.createdAt < END - DAY);
    const closed = older.filter((plan) => fold(plan).status === 'closed');
    expect(closed.length / older.length).toBeGreaterThan(0.9);
    expect(closed.length).toBeLessThan(older.length); // a few are always left open on the queue
  });

  it('given eventsPerIncident and minNotes, then every incident has exactly that lifecycle plus notes up to the minimum', () => {
    const fixed = planIncidents({ count: 400, seed: 5, start: START, end: END, eventsPerIncident: 10 });
    expect(fixed).toHaveLength(400);
    for (const plan of fixed) expect(2 + plan.steps.length).toBe(10);

    const narrated = planIncidents({
      count: 400,
      seed: 5,
      start: START,
      end: END,
      eventsPerIncident: 10,
      minNotes: 10,
    });
    for (const plan of narrated) {
      const events = 2 + plan.steps.length;
      const notes = notesOf(plan).length;
      // Notes are added on top of the 10-event lifecycle, which has at most 9 other events.
      expect(notes).toBe(10);
      expect(events - notes).toBeGreaterThanOrEqual(1);
      expect(events - notes).toBeLessThanOrEqual(9);
      expect(events).toBeGreaterThan(10);
      expect(() => fold(plan)).not.toThrow();
    }
  });
});

describe('the synthetic incidents against the shipped taxonomy', () => {
  const taxonomy = shippedTaxonomy();
  const agencyCodes = taxonomy.agencies.map((agency) => agency.code);
  const dispositionCodes = taxonomy.dispositions.map((disposition) => disposition.code);

  it("given every scenario, then its type is an active taxonomy type, its agencies are exactly that type's, and its escalations and dispositions exist", () => {
    for (const scenario of SEED_SCENARIOS) {
      const type = typeByCode(taxonomy, scenario.code);
      expect(type, `type "${scenario.code}"`).toBeDefined();
      expect(type?.deprecated, scenario.code).not.toBe(true);
      expect(scenario.category, scenario.code).toBe(type?.category);
      expect(scenario.agencies, scenario.code).toEqual(type?.agencies);
      for (const escalation of scenario.escalations) {
        expect(agencyCodes, `${scenario.code} escalation`).toContain(escalation.agency);
        expect(scenario.agencies, `${scenario.code} escalates to an agency it already has`).not.toContain(
          escalation.agency,
        );
        if (escalation.disposition) expect(dispositionCodes, scenario.code).toContain(escalation.disposition.code);
      }
      for (const disposition of scenario.dispositions)
        expect(dispositionCodes, scenario.code).toContain(disposition.code);
    }
    for (const agency of Object.keys(SEED_AGENCIES)) expect(agencyCodes).toContain(agency);
  });

  it.each(['taxonomy', 911, 'demo-2026'])(
    "given 500 plans from seed %s, then every type, category, agency and disposition resolves, and each incident starts with its type's agencies",
    (seed) => {
      const seeded = planIncidents({ count: 500, seed, start: START, end: END });
      for (const plan of seeded) {
        const type = typeByCode(taxonomy, plan.typeCode);
        expect(type, `type "${plan.typeCode}"`).toBeDefined();
        if (type === undefined) continue;
        expect(type.deprecated, plan.typeCode).not.toBe(true);
        expect(plan.incident.typeCode).toBe(type.code);
        expect(plan.category, plan.typeCode).toBe(type.category);
        expect(plan.incident.agencies, plan.typeCode).toEqual(type.agencies);

        const routed = new Set(plan.incident.agencies);
        for (const { change } of plan.steps) {
          if (change.type === 'incident.routed') {
            for (const agency of change.payload.agencies) {
              expect(agencyCodes, `${plan.typeCode} routed to`).toContain(agency);
              expect(routed.has(agency), `${plan.typeCode} routed twice to ${agency}`).toBe(false);
              routed.add(agency);
            }
          }
          if (change.type === 'incident.agencyStatusChanged') {
            expect([...routed], `${plan.typeCode} status of an unrouted agency`).toContain(change.payload.agency);
          }
          if (change.type === 'incident.closed') {
            expect(dispositionCodes, plan.typeCode).toContain(change.payload.disposition);
          }
        }
        for (const entry of fold(plan).agencies) expect(agencyCodes).toContain(entry.agency);
      }
    },
  );
});

describe('applying plans to a store', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given plans, when applied through the store, then incidents, notes, search and the audit chain are what the console would write', () => {
    const clock = manualClock(START);
    const store = Store.open({
      path: join(tempDir(), 'drill.db'),
      centerCode: 'BGD',
      consoleCode: 'C1',
      timeZone: 'Asia/Baghdad',
      clock,
      logger: silentLogger(),
      durability: 'NORMAL',
    });
    defer(() => store.close());
    const plans = planIncidents({ count: 120, seed: 'store', start: START, end: END });

    const result = applyPlans(store, plans, { clock, batchSize: 50 });

    const expectedEvents = plans.reduce((sum, plan) => sum + 2 + plan.steps.length, 0);
    const expectedOpen = plans.filter((plan) => fold(plan).status !== 'closed').length;
    expect(result).toMatchObject({ incidents: 120, events: expectedEvents, open: expectedOpen });
    readDatabase(store, (db) => {
      expect(db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 120 });
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: expectedEvents });
      expect(db.prepare('SELECT DISTINCT actor FROM events').all()).toEqual([{ actor: SEED_ACTOR }]);
    });
    expect(store.listOpen({ limit: 500 })).toHaveLength(expectedOpen);
    expect(store.verifyAudit()).toMatchObject({ ok: true, events: expectedEvents });

    // Events carry the planned times, so incident numbers follow the Baghdad date of creation.
    const rows = readDatabase(store, (db) =>
      db
        .prepare<[], { number: string; created_at: number }>('SELECT number, created_at FROM incidents ORDER BY seq')
        .all(),
    );
    expect(rows.map((row) => row.created_at)).toEqual(plans.map((plan) => plan.createdAt));
    expect(rows[0]?.number).toMatch(/^BGD-\d{6}-C1-0001$/);

    const words = plans[0]!.incident.note.split(/\s+/).filter((word) => word.length > 3);
    expect(store.search(words[0]!, 50).length).toBeGreaterThan(0);
  });

  it('given plans out of time order, when applied, then the store refuses before writing them', () => {
    const clock = manualClock(START);
    const store = Store.open({
      path: join(tempDir(), 'demo.db'),
      centerCode: 'BGD',
      consoleCode: 'C1',
      timeZone: 'Asia/Baghdad',
      clock,
      logger: silentLogger(),
    });
    defer(() => store.close());
    const plans = planIncidents({ count: 3, seed: 1, start: START, end: END });

    expect(() => applyPlans(store, [...plans].reverse(), { clock, batchSize: 10 })).toThrow(/oldest first/);
    expect(readDatabase(store, (db) => db.prepare('SELECT count(*) AS n FROM incidents').get())).toEqual({ n: 0 });
  });
});
