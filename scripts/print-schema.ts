import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from '../graphql/schema';

// sorted by graphql/schema.ts, so the committed file only changes when the API does
writeFileSync(new URL('../schema.graphql', import.meta.url), `${printSchema(schema)}\n`);
