import { z } from 'zod';
import { defaultClassesOfService } from '../protocols/ali';
import { radioUnitStatuses } from '../protocols/radio';
import { formatIssuePath, taxonomyTextSchema, type Taxonomy } from '../taxonomy';
import { unitDefinitionSchema, type UnitDefinition } from '../unit';
import { findAfterCycles } from './schedule';
import { scoringOverridesSchema } from './scoringSettings';

/**
 * A drill scenario (`*.drill.json`, docs/drills.md): a header (title, objectives with the standard
 * each serves, seats, roster, seed, duration) and a list of timed injects that the drill runner
 * sends through the console's real inputs. Pure: the schema checks the shape, `checkScenario` the
 * references (targets of `after`, seats, taxonomy codes, positions), and every problem is named by
 * its path (`injects[3].truth.type: unknown incident type "fire"`).
 *
 * Objects are strict (a misspelt key is an error, not ignored) and injects carry no defaults, so
 * parsed injects write back (MSEL export) exactly as they were read. (An inline roster takes the
 * roster's own defaults.)
 */

export const DRILL_FORMAT = 'nida-drill/1' as const;

/** What a scenario asks of a trainee. */
export const drillLevels = ['beginner', 'intermediate', 'advanced'] as const;
export type DrillLevel = (typeof drillLevels)[number];

/** The work a seat does; bound at start to an operator whose console can do it. */
export const seatRoles = ['call-taker', 'dispatcher', 'shift-lead'] as const;
export type SeatRole = (typeof seatRoles)[number];

/**
 * The scoring rules a contingency inject may wait on (`if.ruleFailed`); the scorer (scoring.ts)
 * gives each inject's result under these ids, each citing its source.
 */
export const drillRuleIds = [
  'answer-time',
  'processing-time',
  'location',
  'callback',
  'classification',
  'units',
  'key-questions',
  'instructions',
  'radio-emergency-ack',
  'radio-backup',
  'outage-entry',
] as const;

/** Kinds of inject and the states each can reach (what `after` and `if.notDone` may name). */
export const injectStatesByKind = {
  call: ['fired', 'answered', 'hung-up', 'incident-created', 'dispatched', 'unit-on-scene', 'closed'],
  radio: ['fired', 'acknowledged'],
  unit: ['fired'],
  outage: ['fired', 'ended'],
  restore: ['fired'],
  note: ['fired'],
} as const satisfies Record<string, readonly string[]>;
export type InjectKind = keyof typeof injectStatesByKind;
export const injectKinds = Object.keys(injectStatesByKind) as InjectKind[];
export const injectStates = [...new Set(Object.values(injectStatesByKind).flat())] as const;
export type InjectState = (typeof injectStates)[number];

/** Links an outage can take down: the ALI serial line, the AVL broker, the link to the center. */
export const drillLinks = ['serial', 'broker', 'center'] as const;

/** How a role player speaks (shown with the caller script). */
export const callerManners = ['calm', 'anxious', 'panicked', 'angry', 'confused', 'whispering', 'child'] as const;

/** Longest scenario: a full night shift. */
export const DRILL_MAX_SECONDS = 12 * 3600;

const ID_PATTERN = /^[a-z0-9][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEAT_PATTERN = /^[a-z][A-Za-z0-9]{0,39}$/;
/** Key question `q1`… and instruction `i1`…, 1-based in the order of the incident type's lists. */
const QUESTION_KEY = /^q([1-9][0-9]?)$/;
const INSTRUCTION_KEY = /^i([1-9][0-9]?)$/;

const idSchema = z
  .string({ error: 'must be a string id' })
  .max(64, 'id is longer than 64 characters')
  .regex(ID_PATTERN, 'must be a lower-kebab id such as "call-1"');

const seatIdSchema = z
  .string({ error: 'must be a seat id' })
  .regex(SEAT_PATTERN, 'must be a camelCase seat id such as "callTaker1"');

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, `longer than ${String(max)} characters`)
    .refine((value) => value.trim() !== '', 'must not be empty');

const seconds = (what: string, min = 0) =>
  z
    .number({ error: `${what} must be a number of seconds` })
    .int(`${what} must be whole seconds`)
    .min(min, `${what} must be at least ${String(min)}`)
    .max(DRILL_MAX_SECONDS, `${what} must be at most ${String(DRILL_MAX_SECONDS)} (12 hours)`);

export const drillPointSchema = z.strictObject({
  lat: z.number({ error: 'lat must be a number' }).min(-90).max(90),
  lon: z.number({ error: 'lon must be a number' }).min(-180).max(180),
});

const aliPositionSchema = z.strictObject({
  lat: z.number({ error: 'lat must be a number' }).min(-90).max(90),
  lon: z.number({ error: 'lon must be a number' }).min(-180).max(180),
  /** Radius in metres the caller is within. */
  uncertaintyM: z.number().int().min(0).max(50_000),
  confidencePct: z.number().int().min(0).max(100).optional(),
});

const aliAddressSchema = z.strictObject({
  houseNumber: text(10).optional(),
  street: text(60).optional(),
  community: text(60).optional(),
  /** Building, floor; on WPH1 the carrier's cell and sector. */
  locationText: text(120).optional(),
});

/** The ALI record the serial line carries when the call rings. */
export const drillAliSchema = z.strictObject({
  /** As sent on the wire (`RESD`, `WPH2`, …): one of the codes the ALI parser knows. */
  classOfService: z.enum(Object.keys(defaultClassesOfService) as [string, ...string[]], {
    error: `must be a class-of-service code: ${Object.keys(defaultClassesOfService).join(', ')}`,
  }),
  callback: z.string().regex(/^\+?[0-9]{7,15}$/, 'must be a phone number, digits with an optional leading +'),
  callerName: text(60).optional(),
  position: aliPositionSchema.optional(),
  address: aliAddressSchema.optional(),
  /** A second record with a better position, `afterSeconds` after the ring (a rebid). */
  rebid: z.strictObject({ afterSeconds: seconds('afterSeconds', 1), position: aliPositionSchema }).optional(),
  /** The caller hangs up this long after the ring, answered or not. */
  hangUpAfterSeconds: seconds('hangUpAfterSeconds', 1).optional(),
});

/** What the role player says: an opening line, answers keyed to the type's key questions, a manner. */
export const callerScriptSchema = z.strictObject({
  opening: text(400),
  answers: z.record(
    z.string().regex(QUESTION_KEY, 'answers are keyed q1, q2, … (the type’s key questions)'),
    text(400),
  ),
  manner: z.enum(callerManners),
  /** Anything else the role player may say when asked (a landmark, a second number). */
  notes: text(400).optional(),
});

/** What the trainee should end with; the scorer compares against it. */
export const callTruthSchema = z.strictObject({
  type: z.string(),
  priority: z.number().int().min(1, 'priority is 1–4').max(4, 'priority is 1–4'),
  agencies: z.array(z.string()).min(1, 'at least one agency'),
  location: z.strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    /** The address the caller gives when asked (how the trainee should write it). */
    address: text(200).optional(),
  }),
  capabilities: z.array(z.string()),
  /** Key questions to ask (`q1`…); omitted: all of the type's. */
  questions: z.array(z.string().regex(QUESTION_KEY, 'key questions are q1, q2, …')).optional(),
  /** Instructions to read (`i1`…); omitted: all of the type's. */
  instructions: z.array(z.string().regex(INSTRUCTION_KEY, 'instructions are i1, i2, …')).optional(),
});

const afterSchema = z.strictObject({
  inject: idSchema,
  state: z.enum(injectStates, { error: `state must be one of ${injectStates.join(', ')}` }),
  delaySeconds: seconds('delaySeconds'),
});

/** A contingency: the inject fires at its time only if this holds then. */
const conditionSchema = z.union(
  [
    z.strictObject({ notDone: z.strictObject({ inject: idSchema, state: z.enum(injectStates) }) }),
    z.strictObject({ ruleFailed: z.strictObject({ rule: z.enum(drillRuleIds), inject: idSchema.optional() }) }),
  ],
  { error: 'if must be { notDone: { inject, state } } or { ruleFailed: { rule, inject? } }' },
);

/** Fields every inject has: exactly one of `at`, `after`, `manual`. */
const injectBase = {
  id: idSchema,
  at: seconds('at').optional(),
  after: afterSchema.optional(),
  manual: z.literal(true, { error: 'manual is true or absent' }).optional(),
  if: conditionSchema.optional(),
  seat: seatIdSchema.optional(),
  /** One line for the trainer's board and the MSEL sheet. */
  summary: text(160).optional(),
  /** What the trainee is expected to do (MSEL "expected action"). */
  expectedAction: text(400).optional(),
  /** For the controller only, never shown to trainees. */
  controllerNote: text(400).optional(),
};

export const callInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('call'),
  ali: drillAliSchema,
  caller: callerScriptSchema,
  truth: callTruthSchema,
});

export const radioInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('radio'),
  /** The radio's MDC id (4 upper-case hex digits), as the roster lists it. */
  radioId: z.string().regex(/^[0-9A-F]{4}$/, 'must be 4 upper-case hex digits (e.g. "1A05")'),
  signal: z.enum(['status', 'emergency']),
  status: z.enum(radioUnitStatuses).optional(),
  position: drillPointSchema.optional(),
  /** Sent again, as a radio repeats an unanswered emergency. */
  repeats: z
    .strictObject({ count: z.number().int().min(1).max(20), everySeconds: seconds('everySeconds', 1) })
    .optional(),
});

export const unitInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('unit'),
  unit: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be a unit id such as "U-105"'),
  action: z.enum(['move', 'stop-reporting', 'out-of-service']),
  to: drillPointSchema.optional(),
  speedKmh: z.number().min(1).max(200).optional(),
});

export const outageInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('outage'),
  link: z.enum(drillLinks),
  /** Restored by itself after this long; without it a `restore` inject ends it. */
  durationSeconds: seconds('durationSeconds', 1).optional(),
});

export const restoreInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('restore'),
  link: z.enum(drillLinks),
});

export const noteInjectSchema = z.strictObject({
  ...injectBase,
  kind: z.literal('note'),
  text: text(400),
});

export const injectSchema = z.discriminatedUnion(
  'kind',
  [callInjectSchema, radioInjectSchema, unitInjectSchema, outageInjectSchema, restoreInjectSchema, noteInjectSchema],
  {
    error: (issue) => (issue.input === undefined ? 'missing inject' : `kind must be one of ${injectKinds.join(', ')}`),
  },
);
export type Inject = z.infer<typeof injectSchema>;
export type CallInject = z.infer<typeof callInjectSchema>;

export const seatSchema = z.strictObject({
  id: seatIdSchema,
  role: z.enum(seatRoles),
  /** Shown when binding seats (e.g. "متلقي المكالمات 1"). */
  name: text(60).optional(),
});
export type Seat = z.infer<typeof seatSchema>;

export const objectiveSchema = z.strictObject({
  id: idSchema,
  text: taxonomyTextSchema,
  /** The standard it serves: `NENA-STA-020.1`, `NFPA 1225`, `local policy`, … */
  standard: text(80),
  /** The scoring rules that measure it. */
  rules: z.array(z.enum(drillRuleIds)).optional(),
});

/** The units on the drill's board: a roster file under resources/demo, or the units themselves. */
export const rosterSchema = z.union(
  [
    z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]+\.json$/, 'a file name under resources/demo') }),
    z.strictObject({ units: z.array(unitDefinitionSchema).min(1).max(500) }),
  ],
  { error: 'roster must be { file: "units.json" } or { units: [ … ] }' },
);

export const scenarioSchema = z.strictObject({
  format: z.literal(DRILL_FORMAT, { error: `format must be "${DRILL_FORMAT}"` }),
  id: idSchema,
  version: z.number().int().min(1),
  title: taxonomyTextSchema,
  description: taxonomyTextSchema.optional(),
  level: z.enum(drillLevels),
  /** Seeds every random choice of the run (unit simulator, jitter), so a run repeats exactly. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  roster: rosterSchema,
  seats: z.array(seatSchema).min(1, 'at least one seat').max(20),
  objectives: z.array(objectiveSchema).min(1, 'at least one objective').max(30),
  durationSeconds: seconds('durationSeconds', 60),
  /** This scenario's changes to the scoring thresholds (after the center's); see scoringSettings.ts. */
  scoring: scoringOverridesSchema.optional(),
  injects: z.array(injectSchema).min(1, 'at least one inject').max(500),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export interface ScenarioIssue {
  /** `injects[2].truth.type`, or `(root)`. */
  readonly path: string;
  readonly message: string;
}

export type ScenarioResult = { ok: true; value: Scenario } | { ok: false; errors: readonly ScenarioIssue[] };

/** What the cross-checks compare against. */
export interface ScenarioContext {
  readonly taxonomy: Taxonomy;
  /** The roster's units when known (a file roster is read by the caller); unit and radio ids are checked against it. */
  readonly rosterUnits?: readonly UnitDefinition[];
  /** Seats to check injects against; default the scenario's. `null`: do not check (an MSEL sheet alone). */
  readonly seats?: readonly string[] | null;
}

/** Iraq's extent with a small margin: a drill position outside it is a typo (swapped lat/lon, a sign). */
export const IRAQ_BOX = { minLat: 29.0, maxLat: 37.4, minLon: 38.7, maxLon: 48.7 } as const;

export function insideIraq(point: { lat: number; lon: number }): boolean {
  return (
    point.lat >= IRAQ_BOX.minLat &&
    point.lat <= IRAQ_BOX.maxLat &&
    point.lon >= IRAQ_BOX.minLon &&
    point.lon <= IRAQ_BOX.maxLon
  );
}

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

function checkTiming(inject: Inject, at: Path, report: Report): void {
  const count = [inject.at !== undefined, inject.after !== undefined, inject.manual === true].filter(Boolean).length;
  if (count !== 1) report(at, 'give exactly one of at, after, manual');
  if ((inject.kind === 'call' || inject.kind === 'radio') && inject.seat === undefined) {
    report([...at, 'seat'], `a ${inject.kind} inject needs the seat it reaches`);
  }
  if (inject.kind === 'radio' && (inject.signal === 'status') !== (inject.status !== undefined)) {
    report(
      [...at, 'status'],
      inject.signal === 'status' ? 'a status line needs a status' : 'only a status line has a status',
    );
  }
  if (inject.kind === 'unit' && (inject.action === 'move') !== (inject.to !== undefined)) {
    report(
      [...at, 'to'],
      inject.action === 'move' ? 'a move needs a destination (to)' : 'only a move has a destination',
    );
  }
}

function checkStateOf(
  target: string,
  state: string,
  kinds: ReadonlyMap<string, InjectKind>,
  at: Path,
  report: Report,
): void {
  const kind = kinds.get(target);
  if (kind === undefined) {
    report([...at, 'inject'], `unknown inject "${target}"`);
    return;
  }
  const states: readonly string[] = injectStatesByKind[kind];
  if (!states.includes(state))
    report([...at, 'state'], `a ${kind} inject has no state "${state}" (${states.join(', ')})`);
}

function checkPoint(point: { lat: number; lon: number } | undefined, at: Path, report: Report): void {
  if (point !== undefined && !insideIraq(point)) {
    report(
      at,
      `${String(point.lat)}, ${String(point.lon)} is outside Iraq (lat ${String(IRAQ_BOX.minLat)}–${String(IRAQ_BOX.maxLat)}, lon ${String(IRAQ_BOX.minLon)}–${String(IRAQ_BOX.maxLon)})`,
    );
  }
}

function checkCall(inject: CallInject, at: Path, taxonomy: Taxonomy, report: Report): void {
  checkPoint(inject.ali.position, [...at, 'ali', 'position'], report);
  checkPoint(inject.ali.rebid?.position, [...at, 'ali', 'rebid', 'position'], report);
  checkPoint(inject.truth.location, [...at, 'truth', 'location'], report);
  const truth = inject.truth;
  const type = taxonomy.types.find((candidate) => candidate.code === truth.type);
  if (type === undefined) report([...at, 'truth', 'type'], `unknown incident type "${truth.type}"`);
  else if (type.deprecated === true) report([...at, 'truth', 'type'], `incident type "${truth.type}" is deprecated`);
  const agencies = new Set(taxonomy.agencies.map((agency) => agency.code));
  truth.agencies.forEach((code, index) => {
    if (!agencies.has(code)) report([...at, 'truth', 'agencies', index], `unknown agency "${code}"`);
  });
  const capabilities = new Set(taxonomy.capabilities.map((capability) => capability.code));
  truth.capabilities.forEach((code, index) => {
    if (!capabilities.has(code)) report([...at, 'truth', 'capabilities', index], `unknown capability "${code}"`);
  });
  if (type === undefined) return;
  const questionCount = type.questions.length;
  const outOfRange = (key: string, pattern: RegExp, count: number): boolean =>
    Number(pattern.exec(key)?.[1] ?? 0) > count;
  for (const key of Object.keys(inject.caller.answers)) {
    if (outOfRange(key, QUESTION_KEY, questionCount)) {
      report([...at, 'caller', 'answers', key], `"${type.code}" has ${String(questionCount)} key questions`);
    }
  }
  (truth.questions ?? []).forEach((key, index) => {
    if (outOfRange(key, QUESTION_KEY, questionCount)) {
      report([...at, 'truth', 'questions', index], `"${type.code}" has ${String(questionCount)} key questions`);
    }
  });
  (truth.instructions ?? []).forEach((key, index) => {
    if (outOfRange(key, INSTRUCTION_KEY, type.instructions.length)) {
      report(
        [...at, 'truth', 'instructions', index],
        `"${type.code}" has ${String(type.instructions.length)} instructions`,
      );
    }
  });
}

/**
 * The checks after the schema: duplicate ids, `after`/`if` targets and their states, cycles of
 * `after`, seats, taxonomy codes, positions inside Iraq, and (when the roster is known) unit and radio ids.
 */
export function checkInjects(
  injects: readonly Inject[],
  context: ScenarioContext,
  prefix: Path = ['injects'],
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const report: Report = (path, message) => issues.push({ path: formatIssuePath(path), message });
  const kinds = new Map<string, InjectKind>();
  injects.forEach((inject, index) => {
    if (kinds.has(inject.id)) report([...prefix, index, 'id'], `duplicate inject id "${inject.id}"`);
    else kinds.set(inject.id, inject.kind);
  });
  const seats = context.seats === undefined || context.seats === null ? null : new Set(context.seats);
  const units = context.rosterUnits;
  injects.forEach((inject, index) => {
    const at: Path = [...prefix, index];
    checkTiming(inject, at, report);
    if (inject.after !== undefined)
      checkStateOf(inject.after.inject, inject.after.state, kinds, [...at, 'after'], report);
    if (inject.if !== undefined && 'notDone' in inject.if) {
      checkStateOf(inject.if.notDone.inject, inject.if.notDone.state, kinds, [...at, 'if', 'notDone'], report);
    }
    if (inject.if !== undefined && 'ruleFailed' in inject.if && inject.if.ruleFailed.inject !== undefined) {
      if (!kinds.has(inject.if.ruleFailed.inject)) {
        report([...at, 'if', 'ruleFailed', 'inject'], `unknown inject "${inject.if.ruleFailed.inject}"`);
      }
    }
    if (seats !== null && inject.seat !== undefined && !seats.has(inject.seat)) {
      report([...at, 'seat'], `seat "${inject.seat}" is not declared in seats`);
    }
    if (inject.kind === 'call') checkCall(inject, at, context.taxonomy, report);
    if (inject.kind === 'radio') {
      checkPoint(inject.position, [...at, 'position'], report);
      if (units !== undefined && !units.some((unit) => unit.radioId === inject.radioId)) {
        report([...at, 'radioId'], `no unit of the roster has radio id ${inject.radioId}`);
      }
    }
    if (inject.kind === 'unit') {
      checkPoint(inject.to, [...at, 'to'], report);
      if (units !== undefined && !units.some((unit) => unit.id === inject.unit)) {
        report([...at, 'unit'], `no unit "${inject.unit}" in the roster`);
      }
    }
  });
  for (const cycle of findAfterCycles(injects)) {
    const index = injects.findIndex((inject) => inject.id === cycle[0]);
    report([...prefix, index, 'after', 'inject'], `after chain loops: ${[...cycle, cycle[0]].join(' → ')}`);
  }
  return issues;
}

/** Cross-checks of a whole scenario (header and injects). */
export function checkScenario(scenario: Scenario, context: ScenarioContext): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const uniqueIds = (items: readonly { id: string }[], list: string): string[] => {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, index);
      else {
        const path = `${list}[${String(index)}].id`;
        issues.push({ path, message: `duplicate id "${item.id}" (also ${list}[${String(earlier)}])` });
      }
    });
    return [...first.keys()];
  };
  const seats = uniqueIds(scenario.seats, 'seats');
  uniqueIds(scenario.objectives, 'objectives');
  const rosterUnits = context.rosterUnits ?? ('units' in scenario.roster ? scenario.roster.units : undefined);
  issues.push(
    ...checkInjects(scenario.injects, {
      taxonomy: context.taxonomy,
      ...(rosterUnits !== undefined && { rosterUnits }),
      seats: context.seats === undefined ? seats : context.seats,
    }),
  );
  scenario.injects.forEach((inject, index) => {
    if (inject.at !== undefined && inject.at > scenario.durationSeconds) {
      issues.push({
        path: `injects[${String(index)}].at`,
        message: `${String(inject.at)} s is after the drill ends (${String(scenario.durationSeconds)} s)`,
      });
    }
  });
  return issues;
}

function schemaIssues(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Validates a parsed `.drill.json`: the schema, then the cross-checks. Never throws. */
export function parseScenario(raw: unknown, context: ScenarioContext): ScenarioResult {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: schemaIssues(parsed.error) };
  const errors = checkScenario(parsed.data, context);
  return errors.length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors };
}

/** `path: message`, one per line, as the CLI prints them. */
export function formatScenarioIssues(issues: readonly ScenarioIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}
