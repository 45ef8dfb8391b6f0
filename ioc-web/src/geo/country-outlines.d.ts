declare module 'virtual:country-outlines' {
  export interface CountryOutline {
    type: 'Feature';
    id: string;
    properties: { id: string; name: string };
    geometry: { type: 'MultiPolygon'; coordinates: Array<Array<Array<[number, number]>>> };
  }
  const outlines: { type: 'FeatureCollection'; features: CountryOutline[] };
  export default outlines;
}
