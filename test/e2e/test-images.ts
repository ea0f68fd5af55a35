// Images made by the tests themselves (no binary fixtures in the repo).
import sharp from 'sharp';

let made = 0;

/**
 * A photo-like JPEG: a gradient, different on every call so the media library never answers
 * "duplicate". In the shape playwright's setInputFiles takes.
 */
export async function testJpeg(
  name = 'photo.jpg',
  width = 1200,
  height = 800,
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  made += 1;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = (made * 47) % 256;
    }
  const buffer = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}
