/** ASCII transliteration of Vietnamese text: strips tone and vowel marks, maps đ → d. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Stable identifier fragment: "Bù Gia Mập" → "bu-gia-map". */
export function asciiSlug(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
