import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const navy: Rgba = [0x1d, 0x35, 0x57, 0xff];
const white: Rgba = [0xff, 0xff, 0xff, 0xff];
const clear: Rgba = [0xff, 0xff, 0xff, 0x00];

const inside = (x: number, y: number, [left, top, right, bottom]: readonly [number, number, number, number]) =>
  x >= left && x < right && y >= top && y < bottom;

/**
 * The colour icon (192x192): a white door on a threshold, on Frontdoor's navy (the Slack
 * app's background colour too). The symbol stays in the middle, clear of Teams' rounded mask.
 */
export function colorIcon(): Buffer {
  return png(192, 192, (x, y) => {
    if ((x - 108) ** 2 + (y - 98) ** 2 <= 25) return navy;
    if (inside(x, y, [72, 44, 120, 148]) || inside(x, y, [56, 152, 136, 160])) return white;
    return navy;
  });
}

/** The outline icon (32x32): the same door drawn in white lines on a transparent background, as Teams requires. */
export function outlineIcon(): Buffer {
  return png(32, 32, (x, y) => {
    const frame = inside(x, y, [11, 6, 21, 26]) && !inside(x, y, [13, 8, 19, 26]);
    const knob = inside(x, y, [16, 15, 18, 17]);
    const threshold = inside(x, y, [7, 26, 25, 28]);
    return frame || knob || threshold ? white : clear;
  });
}

/** An 8-bit RGBA PNG, rows unfiltered: small enough for icons, and needs nothing beyond zlib. */
function png(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
