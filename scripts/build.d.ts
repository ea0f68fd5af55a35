export function isBuildStale(): boolean;
export function hasBuildTools(): boolean;
export function build(options?: { quiet?: boolean }): void;
