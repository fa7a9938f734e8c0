import { readFileSync } from 'node:fs';

/** The text of a page under docs/ (`api.md`), read from the repository the compiled tests run in. */
export function readDocPage(name: string): string {
  return readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
}

/**
 * The cells of every Markdown table row on a page, header and separator rows included, split on
 * unescaped pipes: a cell may hold `a\|b`, which stays in one cell with its backslash.
 */
export function tableRows(markdown: string): string[][] {
  return markdown.split('\n').filter((line) => line.startsWith('|'))
    .map((line) => line.slice(1).replace(/\|\s*$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim()));
}
