import { z } from 'zod';
import type { Language } from '../contract/schemas';

/**
 * The incident taxonomy: agencies, unit capabilities, categories, incident types and dispositions.
 *
 * It is data (`resources/taxonomy/taxonomy.json`) that a center edits, so it is validated here at
 * load, and every problem is reported with its JSON path (`types[12].agencies[1]: unknown agency
 * "ambulanse"`) instead of failing later in the middle of a call. Codes are stable ids stored in
 * incidents: never rename or remove one; mark a type `deprecated` so old incidents still resolve.
 */

/** Longest text accepted: instructions are read aloud under stress, so they must stay short. */
export const TAXONOMY_TEXT_MAX = 200;

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  ar: 'Arabic (ar)',
  en: 'English (en)',
  ckb: 'Sorani Kurdish (ckb)',
};

const CODE_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Lower-kebab id, compatible with the codes incidents store (`typeCode`, `agencies`). */
export const taxonomyCodeSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'missing code' : 'code must be a string') })
  .max(64, 'code is longer than 64 characters')
  .regex(CODE_PATTERN, 'must be a lower-kebab code such as "civil-defence"');

function textIn(language: Language) {
  const name = LANGUAGE_NAMES[language];
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `missing ${name} text` : `${name} text must be a string`),
    })
    .max(TAXONOMY_TEXT_MAX, `${name} text is longer than ${TAXONOMY_TEXT_MAX} characters`)
    .refine((text) => text.trim().length > 0, `empty ${name} text`);
}

function keywordsIn(language: Language) {
  const name = LANGUAGE_NAMES[language];
  return z
    .array(textIn(language), {
      error: (issue) =>
        issue.input === undefined ? `missing ${name} keywords (use [] for none)` : `${name} keywords must be a list`,
    })
    .max(50, `more than 50 ${name} keywords`);
}

/** A text in every UI language; same shape as the contract's `LocalizedText`. */
export const taxonomyTextSchema = z.strictObject(
  { ar: textIn('ar'), en: textIn('en'), ckb: textIn('ckb') } satisfies Record<Language, unknown>,
  { error: (issue) => (issue.input === undefined ? 'missing text' : 'must be an object { ar, en, ckb }') },
);
export type TaxonomyText = z.infer<typeof taxonomyTextSchema>;

export const taxonomyKeywordsSchema = z.strictObject(
  { ar: keywordsIn('ar'), en: keywordsIn('en'), ckb: keywordsIn('ckb') } satisfies Record<Language, unknown>,
  { error: (issue) => (issue.input === undefined ? 'missing keywords' : 'must be an object { ar, en, ckb }') },
);

const list = <T extends z.ZodType>(item: T, what: string, min: number, max: number) =>
  z
    .array(item, { error: (issue) => (issue.input === undefined ? `missing ${what} list` : `${what} must be a list`) })
    .min(min, `at least ${min} ${what} required`)
    .max(max, `more than ${max} ${what}`);

export const agencySchema = z.strictObject({
  code: taxonomyCodeSchema,
  name: taxonomyTextSchema,
  /** For chips and narrow columns. */
  shortName: taxonomyTextSchema,
  /** The hotline the agency had before 911 (e.g. "104"), which callers still dial and quote. */
  legacyNumber: z
    .string()
    .regex(/^[0-9]{2,6}$/, 'legacyNumber must be the old hotline number, digits only (e.g. "104")')
    .optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be "#rrggbb"'),
});
export type Agency = z.infer<typeof agencySchema>;

export const capabilitySchema = z.strictObject({
  code: taxonomyCodeSchema,
  name: taxonomyTextSchema,
  /** Agencies whose units can carry this capability: a type can only ask for what its agencies field. */
  agencies: list(taxonomyCodeSchema, 'agency', 1, 20),
});
export type Capability = z.infer<typeof capabilitySchema>;

export const categorySchema = z.strictObject({
  code: taxonomyCodeSchema,
  name: taxonomyTextSchema,
  /** Icon name from the console's icon set (lower-kebab). */
  icon: taxonomyCodeSchema,
});
export type Category = z.infer<typeof categorySchema>;

export const responsePlanItemSchema = z.strictObject({
  capability: taxonomyCodeSchema,
  count: z
    .number({ error: 'count must be a number' })
    .int('count must be a whole number')
    .min(1, 'count must be at least 1')
    .max(20, 'count must be at most 20'),
});
export type ResponsePlanItem = z.infer<typeof responsePlanItemSchema>;

export const incidentTypeSchema = z.strictObject({
  code: taxonomyCodeSchema,
  category: taxonomyCodeSchema,
  name: taxonomyTextSchema,
  /** Synonyms a dispatcher might type, colloquial words included; searched in every language. */
  keywords: taxonomyKeywordsSchema,
  /** 1 is the most urgent. */
  defaultPriority: z
    .number({ error: 'defaultPriority must be a number' })
    .int('defaultPriority must be 1, 2, 3 or 4')
    .min(1, 'defaultPriority must be 1, 2, 3 or 4')
    .max(4, 'defaultPriority must be 1, 2, 3 or 4'),
  /** Every competent agency; the incident is routed to all of them at once. */
  agencies: list(taxonomyCodeSchema, 'agency', 1, 20),
  /** Capabilities without which the incident cannot be handled. */
  requiredCapabilities: list(taxonomyCodeSchema, 'capability', 0, 20),
  /** The recommended first assignment. */
  responsePlan: list(responsePlanItemSchema, 'response plan item', 0, 20),
  /** Key questions the dispatcher asks. */
  questions: list(taxonomyTextSchema, 'question', 1, 20),
  /** Pre-arrival guidance the dispatcher reads to the caller. */
  instructions: list(taxonomyTextSchema, 'instruction', 1, 20),
  /**
   * How long the first unit may take to arrive (travel), in seconds: a priority-1 incident whose best
   * recommended ETA is longer warns the dispatcher and lists mutual aid from other stations.
   */
  responseTargetS: z
    .number({ error: 'responseTargetS must be a number' })
    .int('responseTargetS must be whole seconds')
    .min(60, 'responseTargetS must be at least 60')
    .max(7200, 'responseTargetS must be at most 7200')
    .optional(),
  /** Hidden from the picker and search; incidents that already carry the code still resolve. */
  deprecated: z.boolean().optional(),
});
export type IncidentType = z.infer<typeof incidentTypeSchema>;

export const dispositionSchema = z.strictObject({
  code: taxonomyCodeSchema,
  name: taxonomyTextSchema,
  /** Other words a dispatcher types for it (`مستشفى` for transported); searched in every language. */
  keywords: taxonomyKeywordsSchema.optional(),
});
export type Disposition = z.infer<typeof dispositionSchema>;

const taxonomyShape = z.strictObject({
  version: z
    .string({ error: 'version must be a string' })
    .min(1, 'version must not be empty')
    .max(40, 'version is longer than 40 characters'),
  agencies: list(agencySchema, 'agency', 1, 100),
  capabilities: list(capabilitySchema, 'capability', 1, 200),
  categories: list(categorySchema, 'category', 1, 50),
  types: list(incidentTypeSchema, 'type', 1, 1000),
  dispositions: list(dispositionSchema, 'disposition', 1, 200),
});

type TaxonomyShape = z.infer<typeof taxonomyShape>;
type IssuePath = (string | number)[];
type Report = (path: IssuePath, message: string) => void;

/** Duplicate codes in one list; returns the set of codes for reference checks. */
function checkUnique(items: readonly { code: string }[], listName: string, report: Report): ReadonlySet<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const first = firstIndex.get(item.code);
    if (first === undefined) firstIndex.set(item.code, index);
    else report([listName, index, 'code'], `duplicate code "${item.code}" (also ${listName}[${first}])`);
  });
  return new Set(firstIndex.keys());
}

function checkReferences(
  codes: readonly string[],
  known: ReadonlySet<string>,
  what: string,
  path: IssuePath,
  report: Report,
): void {
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (!known.has(code)) report([...path, index], `unknown ${what} "${code}"`);
    else if (seen.has(code)) report([...path, index], `${what} "${code}" is listed twice`);
    seen.add(code);
  });
}

function checkTaxonomy(taxonomy: TaxonomyShape, report: Report): void {
  const agencyCodes = checkUnique(taxonomy.agencies, 'agencies', report);
  const capabilityCodes = checkUnique(taxonomy.capabilities, 'capabilities', report);
  const categoryCodes = checkUnique(taxonomy.categories, 'categories', report);
  checkUnique(taxonomy.types, 'types', report);
  checkUnique(taxonomy.dispositions, 'dispositions', report);

  const fieldedBy = new Map<string, readonly string[]>();
  taxonomy.capabilities.forEach((capability, index) => {
    checkReferences(capability.agencies, agencyCodes, 'agency', ['capabilities', index, 'agencies'], report);
    fieldedBy.set(capability.code, capability.agencies);
  });

  taxonomy.types.forEach((type, index) => {
    const at = (...rest: IssuePath): IssuePath => ['types', index, ...rest];
    if (!categoryCodes.has(type.category)) report(at('category'), `unknown category "${type.category}"`);
    checkReferences(type.agencies, agencyCodes, 'agency', at('agencies'), report);
    checkReferences(type.requiredCapabilities, capabilityCodes, 'capability', at('requiredCapabilities'), report);
    checkReferences(
      type.responsePlan.map((item) => item.capability),
      capabilityCodes,
      'capability',
      at('responsePlan'),
      report,
    );

    // A capability no routed agency can field would leave the recommendation unfillable. Checked only
    // when the routing itself is sound, so a misspelt agency is reported once, not once per capability.
    if (type.agencies.length === 0 || type.agencies.some((agency) => !agencyCodes.has(agency))) return;
    const unfielded = (capability: string): string | undefined => {
      const agencies = fieldedBy.get(capability);
      if (agencies === undefined || agencies.some((agency) => type.agencies.includes(agency))) return undefined;
      return `capability "${capability}" comes from ${agencies.join(', ')}, none of which this type is routed to`;
    };
    type.requiredCapabilities.forEach((capability, i) => {
      const problem = unfielded(capability);
      if (problem !== undefined) report(at('requiredCapabilities', i), problem);
    });
    type.responsePlan.forEach((item, i) => {
      const problem = unfielded(item.capability);
      if (problem !== undefined) report(at('responsePlan', i, 'capability'), problem);
    });
  });
}

/**
 * The whole taxonomy: the shape, then the cross-references (unique codes per list; every category,
 * agency and capability a type or capability names exists and can be fielded).
 */
export const taxonomySchema = taxonomyShape.superRefine((taxonomy, ctx) => {
  checkTaxonomy(taxonomy, (path, message) => {
    ctx.addIssue({ code: 'custom', path, message });
  });
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

export type TaxonomyParseResult = { ok: true; value: Taxonomy } | { ok: false; errors: string[] };

/** `types[12].agencies[1]`; `(root)` for the document itself. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

/** Validates a parsed taxonomy document; never throws. Each error is `path: message`. */
export function parseTaxonomy(raw: unknown): TaxonomyParseResult {
  const result = taxonomySchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
  };
}

export function typeByCode(taxonomy: Taxonomy, code: string): IncidentType | undefined {
  return taxonomy.types.find((type) => type.code === code);
}

/** The agencies a type is routed to, in the type's order; empty for an unknown type. */
export function agenciesForType(taxonomy: Taxonomy, typeCode: string): Agency[] {
  const type = typeByCode(taxonomy, typeCode);
  if (type === undefined) return [];
  return type.agencies.flatMap((code) => taxonomy.agencies.filter((agency) => agency.code === code));
}

/** The types the picker offers: everything not deprecated, in taxonomy order. */
export function activeTypes(taxonomy: Taxonomy): IncidentType[] {
  return taxonomy.types.filter((type) => type.deprecated !== true);
}
