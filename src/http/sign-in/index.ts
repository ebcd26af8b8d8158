export { signInFrom, type SignIn } from './sign-in.js';
import { sessionData, type Flash } from './session.js';
import type { FastifyRequest } from 'fastify';

/** The result of a form, shown once on the page it redirects to. */
export function setFlash(request: FastifyRequest, flash: Flash): void {
  sessionData.setFlash(request, flash);
}

export function takeFlash(request: FastifyRequest): Flash | undefined {
  return sessionData.takeFlash(request);
}
