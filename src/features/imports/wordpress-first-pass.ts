// The WordPress importer's first reading of the export (people, terms, attachments, what is
// left behind) and its status rule, apart from the import itself.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { toIso } from './ghost-mapping.js';
import type { ImportProgressListener } from './import-phase.js';
import type { ImportReport } from './import-report.js';
import { readWxr } from './wxr-reader.js';
import type { WxrAuthor, WxrCategory, WxrItem, WxrSite, WxrTag } from './wxr-records.js';

export interface FirstPass {
  site: WxrSite | undefined;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  tags: WxrTag[];
  attachments: Map<number, string>;
  /** Attachments uploaded to each post, in WordPress's gallery order (menu order, then id). */
  children: Map<number, Array<{ id: number; url: string; order: number }>>;
  /** Posts and pages to import, for the progress line. */
  items: number;
  comments: number;
  menuItems: number;
}

export async function firstPass(
  file: string,
  report: ImportReport,
  onProgress: ImportProgressListener | undefined,
): Promise<FirstPass> {
  const pass: FirstPass = {
    site: undefined,
    authors: [],
    categories: [],
    tags: [],
    attachments: new Map(),
    children: new Map(),
    items: 0,
    comments: 0,
    menuItems: 0,
  };
  const { size } = await stat(file);
  const input = createReadStream(file);
  for await (const record of readWxr(input)) {
    onProgress?.('reading', input.bytesRead, size);
    if (record.kind === 'site') pass.site = record;
    else if (record.kind === 'author') pass.authors.push(record);
    else if (record.kind === 'category') pass.categories.push(record);
    else if (record.kind === 'tag') pass.tags.push(record);
    else if (record.kind === 'skipped')
      report.note(
        `${record.element} at line ${record.line}`,
        'whole item',
        record.problems.join('; '),
      );
    else if (record.kind === 'item') {
      pass.comments += record.commentCount;
      if (record.postType === 'attachment' && record.attachmentUrl) {
        pass.attachments.set(record.postId, record.attachmentUrl);
        if (record.postParent > 0) {
          const list = pass.children.get(record.postParent) ?? [];
          list.push({ id: record.postId, url: record.attachmentUrl, order: record.menuOrder });
          pass.children.set(record.postParent, list);
        }
      }
      if (record.postType === 'post' || record.postType === 'page') pass.items += 1;
      if (record.postType === 'nav_menu_item') pass.menuItems += 1;
    }
  }
  for (const list of pass.children.values()) list.sort((a, b) => a.order - b.order || a.id - b.id);
  return pass;
}

/** WordPress statuses to Masthead's; null: not imported (reported by the caller). */
export function statusOf(item: WxrItem, now: Date, report: ImportReport) {
  const label = `${item.postType} "${item.postName || item.postId}"`;
  switch (item.status) {
    case 'publish':
      if (item.postPassword) {
        report.note(
          label,
          'password',
          'password-protected: Masthead has no passwords on posts, so it is imported as a draft rather than shown to everyone',
        );
        return { status: 'draft' as const, scheduledAt: null };
      }
      return { status: 'published' as const, scheduledAt: null };
    case 'future': {
      const at = toIso(item.postDateGmt ?? item.postDate);
      if (at && Date.parse(at) > now.getTime())
        return { status: 'scheduled' as const, scheduledAt: at };
      report.note(label, 'schedule', 'its publication time has passed; imported as a draft');
      return { status: 'draft' as const, scheduledAt: null };
    }
    case 'private':
      report.note(label, 'status "private"', 'Masthead has no private posts: imported as a draft');
      return { status: 'draft' as const, scheduledAt: null };
    case 'pending':
      report.note(label, 'status "pending"', 'imported as a draft');
      return { status: 'draft' as const, scheduledAt: null };
    case 'draft':
      return { status: 'draft' as const, scheduledAt: null };
    default:
      return null;
  }
}
