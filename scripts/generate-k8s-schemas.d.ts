/** Types of generate-k8s-schemas.js, for the test that checks the committed schemas are not stale. */
export declare const SOURCES: Record<string, { alias: string; pinned: string }>;
export declare function generatedSchemaFiles(): { path: string; content: string }[];
