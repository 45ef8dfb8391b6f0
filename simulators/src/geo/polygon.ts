/** Planar polygon helpers in lon/lat degrees (the province is small enough to treat as flat). */
export type Position = [number, number];
/** GeoJSON Polygon coordinates: outer ring first, then holes; rings closed (first = last). */
export type PolygonCoordinates = Position[][];

/** Signed area (shoelace); positive for counter-clockwise rings. */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

/** Even-odd ray test; points exactly on an edge may go either way. */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(point: Position, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boundingBox(polygon: PolygonCoordinates): BoundingBox {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const ring of polygon) {
    for (const [x, y] of ring) {
      if (x < box.minX) box.minX = x;
      if (y < box.minY) box.minY = y;
      if (x > box.maxX) box.maxX = x;
      if (y > box.maxY) box.maxY = y;
    }
  }
  return box;
}

export function inBox(point: Position, box: BoundingBox): boolean {
  return point[0] >= box.minX && point[0] <= box.maxX && point[1] >= box.minY && point[1] <= box.maxY;
}

/** Polygon area in km², using the local scale at the polygon's latitude. */
export function polygonAreaKm2(polygon: PolygonCoordinates): number {
  const box = boundingBox(polygon);
  const latRad = (((box.minY + box.maxY) / 2) * Math.PI) / 180;
  const kmPerDegLat = 110.57;
  const kmPerDegLon = 111.32 * Math.cos(latRad);
  const [outer, ...holes] = polygon;
  const deg2 = Math.abs(ringSignedArea(outer ?? [])) - holes.reduce((s, h) => s + Math.abs(ringSignedArea(h)), 0);
  return deg2 * kmPerDegLat * kmPerDegLon;
}
