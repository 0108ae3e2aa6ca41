// The operators the process-level tests (e2e, `nida serve` children) sign in as: the one place they
// are defined. A fresh live console has no operator, so the first connection creates `lead` as its
// first administrator (the same name and password as the demo profile's shift lead, so a demo console
// is signed in the same way); the others are added on demand by `lead`.
import { AppError } from '../../src-shared/contract/errors';
import type { RemoteApi } from '../../src-shared/contract/api';
import type { OperatorDefinition } from '../../src-shared/domain/operator';

/**
 * `signIn.passwordCost` of the consoles the process-level tests start: the live profile's floor (2^14),
 * so a sign-in takes milliseconds instead of the live default's few tenths of a second.
 */
export const TEST_PASSWORD_COST = 14;

/** `lead`'s password is the demo's (src-main/services/operators/demoOperators.ts); the others share one. */
const LEAD_PASSWORD = 'demo-lead-911';
const PASSWORD = 'test-operator-911';

export const testOperators = {
  /** Every role but the wall: what the console's specs did before operators signed in. */
  lead: {
    definition: {
      id: 'lead',
      name: { ar: 'مشرف المناوبة', latin: 'Shift lead' },
      roles: ['administrator', 'shift-lead', 'dispatcher', 'call-taker'],
      agencies: [],
      languages: ['ar', 'en'],
    },
    password: LEAD_PASSWORD,
  },
  amal: {
    definition: {
      id: 'amal',
      name: { ar: 'أمل', latin: 'Amal' },
      roles: ['dispatcher', 'call-taker'],
      agencies: [],
      languages: ['ar'],
    },
    password: PASSWORD,
  },
  basim: {
    definition: {
      id: 'basim',
      name: { ar: 'باسم', latin: 'Basim' },
      roles: ['dispatcher', 'call-taker'],
      agencies: [],
      languages: ['ar', 'ckb'],
    },
    password: PASSWORD,
  },
  /** A call-taker only: refused a dispatcher's or a shift lead's channels. */
  taker: {
    definition: {
      id: 'taker',
      name: { ar: 'مستلم البلاغات', latin: 'Call-taker' },
      roles: ['call-taker'],
      agencies: [],
      languages: ['ar', 'ckb', 'kmr'],
    },
    password: PASSWORD,
  },
} as const satisfies Record<string, { definition: OperatorDefinition; password: string }>;

export type TestOperatorId = keyof typeof testOperators;

const definitionOf = (id: TestOperatorId): OperatorDefinition => {
  const { definition } = testOperators[id];
  return {
    ...definition,
    name: { ...definition.name },
    roles: [...definition.roles],
    agencies: [],
    languages: [...definition.languages],
  };
};

/**
 * Creates `lead` as the first administrator when the roster is empty (signing this connection in as
 * `lead`); a console whose roster has operators (a restart, a demo) is left as it is.
 */
export async function ensureLead(api: RemoteApi): Promise<void> {
  if (!(await api.session.current({})).firstAdministratorNeeded) return;
  try {
    await api.session.createFirstAdministrator({ operator: definitionOf('lead'), password: LEAD_PASSWORD });
  } catch (error) {
    // Another connection created it first: fine.
    if (!(error instanceof AppError) || error.reason?.key !== 'roster-not-empty') throw error;
  }
}

/**
 * Signs the connection in as `operatorId`, adding that operator first (through `lead`) when the
 * console lacks them. Returns the session token (a reloaded window would resume with it).
 */
export async function signInAs(api: RemoteApi, operatorId: TestOperatorId): Promise<string> {
  await ensureLead(api);
  if (operatorId !== 'lead') await ensureOperator(api, operatorId);
  const { password } = testOperators[operatorId];
  return (await api.session.signIn({ operatorId, password })).token;
}

/** Adds a test operator to the roster unless it is there (signs the connection in as `lead` to do it). */
export async function ensureOperator(api: RemoteApi, operatorId: TestOperatorId): Promise<void> {
  await ensureLead(api);
  if (operatorId === 'lead') return;
  const lead = testOperators.lead;
  await api.session.signIn({ operatorId: lead.definition.id, password: lead.password });
  const roster = await api.operator.list({});
  if (roster.some((operator) => operator.id === operatorId)) return;
  await api.operator.save({ operator: definitionOf(operatorId), password: testOperators[operatorId].password });
}
