/**
 * Kept for the benchmarks that still import it from here: an API key's row is written by the domain
 * (`domain/roles/api-keys.ts`), which is where new code imports it from.
 */
export { createApiKeyRecord } from '../domain/roles/api-keys';
