// A page as the reply, with its status.
import type { FastifyReply } from 'fastify';

export const htmlReply = (reply: FastifyReply, body: string, code = 200) =>
  reply.code(code).type('text/html').send(body);
