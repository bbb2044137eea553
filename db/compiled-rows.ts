import { Column, getTableName, is, sql, SQL, Subquery } from 'drizzle-orm';
import { PgTimestamp } from 'drizzle-orm/pg-core';
import { parseTimestamptz } from './timestamptz';

/** What drizzle keeps on a prepared select (internal fields, read once when the statement is built). */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** drizzle's choice of decoder per selected field (`decoder` is internal on SQL). */
function decoderOf(field: unknown): Decoder {
  type WithDecoder = { decoder: Decoder };
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as WithDecoder).decoder;
  if (is(field, Subquery)) return (field as unknown as { _: { sql: WithDecoder } })._.sql.decoder;
  return (field as { sql: WithDecoder }).sql.decoder;
}

/**
 * Turns a prepared select's rows into objects the way drizzle does (same nesting, key order,
 * decoders, and left-joined tables read as null), with the per-column decisions taken once when
 * the statement is built instead of for every cell of every row: drizzle's own mapping checked
 * each column's kind per cell and cost a quarter of the inbox page's time in the app.
 *
 * Drizzle's rule for a left-joined table, kept exactly: the table's first selected column decides;
 * when it is null (and the join may be missing), the whole object is null.
 */
export function compileRows<T extends object>(prepared: T): T {
  const query = prepared as unknown as PreparedSelect;
  if (!query.fields) throw new Error('compileRows needs a prepared select with its fields');
  const joins = query.joinsNotNullableMap;
  // per nested object: the column whose null makes the object null, when drizzle would nullify it
  const deciders = new Map<number, string>();
  if (joins) {
    const first = new Map<string, { index: number; table: string; mixed: boolean }>();
    query.fields.forEach(({ path, field }, index) => {
      if (!is(field, Column) || path.length !== 2) return;
      const table = getTableName(field.table);
      const seen = first.get(path[0]);
      if (!seen) first.set(path[0], { index, table, mixed: false });
      else if (seen.table !== table) seen.mixed = true;
    });
    for (const [object, { index, table, mixed }] of first) if (!mixed && !joins[table]) deciders.set(index, object);
  }
  const columns = query.fields.map(({ path, field }, index) => ({ path, decoder: decoderOf(field), decides: deciders.get(index) ?? null }));
  const mapRow = compileMapRow(columns);
  query.customResultMapper = (rows) => rows.map(mapRow);
  return prepared;
}

/** Column.prototype's and sql's decoders hand the driver's value on unchanged: no call needed. */
const IDENTITY = new Set<unknown>([Column.prototype.mapFromDriverValue, decoderOf(sql``).mapFromDriverValue]);

/** A timestamptz column with drizzle's own decoder (`new Date(text)`): read by parseTimestamptz, to the same Date. */
const isTimestamptz = (decoder: Decoder) =>
  is(decoder, PgTimestamp) && decoder.withTimezone && decoder.mapFromDriverValue === PgTimestamp.prototype.mapFromDriverValue;

interface CompiledColumn {
  path: string[];
  decoder: Decoder;
  decides: string | null;
}

/**
 * One function per statement, written as an object literal of the rows' shape (`r` is the
 * driver's row, `d` the decoders): V8 builds each row from a fixed shape instead of adding keys
 * one by one, and columns whose decoder changes nothing are copied as they are. Keys and indexes
 * come from the schema, never from data.
 */
function compileMapRow(columns: CompiledColumn[]): (row: unknown[]) => Record<string, unknown> {
  type Tree = Map<string, Tree | number>;
  const root: Tree = new Map();
  for (const [index, { path }] of columns.entries()) {
    let node = root;
    for (const name of path.slice(0, -1)) {
      let child = node.get(name);
      if (child === undefined) node.set(name, (child = new Map()));
      if (typeof child === 'number') throw new Error(`compileRows: ${path.join('.')} is both a value and an object`);
      node = child;
    }
    node.set(path[path.length - 1], index);
  }
  const key = (name: string) => {
    if (name === '__proto__') throw new Error('compileRows: a field may not be called __proto__');
    return JSON.stringify(name);
  };
  const decoded = (i: number) => {
    const { decoder } = columns[i];
    if (IDENTITY.has(decoder.mapFromDriverValue)) return `r[${i}]`;
    if (isTimestamptz(decoder)) return `(typeof r[${i}] === 'string' ? t(r[${i}]) : r[${i}])`;
    return `(r[${i}] === null ? null : d[${i}].mapFromDriverValue(r[${i}]))`;
  };
  // a column that decides whether its (top-level) object is null is decoded once, before the literal
  const deciding = columns.flatMap((c, i) => (c.decides === null ? [] : [i]));
  const value = (i: number) => (columns[i].decides === null ? decoded(i) : `v${i}`);
  const nulledBy = new Map(deciding.map((i) => [columns[i].decides!, i]));
  // drizzle nulls top-level objects only (a path of two): `lastMessage: v32 === null ? null : { … }`
  const literal = (node: Tree, top: boolean): string =>
    `{ ${[...node].map(([name, child]) => `${key(name)}: ${typeof child === 'number' ? value(child) : nullable(name, child, top)}`).join(', ')} }`;
  const nullable = (name: string, node: Tree, top: boolean) => {
    const i = top ? nulledBy.get(name) : undefined;
    return i === undefined ? literal(node, false) : `v${i} === null ? null : ${literal(node, false)}`;
  };
  const body = [...deciding.map((i) => `const v${i} = ${decoded(i)};`), `return ${literal(root, true)};`].join('\n');
  const build = new Function('d', 't', `return function mapRow(r) {\n${body}\n};`) as (decoders: Decoder[], timestamptz: typeof parseTimestamptz) => (row: unknown[]) => Record<string, unknown>;
  return build(columns.map((c) => c.decoder), parseTimestamptz);
}
