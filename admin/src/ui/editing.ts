/** Which form a list screen has open: none, a new one, or the edit form of the item with this id. */
export type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; id: string };

export const closedEditing: Editing = { mode: 'closed' };
