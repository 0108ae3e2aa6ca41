import type { Map as MapLibreMap } from 'maplibre-gl';
import { unitIcons, type UnitIcon } from './mapFeatures';

/**
 * Unit icons drawn once on a canvas and handed to MapLibre as images (no sprite sheet to ship or
 * fetch). White shapes on the status-coloured dot: a shield for police, a cross for ambulances, a
 * flame-like triangle for civil defence, a diamond for traffic police, a dot for anything else.
 */

const SIZE = 32;
const PIXEL_RATIO = 2;

function draw(paint: (ctx: CanvasRenderingContext2D, size: number) => void): ImageData {
  const size = SIZE * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the unit icons');
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#ffffff';
  paint(ctx, size);
  return ctx.getImageData(0, 0, size, size);
}

function iconShape(icon: UnitIcon, ctx: CanvasRenderingContext2D, size: number): void {
  const c = size / 2;
  const r = size * 0.22;
  ctx.beginPath();
  switch (icon) {
    case 'police':
      ctx.moveTo(c - r, c - r);
      ctx.lineTo(c + r, c - r);
      ctx.lineTo(c + r, c + r * 0.2);
      ctx.quadraticCurveTo(c + r, c + r, c, c + r * 1.25);
      ctx.quadraticCurveTo(c - r, c + r, c - r, c + r * 0.2);
      ctx.closePath();
      ctx.fill();
      return;
    case 'medical':
      ctx.rect(c - r * 0.35, c - r, r * 0.7, r * 2);
      ctx.rect(c - r, c - r * 0.35, r * 2, r * 0.7);
      ctx.fill();
      return;
    case 'fire':
      ctx.moveTo(c, c - r * 1.2);
      ctx.lineTo(c + r, c + r);
      ctx.lineTo(c - r, c + r);
      ctx.closePath();
      ctx.fill();
      return;
    case 'traffic':
      ctx.moveTo(c, c - r * 1.1);
      ctx.lineTo(c + r * 1.1, c);
      ctx.lineTo(c, c + r * 1.1);
      ctx.lineTo(c - r * 1.1, c);
      ctx.closePath();
      ctx.fill();
      return;
    case 'generic':
      ctx.arc(c, c, r * 0.6, 0, Math.PI * 2);
      ctx.fill();
      return;
  }
}

/** The heading arrow: a chevron at the top edge, rotated by MapLibre around the image centre. */
function arrow(ctx: CanvasRenderingContext2D, size: number): void {
  const c = size / 2;
  ctx.fillStyle = '#ffd166';
  ctx.strokeStyle = '#0b111b';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(c, 1);
  ctx.lineTo(c + size * 0.16, size * 0.2);
  ctx.lineTo(c - size * 0.16, size * 0.2);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

export function addUnitImages(map: MapLibreMap): void {
  for (const icon of unitIcons) {
    const name = `unit-${icon}`;
    if (!map.hasImage(name)) {
      map.addImage(
        name,
        draw((ctx, size) => iconShape(icon, ctx, size)),
        { pixelRatio: PIXEL_RATIO },
      );
    }
  }
  if (!map.hasImage('unit-arrow')) map.addImage('unit-arrow', draw(arrow), { pixelRatio: PIXEL_RATIO });
}
