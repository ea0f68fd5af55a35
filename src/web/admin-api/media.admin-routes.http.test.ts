import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

interface MediaJson {
  id: string;
  mime: string;
  alt: string;
  originalName: string;
}
interface ListJson {
  media: MediaJson[];
  meta: { pagination: { next: string | null; limit: number } };
}

function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) {
  const boundary = '----masthead-media-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const png = (width: number, background: string) =>
  sharp({ create: { width, height: 100, channels: 3, background } })
    .png()
    .toBuffer();

describeEachDatabase('Admin API: media', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let author: Record<string, string>;
  let contributor: Record<string, string>;
  const base = '/api/admin/v1/media';

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    author = await tokenHeaders(ctx.services, 'author');
    contributor = await tokenHeaders(ctx.services, 'contributor');
  });

  const upload = async (
    fields: Record<string, string>,
    file?: { name: string; type: string; bytes: Buffer },
    headers = author,
  ) => {
    const body = multipart(fields, file);
    return app.inject({
      method: 'POST',
      url: base,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };

  it('uploads over multipart, typed by bytes; an identical upload answers with the same item', async () => {
    const bytes = await png(120, '#a33');
    const first = await upload(
      { alt: 'Red square' },
      { name: 'photo.jpg', type: 'image/jpeg', bytes },
      contributor,
    );
    expect(first.statusCode).toBe(201);
    const media = (first.json() as { media: MediaJson }).media;
    expect(media).toMatchObject({
      mime: 'image/png',
      alt: 'Red square',
      originalName: 'photo.jpg',
    });
    const again = await upload({}, { name: 'other.png', type: 'image/png', bytes });
    expect(first.json()).toMatchObject({ isDuplicate: false });
    expect(again.json()).toMatchObject({ media: { id: media.id }, isDuplicate: true });
  });

  it('answers a text file named .png with 415, and SVG, empty and missing files with 400 naming file', async () => {
    const text = await upload(
      {},
      { name: 'x.png', type: 'image/png', bytes: Buffer.from('just some text\n') },
    );
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({
      errors: [{ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' }],
    });
    const svg = await upload(
      {},
      {
        name: 'logo.svg',
        type: 'image/svg+xml',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
      },
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.json()).toMatchObject({ errors: [{ field: 'file' }] });
    const empty = await upload(
      {},
      { name: 'empty.jpg', type: 'image/jpeg', bytes: Buffer.alloc(0) },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ field: 'file' }] });
    const missing = await upload({ alt: 'No file' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ errors: [{ field: 'file' }] });
    const nul = await upload(
      { caption: 'a\u0000b' },
      { name: 'n.png', type: 'image/png', bytes: await png(90, '#090') },
    );
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ errors: [{ field: 'caption' }] });
    const json = await app.inject({ method: 'POST', url: base, headers: author, payload: {} });
    expect(json.statusCode).toBe(415);
  });

  it('lists newest first with a cursor and searches by text', async () => {
    for (const [i, alt] of ['Bridge at dawn', 'Market square', 'Bridge at night'].entries()) {
      ctx.clock.advance(60_000);
      const response = await upload(
        { alt },
        { name: `pic-${i}.png`, type: 'image/png', bytes: await png(200 + i, '#357') },
      );
      expect(response.statusCode).toBe(201);
    }
    const first = await app.inject({ method: 'GET', url: `${base}?limit=2`, headers: contributor });
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as ListJson;
    expect(page1.media.map((m) => m.alt)).toEqual(['Bridge at night', 'Market square']);
    expect(page1.meta.pagination.limit).toBe(2);
    const next = page1.meta.pagination.next;
    expect(next).toEqual(expect.any(String));
    const page2 = (
      await app.inject({
        method: 'GET',
        url: `${base}?limit=2&cursor=${next ?? ''}`,
        headers: contributor,
      })
    ).json() as ListJson;
    expect(page2.media.map((m) => m.alt)).toEqual(['Bridge at dawn', 'Red square']);
    expect(page2.meta.pagination.next).toBeNull();

    const search = (
      await app.inject({ method: 'GET', url: `${base}?q=BRIDGE`, headers: contributor })
    ).json() as ListJson;
    expect(search.media.map((m) => m.alt)).toEqual(['Bridge at night', 'Bridge at dawn']);
    const byName = (
      await app.inject({ method: 'GET', url: `${base}?q=pic-1`, headers: contributor })
    ).json() as ListJson;
    expect(byName.media.map((m) => m.alt)).toEqual(['Market square']);

    for (const [query, field] of [
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['sort=name', 'sort'],
    ] as const) {
      const bad = await app.inject({ method: 'GET', url: `${base}?${query}`, headers: author });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json(), query).toMatchObject({ errors: [{ field }] });
    }
    expect((await app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
  });

  it('deletes for authors and above: 403 for a contributor, 204, then 404', async () => {
    const created = await upload(
      { alt: 'To delete' },
      { name: 'gone.png', type: 'image/png', bytes: await png(150, '#999') },
    );
    const { id } = (created.json() as { media: MediaJson }).media;
    const denied = await app.inject({
      method: 'DELETE',
      url: `${base}/${id}`,
      headers: contributor,
    });
    expect(denied.statusCode).toBe(403);
    const deleted = await app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: author });
    expect(deleted.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `${base}/${id}`, headers: author })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/media/${id}/original.png` })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: author })).statusCode,
    ).toBe(404);
    const listed = (
      await app.inject({ method: 'GET', url: `${base}?q=delete`, headers: author })
    ).json() as ListJson;
    expect(listed.media).toEqual([]);
  });
});
