/**
 * Types for comlink's Node adapter. The package ships `node-adapter.d.ts` beside
 * `node-adapter.mjs`, but under NodeNext resolution an `.mjs` file pairs only with a `.d.mts`, so
 * the import would be untyped. This declares the one function the load generator uses.
 */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  /** What comlink needs of a worker_threads `Worker` or `MessagePort`. */
  export interface NodeEndpoint {
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(type: 'message', listener: (data: unknown) => void): unknown;
    off(type: 'message', listener: (data: unknown) => void): unknown;
    start?: () => void;
  }

  /** Adapts a Node message endpoint to comlink's (browser-shaped) `Endpoint`. */
  export default function nodeEndpoint(endpoint: NodeEndpoint): Endpoint;
}
