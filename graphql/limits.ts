import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  validate,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type VariableNode,
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
  // the viewer lookup's own answer is kept as long (auth/viewer.ts): whether credentials are valid
  const recent = new Map<string, { signedIn: boolean; until: number }>();
  return {
    onRequestParse({ request }) {
      const credentials = { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') };
      if (!credentials.cookie && !credentials.authorization) return void signedInRequests.set(request, false);
      // answered without a promise when known: an extra await per request costs under load
      const key = `${credentials.authorization ?? ''}\n${credentials.cookie ?? ''}`;
      const known = recent.get(key);
      if (known && known.until > Date.now()) return void signedInRequests.set(request, known.signedIn);
      return buildViewer(deps.db, credentials).then((viewer) => {
        if (recent.size >= 5000) recent.clear();
        recent.set(key, { signedIn: viewer !== null, until: Date.now() + 2000 });
        signedInRequests.set(request, viewer !== null);
      });
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
  // per document: the variables it passes as first/last, and the verdict per set of their values
  const seen = new WeakMap<DocumentNode, { names: string[]; verdicts: Map<string, readonly GraphQLError[]> }>();
  const rule = costLimitRule({ maxCost: LIMITS.cost, ignoreIntrospection: true, flattenFragments: true, ...rejectAs('cost') });
  const isPageArgument = (node: ArgumentNode) => (node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { document, schema } = args;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let entry = seen.get(document);
      if (!entry) {
        const names = new Set<string>();
        visit(document, { Argument: (node) => void (isPageArgument(node) && names.add((node.value as VariableNode).name.value)) });
        seen.set(document, (entry = { names: [...names], verdicts: new Map() }));
      }
      if (entry.names.length === 0) return;
      const key = entry.names.map((name) => String(variables[name])).join(',');
      let errors = entry.verdicts.get(key);
      if (!errors) {
        const inlined = visit(document, {
          Argument(node) {
            if (!isPageArgument(node)) return undefined;
            const value = variables[(node.value as VariableNode).name.value];
            if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
            return { ...node, value: { kind: Kind.INT, value: String(value) } };
          },
        });
        errors = validate(schema, inlined, [rule]);
        if (entry.verdicts.size >= 64) entry.verdicts.clear();
        entry.verdicts.set(key, errors);
      }
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}

/**
 * The answer an operation gets when it runs past LIMITS.timeMs: resolvers still running finish in
 * the background, but the client is told at once, and with depth, alias and cost limits in front
 * nothing legitimate comes near it.
 */
const outOfTime = (ms: number) =>
  createGraphQLError(`The operation took longer than ${ms / 1000} s and was stopped. Ask for fewer items or fields per request.`, {
    extensions: { code: TOO_COMPLEX },
  });

export function useTimeBudget(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const result = executeFn(args);
        if (!(result instanceof Promise)) return result;
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve({ errors: [outOfTime(ms)] }), ms);
          timer.unref?.();
          result.then(
            (value) => (clearTimeout(timer), resolve(value)),
            (error: unknown) => (clearTimeout(timer), reject(error)),
          );
        }) as ReturnType<typeof executeFn>;
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

  /** Characters of query text it may keep. */
  constructor(readonly maxChars: number) {}

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

/**
 * Validation results per set of rules (by their names, as Yoga's own cache keys them: armor makes
 * its rules afresh for every operation), per schema and parsed document. Yoga's cache does the same
 * behind an LRU with a time to live, whose every look-up asked the clock and set a timer, keyed by
 * the names joined into one string per operation; here the names are walked in a tree of maps,
 * and the sets of rules are few (signed in or not): the tree starts over if it ever holds 64.
 * Placed after every plugin that adds rules, so the walk sees them all.
 */
export function useValidationCache(): Plugin {
  interface RuleSet {
    next: Map<string, RuleSet>;
    results?: WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly Error[]>>;
  }
  let root: RuleSet = { next: new Map() };
  let sets = 0;
  const ruleSet = (rules: readonly { name: string }[] | undefined) => {
    let node = root;
    for (const { name } of rules ?? []) {
      let child = node.next.get(name);
      if (!child) node.next.set(name, (child = { next: new Map() }));
      node = child;
    }
    if (!node.results) {
      if (++sets > 64) {
        root = { next: new Map() };
        sets = 0;
        return ruleSet(rules);
      }
      node.results = new WeakMap();
    }
    return node.results;
  };
  return {
    onValidate({ params: { schema, documentAST, rules }, setResult }) {
      if (schema == null) return;
      const bySchema = ruleSet(rules);
      let byDocument = bySchema.get(schema);
      if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
      const cached = byDocument.get(documentAST);
      if (cached) return setResult(cached);
      return ({ result }) => {
        if (result != null) byDocument.set(documentAST, result);
      };
    },
  };
}

/** Anything armor or graphql-js throws while parsing keeps its message; our limits keep their code. */
export function isTooComplex(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions?.code === TOO_COMPLEX;
}
