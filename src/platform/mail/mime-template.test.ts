import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { decodeMail } from '../../../test/helpers/mime-decode.js';
import { fillBulkMessage, type BulkMessage, type BulkTemplate } from './bulk-mailer.js';
import { composeMimeTemplate, mailOptionsOf } from './mime-template.js';

const from = { header: 'Masthead <noreply@example.org>', address: 'noreply@example.org' };
const date = new Date('2026-12-07T03:00:00Z');
// The same boundary on both sides, so whole header blocks can be compared byte for byte.
const baseBoundary = 'fixed0boundary';

/** A long one-line HTML body (as the renderer writes it) and a text body, cut at their values. */
const template: BulkTemplate = {
  fromName: 'Le Brief du Matin',
  replyTo: 'desk@news.example.org',
  subject: 'Éditorial : la ville — 7 décembre',
  html: [
    `<html><body><p style="margin:0 0 16px">Bonjour ${'à tous, '.repeat(30)}cher `,
    `,</p><p>${'Un paragraphe sur la ville. '.repeat(40)}</p><a href="`,
    `" style="color:#555">Se désabonner</a> · <a href="https://news.example.org/account/">Gérer</a></body></html>`,
  ],
  text: [
    'Bonjour ',
    `,\n\n${'Un paragraphe sur la ville.\n'.repeat(5)}\nSe désabonner : `,
    '\nGérer : https://news.example.org/account/\n',
  ],
  headers: {
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': '"Le Brief" <brief.list-id.news.example.org>',
  },
};

function recipient(to: string, name: string, token: string): BulkMessage {
  const url = `https://news.example.org/unsubscribe/?t=${token}&list=brief&sig=a%3Db==`;
  const escapedUrl = url.replace(/&/g, '&amp;');
  return {
    template,
    to,
    messageId: `<email-1.${token.slice(0, 12)}@news.example.org>`,
    htmlValues: [name.replace(/&/g, '&amp;').replace(/</g, '&lt;'), escapedUrl],
    textValues: [name, url],
    headers: {
      'List-Unsubscribe': `<${url}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe%20${token}>`,
    },
  };
}

const recipients = [
  recipient('first@example.org', 'Ann', 'a'.repeat(40)),
  recipient('zoe@example.org', 'Zoë Ørsted-Ñúñez', 'b1'.repeat(70)),
  recipient('li@example.org', '李小龍 😀', 'c=d'.repeat(30)),
  recipient('eq@example.org', 'A=B & <C>', 'e'),
  recipient('empty@example.org', '', 'f'.repeat(300)),
  recipient('José.Ünïcode@exämple.org', 'José', 'g'.repeat(20)),
];

/** nodemailer's own composition of the filled-in message: what each recipient got before. */
async function composedWhole(message: BulkMessage): Promise<string> {
  const mail = { ...mailOptionsOf(fillBulkMessage(message), from), date, baseBoundary };
  return (await new MailComposer(mail).compile().build()).toString('utf8');
}

const headerBlock = (raw: string) => raw.slice(0, raw.indexOf('\r\n\r\n'));
const lf = (text: string) => text.replace(/\r\n/g, '\n');

describe('MIME template', () => {
  it('fills in each recipient a message equal to composing it whole: headers, text and HTML', async () => {
    const [first] = recipients;
    const composed = await composeMimeTemplate(first!, {
      ...mailOptionsOf(fillBulkMessage(first!), from),
      baseBoundary,
    });
    expect(composed).not.toBeNull();
    expect(composed!.envelopeFrom).toBe('noreply@example.org');
    for (const message of recipients) {
      expect(composed!.fits(message)).toBe(true);
      const raw = composed!.fill(message, date);
      const whole = await composedWhole(message);
      // Header fields byte for byte (To, Message-ID, Date, List-Unsubscribe folded as nodemailer
      // folds them; RFC 2047 words in From and Subject), and the same MIME structure.
      expect(headerBlock(raw)).toBe(headerBlock(whole));
      const got = decodeMail(raw);
      const want = decodeMail(whole);
      expect(got.headers).toEqual(want.headers);
      const filled = fillBulkMessage(message);
      expect(lf(got.text)).toBe(filled.text);
      expect(lf(got.html)).toBe(filled.html);
      expect(lf(want.text)).toBe(filled.text);
      expect(lf(want.html)).toBe(filled.html);
      // Every body line within quoted-printable's 76 (a header line is as long as nodemailer
      // folds it: a long URL has no space to fold at), all line breaks CRLF.
      for (const line of raw.slice(raw.indexOf('\r\n\r\n')).split('\r\n'))
        expect(line.length).toBeLessThanOrEqual(76);
      expect(raw).not.toMatch(/(?<!\r)\n/);
    }
  });

  it('writes each recipient their own To, Message-ID, Date and unsubscribe link', async () => {
    const [first, second] = recipients;
    const composed = await composeMimeTemplate(
      first!,
      mailOptionsOf(fillBulkMessage(first!), from),
    );
    const later = new Date('2026-12-07T04:00:00Z');
    const got = decodeMail(composed!.fill(second!, later));
    expect(got.headers).toMatchObject({
      to: 'zoe@example.org',
      'message-id': second!.messageId,
      date: 'Mon, 07 Dec 2026 04:00:00 +0000',
      'list-unsubscribe': second!.headers['List-Unsubscribe'],
      'list-id': '"Le Brief" <brief.list-id.news.example.org>',
      subject: template.subject,
      from: 'Le Brief du Matin <noreply@example.org>',
    });
    expect(got.html).toContain('cher Zoë Ørsted-Ñúñez,</p>');
    expect(got.text).toContain(
      `Se désabonner : https://news.example.org/unsubscribe/?t=${'b1'.repeat(70)}&list=brief`,
    );
  });

  it('does not fit a message of another template, or with another set of own headers', async () => {
    const [first] = recipients;
    const composed = await composeMimeTemplate(
      first!,
      mailOptionsOf(fillBulkMessage(first!), from),
    );
    expect(composed!.fits({ ...first!, template: { ...template } })).toBe(false);
    expect(composed!.fits({ ...first!, headers: {} })).toBe(false);
    expect(composed!.fits({ ...first!, headers: { ...first!.headers, 'X-Other': '1' } })).toBe(
      false,
    );
  });

  it('declines a template whose own headers nodemailer writes itself (the message is then composed whole)', async () => {
    const [first] = recipients;
    const odd = { ...first!, headers: { Subject: 'mine' } };
    expect(await composeMimeTemplate(odd, mailOptionsOf(fillBulkMessage(odd), from))).toBeNull();
  });
});
