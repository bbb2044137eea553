import type { BootedRuntime } from '../../runtime/boot';
import type { Credentials, GraphQLResponse } from './graphql';

/**
 * Runs an operation as a GraphQL multipart request (the spec urql and other clients follow):
 * `operations` with nulls where the files go, `map` from part name to variable path, then the
 * files. `files` maps a variable path (`attachments.0`) to the file.
 */
export async function gqlUpload<T = Record<string, any>>(
  runtime: BootedRuntime,
  credentials: Credentials | null,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, File>,
): Promise<GraphQLResponse<T>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables }));
  const paths = Object.keys(files);
  form.set('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [`variables.${path}`]]))));
  paths.forEach((path, i) => form.set(String(i), files[path], files[path].name));
  const headers: Record<string, string> = {};
  // as the UI's client does: a cookie-authenticated multipart request needs the CSRF prevention header
  if (credentials?.cookie) Object.assign(headers, { cookie: credentials.cookie, 'x-graphql-yoga-csrf': '1' });
  if (credentials?.authorization) headers.authorization = credentials.authorization;
  const response = await runtime.yoga.fetch('http://localhost/api/graphql', { method: 'POST', headers, body: form });
  return (await response.json()) as GraphQLResponse<T>;
}

/** `sendMessage` with files: the variables hold one null per file, as the multipart spec wants. */
export function sendWithFiles(runtime: BootedRuntime, credentials: Credentials, chatId: string, text: string, files: File[]) {
  return gqlUpload(
    runtime,
    credentials,
    'mutation($c: ID!, $t: String!, $files: [File!]) { sendMessage(chatId: $c, text: $t, attachments: $files) { id status text attachments { id kind url mimeType fileName size } } }',
    { c: chatId, t: text, files: files.map(() => null) },
    Object.fromEntries(files.map((file, i) => [`files.${i}`, file])),
  );
}

/** A PNG-looking file of `size` bytes. */
export function pngFile(name = 'photo.png', size = 2048): File {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31) % 256;
  return new File([bytes], name, { type: 'image/png' });
}
