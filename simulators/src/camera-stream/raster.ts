import { rasterizeText, textWidth } from './bitmap-font.js';

export type Rgb = readonly [number, number, number];

/** An RGBA picture (the layout jpeg-js encodes) with the few drawing operations the scenes need. */
export class Raster {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = Buffer.alloc(width * height * 4, 255);
  }

  /** Fills the rectangle clipped to the picture; `alpha` < 1 blends over what is there. */
  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    const d = this.data;
    for (let py = y0; py < y1; py++) {
      let i = (py * this.width + x0) * 4;
      for (let px = x0; px < x1; px++, i += 4) {
        if (alpha >= 1) {
          d[i] = r;
          d[i + 1] = g;
          d[i + 2] = b;
        } else {
          d[i] = Math.round(d[i]! + (r - d[i]!) * alpha);
          d[i + 1] = Math.round(d[i + 1]! + (g - d[i + 1]!) * alpha);
          d[i + 2] = Math.round(d[i + 2]! + (b - d[i + 2]!) * alpha);
        }
        d[i + 3] = 255;
      }
    }
  }

  /** A rectangle outline `thickness` pixels wide, inside the given box. */
  strokeRect(x: number, y: number, w: number, h: number, color: Rgb, thickness = 2): void {
    this.fillRect(x, y, w, thickness, color);
    this.fillRect(x, y + h - thickness, w, thickness, color);
    this.fillRect(x, y, thickness, h, color);
    this.fillRect(x + w - thickness, y, thickness, h, color);
  }

  /** Vertical gradient from `top` to `bottom` over rows [y, y+h). */
  gradient(y: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let row = 0; row < h; row++) {
      const t = h > 1 ? row / (h - 1) : 0;
      const c: Rgb = [top[0] + (bottom[0] - top[0]) * t, top[1] + (bottom[1] - top[1]) * t, top[2] + (bottom[2] - top[2]) * t].map(Math.round) as unknown as Rgb;
      this.fillRect(0, y + row, this.width, 1, c);
    }
  }

  /** Text in the bitmap font; returns its width. */
  text(text: string, x: number, y: number, color: Rgb, scale = 1): number {
    rasterizeText(text, x, y, scale, (px, py, size) => this.fillRect(px, py, size, size, color));
    return textWidth(text, scale);
  }

  /** Text on a dark translucent plate, for readable overlays over any scene. */
  label(text: string, x: number, y: number, color: Rgb, scale = 1, plate: Rgb = [0, 0, 0]): { width: number; height: number } {
    const width = textWidth(text, scale) + 4 * scale;
    const height = 7 * scale + 4 * scale;
    this.fillRect(x, y, width, height, plate, 0.6);
    this.text(text, x + 2 * scale, y + 2 * scale, color, scale);
    return { width, height };
  }

  /** The RGB at a pixel (tests). */
  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 4;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }
}
