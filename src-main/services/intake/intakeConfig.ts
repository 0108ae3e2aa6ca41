import { z } from 'zod';

/** `intake` in nida.config.json: how calls are matched to each other and to open incidents. */
export const intakeConfigSchema = z.strictObject({
  /** A new call this close to an open incident… */
  duplicateRadiusM: z.number().int().min(10).max(10_000).default(300),
  /** …created this recently, is proposed as an additional caller. */
  duplicateWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(20),
  /** A second telephony record for the same callback number within this time updates the same call (rebid). */
  rebidWindowSeconds: z.number().int().min(0).max(3600).default(120),
  /** A caller who called this recently is marked as a repeat caller (often a worsening emergency). */
  repeatCallerMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});

export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
