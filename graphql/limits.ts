import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  validate,
  visit,
  type DocumentNode,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { buildViewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';

/**
 * What one operation may ask for. The UI's largest document (the inbox subscription with both
 * fragments) needs about a fifth of each; tests/security/ui-documents.test.ts keeps it so.
 */
export const LIMITS = {
  /** Lexer tokens: stops parsing a multi-megabyte query after a few kilobytes. */
  tokens: 3000,
  depth: 10,
  aliases: 20,
  directives: 10,
  /** armor's cost: objects 2, scalars 1, ×1.5 per level, × first/last of a list. */
  cost: 300_000,
  /** Wall-clock time one operation may take before its answer is an error. */
  timeMs: 10_000,
} as const;

export const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

const ADVICE: Record<string, string> = {
  token: `Send a shorter operation: at most ${LIMITS.tokens} tokens.`,
  depth: `Nest selections at most ${LIMITS.depth} levels deep.`,
  aliases: `Use at most ${LIMITS.aliases} aliases; send several requests instead.`,
  directives: `Use at most ${LIMITS.directives} directives.`,
  cost: 'Ask for fewer items (smaller first/last) or fewer nested lists, and page through the rest.',
};

/** armor's sentence ("Syntax Error: Query Cost limit of …") plus what to do, with our code. */
function tooComplex(error: GraphQLError, kind: keyof typeof ADVICE): GraphQLError {
  const reason = error.message.replace(/^Syntax Error:\s*/, '');
  return createGraphQLError(`${reason} ${ADVICE[kind]}`, {
    nodes: error.nodes,
    extensions: { code: TOO_COMPLEX, http: { status: 400 } },
  });
}

/**
 * armor throws its own error (a syntax error without a code) at the first limit crossed: an
 * onReject handler swaps in ours, which carries QUERY_TOO_COMPLEX and a sentence to act on.
 */
function rejectAs(kind: keyof typeof ADVICE) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) => {
        const ours = tooComplex(error, kind);
        if (ctx) ctx.reportError(ours);
        else throw ours;
      },
    ],
  };
}

const armor = new EnvelopArmor({
  maxTokens: { n: LIMITS.tokens, ...rejectAs('token') },
  maxDepth: { n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...rejectAs('depth') },
  maxAliases: { n: LIMITS.aliases, ...rejectAs('aliases') },
  maxDirectives: { n: LIMITS.directives, ...rejectAs('directives') },
  costLimit: { maxCost: LIMITS.cost, ignoreIntrospection: true, flattenFragments: true, ...rejectAs('cost') },
  // only for signed-out requests: see useSignedOutProtections below
  blockFieldSuggestion: { enabled: false },
});

/** Whether each HTTP request carries valid credentials, decided before its operation is parsed. */
const signedInRequests = new WeakMap<Request, boolean>();

/** The server context of an operation: HTTP requests carry `request`; sockets say `signedIn`. */
function isSignedIn(context: unknown): boolean {
  const c = context as { request?: Request; signedIn?: boolean } | undefined;
  if (c?.signedIn !== undefined) return c.signedIn;
  return c?.request ? signedInRequests.get(c.request) === true : false;
}

/**
 * A stranger learns nothing about the schema: no introspection and no "Did you mean" field
 * suggestions without a session or an API key. The answer is decided before parsing (validation
 * is synchronous), from the same cached viewer lookup the context uses.
 */
function useSignedOutProtections(deps: Deps): Plugin {
  const suggestions = new EnvelopArmor({
    blockFieldSuggestion: { mask: '' },
    maxTokens: { enabled: false },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
  }).protect().plugins[0];
  return {
    async onRequestParse({ request }) {
      const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
      signedInRequests.set(request, viewer !== null);
    },
    onValidate(payload) {
      if (isSignedIn(payload.context)) return;
      payload.addValidationRule(NoSchemaIntrospectionCustomRule);
      return suggestions.onValidate?.(payload as never) as never;
    },
  };
}

/**
 * armor's cost rule reads `first`/`last` only when they are written into the query; the UI (and
 * most clients) pass them as variables. Before executing, the same rule runs once more on the
 * document with those variables written in, so `first: $n` costs what `first: 200` costs.
 */
function useCostOfVariables(): Plugin {
  const usesPageVariables = new WeakMap<DocumentNode, boolean>();
  const rule = costLimitRule({ maxCost: LIMITS.cost, ignoreIntrospection: true, flattenFragments: true, ...rejectAs('cost') });
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { document, variableValues, schema } = args;
      if (!variableValues) return;
      let uses = usesPageVariables.get(document);
      if (uses === undefined) {
        uses = false;
        visit(document, {
          Argument(node) {
            if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) uses = true;
          },
        });
        usesPageVariables.set(document, uses);
      }
      if (!uses) return;
      const inlined = visit(document, {
        Argument(node) {
          if ((node.name.value !== 'first' && node.name.value !== 'last') || node.value.kind !== Kind.VARIABLE) return undefined;
          const value = (variableValues as Record<string, unknown>)[node.value.name.value];
          if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
          return { ...node, value: { kind: Kind.INT, value: String(value) } };
        },
      });
      const errors = validate(schema, inlined, [rule]);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}

/**
 * The answer an operation gets when it runs past LIMITS.timeMs: resolvers still running finish in
 * the background, but the client is told at once, and with depth, alias and cost limits in front
 * nothing legitimate comes near it.
 */
function useTimeBudget(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  createGraphQLError(`The operation took longer than ${ms / 1000} s and was stopped. Ask for fewer items or fields per request.`, {
                    extensions: { code: TOO_COMPLEX },
                  }),
                ],
              }),
            ms,
          );
          timer.unref?.();
        });
        const run = Promise.resolve(executeFn(args));
        return Promise.race([run, timeout]).finally(() => clearTimeout(timer)) as ReturnType<typeof executeFn>;
      });
    },
  };
}

/** Every limit on what an operation may ask for, for HTTP and WebSocket alike. */
export function useOperationLimits(deps: Deps): Plugin[] {
  return [...(armor.protect().plugins as Plugin[]), useSignedOutProtections(deps), useCostOfVariables(), useTimeBudget(LIMITS.timeMs)];
}

/**
 * Yoga's parse and validation cache, bounded by the characters of the queries it keeps (its own
 * cache counts entries only: 1,024 unique multi-megabyte queries fill the heap). Failed parses
 * are not kept at all.
 */
export class BoundedDocumentCache<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: T): void {
    if (key.length > this.maxChars / 16) return;
    if (this.entries.has(key)) this.entries.delete(key);
    else this.chars += key.length;
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}

export const noCache = { get: () => undefined, set: () => {} };

/** Anything armor or graphql-js throws while parsing keeps its message; our limits keep their code. */
export function isTooComplex(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions?.code === TOO_COMPLEX;
}
