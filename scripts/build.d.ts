export function isBuildStale(): boolean;
export function build(options?: { quiet?: boolean }): void;
