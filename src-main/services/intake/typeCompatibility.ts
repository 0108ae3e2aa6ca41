import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import { typeByCode } from '../../../src-shared/domain/taxonomy';

// Police patrols go to most incidents, so sharing them says nothing about two reports being one event.
const UBIQUITOUS_AGENCIES = new Set(['police-patrols']);

/**
 * Whether a call classified as `callType` may be about an incident of `incidentType`: same category
 * (two reports of a fight), or a specialised agency in common (a car fire reported once as a
 * traffic accident with fire and once as a vehicle fire). Unknown codes are compatible: when in
 * doubt, propose — the dispatcher rejects with one key.
 */
export function typesCompatible(taxonomy: Taxonomy, incidentType: string, callType: string): boolean {
  if (incidentType === callType) return true;
  const a = typeByCode(taxonomy, incidentType);
  const b = typeByCode(taxonomy, callType);
  if (!a || !b) return true;
  if (a.category === b.category) return true;
  return a.agencies.some((agency) => !UBIQUITOUS_AGENCIES.has(agency) && b.agencies.includes(agency));
}
