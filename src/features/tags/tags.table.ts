export interface TagsTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  image_media_id: string | null;
  is_navigation: number;
  /** 1: an internal tag (Ghost's `#tag`), never shown to readers. */
  is_internal: number;
  navigation_order: number | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTables {
  tags: TagsTable;
}
