/** The sharp pipeline, on real images made here with sharp. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/diagnostics.js';
import { forgetRasterMemory, prepareRaster, sharpCallCount } from '../../src/images/raster.js';

/** A photo-like image: a left half red, right half blue, so orientation can be read back. */
function halves(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([
    { input: { create: { width: width / 2, height, channels: 3, background: '#0000ff' } }, left: width / 2, top: 0 },
  ]);
}

async function pixel(data: Buffer, x: number, y: number) {
  const { data: raw, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [raw[i], raw[i + 1], raw[i + 2]];
}

describe('prepareRaster', () => {
  it('turns an EXIF-rotated JPEG upright and drops all metadata, GPS included', async () => {
    // Stored 200x100 with orientation 6: a viewer shows it rotated 90° clockwise, 100x200.
    const input = await halves(200, 100)
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 40/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825) is in the input's EXIF.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const out = await prepareRaster(input, 'photo.jpg', 200);
    expect(out).toMatchObject({ format: 'jpeg', width: 100, height: 200 });
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Rotated clockwise, the red (left) half is now on top.
    const [r, , b] = await pixel(out.data, 50, 20);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
  });

  it('flattens a transparent PNG onto white and keeps flat art as PNG', async () => {
    const input = await sharp({
      create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const out = await prepareRaster(input, 'logo.png', 100);
    expect(out.format).toBe('png');
    expect((await sharp(out.data).metadata()).hasAlpha).toBe(false);
    expect(await pixel(out.data, 5, 5)).toEqual([255, 255, 255]);
  });

  it('scales an image down to 300 dpi at the size it is drawn', async () => {
    const input = await halves(2000, 1000).jpeg().toBuffer();
    // 72 pt wide = 1 inch = 300 px at 300 dpi.
    const out = await prepareRaster(input, 'big.jpg', 72);
    expect(out.width).toBe(300);
    expect(out.height).toBe(150);
  });

  it('converts 16-bit input to 8-bit sRGB', async () => {
    const input = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#336699' } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(input).metadata()).depth).toBe('ushort');
    const out = await prepareRaster(input, 'deep.png', 100);
    const meta = await sharp(out.data).metadata();
    expect(meta.depth).toBe('uchar');
    expect(meta.space).toBe('srgb');
  });

  it('refuses a decompression bomb by its header, naming the file', async () => {
    // A PNG header that claims 100000 x 100000 pixels.
    const real = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const forged = Buffer.from(real);
    forged.writeUInt32BE(100_000, 16);
    forged.writeUInt32BE(100_000, 20);
    await expect(prepareRaster(forged, 'assets/bomb.png', 100)).rejects.toThrow(
      /assets\/bomb\.png: cannot use image: it is larger than/,
    );
  });

  it('refuses a file that is not an image', async () => {
    const error = await prepareRaster(Buffer.from('not an image at all'), 'assets/notes.png', 100).catch((e) => e);
    expect(error).toBeInstanceOf(HandoutError);
    expect(error.message).toMatch(/assets\/notes\.png: cannot use image: it is not an image sharp can read/);
  });

  it('processes each image once: a second request comes from the cache, memory or disk', async () => {
    const input = await halves(64, 32).jpeg().toBuffer();
    const before = sharpCallCount();
    await prepareRaster(input, 'a.jpg', 50);
    await prepareRaster(input, 'a.jpg', 50);
    expect(sharpCallCount() - before).toBe(1);
    // Another size is another result.
    await prepareRaster(input, 'a.jpg', 20);
    expect(sharpCallCount() - before).toBe(2);
  });

  it('serves a new process from the disk cache', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handout-cache-'));
    const input = await halves(66, 32).jpeg().toBuffer();
    const before = sharpCallCount();
    const first = await prepareRaster(input, 'b.jpg', 50, dir);
    forgetRasterMemory();
    const second = await prepareRaster(input, 'b.jpg', 50, dir);
    expect(sharpCallCount() - before).toBe(1);
    expect(second.data.equals(first.data)).toBe(true);
  });
});
