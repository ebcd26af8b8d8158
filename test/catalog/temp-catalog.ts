import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A small valid catalog as file path -> YAML text; tests override one file to break it. */
export function minimalCatalogFiles(): Record<string, string> {
  return {
    'intents/request-widget.yaml': [
      'id: request-widget',
      'kind: request',
      'description: Ask for a widget',
      'requestType: widget',
      'examples: [i need a widget, widget please]',
    ].join('\n'),
    'intents/greeting.yaml': 'id: greeting\nkind: greeting\ndescription: Hello\nexamples: [hi, hello]\n',
    'dialogs/widget.yaml': `
id: widget
version: 1
title: Widget
description: A widget for your desk
category: Hardware
ownerTeam: it-hardware
sla: { hours: 24 }
risk: low
cost: { fromField: model }
fields:
  - id: model
    label: Model
    type: choice
    prompt: Which widget?
    options:
      - { value: small, label: Small widget, cost: 10, attributes: { inStock: true } }
      - { value: large, label: Large widget, cost: 2500, when: { profile: role, equals: engineer }, attributes: { inStock: false } }
  - id: system
    label: System
    type: lookup
    lookup: systems
    prompt: For which system?
  - id: note
    label: Note
    type: text
    prompt: Anything else?
    required: false
    showWhen: { field: model, equals: large }
approval:
  stages:
    - id: owner
      approver: { type: owner-of, field: system }
      reason: "{requester.name} wants a {fields.model.label}"
fulfilment:
  steps:
    - kind: integration
      id: grant
      title: "Grant {fields.system.label}"
      integration: identity
      operation: grant-access
      input: { email: "{requester.email}", system: "{fields.system}" }
`,
    'dialogs/lookups/systems.yaml': `
id: systems
title: Systems
items:
  - { value: finance-share, label: Finance share, attributes: { owner: a@example.com } }
`,
  };
}

/** Writes the files into a fresh temporary folder and returns its path. */
export async function writeCatalog(files: Record<string, string | undefined>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'frontdoor-catalog-'));
  await mkdir(join(root, 'intents'), { recursive: true });
  await mkdir(join(root, 'dialogs', 'lookups'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    if (text === undefined) continue;
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}
