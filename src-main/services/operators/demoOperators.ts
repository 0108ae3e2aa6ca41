import type { OperatorDefinition } from '../../../src-shared/domain/operator';
import type { OperatorService } from './operatorService';

/** A demo operator with the password printed at start (demo and drill data is not secret). */
export interface DemoOperator {
  readonly definition: OperatorDefinition;
  readonly password: string;
}

/**
 * The operators a demo or drill profile comes with, one per kind of work, so the console opens in one
 * command and a trainer can show what each role may do. Never seeded on the live profile.
 */
export const demoOperators: readonly DemoOperator[] = [
  {
    definition: {
      id: 'lead',
      name: { ar: 'مشرف المناوبة', latin: 'Shift lead' },
      roles: ['shift-lead', 'dispatcher', 'call-taker', 'administrator'],
      agencies: [],
      languages: ['ar', 'en'],
    },
    password: 'demo-lead-911',
  },
  {
    definition: {
      id: 'dispatcher',
      name: { ar: 'منسّق العمليات', latin: 'Dispatcher' },
      roles: ['dispatcher', 'call-taker'],
      agencies: [],
      languages: ['ar'],
    },
    password: 'demo-dispatcher-911',
  },
  {
    definition: {
      id: 'taker',
      name: { ar: 'مستلم البلاغات', latin: 'Call-taker' },
      roles: ['call-taker'],
      agencies: [],
      languages: ['ar', 'ckb', 'kmr'],
    },
    password: 'demo-taker-911',
  },
  {
    definition: {
      id: 'trainer',
      name: { ar: 'المدرّب', latin: 'Trainer' },
      roles: ['trainer'],
      agencies: [],
      languages: ['ar', 'en'],
    },
    password: 'demo-trainer-911',
  },
];

/** Adds the demo operators the roster lacks (an operator an administrator changed is left as it is). */
export async function seedDemoOperators(operators: Pick<OperatorService, 'get' | 'save'>): Promise<void> {
  for (const { definition, password } of demoOperators)
    if (!operators.get(definition.id)) await operators.save(definition, { actor: 'demo', password });
}

/** The lines a demo or drill console prints at start: who may sign in, with which password. */
export function demoOperatorLines(): string[] {
  return demoOperators.map(
    ({ definition, password }) =>
      `    ${definition.id.padEnd(12)} ${password.padEnd(22)} ${definition.roles.join(', ')}`,
  );
}
