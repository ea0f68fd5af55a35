// The few types the official client's compatibility test uses (the package ships none).
declare module '@tryghost/content-api' {
  type Params = Record<string, string | number | string[] | undefined>;
  type Item = Record<string, unknown>;
  type Browsed = Item[] & { meta: { pagination: Record<string, number | null> } };
  interface Resource {
    browse(params?: Params): Promise<Browsed>;
    read(data: { id?: string; slug?: string }, params?: Params): Promise<Item>;
  }
  interface BrowseOnly {
    browse(params?: Params): Promise<Item>;
  }
  export default class GhostContentAPI {
    constructor(options: { url: string; key: string; version: string | boolean });
    posts: Resource;
    pages: Resource;
    authors: Resource;
    tags: Resource;
    settings: BrowseOnly;
    tiers: { browse(params?: Params): Promise<Browsed> };
  }
}
