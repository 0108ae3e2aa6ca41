import type { Handlers, UnitApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';

/** Placeholder until the roster service lands: an empty roster, every change refused. */
export function createUnitService(): Handlers<UnitApi> {
  const refuse = (): never => {
    throw new AppError('UNAVAILABLE', 'the units roster is not available yet');
  };
  return {
    list: () => [],
    history: () => [],
    save: refuse,
    setStatus: refuse,
    importRoster: refuse,
    exportRoster: refuse,
  };
}
