/**
 * The console's calls to the public API. Credentials: the browser sends the App Service
 * authentication session (cookie) on every same-origin call; a function key, when the user gives
 * one, is kept in this tab's sessionStorage only and sent as `x-functions-key`, never in a URL
 * and never logged. A 401 opens the key dialog.
 */
import { $, say } from './console-dom.js';

export const KEY_STORAGE = 'autopilot.functionKey';

export interface Answer { status: number; body: Record<string, unknown> }
export class ApiError extends Error {}

export async function api(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers['x-functions-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try { parsed = text ? JSON.parse(text) as Record<string, unknown> : {}; } catch { parsed = { message: text }; }
  if (response.status === 401) {
    openKeyDialog();
    throw new ApiError('The API needs credentials: sign in, or give a function key.');
  }
  return { status: response.status, body: parsed };
}

export async function read<T>(path: string): Promise<T> {
  const answer = await api('GET', path);
  if (answer.status !== 200) throw new ApiError(describeError(answer));
  return answer.body as T;
}

export function describeError(answer: Answer): string {
  const { code, message } = answer.body as { code?: string; message?: string };
  return `${answer.status}${code ? ` ${code}` : ''}: ${message ?? 'no message'}`;
}

function openKeyDialog(): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  if (dialog.open) return;
  $<HTMLInputElement>('key-input').value = '';
  dialog.showModal();
}

/** Wires the key dialog; `onKey` runs after a key is given. */
export function setUpKeyDialog(onKey: () => void): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  const input = $<HTMLInputElement>('key-input');
  const save = () => {
    if (input.value.trim()) sessionStorage.setItem(KEY_STORAGE, input.value.trim());
    input.value = '';
    dialog.close();
    onKey();
  };
  $('key-save').onclick = save;
  input.onkeydown = (e) => { if (e.key === 'Enter') save(); };
  $('key-cancel').onclick = () => dialog.close();
  $('key-forget').onclick = () => { sessionStorage.removeItem(KEY_STORAGE); dialog.close(); say('Key forgotten.'); };
  $('key-button').onclick = openKeyDialog;
}

