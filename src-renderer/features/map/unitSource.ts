import type { UnitPosition, UnitRecord } from '../../../src-shared/domain/unit';
import { unitFeature, type UnitFeature } from './mapFeatures';

/**
 * How the units' GeoJSON source is fed: pure functions, tested in Node
 * (tests/node/renderer/features/map/unitSource.test.ts).
 */

/** Clusters stop at this zoom: from city level on, every unit is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 9;

/**
 * Whether the source clusters at this zoom. Above CLUSTER_MAX_ZOOM no cluster forms, yet a clustered
 * source still rebuilds its cluster trees and reloads every tile on each position diff; unclustered,
 * it re-tiles only what the diff touched. Tiles at zoom z are drawn from z to z + 1.
 */
export function clusteredAt(zoom: number): boolean {
  return Math.floor(zoom) <= CLUSTER_MAX_ZOOM;
}

export interface UnitSourceDiff {
  /** Every changed unit that has a position, as a whole feature: an `add` replaces the feature with its id. */
  readonly add: UnitFeature[];
  readonly remove: string[];
  /** Changed units outside the area that is updated: sent once the view comes near them. */
  readonly deferred: string[];
}

/** A longitude/latitude box (no rotation or pitch on this map, so the view is one). */
export interface LonLatBox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/**
 * Half a view on each side of it: units there are kept current so that a pan shows none out of date;
 * a pan further than that within one redraw (a second for a large fleet) shows them late by that much.
 */
export const VIEW_MARGIN = 0.5;

/** The view grown by `margin` of its width and height on each side. */
export function grownBox(view: LonLatBox, margin: number): LonLatBox {
  const width = view.east - view.west;
  const height = view.north - view.south;
  return {
    west: view.west - width * margin,
    south: view.south - height * margin,
    east: view.east + width * margin,
    north: view.north + height * margin,
  };
}

export function boxHolds(box: LonLatBox, lon: number, lat: number): boolean {
  return lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
}

/**
 * The diff for the units whose position or roster entry changed, limited to those inside `area`:
 * at street level a city-wide fleet's diff would re-tile and re-send thousands of units nobody sees.
 * A unit that lost its position is removed wherever it was.
 *
 * Units are sent whole as `add` rather than as `update` entries: MapLibre's worker applies each
 * `update` with array copies of all the entries before it (quadratic in the entries), while `add`
 * replaces features by id in one pass; a whole feature is also fewer objects to copy to the worker
 * than an update listing each property. `drawn` (the ids on the source) is kept up to date.
 */
export function unitSourceDiff(
  changed: Iterable<string>,
  positions: ReadonlyMap<string, UnitPosition>,
  roster: Readonly<Record<string, UnitRecord>>,
  drawn: Set<string>,
  area: LonLatBox,
): UnitSourceDiff {
  const add: UnitFeature[] = [];
  const remove: string[] = [];
  const deferred: string[] = [];
  for (const id of changed) {
    const position = positions.get(id);
    if (!position) {
      if (drawn.delete(id)) remove.push(id);
    } else if (boxHolds(area, position.lon, position.lat)) {
      drawn.add(id);
      add.push(unitFeature(position, roster[id]));
    } else {
      deferred.push(id);
    }
  }
  return { add, remove, deferred };
}
