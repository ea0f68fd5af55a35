import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { openImagesFolder } from './images-archive.js';

const work = mkdtempSync(join(tmpdir(), 'masthead-images-archive-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A Ghost `content` folder with one image and a link pointing out of it, packed as .tar.gz. */
async function packed(name: string, inner: string): Promise<string> {
  const from = join(work, name);
  mkdirSync(join(from, inner, '2026', '12'), { recursive: true });
  writeFileSync(join(from, inner, '2026', '12', 'quay.jpg'), 'not really a jpeg');
  symlinkSync('/etc/passwd', join(from, inner, '2026', '12', 'passwd.jpg'));
  const file = join(work, `${name}.tar.gz`);
  await createTar({ gzip: true, file, cwd: from }, [inner.split('/')[0] ?? inner]);
  return file;
}

describe('--images as an archive of the old site’s images folder', () => {
  it('unpacks content/images into a private folder and finds where the image paths start', async () => {
    const folder = await openImagesFolder(await packed('whole-content', 'content/images'));
    expect(folder.dir.endsWith(join('content', 'images'))).toBe(true);
    expect(existsSync(join(folder.dir, '2026', '12', 'quay.jpg'))).toBe(true);
    // A link in the archive is never unpacked: it could point anywhere on this machine.
    expect(existsSync(join(folder.dir, '2026', '12', 'passwd.jpg'))).toBe(false);
    await folder.close();
    expect(existsSync(folder.dir)).toBe(false);
  });

  it('takes an images folder packed alone, and hands a plain folder back as it is', async () => {
    const folder = await openImagesFolder(await packed('images-only', 'images'));
    expect(existsSync(join(folder.dir, '2026', '12', 'quay.jpg'))).toBe(true);
    await folder.close();
    const plain = await openImagesFolder(join(work, 'images-only', 'images'));
    expect(plain.dir).toBe(join(work, 'images-only', 'images'));
    await plain.close();
    expect(existsSync(plain.dir)).toBe(true);
  });

  it('refuses a file that is not an archive', async () => {
    const bad = join(work, 'broken.tar.gz');
    writeFileSync(bad, 'this is not gzip');
    await expect(openImagesFolder(bad)).rejects.toThrow();
  });
});
