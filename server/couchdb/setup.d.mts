// Types of setup.mjs for the TypeScript tests (tests/sync/).
export interface Credentials {
  name: string;
  password: string;
}
export interface CouchResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}
export interface CouchClient {
  url: string;
  request(method: string, path: string, body?: unknown): Promise<CouchResponse>;
}
export interface UnitDatabaseOptions {
  url: string;
  admin: Credentials;
  unitId: string;
  db?: string;
}
export function unitRole(unitId: string): string;
export function unitDbName(unitId: string): string;
export function couch(url: string, auth: Credentials | null): CouchClient;
export function createServerAdmin(url: string, admin: Credentials): Promise<void>;
export function putUser(url: string, admin: Credentials, user: { name: string; password?: string; roles: string[] }): Promise<void>;
export function unitSecurity(unitId: string): { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } };
export function setupUnitDatabase(opts: UnitDatabaseOptions): Promise<{ db: string; changed: string[] }>;
export function checkUnitDatabase(opts: UnitDatabaseOptions): Promise<string[]>;
