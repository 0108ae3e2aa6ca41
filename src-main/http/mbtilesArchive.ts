import Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * A street basemap in MBTiles 1.3 (SQLite: `metadata` and `tiles`, rows in TMS order), as
 * `nida map import` writes it with tilemaker. Opened read-only: the host never writes the
 * archive, and an archive being replaced by a new import is read consistently until it is reopened.
 */

export const TILE_FORMATS = ['pbf', 'png', 'jpg', 'webp'] as const;
export type TileFormat = (typeof TILE_FORMATS)[number];

/** The deepest zoom an archive may hold (MBTiles allows more; no street archive needs it). */
export const MAX_TILE_ZOOM = 22;

export interface MbtilesInfo {
  readonly format: TileFormat;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** West, south, east, north; null when the archive does not say. */
  readonly bounds: readonly [number, number, number, number] | null;
  /** The vector layers' ids (empty for raster archives). */
  readonly layers: readonly string[];
  readonly attribution: string | null;
}

export class MbtilesError extends Error {
  override readonly name = 'MbtilesError';
}

const zoomSchema = z.coerce.number().int().min(0).max(MAX_TILE_ZOOM);

const metadataSchema = z.object({
  format: z.enum(TILE_FORMATS),
  minzoom: zoomSchema.default(0),
  maxzoom: zoomSchema.default(14),
  bounds: z
    .string()
    .transform((text) => text.split(',').map(Number))
    .pipe(
      z
        .tuple([
          z.number().min(-180).max(180),
          z.number().min(-90).max(90),
          z.number().min(-180).max(180),
          z.number().min(-90).max(90),
        ])
        .refine(([west, south, east, north]) => west < east && south < north, 'an empty box'),
    )
    .optional()
    .catch(undefined),
  attribution: z.string().max(300).optional().catch(undefined),
  // MBTiles 1.3: the vector layers are in a JSON text field.
  json: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'json is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.object({ vector_layers: z.array(z.object({ id: z.string().min(1).max(100) })).max(200) }))
    .optional(),
});

export class MbtilesArchive {
  readonly info: MbtilesInfo;
  private readonly db: Database.Database;
  private readonly tileQuery: Database.Statement<[number, number, number], { tile_data: Buffer }>;

  private constructor(db: Database.Database, info: MbtilesInfo) {
    this.db = db;
    this.info = info;
    this.tileQuery = db.prepare<[number, number, number], { tile_data: Buffer }>(
      'SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
    );
  }

  /** Opens an archive read-only and checks its metadata; throws an MbtilesError naming what is wrong. */
  static open(path: string, options: { readonly nativeBinding?: string } = {}): MbtilesArchive {
    let db: Database.Database;
    try {
      db = new Database(path, {
        readonly: true,
        fileMustExist: true,
        ...(options.nativeBinding !== undefined && { nativeBinding: options.nativeBinding }),
      });
    } catch (error) {
      throw new MbtilesError(`${path} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: unknown; value: unknown }[];
      const metadata = Object.fromEntries(
        rows.flatMap((row) => (typeof row.name === 'string' ? [[row.name, row.value]] : [])),
      );
      const parsed = metadataSchema.safeParse(metadata);
      if (!parsed.success) {
        throw new MbtilesError(
          `${path} is not a usable MBTiles archive: ${parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'metadata'}: ${issue.message}`)
            .join('; ')}`,
        );
      }
      const { format, minzoom, maxzoom, bounds, attribution, json } = parsed.data;
      if (minzoom > maxzoom) throw new MbtilesError(`${path}: minzoom ${minzoom} is above maxzoom ${maxzoom}`);
      return new MbtilesArchive(db, {
        format,
        minzoom,
        maxzoom,
        bounds: bounds ?? null,
        layers: format === 'pbf' ? (json?.vector_layers ?? []).map((layer) => layer.id) : [],
        attribution: attribution ?? null,
      });
    } catch (error) {
      db.close();
      if (error instanceof MbtilesError) throw error;
      // Not SQLite, or SQLite without the MBTiles tables.
      throw new MbtilesError(
        `${path} is not an MBTiles archive: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The stored bytes of tile z/x/y (XYZ numbering, as the map asks; MBTiles rows count from the
   * south), or undefined when the archive has no such tile. Coordinates are checked by the caller.
   */
  tile(z: number, x: number, y: number): Buffer | undefined {
    return this.tileQuery.get(z, x, 2 ** z - 1 - y)?.tile_data;
  }

  /** Whether the connection is read-only (always, by construction; the tests hold it to that). */
  get readOnly(): boolean {
    return this.db.readonly;
  }

  tileCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM tiles').get() as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
