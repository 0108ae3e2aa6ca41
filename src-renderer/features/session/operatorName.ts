import type { SessionOperator } from '../../../src-shared/contract/api';

/** The operator's name in the script of the UI language: Arabic script for Arabic and Sorani, else Latin. */
export function operatorName(operator: Pick<SessionOperator, 'name'>, language: string): string {
  return language === 'en' ? operator.name.latin : operator.name.ar;
}
