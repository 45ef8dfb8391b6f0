/** A linear ring or line as [lon, lat] positions. */
export type Ring = Array<[number, number]>;

/**
 * Makes a ring continuous in longitude: a step of more than 180° between two vertices means the
 * ring crossed the antimeridian, so later vertices are shifted by ±360° instead of being drawn
 * the long way round the globe (the world-atlas trap for Russia, Fiji, Antarctica).
 */
export function unwrapRing(ring: Ring): Ring {
  const out: Ring = [];
  let offset = 0;
  let previousLon: number | null = null;
  for (const [lon, lat] of ring) {
    if (previousLon !== null) {
      const step = lon - previousLon;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    previousLon = lon;
    out.push([lon + offset, lat]);
  }
  return out;
}

/** Rounds coordinates to `decimals` places; 3 places ≈ 110 m, finer than the 1:50m source data. */
export function roundRing(ring: Ring, decimals: number): Ring {
  const factor = 10 ** decimals;
  return ring.map(([lon, lat]) => [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor]);
}
