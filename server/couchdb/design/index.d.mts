// Types of index.mjs for the TypeScript tests (tests/sync/).
export const DESIGN_ID: string;
export function validateSource(): string;
export function designDoc(unitId: string): { _id: string; language: string; unitId: string; rules: string; validate_doc_update: string };
