import { z } from 'zod';

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
