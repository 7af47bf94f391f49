import type { z } from 'zod';

/**
 * What an API function takes for a schema's options: every key optional, and where the schema coerces (a flag's number
 * arrives as text, so its input is `unknown`), the type it coerces to.
 */
export type OptionsOf<S extends z.ZodType> = {
  [K in keyof z.input<S>]?: unknown extends z.input<S>[K] ? OutputOf<S, K> : z.input<S>[K];
};
type OutputOf<S extends z.ZodType, K> = K extends keyof z.output<S> ? z.output<S>[K] : never;

/** Zod issues as the API's one-line error: `startMock(): port: Too big…; Unrecognized key: "x"`. */
export function describeOptions(where: string, error: z.ZodError): string {
  return `${where}: ${error.issues.map((issue) => [...issue.path.map(String), issue.message].join(': ')).join('; ')}`;
}
