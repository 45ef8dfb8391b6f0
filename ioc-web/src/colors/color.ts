/** RGBA with 0–255 channels, the form deck.gl accessors take. */
export type Rgba = [number, number, number, number];

export function toCss([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
}
