/**
 * The console's DOM helpers: elements built with textContent only (nothing the API answers is
 * ever parsed as markup), the status line, and the dialogs (a confirmation naming what an action
 * will do; the spec editor of an update). Browser code: DOM types, no Node.
 */

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export type Child = Node | string | number | false | null | undefined;
/** Builds an element: attributes (`on*` functions become listeners) and children as text or nodes. */
export function h(tag: string, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value as EventListener);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}
const NS = 'http://www.w3.org/2000/svg';
export function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function say(message: string, isError = false): void {
  const box = $('status');
  box.textContent = message;
  box.className = isError ? 'error' : '';
}

export const badge = (text: string, kind = text) => h('span', { class: `badge b-${kind}` }, text);
export const progress = (percent: number, label: string) =>
  h('progress', { max: 100, value: percent, 'aria-label': label, title: `${percent} %` });

/** What a confirmation says: the action, what will happen, the things it touches; `typed`: a name to type first. */
export interface Confirmation {
  title: string; text: string; items?: string[]; ok: string; typed?: string; reason?: boolean; danger?: boolean;
}

/** Shows the confirmation; resolves with the reason typed (or '') on OK, undefined on cancel. */
export function confirmAction(c: Confirmation): Promise<string | undefined> {
  const dialog = $<HTMLDialogElement>('confirm');
  $('confirm-title').textContent = c.title;
  $('confirm-text').textContent = c.text;
  $('confirm-list').replaceChildren(...(c.items ?? []).map((i) => h('li', {}, i)));
  const ok = $<HTMLButtonElement>('confirm-ok');
  ok.textContent = c.ok;
  ok.className = c.danger ? 'danger' : 'primary';
  const typedInput = $<HTMLInputElement>('confirm-typed-input');
  $('confirm-typed').hidden = c.typed === undefined;
  $('confirm-typed-name').textContent = c.typed ?? '';
  typedInput.value = '';
  ok.disabled = c.typed !== undefined;
  typedInput.oninput = () => { ok.disabled = typedInput.value !== c.typed; };
  const reason = $<HTMLInputElement>('confirm-reason');
  $('confirm-reason-box').hidden = !c.reason;
  reason.value = '';
  return new Promise((resolve) => {
    const finish = (value: string | undefined) => { dialog.onclose = null; dialog.close(); resolve(value); };
    ok.onclick = () => finish(reason.value.trim());
    $('confirm-cancel').onclick = () => finish(undefined);
    dialog.onclose = () => resolve(undefined);
    dialog.showModal();
    (c.typed !== undefined ? typedInput : $('confirm-cancel')).focus();
  });
}

/** Opens the spec editor with `spec`; resolves with the edited spec parsed, or undefined on cancel. */
export function editSpec(title: string, spec: unknown): Promise<unknown> {
  const dialog = $<HTMLDialogElement>('spec-dialog');
  const text = $<HTMLTextAreaElement>('spec-text');
  const problem = $('spec-problem');
  $('spec-title').textContent = title;
  text.value = JSON.stringify(spec, null, 2);
  problem.textContent = '';
  return new Promise((resolve) => {
    const finish = (value: unknown) => { dialog.onclose = null; dialog.close(); resolve(value); };
    $('spec-preview').onclick = () => {
      try { finish(JSON.parse(text.value)); } catch (error) { problem.textContent = `Not JSON: ${(error as Error).message}`; }
    };
    $('spec-cancel').onclick = () => finish(undefined);
    dialog.onclose = () => resolve(undefined);
    dialog.showModal();
    text.focus();
  });
}
