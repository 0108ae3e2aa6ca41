import { z } from 'zod';

/**
 * The thresholds drill scoring measures against (issue 19, "Scoring"), each rule with the source it
 * cites. Defaults are the standards'; a center (its configuration) and a scenario (its `scoring`
 * key) may override any of them, in that order. A rule whose value an override changes without
 * naming a source of its own cites `local policy` from then on: a 20 s answer target is no longer
 * NENA's.
 */

/** What a rule cites: a standard (`NENA-STA-020.1`, `NFPA 1225`) or `local policy`. */
const sourceSchema = z
  .string()
  .trim()
  .min(1, 'source must not be empty')
  .max(80, 'source is longer than 80 characters');
const secondsSchema = z.number().min(0, 'seconds must be at least 0').max(86_400, 'seconds must be at most a day');
const shareSchema = z.number().min(0, 'a share is 0–1').max(1, 'a share is 0–1');

export const LOCAL_POLICY = 'local policy';

const answerTimeShape = { seconds: secondsSchema, source: sourceSchema };
const answerSharesShape = {
  /** Drill-wide: at least `share` of the calls answered within `withinSeconds`. */
  targets: z
    .array(z.strictObject({ withinSeconds: secondsSchema, share: shareSchema }))
    .min(1, 'at least one target')
    .max(5),
  source: sourceSchema,
};
const processingTimeShape = {
  /** Answer → first unit dispatched. */
  seconds: secondsSchema,
  /** Applies to calls whose true priority is this or more urgent (1 is the most urgent). */
  maxPriority: z.number().int().min(1).max(4),
  source: sourceSchema,
};
const locationShape = {
  /** The entered location passes within max(the ALI fix's uncertainty, this) of the truth. */
  minRadiusM: z.number().min(0).max(50_000),
  source: sourceSchema,
};
const sourceOnlyShape = { source: sourceSchema };
const unitsShape = {
  /**
   * A free unit left behind is "clearly closer" when it was both this many metres and this share
   * closer than the unit sent: a few hundred metres or a small share is within the noise of AVL fixes
   * and road layout.
   */
  closerByM: z.number().min(0).max(100_000),
  closerByShare: shareSchema,
  source: sourceSchema,
};
const shareRuleShape = { share: shareSchema, source: sourceSchema };
const outageEntryShape = {
  /** Restore → the call logged by hand entered in the console. */
  seconds: secondsSchema,
  /** Links whose outage stops calls reaching the console (the ALI line). */
  links: z.array(z.enum(['serial', 'broker', 'center'])).min(1),
  source: sourceSchema,
};

const shapes = {
  answerTime: answerTimeShape,
  answerShares: answerSharesShape,
  processingTime: processingTimeShape,
  location: locationShape,
  callback: sourceOnlyShape,
  classification: sourceOnlyShape,
  units: unitsShape,
  keyQuestions: shareRuleShape,
  instructions: shareRuleShape,
  radioEmergencyAck: answerTimeShape,
  radioBackup: answerTimeShape,
  outageEntry: outageEntryShape,
} as const;

export const scoringSettingsSchema = z.strictObject({
  answerTime: z.strictObject(shapes.answerTime),
  answerShares: z.strictObject(shapes.answerShares),
  processingTime: z.strictObject(shapes.processingTime),
  location: z.strictObject(shapes.location),
  callback: z.strictObject(shapes.callback),
  classification: z.strictObject(shapes.classification),
  units: z.strictObject(shapes.units),
  keyQuestions: z.strictObject(shapes.keyQuestions),
  instructions: z.strictObject(shapes.instructions),
  radioEmergencyAck: z.strictObject(shapes.radioEmergencyAck),
  radioBackup: z.strictObject(shapes.radioBackup),
  outageEntry: z.strictObject(shapes.outageEntry),
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

/** A center's or a scenario's changes: any rule, any of its fields. */
export const scoringOverridesSchema = z.strictObject({
  answerTime: z.strictObject(shapes.answerTime).partial().optional(),
  answerShares: z.strictObject(shapes.answerShares).partial().optional(),
  processingTime: z.strictObject(shapes.processingTime).partial().optional(),
  location: z.strictObject(shapes.location).partial().optional(),
  callback: z.strictObject(shapes.callback).partial().optional(),
  classification: z.strictObject(shapes.classification).partial().optional(),
  units: z.strictObject(shapes.units).partial().optional(),
  keyQuestions: z.strictObject(shapes.keyQuestions).partial().optional(),
  instructions: z.strictObject(shapes.instructions).partial().optional(),
  radioEmergencyAck: z.strictObject(shapes.radioEmergencyAck).partial().optional(),
  radioBackup: z.strictObject(shapes.radioBackup).partial().optional(),
  outageEntry: z.strictObject(shapes.outageEntry).partial().optional(),
});
export type ScoringOverrides = z.infer<typeof scoringOverridesSchema>;

export const defaultScoringSettings: ScoringSettings = {
  answerTime: { seconds: 15, source: 'NENA-STA-020.1' },
  answerShares: {
    targets: [
      { withinSeconds: 15, share: 0.9 },
      { withinSeconds: 20, share: 0.95 },
    ],
    source: 'NENA-STA-020.1',
  },
  processingTime: { seconds: 60, maxPriority: 2, source: 'NFPA 1225' },
  location: { minRadiusM: 150, source: LOCAL_POLICY },
  callback: { source: LOCAL_POLICY },
  classification: { source: LOCAL_POLICY },
  units: { closerByM: 2000, closerByShare: 0.3, source: LOCAL_POLICY },
  keyQuestions: { share: 0.8, source: LOCAL_POLICY },
  instructions: { share: 1, source: LOCAL_POLICY },
  radioEmergencyAck: { seconds: 10, source: LOCAL_POLICY },
  radioBackup: { seconds: 60, source: LOCAL_POLICY },
  outageEntry: { seconds: 600, links: ['serial'], source: LOCAL_POLICY },
};

type RuleKey = keyof ScoringSettings;

/** One rule's settings with one layer of changes; a changed value without a source of its own becomes local policy. */
function overrideRule<K extends RuleKey>(
  base: ScoringSettings[K],
  changes: Partial<ScoringSettings[K]> | undefined,
): ScoringSettings[K] {
  if (changes === undefined) return base;
  const merged = { ...base, ...changes };
  const valueChanged = Object.entries(changes).some(
    ([field, value]) =>
      field !== 'source' && JSON.stringify(value) !== JSON.stringify(base[field as keyof typeof base]),
  );
  return changes.source === undefined && valueChanged ? { ...merged, source: LOCAL_POLICY } : merged;
}

/**
 * The settings a drill scores with: the defaults, then each layer in order (the center's, then the
 * scenario's). Layers are validated by the caller (`scoringOverridesSchema`) where they are read.
 */
export function resolveScoringSettings(...layers: readonly (ScoringOverrides | undefined)[]): ScoringSettings {
  let settings = defaultScoringSettings;
  for (const layer of layers) {
    if (layer === undefined) continue;
    const next = { ...settings };
    for (const key of Object.keys(settings) as RuleKey[]) {
      // The union over keys is too wide for TS to pair base and changes; each key pairs its own.
      (next as Record<RuleKey, unknown>)[key] = overrideRule(settings[key], layer[key] as never);
    }
    settings = scoringSettingsSchema.parse(next);
  }
  return settings;
}
