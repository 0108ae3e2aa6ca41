import { readJsonFile } from '../runtime/jsonFile';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers, TaxonomyApi } from '../../../src-shared/contract/api';
import { parseTaxonomy, type Taxonomy } from '../../../src-shared/domain/taxonomy';

export const TAXONOMY_FILE = 'taxonomy.json';

export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
}

/**
 * The center's taxonomy: `<data>/taxonomy.json` when the center has its own, otherwise the shipped
 * `resources/taxonomy/taxonomy.json`. Validated at load; an invalid file stops the host with each
 * problem named (a console must never run with a half-read list of incident types).
 */
export function loadTaxonomy(dataDir: string, resourcesDir: string): { taxonomy: Taxonomy; source: string } {
  const centerFile = join(dataDir, TAXONOMY_FILE);
  const source = existsSync(centerFile) ? centerFile : join(resourcesDir, 'taxonomy', TAXONOMY_FILE);
  let raw: unknown;
  try {
    raw = readJsonFile(source);
  } catch (error) {
    throw new TaxonomyError(`${source} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseTaxonomy(raw);
  if (!parsed.ok) {
    throw new TaxonomyError(`${source} is invalid:\n${parsed.errors.map((error) => `  - ${error}`).join('\n')}`);
  }
  return { taxonomy: parsed.value, source };
}

export function createTaxonomyService(taxonomy: Taxonomy): { readonly handlers: Handlers<TaxonomyApi> } {
  return { handlers: { get: () => taxonomy } };
}
