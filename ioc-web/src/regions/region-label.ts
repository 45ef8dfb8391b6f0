// Administrative prefixes repeat on every label and crowd the map; the wall shows the proper name.
const ADMIN_PREFIX = /^(tỉnh|thành phố|thị xã|thị trấn|huyện|phường|xã|province of|city of|town of|district of)\s+/i;
const ADMIN_SUFFIX = /\s+(province|city|town|district|commune|ward)$/i;

export function regionLabel(name: string): string {
  const trimmed = name.trim();
  const short = trimmed.replace(ADMIN_PREFIX, '').replace(ADMIN_SUFFIX, '');
  return short.length > 0 ? short : trimmed;
}
