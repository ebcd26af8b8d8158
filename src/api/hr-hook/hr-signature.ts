import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header HR signs each event with: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const hrSignatureHeader = 'x-frontdoor-signature';

/** How far the signed time may be from ours, either way: a captured request is useless after it. */
export const hrSignatureToleranceSeconds = 5 * 60;

/** The signature of a body signed at `timestamp` (unix seconds): what HR computes, and what we compare with. */
export function signHrBody(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value for a body (HR's side of the scheme; tests and the docs' example use it). */
export function hrSignature(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${signHrBody(secret, timestamp, rawBody)}`;
}

/**
 * Whether the header signs these exact bytes with the secret, at a time within the tolerance
 * of `nowMs`. Several `v1=` entries may be sent (HR signing with an old and a new secret while
 * it is changed); one matching is enough. Compared in constant time.
 */
export function verifyHrSignature(header: string | undefined, rawBody: Buffer, secret: string, nowMs: number): { ok: true } | { ok: false; problem: string } {
  if (!header || header.length > 2_000) return { ok: false, problem: 'no signature' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const timestamps = parts.filter(([k]) => k === 't').map(([, v]) => v ?? '');
  const signatures = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => Buffer.from(v!, 'hex'));
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || !signatures.length) return { ok: false, problem: 'a malformed signature header' };
  const timestamp = Number(timestamps[0]);
  if (Math.abs(nowMs / 1000 - timestamp) > hrSignatureToleranceSeconds) return { ok: false, problem: 'a signature outside the time window' };
  const expected = Buffer.from(signHrBody(secret, timestamp, rawBody), 'hex');
  // Every entry is compared, so the time taken says nothing about which one matched.
  const matches = signatures.map((s) => timingSafeEqual(s, expected)).filter(Boolean).length;
  return matches > 0 ? { ok: true } : { ok: false, problem: 'a wrong signature' };
}
