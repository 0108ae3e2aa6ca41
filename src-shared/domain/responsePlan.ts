import { z } from 'zod';
import type { RankedUnit } from './recommendation';
import { typeByCode, type Taxonomy } from './taxonomy';

/**
 * Response plans: the first assignment an incident type gets (e.g. building fire: 2 fire engines,
 * 1 ambulance, 1 police patrol). The taxonomy carries each type's default plan; a center adjusts
 * them per priority in `resources/response-plans/response-plans.json` (or the same file in the data
 * directory), validated here. Pure.
 */

export interface PlanItem {
  readonly capability: string;
  readonly count: number;
}

const code = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'lower-kebab code');
const planItemSchema = z.strictObject({ capability: code, count: z.number().int().min(1).max(20) });
const planSchema = z.array(planItemSchema).max(20);

export const responsePlansSchema = z.strictObject({
  version: z.literal(1),
  description: z.string().max(2000).optional(),
  /** Per incident type: a plan replacing the taxonomy's, and/or plans for given priorities ("1"–"4"). */
  plans: z.record(
    code,
    z.strictObject({
      plan: planSchema.optional(),
      byPriority: z.partialRecord(z.enum(['1', '2', '3', '4']), planSchema).optional(),
    }),
  ),
});
export type ResponsePlans = z.infer<typeof responsePlansSchema>;

export const NO_OVERRIDES: ResponsePlans = { version: 1, plans: {} };

export type ResponsePlansResult = { ok: true; value: ResponsePlans } | { ok: false; errors: string[] };

/** Validates a plans document against the taxonomy: every type and capability must exist. Never throws. */
export function parseResponsePlans(raw: unknown, taxonomy: Taxonomy): ResponsePlansResult {
  const parsed = responsePlansSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const errors: string[] = [];
  const capabilities = new Set(taxonomy.capabilities.map((capability) => capability.code));
  for (const [typeCode, entry] of Object.entries(parsed.data.plans)) {
    if (!typeByCode(taxonomy, typeCode)) errors.push(`plans.${typeCode}: unknown incident type`);
    const lists = [entry.plan, ...Object.values(entry.byPriority ?? {})];
    for (const list of lists)
      for (const item of list ?? [])
        if (!capabilities.has(item.capability))
          errors.push(`plans.${typeCode}: unknown capability "${item.capability}"`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** The plan for an incident: the center's plan for its priority, else the center's plan for its type, else the taxonomy's. */
export function planFor(taxonomy: Taxonomy, plans: ResponsePlans, typeCode: string, priority: number): PlanItem[] {
  const entry = plans.plans[typeCode];
  const byPriority = entry?.byPriority?.[String(priority) as '1' | '2' | '3' | '4'];
  const plan = byPriority ?? entry?.plan ?? typeByCode(taxonomy, typeCode)?.responsePlan ?? [];
  return plan.map((item) => ({ capability: item.capability, count: item.count }));
}

/** One line of the plan and the units chosen for it. */
export interface PlanSlot {
  readonly capability: string;
  readonly count: number;
  readonly units: readonly RankedUnit[];
  /** How many the roster could not provide. */
  readonly missing: number;
}

/**
 * Fills the plan with ranked candidates, each unit used once. The scarcest line is filled first (a
 * unit that is the only ladder is not taken as an ordinary engine), each line with its fastest
 * units; slots come back in the plan's order.
 */
export function fillResponsePlan(
  plan: readonly PlanItem[],
  candidatesFor: (capability: string) => readonly RankedUnit[],
): PlanSlot[] {
  const used = new Set<string>();
  const order = plan
    .map((item, index) => ({ item, index, supply: candidatesFor(item.capability).length - item.count }))
    .sort((a, b) => a.supply - b.supply || a.index - b.index);
  const filled = new Map<number, RankedUnit[]>();
  for (const { item, index } of order) {
    const units: RankedUnit[] = [];
    for (const candidate of candidatesFor(item.capability)) {
      if (units.length >= item.count) break;
      if (used.has(candidate.unitId)) continue;
      used.add(candidate.unitId);
      units.push(candidate);
    }
    filled.set(index, units);
  }
  return plan.map((item, index) => {
    const units = filled.get(index) ?? [];
    return { capability: item.capability, count: item.count, units, missing: item.count - units.length };
  });
}
