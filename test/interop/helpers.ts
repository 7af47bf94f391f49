import type { CellResult, TargetResult } from '../../interop/runner/results.js';

/** A cell of results.json from `check id → status` (messages say which status, severity is MUST). */
export function cell(name: string, statuses: Record<string, string>): [string, CellResult] {
  const [scenario = '', transport = 'stdio', era = 'legacy'] = name.split('.');
  const checks = Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, { status, severity: 'MUST', message: `${id} came out ${status}` }]));
  return [name, { scenario, transport, era: era === 'modern' ? 'modern' : 'legacy', checks }];
}

/** A judged target with these cells. */
export function target(name: string, mode: 'client' | 'server', cells: [string, CellResult][]): TargetResult {
  return {
    name,
    mode,
    language: 'TypeScript',
    library: '@example/mcp',
    version: '1.0.0',
    transports: ['stdio'],
    eras: ['legacy'],
    buildMs: 1000,
    runMs: 2000,
    runs: [],
    cells: Object.fromEntries(cells),
  };
}
