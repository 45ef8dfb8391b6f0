/**
 * VN_AQI sub-indices for PM2.5 and PM10 (Decision 1459/QĐ-TCMT, 2019): linear between
 * breakpoints; the index is the worse of the two.
 */
const INDEX_BREAKPOINTS = [0, 50, 100, 150, 200, 300, 400, 500];
const PM25_BREAKPOINTS = [0, 25, 50, 80, 150, 250, 350, 500];
const PM10_BREAKPOINTS = [0, 50, 150, 250, 350, 420, 500, 600];

function subIndex(concentration: number, breakpoints: number[]): number {
  for (let i = 1; i < breakpoints.length; i++) {
    const hi = breakpoints[i];
    if (concentration <= hi) {
      const lo = breakpoints[i - 1];
      const iLo = INDEX_BREAKPOINTS[i - 1];
      const iHi = INDEX_BREAKPOINTS[i];
      return iLo + ((iHi - iLo) * (concentration - lo)) / (hi - lo);
    }
  }
  return 500;
}

export function vnAqi(pm25: number, pm10: number): number {
  return Math.round(Math.max(subIndex(Math.max(pm25, 0), PM25_BREAKPOINTS), subIndex(Math.max(pm10, 0), PM10_BREAKPOINTS)));
}
