export interface MediaTable {
  id: string;
  hash: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  storage_key: string;
  variants: string;
  alt: string;
  caption: string;
  credit: string;
  focal_x: number;
  focal_y: number;
  original_name: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface MediaTables {
  media: MediaTable;
}
