/**
 * The classes of points of interest a street archive made by `nida map import` carries (the `pois`
 * layer of resources/tilemaker/process.lua): the importer reads them from OSM tags, the map draws them,
 * the place search names them.
 */
export const STREET_POI_CLASSES = [
  'hospital',
  'police',
  'fire_station',
  'mosque',
  'school',
  'university',
  'marketplace',
  'fuel',
] as const;
export type StreetPoiClass = (typeof STREET_POI_CLASSES)[number];
