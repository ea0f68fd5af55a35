import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderDemoAvatar, renderDemoPhoto } from './demo-images.js';

describe('renderDemoPhoto', () => {
  it('renders a JPEG of the default and requested sizes', async () => {
    const photo = await sharp(await renderDemoPhoto({ seed: 1 })).metadata();
    expect([photo.format, photo.width, photo.height]).toEqual(['jpeg', 1600, 1000]);
    const small = await sharp(
      await renderDemoPhoto({ seed: 1, width: 640, height: 480 }),
    ).metadata();
    expect([small.width, small.height]).toEqual([640, 480]);
  });

  it('is the same for a seed and different across seeds', async () => {
    const [a, again, b] = await Promise.all([
      renderDemoPhoto({ seed: 42, width: 400, height: 250 }),
      renderDemoPhoto({ seed: 42, width: 400, height: 250 }),
      renderDemoPhoto({ seed: 43, width: 400, height: 250 }),
    ]);
    expect(a.equals(again)).toBe(true);
    expect(a.equals(b)).toBe(false);
  });

  it('renders quickly enough for a few hundred photos', async () => {
    await renderDemoPhoto({ seed: 0 });
    const started = performance.now();
    for (let seed = 1; seed <= 5; seed++) await renderDemoPhoto({ seed });
    // The target is under 100 ms each; the bound is loose for slow CI machines.
    expect((performance.now() - started) / 5).toBeLessThan(400);
  });
});

describe('renderDemoAvatar', () => {
  it('renders a square PNG with distinct seeds giving distinct images', async () => {
    const a = await renderDemoAvatar({ name: 'Olena Varga', seed: 1 });
    const b = await renderDemoAvatar({ name: 'Olena Varga', seed: 2 });
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 400, 400]);
    expect(a.equals(b)).toBe(false);
    const small = await sharp(
      await renderDemoAvatar({ name: 'News desk', seed: 'x', size: 96 }),
    ).metadata();
    expect([small.width, small.height]).toEqual([96, 96]);
  });
});
