import type { TraceEvent } from './events.js';

/** JSON text of large messages already serialized for the wire, so the journal does not serialize them again. */
const texts = new WeakMap<object, string>();

/**
 * Below this many characters a message is cheaper to serialize again than to remember (a notification is ~60): the
 * cache pays only for pages of items, where serializing twice was most of a re-list's cost.
 */
const REMEMBER_CHARS = 2_048;

/** A message's JSON text; a large one is computed once per message object and shared by the wire and the journal. */
export function serialized(message: object): string {
  let text = texts.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    if (text.length >= REMEMBER_CHARS) texts.set(message, text);
  }
  return text;
}

/**
 * One event as a JSON line. A frame's message whose wire text is known is spliced in rather than serialized again (a
 * page of 100 tools is most of a frame's cost); the message then comes last among the event's fields.
 */
export function eventLine(event: TraceEvent): string {
  const message = 'message' in event ? event.message : undefined;
  const text = message !== null && typeof message === 'object' ? texts.get(message) : undefined;
  if (text === undefined) return JSON.stringify(event);
  // The replacer leaves the message out; it is appended as the text the wire already carried.
  const rest = JSON.stringify(event, (key, value: unknown) => (key === 'message' && value === message ? undefined : value));
  return `${rest.slice(0, -1)},"message":${text}}`;
}
