import { describe, expect, it } from 'vitest';
import { hrSignature, verifyHrSignature } from '../../src/api/hr-hook/hr-signature.js';

// The worked example of docs/fulfilment.md ("The signature"): kept true here.
const secret = 'example-secret-0123456789abcdef0123456789';
const body = '{"id":"hr-2026-0042","type":"leaver","occurredAt":"2026-03-02T08:30:00Z","person":{"employeeId":"E-1042","name":"Sam Patel","email":"sam.patel@example.com","department":"engineering","role":"engineer","managerEmail":"dana.lee@example.com","lastDay":"2026-03-06"}}';
const header = 't=1772440200,v1=d8f4797e939784b19b5c86289d3c219b68ef5dc53ffb3b609451ab6820c3060f';

describe('the HR signature scheme', () => {
  it("When the docs' example is signed, then it gives the documented header, which checks out within five minutes and not after", () => {
    expect(hrSignature(secret, 1772440200, body)).toBe(header);
    expect(verifyHrSignature(header, Buffer.from(body), secret, 1772440200_000 + 299_000)).toEqual({ ok: true });
    expect(verifyHrSignature(header, Buffer.from(body), secret, 1772440200_000 + 301_000)).toEqual({ ok: false, problem: 'a signature outside the time window' });
  });

  it('When a secret is being changed, then either of two v1 entries is enough; a malformed header is refused', () => {
    const old = hrSignature('the-old-secret-0123456789abcdef012345', 1772440200, body).split(',')[1];
    expect(verifyHrSignature(`${header},${old}`, Buffer.from(body), secret, 1772440200_000)).toEqual({ ok: true });
    expect(verifyHrSignature(`t=1772440200,${old}`, Buffer.from(body), secret, 1772440200_000)).toEqual({ ok: false, problem: 'a wrong signature' });
    for (const bad of ['v1=abc', 't=1772440200', 't=x,v1=' + 'a'.repeat(64), `t=1,t=2,v1=${'a'.repeat(64)}`]) {
      expect(verifyHrSignature(bad, Buffer.from(body), secret, 1772440200_000).ok, bad).toBe(false);
    }
  });
});
