import { type CheckClauses } from './clause.js';
import { across, MODERN } from './common.js';

const VERSIONING = 'basic/versioning.mdx';
const STDIO = 'basic/transports/stdio.mdx';
const HTTP = 'basic/transports/streamable-http.mdx';
const COMPAT = 'Backward Compatibility';

/** Streamable HTTP's rule for a client that met a 2025 server: both the fallback and its keying stand on it. */
const HTTP_FALLBACK = across(MODERN, {
  file: HTTP,
  section: COMPAT,
  keyword: 'none',
  quote: 'If the body is empty or is not a recognized modern JSON-RPC error, fall back to `initialize` and continue with ' +
    'the legacy version for subsequent requests.',
});

/** A 2026-07-28 client meeting a 2025 server: what a dual-era client does, per transport binding. */
export const ERA_CLAUSES: Readonly<Record<string, CheckClauses>> = {
  'era-fallback': {
    clauses: [
      ...across(MODERN, {
        file: VERSIONING,
        section: 'Backward Compatibility with Initialization-Based Versions',
        keyword: 'none',
        quote: 'A client that needs to interoperate with both kinds of servers detects the server\'s era with ' +
          'transport-specific mechanics, specified in the binding pages',
      }),
      ...across(MODERN, {
        file: VERSIONING,
        section: 'Backward Compatibility with Initialization-Based Versions',
        keyword: 'none',
        quote: 'In both cases, a recognized modern JSON-RPC error (such as `UnsupportedProtocolVersionError`) identifies a ' +
          'modern server: the client retries with a supported version rather than falling back. Anything else identifies a ' +
          'legacy server.',
      }),
      ...across(MODERN, {
        file: STDIO,
        section: COMPAT,
        keyword: 'SHOULD',
        quote: 'A client that supports both modern (per-request-metadata) MCP versions and a legacy version that requires an ' +
          '`initialize` handshake SHOULD probe with `server/discover` before sending any other request, setting its ' +
          'preferred modern version in `_meta`.',
      }),
      ...across(MODERN, {
        file: STDIO,
        section: COMPAT,
        keyword: 'none',
        quote: 'The server returns any other error, or does not respond within a reasonable timeout: the server is legacy. ' +
          'Fall back to the `initialize` handshake.',
      }),
      ...across(MODERN, {
        file: HTTP,
        section: COMPAT,
        keyword: 'SHOULD',
        quote: 'On `400 Bad Request`, the client SHOULD inspect the response body before falling back',
      }),
      ...HTTP_FALLBACK,
      ...across(MODERN, {
        file: VERSIONING,
        section: 'Compatibility Matrix',
        keyword: 'SHOULD',
        quote: 'On stdio, clients SHOULD send `server/discover` first to fail deterministically; the client then surfaces an ' +
          'actionable error to the user.',
      }),
    ],
    why: 'The fallback to `initialize` is stated without a keyword (the SHOULDs are how to probe: `server/discover` on ' +
      'stdio, reading a 400 body on HTTP), and it is owed only by a dual-era client: one that speaks only 2026-07-28 fails ' +
      'against a 2025 server and should say so to its user.',
  },
  'fallback-any-error': {
    clauses: [
      ...across(MODERN, {
        file: STDIO,
        section: COMPAT,
        keyword: 'MUST NOT',
        quote: 'The fallback MUST NOT be keyed to one specific error code: legacy servers respond to unknown pre-`initialize` ' +
          'requests with implementation-defined errors (commonly `-32601` or `-32602`) or not at all.',
      }),
      ...HTTP_FALLBACK,
    ],
    why: 'The MUST NOT is stated in the stdio binding only; on Streamable HTTP the same rule follows from falling back on ' +
      'any body that is not a recognized modern error, stated without a keyword.',
  },
};
