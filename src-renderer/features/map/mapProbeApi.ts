/**
 * A read-only window onto the map for the e2e tests and the benchmark (as `__nidaMissingKeys` is
 * for the catalogues): where a point is on screen, which labels are placed, whether the map is idle,
 * and how many light pixels a frame has. It changes nothing a dispatcher sees.
 */
export interface MapProbe {
  /** True once the style, sources and tiles are loaded and nothing is moving. */
  idle(): boolean;
  /**
   * Frames drawn so far. A camera change reaches the sources only at the next frame, so `idle()`
   * right after `jumpTo` still describes the old view: wait for this to grow first.
   */
  frames(): number;
  /** Screen position of a coordinate, in CSS pixels from the map canvas's top-left corner. */
  project(lon: number, lat: number): { x: number; y: number };
  /** Text of the labels the last frame placed on the given layers. */
  renderedText(layers: readonly string[], property: string): string[];
  setVisible(layer: string, visible: boolean): void;
  jumpTo(center: [number, number], zoom: number): void;
  /** Moves the view by screen pixels at once (the benchmark pans with it every frame). */
  panBy(dx: number, dy: number): void;
  /** After the next frame: pixels of the canvas lighter than `threshold` (0–255) on every channel. */
  lightPixels(threshold: number): Promise<number>;
  /** Ids of the features in a source the map currently draws (clusters excluded). */
  renderedIds(layer: string): string[];
  /** Where the map currently draws a point feature of a layer (null when it does not). */
  renderedPoint(layer: string, id: string): { lon: number; lat: number } | null;
  zoom(): number;
  /** The centre of the view. */
  center(): { lon: number; lat: number };
  /** Ids of the style's layers, bottom to top. */
  layerIds(): string[];
}
