/**
 * postgres.js 3.4 can throw from a timer after a connection closes under it (a write scheduled with
 * setImmediate finds the socket gone: porsager/postgres#1154, fix pending in #1168). Nothing can
 * catch that, and it ends the process, which a database outage must not do: the query it belonged
 * to has already failed with a connection error and the pool reconnects. This keeps the process
 * alive for that one error; any other uncaught error stays fatal (or is left to the listeners
 * already there, such as Next's).
 */
let installed = false;

function isWriteAfterClose(error: unknown): boolean {
  return error instanceof TypeError && /reading 'write'/.test(error.message) && /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '');
}

export function surviveDriverWriteAfterClose() {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => {
    if (isWriteAfterClose(error)) {
      console.warn('postgres.js wrote to a connection that had just closed (porsager/postgres#1154); the pool reconnects.');
      return;
    }
    if (process.listenerCount('uncaughtException') > 1) return;
    console.error(error);
    process.exit(1);
  });
}
