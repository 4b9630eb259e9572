import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost } from './outbox-exposure.js';

/**
 * The Host check of the pages that are not the signed API (the outbox, the verification pages): they
 * answer only for loopback names and the host of the verification links (RDC_PUBLIC_URL, else the server's
 * own address). A page reached under another name (DNS rebinding: a web page on evil.example whose name
 * now resolves to 127.0.0.1, reading the outbox from a developer's browser) answers 421; no Host, 400.
 */
export function hostCheck(linkBase: () => string): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  return async (req, reply) => {
    const host = req.headers.host;
    if (host === undefined || host === '') return refuse(reply, 400, 'This page needs a Host header.');
    const name = hostName(host);
    const expected = hostName(new URL(linkBase()).host);
    if (name === expected || isLoopbackHost(name)) return undefined;
    return refuse(reply, 421, `This server does not answer for host "${name}" here: open it as ${expected} (RDC_PUBLIC_URL) or on loopback.`);
  };
}

/** `Example.com:8080` → `example.com`, `[::1]:8080` → `::1`. */
function hostName(host: string): string {
  const v6 = /^\[([^\]]*)\]/.exec(host);
  return (v6 ? v6[1]! : host.replace(/:\d*$/, '')).toLowerCase();
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(message + '\n');
}
