import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { profileNames, type Profile } from '../../src-shared/contract/schemas';
import { loadConfig } from '../config/config';
import { systemClock } from '../services/runtime/clock';
import { silentLogger } from '../services/runtime/logger';
import { createEidoService } from '../services/eido/eidoService';
import { databasePath } from '../services/store/backups';
import { Store } from '../services/store/store';
import { loadTaxonomy } from '../services/taxonomy/taxonomyService';
import { defaultDataDir, packageVersion } from './paths';

interface ExportOptions {
  readonly data?: string;
  readonly profile?: Profile;
  readonly out?: string;
}

/**
 * `nida export eido <number>`: one incident as NENA EIDO JSON, the same document as the detail's
 * "Export EIDO" button (validated, and recorded in the audit chain under the operator's name).
 * Safe while a console runs on the same profile (SQLite serialises the audit write).
 */
export function exportEido(reference: string, options: ExportOptions): void {
  const dataDir = options.data ? resolve(options.data) : defaultDataDir();
  const config = loadConfig(dataDir, packageVersion());
  const profile = options.profile ?? config.profile;
  const path = databasePath(dataDir, profile);
  if (!existsSync(path)) {
    process.stderr.write(`nida: there is no ${profile} database in ${dataDir}\n`);
    process.exitCode = 1;
    return;
  }
  const store = Store.open({
    path,
    centerCode: config.center.code,
    consoleCode: config.consoleCode,
    timeZone: config.timeZone,
    profile,
    clock: systemClock,
    logger: silentLogger(),
  });
  try {
    const eido = createEidoService({
      store,
      taxonomy: loadTaxonomy(dataDir, config.resourcesDir).taxonomy,
      center: {
        code: config.center.code,
        name: config.center.name[config.defaultLanguage],
        consoleCode: config.consoleCode,
      },
      language: config.defaultLanguage,
      timeZone: config.timeZone,
      // Without a running roster, units come from the incident's own assignments.
      units: { list: () => [] },
      now: () => systemClock.now(),
    });
    const key = reference.trim().toUpperCase();
    const { filename, document } = eido.exportIncident({ number: key }, config.operatorName);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (options.out) {
      const destination = resolve(options.out);
      writeFileSync(destination, text);
      process.stderr.write(`exported ${key} as ${filename} to ${destination}\n`);
    } else process.stdout.write(text);
  } catch (error) {
    process.stderr.write(`nida: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    store.close();
  }
}

/** Registers `nida export eido …` on the program. */
export function registerExportCommands(program: Command): void {
  const exporter = program.command('export').description('exchange formats for other centers');
  exporter
    .command('eido <incidentNumber>')
    .description('one incident as NENA EIDO JSON (docs/eido.md); recorded in the audit trail')
    .option('-d, --data <dir>', 'data directory (default: as `nida serve`)')
    .addOption(new Option('--profile <profile>', 'profile (default: from nida.config.json)').choices(profileNames))
    .option('--out <file>', 'write to this file (default: stdout)')
    .action((incidentNumber: string, options: ExportOptions) => {
      exportEido(incidentNumber, options);
    });
}
