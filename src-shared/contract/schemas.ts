import { z } from 'zod';
import { incidentEventPayloads, incidentStatusSchema } from '../domain/incident';

/**
 * Argument schemas for every channel. The dispatcher validates with these before a service
 * runs, so services can trust their arguments. Types are inferred here and used by api.ts.
 */

const emptyArgs = z.strictObject({});
export type EmptyArgs = z.infer<typeof emptyArgs>;

export const pingArgs = z.strictObject({
  /** Returned unchanged; lets a client match a reply and measure the round trip. */
  echo: z.string().max(200),
});
export type PingArgs = z.infer<typeof pingArgs>;

export const systemSchemas = {
  ping: pingArgs,
  info: emptyArgs,
  links: emptyArgs,
  storage: emptyArgs,
  backupNow: emptyArgs,
} as const;

export const languageCodes = ['ar', 'en', 'ckb'] as const;
export const languageSchema = z.enum(languageCodes);
export type Language = z.infer<typeof languageSchema>;

/** A text that the center writes in each UI language (center name, taxonomy labels). */
export const localizedTextSchema = z.strictObject({
  ar: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
  ckb: z.string().min(1).max(200),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const profileNames = ['live', 'drill', 'demo'] as const;
export const profileSchema = z.enum(profileNames);
export type Profile = z.infer<typeof profileSchema>;

export const operatorRoles = ['dispatcher', 'shift-lead', 'trainer', 'administrator'] as const;
export const operatorRoleSchema = z.enum(operatorRoles);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

const incidentIdSchema = z.string().min(1).max(40);

export const listOpenArgs = z.strictObject({
  agency: z.string().max(64).optional(),
  status: incidentStatusSchema.exclude(['closed']).optional(),
  limit: z.number().int().min(1).max(5000).default(500),
});
export type ListOpenArgs = z.input<typeof listOpenArgs>;

export const getIncidentArgs = z.strictObject({ id: incidentIdSchema });
export type GetIncidentArgs = z.infer<typeof getIncidentArgs>;

export const searchIncidentsArgs = z.strictObject({
  query: z.string().max(500),
  limit: z.number().int().min(1).max(200).default(50),
});
export type SearchIncidentsArgs = z.input<typeof searchIncidentsArgs>;

export const createIncidentArgs = incidentEventPayloads['incident.created']
  .omit({ number: true })
  .extend({ note: z.string().max(10_000).optional() });
export type CreateIncidentArgs = z.infer<typeof createIncidentArgs>;

/** Changes a window may make to an existing incident (creation has its own channel). */
export const incidentChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('incident.updated'), payload: incidentEventPayloads['incident.updated'] }),
  z.strictObject({
    type: z.literal('incident.noteAdded'),
    payload: z.strictObject({ text: z.string().min(1).max(10_000) }),
  }),
  z.strictObject({ type: z.literal('incident.routed'), payload: incidentEventPayloads['incident.routed'] }),
  z.strictObject({
    type: z.literal('incident.agencyStatusChanged'),
    payload: incidentEventPayloads['incident.agencyStatusChanged'],
  }),
  z.strictObject({
    type: z.literal('incident.statusChanged'),
    payload: incidentEventPayloads['incident.statusChanged'],
  }),
  z.strictObject({ type: z.literal('incident.callerLinked'), payload: incidentEventPayloads['incident.callerLinked'] }),
  z.strictObject({ type: z.literal('incident.closed'), payload: incidentEventPayloads['incident.closed'] }),
  z.strictObject({ type: z.literal('incident.reopened'), payload: incidentEventPayloads['incident.reopened'] }),
]);
export type IncidentChange = z.infer<typeof incidentChangeSchema>;

export const appendIncidentArgs = z.strictObject({
  incidentId: incidentIdSchema,
  /** The version the window saw; a newer one on the host means someone else changed it first. */
  expectedVersion: z.number().int().min(1).optional(),
  change: incidentChangeSchema,
});
export type AppendIncidentArgs = z.infer<typeof appendIncidentArgs>;

export const incidentSchemas = {
  listOpen: listOpenArgs,
  get: getIncidentArgs,
  search: searchIncidentsArgs,
  create: createIncidentArgs,
  append: appendIncidentArgs,
} as const;
