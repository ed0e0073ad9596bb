/** The action bundle's stand-in for src/schema/schema-dir.ts: action/index.js sits one level below schemas/. */
export const SCHEMA_DIR = new URL('../schemas/kubernetes/', import.meta.url);
