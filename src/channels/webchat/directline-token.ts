import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Seconds a web chat token lives; clients refresh it through /tokens/refresh. */
export const tokenLifetimeSeconds = 1800;

const claimsSchema = z.object({
  /** The conversation the token opens, and no other. */
  cid: z.string().min(1),
  /** The person's email, when the token was issued for a known person. */
  sub: z.string().min(1).optional(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
});

export type DirectLineClaims = z.infer<typeof claimsSchema>;

/**
 * Signed, expiring web chat tokens: `<claims, base64url>.<HMAC-SHA256, base64url>`. Nothing is
 * stored; the signature is the proof, so any replica with the same secret accepts them.
 */
export class DirectLineTokens {
  constructor(private readonly secret: string, private readonly now: () => number = () => Date.now()) {}

  issue(input: { conversationId: string; email?: string }): { token: string; expiresIn: number } {
    const claims: DirectLineClaims = { cid: input.conversationId, exp: Math.floor(this.now() / 1000) + tokenLifetimeSeconds };
    if (input.email) claims.sub = input.email;
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresIn: tokenLifetimeSeconds };
  }

  /** The claims of a genuine, unexpired token, or undefined. */
  verify(token: string): DirectLineClaims | undefined {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const claims = claimsSchema.safeParse(json);
    if (!claims.success || claims.data.exp * 1000 <= this.now()) return undefined;
    return claims.data;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** The token of an `Authorization: Bearer <token>` header, if present. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
