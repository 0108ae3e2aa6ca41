import { readJsonFile } from '../runtime/jsonFile';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Handlers, LayoutApi, LayoutState, WorkstationLayout } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { saveLayoutArgs } from '../../../src-shared/contract/schemas';
import {
  displayInfoSchema,
  migrateWindowPlacement,
  windowPlacementSchema,
  type DisplayInfo,
} from '../../../src-shared/domain/placement';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Publish } from '../runtime/publish';

/** The layout lives beside the workstation's config: one data directory per workstation. */
export const LAYOUT_FILE_NAME = 'workstation-layout.json';

/** The file format written now; 1 named each window's view `role` (still read, migrated on load). */
const LAYOUT_FORMAT = 2;

const layoutFileSchema = z.strictObject({
  /** File format, for a later change of shape. */
  format: z.union([z.literal(1), z.literal(LAYOUT_FORMAT)]),
  version: z.number().int().min(1),
  updatedAt: z.number().int(),
  /** Who saved it last (operator, or `desktop` when windows were moved by hand). */
  savedBy: z.string().max(200),
  windows: z.array(z.preprocess(migrateWindowPlacement, windowPlacementSchema)).min(1).max(24),
});

const EMPTY: WorkstationLayout = { version: 0, updatedAt: null, windows: [] };

export interface LayoutService {
  readonly handlers: Handlers<LayoutApi>;
  /** The layout as saved (version 0 and no windows before the first save). */
  current(): WorkstationLayout;
  /** The desktop shell reports the displays it sees, so the layout editor can offer them. */
  reportDisplays(displays: readonly DisplayInfo[]): void;
  /** Saves from inside the host (the desktop shell after a window was moved). */
  save(windows: unknown, actor: string, expectedVersion?: number): LayoutState;
}

export interface LayoutDependencies {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Audit of every saved layout (who moved which window where). */
  readonly recordAction: (action: {
    actor: string;
    action: string;
    subject: string;
    details: Record<string, unknown>;
  }) => void;
  readonly publish: Publish<'onLayoutChanged'>;
}

/**
 * The workstation layout: a zod-validated JSON file in the data directory, written atomically
 * (temp file + rename) so a power cut never leaves half a layout. A damaged file is kept aside and
 * the console starts with the default layout instead of refusing to start.
 */
export function createLayoutService(deps: LayoutDependencies): LayoutService {
  const path = join(deps.dataDir, LAYOUT_FILE_NAME);
  let layout = load();
  let displays: readonly DisplayInfo[] = [];

  function load(): WorkstationLayout {
    if (!existsSync(path)) return EMPTY;
    let problem: string;
    try {
      const parsed = layoutFileSchema.safeParse(readJsonFile(path));
      if (parsed.success) {
        const { version, updatedAt, windows } = parsed.data;
        return { version, updatedAt, windows };
      }
      problem = z.prettifyError(parsed.error);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const keptAs = `${path}.invalid-${deps.clock.now()}`;
    renameSync(path, keptAs);
    deps.logger.error({ path, keptAs, problem }, 'workstation layout unreadable; starting with the default layout');
    return EMPTY;
  }

  const state = (): LayoutState => ({ layout, displays });

  function save(rawWindows: unknown, actor: string, expectedVersion?: number): LayoutState {
    const parsed = saveLayoutArgs.safeParse({
      windows: rawWindows,
      ...(expectedVersion !== undefined && { expectedVersion }),
    });
    if (!parsed.success) throw new AppError('INVALID_ARGUMENT', z.prettifyError(parsed.error));
    if (expectedVersion !== undefined && expectedVersion !== layout.version) {
      throw new AppError(
        'CONFLICT',
        `the layout was saved by another window (version ${layout.version}, expected ${expectedVersion})`,
      );
    }
    const next: WorkstationLayout = {
      version: layout.version + 1,
      updatedAt: deps.clock.now(),
      windows: parsed.data.windows,
    };
    const file: z.infer<typeof layoutFileSchema> = {
      format: LAYOUT_FORMAT,
      version: next.version,
      updatedAt: next.updatedAt ?? 0,
      savedBy: actor,
      windows: [...next.windows],
    };
    const partial = `${path}.partial`;
    writeFileSync(partial, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(partial, path);
    layout = next;
    try {
      deps.recordAction({
        actor,
        action: 'layout.save',
        subject: 'workstation-layout',
        details: {
          version: next.version,
          windows: next.windows.map((window) => ({ key: window.key, view: window.view, display: window.display.id })),
        },
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'could not audit the layout change');
    }
    deps.publish('onLayoutChanged', state());
    return state();
  }

  return {
    handlers: {
      get: () => state(),
      save: (args, context) => save(args.windows, context.actor, args.expectedVersion),
    },
    current: () => layout,
    reportDisplays(next) {
      displays = next.map((display) => displayInfoSchema.parse(display));
      deps.publish('onLayoutChanged', state());
    },
    save,
  };
}
