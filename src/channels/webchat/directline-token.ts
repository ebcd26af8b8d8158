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
  /** The end of the chain of refreshes, seconds since the epoch: no token of this conversation lives past it. */
  max: z.number().int().optional(),
  /** The API token this web chat token was issued to; it dies with that token. */
  tid: z.string().min(1).optional(),
  /** The roles of that API token: what the person may do in this chat. */
  rol: z.array(z.string().max(40)).max(20).optional(),
});

export type DirectLineClaims = z.infer<typeof claimsSchema>;

/**
 * Signed, expiring web chat tokens: `<claims, base64url>.<HMAC-SHA256, base64url>`. Nothing is
 * stored; the signature is the proof, so any replica with the same secret accepts them.
 */
export class DirectLineTokens {
  constructor(private readonly secret: string, private readonly now: () => number = () => Date.now()) {}

  /**
   * A token for the conversation. `maxLifetimeSeconds` starts a chain of refreshes that ends
   * then; a refresh passes the chain's end (`max`) and origin (`tid`) on unchanged.
   */
  issue(input: { conversationId: string; email?: string; apiTokenId?: string; roles?: readonly string[]; maxLifetimeSeconds?: number; max?: number }): { token: string; expiresIn: number } {
    const nowSeconds = Math.floor(this.now() / 1000);
    const max = input.max ?? (input.maxLifetimeSeconds !== undefined ? nowSeconds + input.maxLifetimeSeconds : undefined);
    const exp = Math.min(nowSeconds + tokenLifetimeSeconds, max ?? Number.MAX_SAFE_INTEGER);
    const claims: DirectLineClaims = { cid: input.conversationId, exp };
    if (input.email) claims.sub = input.email;
    if (max !== undefined) claims.max = max;
    if (input.apiTokenId) claims.tid = input.apiTokenId;
    if (input.roles) claims.rol = [...input.roles];
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresIn: Math.max(0, exp - nowSeconds) };
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
