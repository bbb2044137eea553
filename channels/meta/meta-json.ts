/**
 * JSON serialised the way Meta serialises webhook bodies and Graph responses: every non-ASCII
 * UTF-16 unit as a lowercase `\uXXXX` escape and every `/` as `\/`.
 *
 * Meta signs these exact bytes. A handler that parses the body and re-serialises it with
 * JSON.stringify gets different bytes and a failing signature; producing Meta's form in fakes and
 * simulators makes that bug show up in tests instead of in production.
 */
export function metaJsonStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('metaJsonStringify: the value has no JSON representation');
  // Both characters can only occur inside JSON string literals, so a textual pass is safe.
  // Without the `u` flag the class matches UTF-16 units, so astral characters become surrogate pairs.
  return json.replace(/[\u0080-\uffff/]/g, (ch) =>
    ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
