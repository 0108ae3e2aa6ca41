#!/usr/bin/env node
// Checks electron-builder.yml without packaging. electron-builder has no validate-only command, and a
// real run first rebuilds native modules for Electron and downloads Electron (network, and it rewrites
// node_modules). So this loads the file the way electron-builder does (app-builder-lib's getConfig),
// validates it against app-builder-lib's JSON schema (scheme.json, via validateConfiguration: the same
// call `electron-builder build` makes), and then checks the settings the security ADR relies on.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = 'electron-builder.yml';

/** docs/adr/0002-electron-security.md, checklist item 19. */
const requiredFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

// app-builder-lib as electron-builder itself resolves it (same version, 26.x).
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config');

const problems = [];
const config = await getConfig(root, join(root, configFile));
try {
  await validateConfiguration(config, { isEnabled: false, add() {} });
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
}

for (const [fuse, value] of Object.entries(requiredFuses)) {
  if (config.electronFuses?.[fuse] !== value) problems.push(`electronFuses.${fuse} must be ${value}`);
}
if (config.npmRebuild !== true) problems.push('npmRebuild must be true (better-sqlite3 is built per ABI)');
const unpacked = [config.asarUnpack ?? []].flat().join(' ');
for (const module of ['better-sqlite3', '@serialport/bindings-cpp']) {
  if (!unpacked.includes(module)) problems.push(`asarUnpack must cover ${module} (native module)`);
}

if (problems.length > 0) {
  process.stderr.write(`check-builder-config: ${configFile} is not valid\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}
process.stdout.write(
  `check-builder-config: ${configFile} matches the electron-builder 26 schema and the fuse policy\n`,
);
