export interface AuthorsTable {
  id: string;
  user_id: string | null;
  name: string;
  slug: string;
  role_title: string;
  bio: string;
  avatar_media_id: string | null;
  location: string;
  website: string;
  x_handle: string;
  telegram: string;
  public_email: string;
  is_desk: number;
  created_at: string;
  updated_at: string;
}

export interface AuthorsTables {
  authors: AuthorsTable;
}
