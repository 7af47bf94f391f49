import { z } from 'zod';
import { ListKindSchema } from '../../model/words.js';

/** A target states its current view by printing this prefix and JSON on one stdout line. */
export const VIEW_PREFIX = '@mcp-notify-check view ';

export const ViewReportSchema = z.object({ list: ListKindSchema, names: z.array(z.string()) });
export type ViewReport = z.infer<typeof ViewReportSchema>;

/** The view report on a stdout line, or undefined for any other line (or a malformed report). */
export function parseViewReport(line: string): ViewReport | undefined {
  const at = line.indexOf(VIEW_PREFIX);
  if (at === -1) return undefined;
  try {
    const parsed = ViewReportSchema.safeParse(JSON.parse(line.slice(at + VIEW_PREFIX.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The line a target prints to report its view. */
export function formatViewReport(report: ViewReport): string {
  return `${VIEW_PREFIX}${JSON.stringify(report)}`;
}
