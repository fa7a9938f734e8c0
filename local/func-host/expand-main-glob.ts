import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * Expands a package.json `main` pattern relative to `baseDir` into sorted absolute paths.
 * Supports `*`, `?` and `**` segments (what Functions apps use, e.g. `dist/functions/*.js`);
 * a pattern without wildcards is returned as is when the file exists. Never follows dot folders
 * or node_modules.
 */
export function expandMainGlob(baseDir: string, pattern: string): string[] {
  const segments = posix.normalize(pattern.replace(/\\/g, '/')).replace(/^\.\//, '').split('/');
  return walk(baseDir, segments).sort();
}

function walk(dir: string, segments: string[]): string[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  if (head === '**') {
    const here = walk(dir, rest);
    const deeper = subdirs(dir).flatMap((d) => walk(join(dir, d), segments));
    return [...here, ...deeper];
  }
  if (!/[*?]/.test(head)) {
    const path = join(dir, head);
    if (!exists(path)) return [];
    return rest.length === 0 ? (isFile(path) ? [path] : []) : walk(path, rest);
  }
  const matcher = new RegExp('^' + head.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return entries(dir).filter((name) => matcher.test(name)).flatMap((name) => {
    const path = join(dir, name);
    if (rest.length === 0) return isFile(path) ? [path] : [];
    return isDir(path) ? walk(path, rest) : [];
  });
}

const entries = (dir: string): string[] => { try { return readdirSync(dir); } catch { return []; } };
const subdirs = (dir: string): string[] => entries(dir).filter((n) => !n.startsWith('.') && n !== 'node_modules' && isDir(join(dir, n)));
const exists = (p: string): boolean => { try { statSync(p); return true; } catch { return false; } };
const isFile = (p: string): boolean => { try { return statSync(p).isFile(); } catch { return false; } };
const isDir = (p: string): boolean => { try { return statSync(p).isDirectory(); } catch { return false; } };
