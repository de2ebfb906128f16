import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from './problem.js';

/**
 * The answers Fastify and Node would otherwise write themselves, as ProblemDetails: a URL that
 * does not decode (400), a path parameter over the length limit (414), headers over 16 KiB (431),
 * a request not received in time (408), a malformed request line (400); and answers given
 * before the body was read (the 413 of a body over the limit, a 401…), delivered so that a
 * client still uploading can read them.
 */

export const MAX_PARAM_LENGTH = 500;

/** Fastify's `frameworkErrors`: errors raised while routing, before any hook runs. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  switch (err.code) {
    case 'FST_ERR_BAD_URL': {
      const v = 'path: must be valid percent-encoded UTF-8 (a % followed by two hex digits, forming UTF-8)';
      return sendProblem(reply, problem(400, `Request URL is malformed: ${v}`, request, [v]));
    }
    case 'FST_ERR_MAX_PARAM_LENGTH': {
      const v = `path: a path parameter must not be longer than ${MAX_PARAM_LENGTH} characters`;
      return sendProblem(reply, problem(414, `Request URL is too long: ${v}`, request, [v]));
    }
    default: {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) request.log.error({ err }, 'routing failed');
      return sendProblem(reply, problem(status, status === 500 ? `An unexpected error occurred. Quote request id ${request.id} when reporting it.` : err.message, request));
    }
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Fastify's `clientErrorHandler` (Node's 'clientError': the request could not even be parsed).
 * Writes a ProblemDetail with `Connection: close`, ends our side, and reads (and discards) what
 * the client is still sending for a moment before closing the socket: closing a socket with
 * unread input makes the kernel reset the connection, and the client would lose the answer.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && !(socket as { plinthAnswered?: boolean }).plinthAnswered) {
    (socket as { plinthAnswered?: boolean }).plinthAnswered = true;
    let status = 400;
    let detail = 'The HTTP request is malformed';
    let violations: string[] = [];
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      status = 431;
      detail = 'Request headers are too large: header: all headers together must not exceed 16 KiB';
      violations = ['header: all headers together must not exceed 16 KiB'];
    } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      status = 408;
      detail = 'The request was not received in time';
    }
    this.log.debug({ code: err.code }, 'client error');
    const body = JSON.stringify(problem(status, detail, { url: '/' }, violations));
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.end();
    socket.on('error', () => {});
    socket.resume();
    setTimeout(() => socket.destroy(), 2000).unref();
  }
}

/** What an answer given before the body was read (a 413, a 401, a 404…) reads and discards before giving up on the connection. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_MAX_MS = 15_000;

/**
 * Some answers go out before the request body has been received: a 413 for a body over the limit
 * (refused on its Content-Length, or once the limit is passed), and any answer from a hook that
 * runs before parsing (401 from authentication, 404 for an unknown route, 503 while closing…).
 * Node then closes the connection as soon as the answer is written when it is marked
 * `Connection: close` (Fastify marks a refused body so; Node does when the client asked to close).
 * Closing a socket with unread input makes the kernel reset the connection, and a client still
 * uploading sees a broken pipe instead of the answer. So such an answer keeps the connection
 * (`Connection: keep-alive`, which stops Node from closing it), the rest of the body is read and
 * discarded — up to DRAIN_MAX_BYTES or DRAIN_MAX_MS, after which the socket is destroyed — and
 * once the body is complete the connection is closed gracefully if the client asked for that,
 * or kept for its next request.
 */
export function drainUnreadBodies(app: FastifyInstance, closing: () => boolean) {
  // Callback hooks, not async ones: each request runs them, and an async hook costs a promise.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.raw.complete === false && !closing()) reply.header('connection', 'keep-alive');
    done(null, payload);
  });
  app.addHook('onResponse', (req, _reply, done) => {
    drain(req.raw, closing);
    done();
  });
}

function drain(raw: FastifyRequest['raw'], closing: () => boolean) {
  if (raw.complete !== false) return;
  const socket = raw.socket;
  if (!socket || typeof socket.destroy !== 'function') return;
  const clientCloses = /\bclose\b/i.test(String(raw.headers.connection ?? '')) || raw.httpVersion === '1.0';
  let seen = 0;
  const timer = setTimeout(() => socket.destroy(), DRAIN_MAX_MS);
  timer.unref();
  const stop = () => clearTimeout(timer);
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_MAX_BYTES) {
      stop();
      socket.destroy();
    }
  });
  raw.once('end', () => {
    stop();
    if (clientCloses || closing()) socket.end();
  });
  raw.once('error', stop);
  raw.resume();
}
