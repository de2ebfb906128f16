import type { FastifyReply } from 'fastify';

/**
 * Sends a payload serialized by the route's own response schema (`reply.serialize`), each
 * payload object once: a page the read cache hands out unchanged arrives as the same object, and
 * is sent as the bytes it was first serialized to. Serializing a page of 25 projects was ~11% of
 * the server's CPU for an authenticated GET /v1/projects (docs/benchmarks.md). One per route:
 * the bytes are that route's schema's. Payloads must not be changed after they are sent.
 */
export function serializedOnce() {
  const bodies = new WeakMap<object, string>();
  return (reply: FastifyReply, payload: object) => {
    let body = bodies.get(payload);
    if (body === undefined) bodies.set(payload, (body = reply.serialize(payload) as string));
    return reply.type('application/json; charset=utf-8').send(body);
  };
}
