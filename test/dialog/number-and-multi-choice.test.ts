import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actions, openHarness, play, summary, type Harness, type Transcript } from '../conversation/engine-harness.js';

/**
 * The sample catalog has no number or multi-choice field, so these run on a copy of it with
 * one more request type that has both.
 */
const deskEquipment = `
id: desk-equipment
version: 1
title: Desk equipment
description: Chairs, lamps and cables for your desk.
category: Hardware
keywords: [desk, chair, lamp, cable]
ownerTeam: it-hardware
sla: { hours: 48 }
risk: low
fields:
  - id: items
    label: Items
    type: multi-choice
    prompt: Which items do you need?
    options:
      - { value: chair, label: Ergonomic chair, synonyms: [chair] }
      - { value: lamp, label: Desk lamp, synonyms: [lamp, light] }
      - { value: cable, label: HDMI cable, synonyms: [cable, hdmi] }
  - id: quantity
    label: Quantity
    type: number
    prompt: How many sets?
    min: 1
    max: 5
approval:
  stages: []
fulfilment:
  steps:
    - kind: manual
      id: deliver
      title: Deliver desk equipment
      team: it-hardware
`;

const deskIntent = `
id: request-desk-equipment
kind: request
description: Ask for desk equipment such as chairs, lamps or cables.
requestType: desk-equipment
examples:
  - I need desk equipment
  - can I get a new desk chair
  - I need a desk lamp
  - order an ergonomic chair and a lamp for my desk
  - my desk needs an hdmi cable
  - desk equipment please
  - I want a better chair for my desk
  - request desk furniture
`;

let catalogDir: string;
let h: Harness;
beforeAll(async () => {
  catalogDir = mkdtempSync(join(tmpdir(), 'frontdoor-catalog-'));
  cpSync('intents', join(catalogDir, 'intents'), { recursive: true });
  cpSync('dialogs', join(catalogDir, 'dialogs'), { recursive: true });
  writeFileSync(join(catalogDir, 'dialogs', 'desk-equipment.yaml'), deskEquipment);
  writeFileSync(join(catalogDir, 'intents', 'request-desk-equipment.yaml'), deskIntent);
  h = await openHarness({ catalogDir });
});
afterAll(async () => {
  await h.dispose();
  rmSync(catalogDir, { recursive: true, force: true });
});

const transcripts: Transcript[] = [
  {
    name: 'When several items are typed and a number is out of range, then the items are understood and the number is asked again',
    person: 'sam.patel@example.com',
    steps: [
      ['I need desk equipment', 'Which items do you need?'],
      ['chair and a unicorn', 'could not match "a unicorn"'],
      ['chair, lamp', 'How many sets?'],
      ['a few', 'Please answer with a number'],
      ['9', 'The largest allowed is 5'],
      ['2', 'Items: Ergonomic chair, Desk lamp'],
      [{ click: Actions.confirm }, /REQ-\d+/],
    ],
    expected: (_h, replies) => { expect(replies.some((r) => r.kind === 'text' && /REQ-\d+/.test(r.text))).toBe(true); },
  },
  {
    name: 'When the card submits a multi-select as a comma list, then each value is kept',
    person: 'alex.kim@example.com',
    steps: [
      ['I need desk equipment', 'Which items do you need?'],
      [{ click: Actions.answer, values: { fieldId: 'items', answer: 'cable,lamp' } }, 'How many sets?'],
      [{ click: Actions.answer, values: { fieldId: 'quantity', answer: 1 } }, (replies) => {
        expect(summary(replies).fields).toEqual([
          { fieldId: 'items', label: 'Items', value: 'HDMI cable, Desk lamp' },
          { fieldId: 'quantity', label: 'Quantity', value: '1' },
        ]);
      }],
    ],
  },
];

describe('number and multi-choice fields', () => {
  for (const transcript of transcripts) it(transcript.name, async () => { await play(h, transcript); });
});
