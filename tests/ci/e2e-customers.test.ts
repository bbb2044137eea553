import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCustomerId } from '../e2e/customers';

const specs = path.resolve(__dirname, '../e2e');

describe('browser tests make their own customers', () => {
  it('every customer id is new: digits only, never handed out twice, and later ones differ from earlier runs', async () => {
    const ids = Array.from({ length: 2000 }, () => newCustomerId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{16}$/);
    expect(Number.isSafeInteger(Number(ids[0]))).toBe(true);
    // a retry runs in a fresh worker (the counter starts again): the clock keeps it apart
    await new Promise((r) => setTimeout(r, 5));
    const { newCustomerId: fresh } = await import(`../e2e/customers?retry=${Date.now()}`);
    expect(ids).not.toContain(fresh());
  });

  it('no spec writes as a fixed customer id', () => {
    for (const file of readdirSync(specs).filter((f) => f.endsWith('.spec.ts'))) {
      const source = readFileSync(path.join(specs, file), 'utf8');
      const fixed = source.match(/\b(psid|igsid|userId):\s*['"`]?\d{5,}/g) ?? [];
      const fixedVars = source.match(/const (psid|igsid|userId) = ['"`]\d{5,}/g) ?? [];
      expect([...fixed, ...fixedVars], file).toEqual([]);
    }
  });
});
