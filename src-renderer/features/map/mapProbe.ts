import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapProbe } from './mapProbeApi';

export type { MapProbe };

declare global {
  interface Window {
    __nidaMap?: MapProbe;
  }
}

export function installMapProbe(map: MapLibreMap): () => void {
  let frames = 0;
  const countFrame = (): void => {
    frames++;
  };
  map.on('render', countFrame);
  const probe: MapProbe = {
    // Not map.loaded(): it is false whenever a paint property changed since the last frame (a selection,
    // a layer toggled); what matters is the data loaded and the view still.
    idle: () =>
      map.isStyleLoaded() === true &&
      map.areTilesLoaded() &&
      !map.isMoving() &&
      !(map as unknown as { _sourcesDirty?: boolean })._sourcesDirty,
    frames: () => frames,
    project: (lon, lat) => {
      const point = map.project([lon, lat]);
      return { x: point.x, y: point.y };
    },
    renderedText: (layers, property) => {
      const present = layers.filter((layer) => map.getLayer(layer));
      return map
        .queryRenderedFeatures({ layers: present })
        .map((feature) => String(feature.properties[property] ?? ''));
    },
    setVisible: (layer, visible) => map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none'),
    jumpTo: (center, zoom) => map.jumpTo({ center, zoom }),
    panBy: (dx, dy) => map.panBy([dx, dy], { duration: 0 }),
    lightPixels: (threshold) =>
      new Promise((resolve) => {
        map.once('render', () => {
          const gl = map.painter.context.gl;
          const { drawingBufferWidth: width, drawingBufferHeight: height } = gl;
          const pixels = new Uint8Array(width * height * 4);
          gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
          let count = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if ((pixels[i] ?? 0) > threshold && (pixels[i + 1] ?? 0) > threshold && (pixels[i + 2] ?? 0) > threshold) {
              count++;
            }
          }
          resolve(count);
        });
        map.triggerRepaint();
      }),
    renderedIds: (layer) =>
      map.getLayer(layer)
        ? map.queryRenderedFeatures({ layers: [layer] }).map((feature) => String(feature.properties['id'] ?? ''))
        : [],
    renderedPoint: (layer, id) => {
      if (!map.getLayer(layer)) return null;
      const feature = map
        .queryRenderedFeatures({ layers: [layer] })
        .find((candidate) => String(candidate.properties['id'] ?? '') === id);
      if (feature?.geometry.type !== 'Point') return null;
      const [lon = 0, lat = 0] = feature.geometry.coordinates;
      return { lon, lat };
    },
    zoom: () => map.getZoom(),
    center: () => {
      const center = map.getCenter();
      return { lon: center.lng, lat: center.lat };
    },
    layerIds: () => map.getStyle().layers.map((layer) => layer.id),
  };
  window.__nidaMap = probe;
  return () => {
    map.off('render', countFrame);
    if (window.__nidaMap === probe) delete window.__nidaMap;
  };
}
