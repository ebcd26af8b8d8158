import { z } from 'zod';

export const requestNumberPattern = /^REQ-(\d{1,9})$/i;
export const requestNumberSchema = z.string().trim().regex(requestNumberPattern, 'must look like REQ-1042');

export function formatRequestNumber(n: number): string {
  return `REQ-${n}`;
}

export function parseRequestNumber(text: string): number | undefined {
  const m = requestNumberPattern.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}
