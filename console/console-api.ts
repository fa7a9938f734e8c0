/**
 * The console's calls to the public API, with the caller's own credentials: what the user gives
 * once in the credentials dialog, a function key (sent as `x-functions-key`) and on Azure an
 * Entra ID access token for the API (sent as a bearer token, as the CLI sends AUTOPILOT_TOKEN),
 * each kept in this tab's sessionStorage only: never in a URL, never logged. The browser also
 * sends an App Service authentication session cookie, if it holds one. A 401 opens the dialog.
 */
import { $, say } from './console-dom.js';

export const KEY_STORAGE = 'autopilot.functionKey';
/** An Entra ID access token for the API (Azure), sent as a bearer token; held like the key. */
export const TOKEN_STORAGE = 'autopilot.accessToken';

export interface Answer { status: number; body: Record<string, unknown> }
export class ApiError extends Error {}

export async function api(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers['x-functions-key'] = key;
  const token = sessionStorage.getItem(TOKEN_STORAGE);
  if (token) headers.authorization = `Bearer ${token}`;
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
  $<HTMLInputElement>('token-input').value = '';
  dialog.showModal();
}

/** Wires the credentials dialog; `onSaved` runs after a key or token is given. */
export function setUpKeyDialog(onSaved: () => void): void {
  const dialog = $<HTMLDialogElement>('key-dialog');
  const fields: [HTMLInputElement, string][] = [
    [$<HTMLInputElement>('key-input'), KEY_STORAGE], [$<HTMLInputElement>('token-input'), TOKEN_STORAGE]];
  const save = () => {
    for (const [input, storage] of fields) {
      if (input.value.trim()) sessionStorage.setItem(storage, input.value.trim());
      input.value = '';
    }
    dialog.close();
    onSaved();
  };
  $('key-save').onclick = save;
  for (const [input] of fields) input.onkeydown = (e) => { if (e.key === 'Enter') save(); };
  $('key-cancel').onclick = () => dialog.close();
  $('key-forget').onclick = () => {
    for (const [, storage] of fields) sessionStorage.removeItem(storage);
    dialog.close();
    say('Key and token forgotten.');
  };
  $('key-button').onclick = openKeyDialog;
}
