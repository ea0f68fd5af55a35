// The Admin API answers this app reads. Kept to the fields it uses; the full shapes are the Zod
// schemas in src/shared/contracts (their generated OpenAPI document is /api/admin/v1/openapi.json).

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface Session {
  user: StaffUser;
  csrfToken: string;
}

export type SignInAnswer = Session | { twoFactorRequired: true; challengeToken: string };

export interface Profile {
  user: StaffUser;
  author: { id: string; name: string } | null;
}

export type PostStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';
export type PostKind = 'article' | 'brief' | 'page';

export interface Post {
  id: string;
  kind: PostKind;
  slug: string;
  url: string;
  status: PostStatus;
  title: string;
  authors: { id: string; name: string }[];
  publishedAt: string | null;
  updatedAt: string;
}

export interface PostList {
  posts: Post[];
  meta: { pagination: { next: string | null; limit: number } };
}
