/**
 * Where the bundled Kubernetes schemas live: works from src/schema (tests) and dist/schema (the package) alike.
 * The action bundle, one directory below the repository root, swaps this module (scripts/build-action.mjs).
 */
export const SCHEMA_DIR = new URL('../../schemas/kubernetes/', import.meta.url);
