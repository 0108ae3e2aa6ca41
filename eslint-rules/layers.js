// @ts-check
/**
 * The layer rule of docs/architecture.md, as an allow-list per folder (after VS Code's local
 * `code-layering` rule): a file may import only the layers its folder lists, Node built-ins only
 * where `node` is set, and `electron` only where `electron` is set. A folder that is not listed
 * (tests, bench, scripts) is not checked. Anything new is refused until the table allows it.
 */
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

const repoRoot = dirname(dirname(new URL(import.meta.url).pathname));
const DOC = 'docs/architecture.md#layers';

/**
 * Most specific folder first. `allow` lists the repository folders whose files may be imported
 * (a folder allows its sub-folders unless a more specific layer of the table claims them).
 */
export const layers = [
  { folder: 'src-shared', allow: ['src-shared'], node: false, electron: false },
  { folder: 'src-main/services/runtime', allow: ['src-shared', 'src-main/services/runtime'], node: true },
  { folder: 'src-main/services', allow: ['src-shared', 'src-main/services', 'resources'], node: true },
  { folder: 'src-main/config', allow: ['src-shared', 'src-main/services', 'src-main/config'], node: true },
  {
    folder: 'src-main/host',
    allow: ['src-shared', 'src-main/services', 'src-main/config', 'src-main/host'],
    node: true,
  },
  {
    folder: 'src-main/transports',
    allow: ['src-shared', 'src-main/host', 'src-main/services/runtime', 'src-main/transports'],
    node: true,
  },
  {
    folder: 'src-main/http',
    allow: [
      'src-shared',
      'src-main/host',
      'src-main/transports',
      'src-main/config',
      'src-main/services/runtime',
      'src-main/http',
    ],
    node: true,
  },
  {
    folder: 'src-main/cli',
    allow: [
      'src-shared',
      'src-main/services',
      'src-main/config',
      'src-main/host',
      'src-main/transports',
      'src-main/http',
      'src-main/cli',
      'resources',
    ],
    node: true,
  },
  { folder: 'src-main/electron', allow: ['src-shared', 'src-main', 'resources'], node: true, electron: true },
  { folder: 'src-preload', allow: ['src-shared/contract', 'src-preload'], node: false, electron: true },
  { folder: 'src-renderer', allow: ['src-shared', 'src-renderer', 'resources'], node: false, electron: false },
];

/** The layer a repository-relative path belongs to (longest folder match), or undefined. */
export function layerOf(path) {
  const normalized = path.split(sep).join('/');
  return layers.find((layer) => normalized === layer.folder || normalized.startsWith(`${layer.folder}/`));
}

const within = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** Whether `target` (repository-relative) lies in a folder the layer allows. */
const allowed = (layer, target) => layer.allow.some((folder) => within(target, folder));

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the layers docs/architecture.md allows it' },
    schema: [],
    messages: {
      layer: '{{from}} may not import {{target}}: it may import only {{allowed}} (layer rule, see ' + DOC + ').',
      node: '{{from}} runs without Node: "{{target}}" is not available here (layer rule, see ' + DOC + ').',
      electron:
        'Only src-main/electron and src-preload may import \'electron\' ({{from}} imports "{{target}}"; layer rule, see ' +
        DOC +
        ').',
    },
  },
  create(context) {
    const file = relative(repoRoot, context.filename).split(sep).join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    const check = (/** @type {import('estree').Node} */ node, /** @type {unknown} */ value) => {
      if (typeof value !== 'string') return;
      const specifier = value.split('?')[0] ?? value;
      if (specifier.startsWith('.')) {
        const target = relative(repoRoot, join(dirname(context.filename), specifier))
          .split(sep)
          .join('/');
        if (target.startsWith('..')) return;
        if (!allowed(layer, target)) {
          context.report({
            node,
            messageId: 'layer',
            data: { from: layer.folder, target, allowed: layer.allow.join(', ') },
          });
        }
        return;
      }
      if (specifier === 'electron' || specifier.startsWith('electron/')) {
        if (!layer.electron)
          context.report({ node, messageId: 'electron', data: { from: layer.folder, target: specifier } });
        return;
      }
      if (builtins.has(specifier) && !layer.node) {
        context.report({ node, messageId: 'node', data: { from: layer.folder, target: specifier } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers: rule } };
