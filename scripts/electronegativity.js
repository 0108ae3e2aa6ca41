#!/usr/bin/env node
// `npm run test:security`: runs Electronegativity (https://github.com/doyensec/electronegativity) over
// the Electron-facing code and fails on any finding that security/electronegativity.json does not
// justify, on any justification that no longer matches a finding (stale), on any input the scanner
// did not actually parse, and when the scanner can no longer see an insecure window (self-test).
// Results go to test-results/electronegativity/.
//
// What is scanned, and why both the sources and the build:
// - src-main/electron/*.ts and src-preload/*.ts: readable file/line findings. Electronegativity parses
//   .ts with @babel/parser first (its `typescriptBabelFirst` mode); npm hoists a current 7.x of that
//   parser here, which reads modern TypeScript. Its bundled typescript-estree/TypeScript ~4.2 is only
//   the fallback when Babel fails, and is never reached by this code.
// - out/main/electron.js and out/preload/index.cjs: what actually ships, as plain JavaScript, so an
//   option hidden from the checks by a TypeScript wrapper (`{ … } as const`, `satisfies`) is still
//   seen. `.cjs` is not a scanned extension, so the preload is staged as `index.cjs.js`.
// - src-renderer/index.html: the renderer's CSP meta tag.
// - package.json: npm scripts passing dangerous Electron/Chromium flags, and the Electron version.
//
// The inputs are copied into one staging folder and scanned in one run, because the global checks
// (navigation limits, permission handler, CSP) judge the whole app, not one file.
//
// Electronegativity's own network use is switched off, so the test is offline and deterministic:
// its translations are loaded from the package instead of fetched (see stubTranslations), and
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (which downloads Electron's release list) is excluded.
// Keeping Electron current is checklist item 16, handled by upgrading, not by this test.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results', 'electronegativity');
const justificationsFile = 'security/electronegativity.json';
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

/** Files holding the console window's options, and the insecure edits the self-test makes to them. */
const windowFiles = ['src-main/electron/main.ts', 'out/main/electron.js'];
const insecureEdits = [
  { from: /nodeIntegration: false/g, to: 'nodeIntegration: true', expect: 'NODE_INTEGRATION_JS_CHECK' },
  { from: /contextIsolation: true/g, to: 'contextIsolation: false', expect: 'CONTEXT_ISOLATION_JS_CHECK' },
  { from: /sandbox: true/g, to: 'sandbox: false', expect: 'SANDBOX_JS_CHECK' },
];

const require = createRequire(import.meta.url);
const engRequire = createRequire(require.resolve('@doyensec/electronegativity'));

function complain(message, ...details) {
  process.stderr.write(`electronegativity: ${message}\n${details.map((line) => `  ${line}\n`).join('')}`);
}

function fail(message, ...details) {
  complain(message, ...details);
  process.exit(1);
}

/** Repository-relative paths (with `/`) of every file to scan. */
function inputs() {
  const tsIn = (dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map((name) => `${dir}/${String(name).split(sep).join('/')}`)
      .filter((path) => path.endsWith('.ts'))
      .sort();
  const files = [
    ...tsIn('src-main/electron'),
    ...tsIn('src-preload'),
    'src-renderer/index.html',
    'out/main/electron.js',
    'out/preload/index.cjs',
    'package.json',
  ];
  const missing = files.filter((path) => !existsSync(join(root, path)));
  if (missing.length > 0) {
    fail(`missing inputs: ${missing.join(', ')}`, 'Build first: `npm run build` (npm test does).');
  }
  return files;
}

/**
 * Electronegativity fetches its messages from S3 on every run (1 s timeout, locale from $LANG). This
 * puts a replacement of its i18n module in the require cache that loads the en-US file it ships.
 */
function stubTranslations() {
  const i18n = engRequire('i18n');
  const path = engRequire.resolve('./locales/i18n.js');
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(path),
      updateFiles: false,
      objectNotation: true,
      register: global, // the checks call a global `__`
    });
    i18n.setLocale('en-US');
  };
  require.cache[path] = stub;
}

/**
 * NODE_INTEGRATION_JS_CHECK in Electronegativity 1.10.3 reports nothing whenever the options have a
 * literal `sandbox` key, true or false: it means to skip sandboxed windows, but its findNode records
 * `sandbox: true` as well as `sandbox: false`. Nida wants `nodeIntegration: true` reported whatever
 * the sandbox says, so the sandbox exemption is switched off.
 */
function reportNodeIntegrationDespiteSandbox() {
  const check = engRequire('./finder/checks/AtomicChecks/NodeIntegrationJSCheck.js');
  const findNode = check.prototype.findNode;
  check.prototype.findNode = function (astHelper, startNode, name, skipCondition, locations) {
    return name === 'sandbox' ? false : findNode.call(this, astHelper, startNode, name, skipCondition, locations);
  };
}

/**
 * Records every file the scanner parsed to a non-empty syntax tree. A parse failure is reported by
 * Electronegativity itself; this also catches files it skips without a word (its file lister drops
 * any path containing "node_modules" and any extension it does not know).
 */
const parsedFiles = new Set();
function recordParsedFiles() {
  const { Parser } = engRequire('./parser');
  const parse = Parser.prototype.parse;
  Parser.prototype.parse = function (filename, content) {
    const result = parse.call(this, filename, content);
    const data = result[1];
    const program = data?.program ?? data;
    const empty = data === null || (Array.isArray(program?.body) && program.body.length === 0);
    if (!empty) parsedFiles.add(filename);
    return result;
  };
}

/**
 * Copies `files` (repository paths, optionally with replaced contents) into `stageDir`, scans it, and
 * returns the findings and errors with repository paths, and the files that were not parsed.
 */
async function scan(stageDir, files, contents = new Map(), output = undefined) {
  // Electronegativity only scans .js/.ts/.html/.json (and package.json by name).
  const stagedName = (path) => join(stageDir, path.endsWith('.cjs') ? `${path}.js` : path);
  const sourceOf = new Map();
  for (const path of files) {
    const staged = stagedName(path);
    mkdirSync(dirname(staged), { recursive: true });
    if (contents.has(path)) writeFileSync(staged, contents.get(path));
    else copyFileSync(join(root, path), staged);
    sourceOf.set(staged, path);
  }
  parsedFiles.clear();
  const run = engRequire('./runner.js');
  const result = await run({
    input: stageDir,
    electronVersionOverride: electronVersion,
    excludeFromScan: excludedChecks,
    ...(output && { output, isSarif: true }),
  });
  return {
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors.map((error) => ({ file: sourceOf.get(error.file) ?? error.file, message: error.message })),
    unparsed: files.filter((path) => !parsedFiles.has(stagedName(path))),
    findings: result.issues.map((issue) => ({
      id: issue.id,
      file: sourceOf.get(issue.file) ?? issue.file, // global checks without a location say "N/A"
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: issue.manualReview,
      sample: issue.sample,
      description: issue.description,
    })),
  };
}

/** A file glob as a RegExp: `**` any folders, `*` and `?` within one name, `{a,b}` alternatives. */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',') source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function loadJustifications() {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(join(root, justificationsFile), 'utf8'));
  } catch (error) {
    fail(`cannot read ${justificationsFile}: ${error.message}`);
  }
  const entries = parsed?.justifications;
  if (!Array.isArray(entries)) fail(`${justificationsFile} must have a "justifications" array`);
  return entries.map((entry, index) => {
    const ok = ['check', 'file', 'justification'].every((key) => typeof entry?.[key] === 'string' && entry[key]);
    if (!ok) fail(`${justificationsFile} entry ${index} needs non-empty "check", "file" and "justification"`);
    return { ...entry, pattern: globToRegExp(entry.file), used: 0 };
  });
}

function describe(finding) {
  return [
    `${finding.id} at ${finding.file}:${finding.line}:${finding.column} (${finding.severity}, ${finding.confidence})`,
    finding.sample ? `code: ${finding.sample}` : undefined,
    finding.description,
    `https://github.com/doyensec/electronegativity/wiki/${finding.id}`,
  ]
    .filter(Boolean)
    .join('\n    ');
}

/**
 * Scans copies of the window files with the renderer opened up (insecureEdits) and reports each
 * expected finding that does not appear: then the real scan could not have seen that regression either,
 * e.g. because the options moved out of the `new BrowserWindow({ … })` literal.
 */
async function selfTest() {
  const problems = [];
  const contents = new Map();
  for (const path of windowFiles) {
    let text = readFileSync(join(root, path), 'utf8');
    for (const edit of insecureEdits) {
      if (!edit.from.test(text)) problems.push(`self-test: ${path} has no \`${edit.from.source}\` to change`);
      text = text.replace(edit.from, edit.to);
    }
    contents.set(path, text);
  }
  if (problems.length > 0) return problems;
  const mutant = await scan(join(resultsDir, 'self-test'), windowFiles, contents);
  for (const path of windowFiles) {
    for (const { to, expect } of insecureEdits) {
      if (!mutant.findings.some((finding) => finding.id === expect && finding.file === path)) {
        problems.push(`self-test: \`${to}\` in ${path} was not reported as ${expect}; the scanner is blind to it`);
      }
    }
  }
  return problems;
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

async function main() {
  const files = inputs();
  const justifications = loadJustifications();

  // An inline `eng-disable` comment would hide a finding from the reviewed justification file.
  for (const path of files) {
    if (/eng-disable/i.test(readFileSync(join(root, path), 'utf8'))) {
      fail(`${path} contains an eng-disable comment`, `Justify the finding in ${justificationsFile} instead.`);
    }
  }

  rmSync(resultsDir, { recursive: true, force: true });
  stubTranslations();
  reportNodeIntegrationDespiteSandbox();
  recordParsedFiles();
  const { checks, errors, unparsed, findings } = await scan(
    join(resultsDir, 'input'),
    files,
    new Map(),
    join(resultsDir, 'electronegativity.sarif'),
  );

  for (const finding of findings) {
    const match = justifications.find((entry) => entry.check === finding.id && entry.pattern.test(finding.file));
    finding.justification = match?.justification ?? null;
    if (match) match.used++;
  }
  const unjustified = findings.filter((finding) => finding.justification === null);
  const stale = justifications.filter((entry) => entry.used === 0);
  const selfTestProblems = await selfTest();

  writeFileSync(
    join(resultsDir, 'report.json'),
    `${JSON.stringify(
      {
        electronVersion,
        checks,
        excludedChecks,
        scanned: files,
        errors,
        unparsed,
        findings,
        stale: stale.map(({ check, file, justification }) => ({ check, file, justification })),
        selfTest: selfTestProblems,
      },
      null,
      2,
    )}\n`,
  );

  const problems = [
    ...errors.map((error) => `cannot parse ${error.file}: ${error.message}`),
    ...unparsed.map((path) => `${path} was not scanned (the scanner skipped it or parsed nothing)`),
    ...unjustified.map((finding) => `finding without a justification: ${describe(finding)}`),
    ...stale.map((entry) => `stale justification (matches no finding; remove it): ${entry.check} for ${entry.file}`),
    ...selfTestProblems,
  ];
  const summary =
    `${files.length} files, ${checks} checks, ` +
    `${findings.length} findings (${findings.length - unjustified.length} justified)`;
  if (problems.length > 0) {
    // Not process.exit: Electronegativity may still be writing its SARIF file.
    process.exitCode = 1;
    complain(
      `${problems.length} problem(s); ${summary}`,
      ...problems,
      `Fix the code, or justify a false positive in ${justificationsFile}. Report: ${relative(root, resultsDir)}/`,
    );
  } else {
    process.stdout.write(`electronegativity: ok; ${summary}; self-test ok\n`);
  }
}

await main();
