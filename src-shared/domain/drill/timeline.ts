import { z } from 'zod';
import { drillLinks } from './scenario';

/**
 * A drill's timeline: what happened during a run, as an ordered list of facts in **drill seconds**
 * (from the start, pauses already excluded: the runner maps wall time to drill time before a fact
 * gets here). The scorer reads nothing else, so a run scores the same live, at its end and when its
 * stored events are read back later. Each fact names the seat (and operator) that acted, and the call,
 * incident or inject it concerns; the scorer links calls to injects (`call-rang`) and incidents to
 * calls (`incident-created`, `call-attached`) itself.
 */

const idSchema = z.string().trim().min(1).max(80);
const seatSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'must be a seat id such as "callTaker1"');
const codeSchema = z.string().trim().min(1).max(64);

/** Drill seconds; fractions allowed (the runner's clock has milliseconds). */
const drillSecondsSchema = z
  .number()
  .min(0, 'drill time is never negative')
  .max(12 * 3600 * 4);

/** Who acted: the seat, and the operator bound to it. */
const actor = { seat: seatSchema, operator: z.string().trim().min(1).max(80) };
const at = { t: drillSecondsSchema };

const classification = {
  type: codeSchema,
  priority: z.number().int().min(1).max(4),
  agencies: z.array(codeSchema).max(20),
};

export const timelineFactSchema = z.discriminatedUnion('kind', [
  /** The runner sent an inject (any kind). */
  z.strictObject({ kind: z.literal('inject-fired'), ...at, injectId: idSchema }),
  /** A drill call reached the queue: this links the console's call id to the inject. */
  z.strictObject({ kind: z.literal('call-rang'), ...at, callId: idSchema, injectId: idSchema, seat: seatSchema }),
  z.strictObject({ kind: z.literal('call-answered'), ...at, callId: idSchema, ...actor }),
  /** The caller hung up (answered or not). */
  z.strictObject({ kind: z.literal('call-hung-up'), ...at, callId: idSchema }),
  /** The call-taker released the call: what was not asked by now never will be. */
  z.strictObject({ kind: z.literal('call-ended'), ...at, callId: idSchema, ...actor }),
  /** The caller's location (and callback number) as the call-taker entered or confirmed it. */
  z.strictObject({
    kind: z.literal('location-entered'),
    ...at,
    callId: idSchema,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    callbackFilled: z.boolean(),
    ...actor,
  }),
  /**
   * An incident made from a call (`callId`), or by hand for a drill call that never reached the console
   * (an ALI outage: `injectId`, as the runner knows it).
   */
  z.strictObject({
    kind: z.literal('incident-created'),
    ...at,
    incidentId: idSchema,
    callId: idSchema.optional(),
    injectId: idSchema.optional(),
    ...classification,
    ...actor,
  }),
  /** The incident's classification after a change (all three fields, as they are now). */
  z.strictObject({ kind: z.literal('incident-updated'), ...at, incidentId: idSchema, ...classification, ...actor }),
  /** A call joined an existing incident (a repeat or duplicate call). */
  z.strictObject({ kind: z.literal('call-attached'), ...at, callId: idSchema, incidentId: idSchema, ...actor }),
  z.strictObject({
    kind: z.literal('unit-dispatched'),
    ...at,
    incidentId: idSchema,
    unitId: idSchema,
    /** What the unit carries (taxonomy capability codes). */
    capabilities: z.array(codeSchema).max(30),
    /** Straight-line distance to the scene when it was sent. */
    distanceM: z.number().min(0),
    /** Units that were free at that moment, could do the same job, and were closer than this one. */
    closerFreeUnits: z.array(z.strictObject({ unitId: idSchema, distanceM: z.number().min(0) })).max(50),
    ...actor,
  }),
  z.strictObject({ kind: z.literal('unit-arrived'), ...at, incidentId: idSchema, unitId: idSchema }),
  z.strictObject({ kind: z.literal('incident-closed'), ...at, incidentId: idSchema, ...actor }),
  /** A key question of `type` (`q1`… in the type's order) asked of the caller. */
  z.strictObject({
    kind: z.literal('key-question-asked'),
    ...at,
    callId: idSchema,
    type: codeSchema,
    key: z.string().regex(/^q[1-9][0-9]?$/, 'key questions are q1, q2, …'),
    ...actor,
  }),
  /** A pre-arrival instruction of `type` (`i1`…) read to the caller. */
  z.strictObject({
    kind: z.literal('instruction-read'),
    ...at,
    callId: idSchema,
    type: codeSchema,
    key: z.string().regex(/^i[1-9][0-9]?$/, 'instructions are i1, i2, …'),
    ...actor,
  }),
  z.strictObject({
    kind: z.literal('radio-emergency-raised'),
    ...at,
    injectId: idSchema,
    radioId: z.string().regex(/^[0-9A-F]{4}$/),
    unitId: idSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('radio-emergency-acknowledged'), ...at, injectId: idSchema, ...actor }),
  /** A unit sent to back up the unit whose radio raised the emergency. */
  z.strictObject({ kind: z.literal('backup-sent'), ...at, injectId: idSchema, unitId: idSchema, ...actor }),
  z.strictObject({ kind: z.literal('outage-started'), ...at, link: z.enum(drillLinks), injectId: idSchema.optional() }),
  z.strictObject({
    kind: z.literal('outage-restored'),
    ...at,
    link: z.enum(drillLinks),
    injectId: idSchema.optional(),
  }),
  /** The call-taker logged a drill call by hand while the line was down (the outage procedure). */
  z.strictObject({ kind: z.literal('call-logged-during-outage'), ...at, injectId: idSchema, ...actor }),
  /** That hand-logged call entered in the console once the line was back. */
  z.strictObject({
    kind: z.literal('call-entered-after-restore'),
    ...at,
    injectId: idSchema,
    callId: idSchema.optional(),
    ...actor,
  }),
]);
export type TimelineFact = z.infer<typeof timelineFactSchema>;
export type TimelineFactKind = TimelineFact['kind'];
export type FactOf<K extends TimelineFactKind> = Extract<TimelineFact, { kind: K }>;

export const drillTimelineSchema = z
  .array(timelineFactSchema)
  .max(100_000)
  .superRefine((facts, context) => {
    facts.forEach((fact, index) => {
      const previous = facts[index - 1];
      if (previous !== undefined && fact.t < previous.t) {
        context.addIssue({
          code: 'custom',
          path: [index, 't'],
          message: `facts must be in time order: ${String(fact.t)} s comes after ${String(previous.t)} s`,
        });
      }
    });
  });
export type DrillTimeline = readonly TimelineFact[];
