import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

// The project's real eslint.config.js, with type-aware rules off: these snippets are not part of
// any tsconfig, and the layer rules do not need types.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  const messages = result?.messages ?? [];
  // A snippet that does not parse would make every "not.toContain" below pass for nothing.
  const fatal = messages.filter((message) => message.fatal === true);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return messages.map((message) => message.ruleId ?? 'unknown');
}

const LAYER_RULE = 'nida/layers';

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === LAYER_RULE).map((message) => message.message);
}

describe('layer rules (docs/architecture.md)', () => {
  it('given a service, when it imports the host (clock, logger, link registry or config), then lint rejects it and names the architecture document', async () => {
    for (const source of [
      "'../../host/createHost'",
      "'../../host/logger'",
      "'../../config/config'",
      "'../../cli/main'",
    ]) {
      const messages = await messagesFor('src-main/services/example/exampleService.ts', `export * from ${source};\n`);
      expect(messages, source).toHaveLength(1);
      expect(messages[0], source).toContain('docs/architecture.md');
    }
  });

  it('given a service, when it imports the runtime, another service or src-shared, then lint accepts it (allow-list)', async () => {
    for (const source of [
      "'../runtime/clock'",
      "'../store/store'",
      "'../../../src-shared/contract/api'",
      "'node:fs'",
      "'zod'",
    ]) {
      expect(
        await ruleIdsFor('src-main/services/example/exampleService.ts', `export * from ${source};\n`),
        source,
      ).not.toContain(LAYER_RULE);
    }
  });

  it('given the runtime, when it imports a service, then lint rejects it (the runtime sits below every service)', async () => {
    expect(await ruleIdsFor('src-main/services/runtime/example.ts', "export * from '../store/store';\n")).toContain(
      LAYER_RULE,
    );
  });

  it('given a transport, when it imports a service other than the runtime, then lint rejects it', async () => {
    expect(await ruleIdsFor('src-main/transports/example.ts', "export * from '../services/store/store';\n")).toContain(
      LAYER_RULE,
    );
    expect(await ruleIdsFor('src-main/transports/example.ts', "export * from '../host/createHost';\n")).not.toContain(
      LAYER_RULE,
    );
  });

  it('given the preload bridge, when it imports the domain or Node, then lint rejects it', async () => {
    expect(await ruleIdsFor('src-preload/example.ts', "export * from '../src-shared/domain/unit';\n")).toContain(
      LAYER_RULE,
    );
    expect(await ruleIdsFor('src-preload/example.ts', "export * from 'node:fs';\n")).toContain(LAYER_RULE);
    expect(
      await ruleIdsFor('src-preload/example.ts', "export * from '../src-shared/contract/bridge';\n"),
    ).not.toContain(LAYER_RULE);
  });

  it('given a service, when it imports electron, then lint rejects it', async () => {
    const ids = await ruleIdsFor(
      'src-main/services/example/exampleService.ts',
      "import { app } from 'electron';\nexport const name = app.name;\n",
    );
    expect(ids).toContain(LAYER_RULE);
  });

  it('given a service, when it imports an electron subpath or the Electron shell, then lint rejects it', async () => {
    expect(await ruleIdsFor('src-main/services/example/a.ts', "export * from 'electron/main';\n")).toContain(
      LAYER_RULE,
    );
    expect(await ruleIdsFor('src-main/services/example/b.ts', "export * from '../../electron/security';\n")).toContain(
      LAYER_RULE,
    );
  });

  it('given the Electron shell, when it imports electron, then lint accepts it (the rule is scoped, not global)', async () => {
    const ids = await ruleIdsFor(
      'src-main/electron/example.ts',
      "import { app } from 'electron';\nexport const name = app.name;\n",
    );
    expect(ids).not.toContain(LAYER_RULE);
  });

  it('given the renderer, when it imports Node, electron or the host, then lint rejects each', async () => {
    for (const source of ["'node:fs'", "'electron'", "'../../../src-main/host/createHost'"]) {
      const ids = await ruleIdsFor('src-renderer/features/example/example.ts', `export * from ${source};\n`);
      expect(ids, source).toContain(LAYER_RULE);
    }
  });

  it('given src-shared, when it imports Node or the renderer, then lint rejects it', async () => {
    expect(await ruleIdsFor('src-shared/domain/example.ts', "export * from 'node:path';\n")).toContain(LAYER_RULE);
    expect(await ruleIdsFor('src-shared/domain/example2.ts', "export * from '../../src-renderer/i18n';\n")).toContain(
      LAYER_RULE,
    );
  });

  it('given renderer JSX, when it shows a literal string, then lint rejects it; catalogue text passes', async () => {
    const literal = 'export function A() {\n  return <p>No calls waiting</p>;\n}\n';
    const labelled = 'export function B() {\n  return <button aria-label="Close" />;\n}\n';
    const translated =
      "export function C(props: { t: (key: string) => string }) {\n  return <p>{props.t('queue.empty')}</p>;\n}\n";
    expect(await ruleIdsFor('src-renderer/features/example/A.tsx', literal)).toContain('i18next/no-literal-string');
    expect(await ruleIdsFor('src-renderer/features/example/B.tsx', labelled)).toContain('i18next/no-literal-string');
    expect(await ruleIdsFor('src-renderer/features/example/C.tsx', translated)).not.toContain(
      'i18next/no-literal-string',
    );
  });
});

describe('lint toolchain', () => {
  it('runs with the pinned TypeScript without an unsupported-version warning', () => {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), 'src-shared/contract/errors.ts'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('not officially supported');
  });
});
