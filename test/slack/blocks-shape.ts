/**
 * Block Kit shape checks for tests: the limits and rules Slack answers `invalid_blocks` for,
 * so a renderer that breaks one fails here rather than in a workspace.
 */
type Json = Record<string, unknown>;

const blockTypes = new Set(['section', 'actions', 'context', 'header', 'divider', 'input']);
const elementTypes = new Set([
  'button', 'static_select', 'external_select', 'multi_static_select', 'multi_external_select', 'datepicker',
  'plain_text_input', 'number_input', 'checkboxes', 'radio_buttons',
]);
const limits = { message: 50, modal: 100, home: 100 } as const;

export type Surface = keyof typeof limits;

export function blockProblems(blocks: unknown[], surface: Surface): string[] {
  const problems: string[] = [];
  if (blocks.length > limits[surface]) problems.push(`${blocks.length} blocks in a ${surface} (limit ${limits[surface]})`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = raw as Json;
    const at = `block ${i} (${String(block.type)})`;
    if (!blockTypes.has(String(block.type))) problems.push(`${at}: unknown type`);
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length > 255) problems.push(`${at}: block_id over 255`);
      if (blockIds.has(id)) problems.push(`${at}: duplicate block_id ${id}`);
      blockIds.add(id);
    }
    switch (block.type) {
      case 'section': {
        if (!block.text && !block.fields) problems.push(`${at}: no text or fields`);
        if (block.text) text(block.text, 3000, at, problems);
        const fields = (block.fields ?? []) as unknown[];
        if (fields.length > 10) problems.push(`${at}: ${fields.length} fields`);
        fields.forEach((f) => text(f, 2000, at, problems));
        if (block.accessory) element(block.accessory as Json, at, problems);
        break;
      }
      case 'header': text(block.text, 150, at, problems, 'plain_text'); break;
      case 'context': {
        const elements = block.elements as unknown[];
        if (!elements?.length || elements.length > 10) problems.push(`${at}: ${elements?.length ?? 0} elements`);
        elements?.forEach((e) => text(e, 3000, at, problems));
        break;
      }
      case 'actions': {
        const elements = block.elements as Json[];
        if (!elements?.length || elements.length > 25) problems.push(`${at}: ${elements?.length ?? 0} elements`);
        const ids = elements.map((e) => String(e.action_id));
        if (new Set(ids).size !== ids.length) problems.push(`${at}: duplicate action_id in ${ids.join(', ')}`);
        elements.forEach((e) => element(e, at, problems));
        break;
      }
      case 'input': {
        if (typeof block.block_id !== 'string' || !block.block_id) problems.push(`${at}: input without block_id`);
        text(block.label, 2000, at, problems, 'plain_text');
        if (block.hint) text(block.hint, 2000, at, problems, 'plain_text');
        element(block.element as Json, at, problems);
        break;
      }
    }
  });
  return problems;
}

function text(raw: unknown, max: number, at: string, problems: string[], only?: 'plain_text'): void {
  const t = raw as Json | undefined;
  if (!t || (t.type !== 'plain_text' && t.type !== 'mrkdwn')) { problems.push(`${at}: not a text object`); return; }
  if (only && t.type !== only) problems.push(`${at}: must be ${only}`);
  const s = String(t.text ?? '');
  if (s.trim() === '') problems.push(`${at}: empty text`);
  if (s.length > max) problems.push(`${at}: text of ${s.length} over ${max}`);
}

function element(e: Json | undefined, at: string, problems: string[]): void {
  if (!e) { problems.push(`${at}: missing element`); return; }
  const where = `${at} ${String(e.type)}`;
  if (!elementTypes.has(String(e.type))) problems.push(`${where}: unknown element type`);
  if (typeof e.action_id !== 'string' || !e.action_id || e.action_id.length > 255) problems.push(`${where}: bad action_id`);
  if (e.type === 'button') {
    text(e.text, 75, where, problems, 'plain_text');
    if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: value over 2000`);
  }
  const groups = (e.option_groups ?? []) as Json[];
  if (groups.length > 100) problems.push(`${where}: ${groups.length} option groups`);
  groups.forEach((g) => text(g.label, 75, where, problems, 'plain_text'));
  const options = (e.options ?? groups.flatMap((g) => g.options as Json[])) as Json[];
  const limit = e.type === 'checkboxes' || e.type === 'radio_buttons' ? 10 : 100;
  if (options.length > limit) problems.push(`${where}: ${options.length} options`);
  for (const o of [...options, ...((e.initial_options ?? []) as Json[]), ...(e.initial_option ? [e.initial_option as Json] : [])]) {
    text(o.text, 75, where, problems);
    if (o.description) text(o.description, 75, where, problems, 'plain_text');
    if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150) problems.push(`${where}: option value ${String(o.value)}`);
  }
  if ((e.type === 'static_select' || e.type === 'multi_static_select' || e.type === 'checkboxes' || e.type === 'radio_buttons') && options.length === 0) {
    problems.push(`${where}: no options`);
  }
  if (e.placeholder) text(e.placeholder, 150, where, problems, 'plain_text');
}

/** Every mrkdwn string in a block tree, to check that user text stayed escaped. */
export function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (value && typeof value === 'object') {
    const o = value as Json;
    const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
    return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
  }
  return [];
}

export function hasSlackControlSequence(text: string): boolean {
  return /<[!@#]|<https?:|<mailto:|<[^>]*\|/.test(text);
}

/** Every interactive element, with the block it sits in. */
export function interactiveElements(blocks: unknown[]): Array<{ block: Json; element: Json }> {
  return (blocks as Json[]).flatMap((block) => {
    if (block.type === 'actions') return (block.elements as Json[]).map((element) => ({ block, element }));
    if (block.type === 'input') return [{ block, element: block.element as Json }];
    if (block.type === 'section' && block.accessory) return [{ block, element: block.accessory as Json }];
    return [];
  });
}
