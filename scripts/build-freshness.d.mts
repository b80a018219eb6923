export const BUILD_STAMP: string;
export const PRECOMPRESSED_DIR: string;
export const BUILD_INPUTS: readonly string[];
export function markBuildComplete(root: string): void;
export function whyBuild(root: string): string | undefined;
