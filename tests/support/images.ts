/**
 * Real image files for upload tests, made without an image library. `pngImage` (from the
 * simulator) draws an RGB gradient; `jpegImage` is the smallest baseline JPEG a decoder accepts:
 * one 8×8 mid-grey block, one-symbol Huffman tables (DC difference 0, then end of block).
 */
export { pngImage } from '@ioc/simulators';

const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
const oneSymbolTable = (tableClass: number) => [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00];

export function jpegImage(): Buffer {
  return Buffer.from([
    0xff, 0xd8, // SOI
    ...seg(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // DQT: table 0, all ones
    ...seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // SOF0: 8-bit, 8×8, one component, table 0
    ...seg(0xc4, oneSymbolTable(0)), // DHT DC 0: code "0" = category 0
    ...seg(0xc4, oneSymbolTable(1)), // DHT AC 0: code "0" = EOB
    ...seg(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    0x3f, // "0" (DC diff 0), "0" (EOB), padded with ones
    0xff, 0xd9, // EOI
  ]);
}
