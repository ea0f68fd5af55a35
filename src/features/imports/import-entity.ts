/** The kinds of item an import keeps the source ids of. */
export type ImportEntity = 'post' | 'author' | 'staff' | 'tag' | 'media' | 'newsletter' | 'tier';
