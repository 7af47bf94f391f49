import { type ListKind, listOfChanged } from '../../model/words.js';
import type { EventOf } from '../../trace/events.js';
import type { Trace } from '../../trace/trace.js';
import { probeOf } from '../../trace/queries.js';

/**
 * What the harness's first session was told it would hear of (`listChanged` per list, from the server's or gateway's
 * capabilities) against the lists it was then told changed. Read the same for a server and for a gateway's downstream.
 */
export interface AdvertisedAndAnnounced {
  connected: EventOf<'probe-connected'>;
  advertised: readonly ListKind[];
  announced: readonly ListKind[];
  /** Announced without being advertised. */
  unadvertised: readonly ListKind[];
  /** The connection and the first few announcements, as evidence. */
  evidence: number[];
}

/** Undefined when no session connected, so the capabilities are unknown. */
export function advertisedAndAnnounced(trace: Trace): AdvertisedAndAnnounced | undefined {
  const connected = probeOf(trace, 'probe-connected').find((event) => event.announces !== undefined);
  if (!connected) return undefined;
  const advertised = connected.announces ?? [];
  const notes = probeOf(trace, 'probe-notification');
  const announced = [...new Set(notes.map((note) => listOfChanged(note.method)).filter((list) => list !== undefined))];
  return {
    connected,
    advertised,
    announced,
    unadvertised: announced.filter((list) => !advertised.includes(list)),
    evidence: [connected.seq, ...notes.slice(0, 3).map((note) => note.seq)],
  };
}
