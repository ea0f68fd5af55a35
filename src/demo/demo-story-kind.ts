// The shape of a story template. Strings use the syntax of demo-template.ts.
import type { NavigationSectionKey, TagKey } from './demo-sections.js';

export interface StoryQuote {
  text: string;
  /** Context key of the speaker, e.g. 'resident' or 'defenceMinister'. */
  by: string;
}

/** One step of the story's narrative; beats are told in order, each as 1–2 paragraphs. */
export interface StoryBeat {
  headings: readonly string[];
  paragraphs: readonly string[];
}

export interface StoryKind {
  key: string;
  section: NavigationSectionKey;
  tags: readonly TagKey[];
  /** Relative frequency within its section. */
  weight: number;
  headlines: readonly string[];
  deks: readonly string[];
  leads: readonly string[];
  beats: readonly StoryBeat[];
  quotes: readonly StoryQuote[];
  list?: { intro: string; items: readonly string[] };
  facts?: { title: string; items: readonly string[] };
  photo: { alts: readonly string[]; captions: readonly string[] };
}
