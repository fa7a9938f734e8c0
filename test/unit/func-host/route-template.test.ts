import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRouteTemplate } from '../../../local/func-host/http/route-template.js';

const seg = (path: string): string[] => path.split('/').filter((s) => s !== '');

test('route templates match literals, parameters, optionals, catch-alls and constraints', () => {
  const cases: [string, string, Record<string, string> | undefined][] = [
    ['hello', 'hello', {}],
    ['hello', 'HELLO', {}],
    ['hello', 'hello/x', undefined],
    ['hello/{name?}', 'hello', {}],
    ['hello/{name?}', 'hello/ada', { name: 'ada' }],
    ['items/{id:int}', 'items/42', { id: '42' }],
    ['items/{id:int}', 'items/4x', undefined],
    ['items/{id:int:min(10)}', 'items/9', undefined],
    ['items/{id:int:min(10)}', 'items/10', { id: '10' }],
    ['n/{v:range(1,3)}', 'n/4', undefined],
    ['g/{id:guid}', 'g/3f2504e0-4f89-11d3-9a0c-0305e82c3301', { id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' }],
    ['b/{flag:bool}', 'b/True', { flag: 'True' }],
    ['s/{code:regex(^[a-z]{{2}}$)}', 's/ab', { code: 'ab' }],
    ['s/{code:regex(^[a-z]{{2}}$)}', 's/abc', undefined],
    ['a/{x:alpha}', 'a/abc', { x: 'abc' }],
    ['a/{x:alpha}', 'a/ab1', undefined],
    ['files/{*path}', 'files/a/b/c.txt', { path: 'a/b/c.txt' }],
    ['files/{*path}', 'files', {}],
    ['files/{*path}', 'other/a', undefined],
  ];
  for (const [template, path, expected] of cases) {
    assert.deepEqual(compileRouteTemplate(template).match(seg(path)), expected, `${template} against ${path}`);
  }
});

test('literal segments rank above parameters, catch-alls last', () => {
  const literal = compileRouteTemplate('items/special');
  const param = compileRouteTemplate('items/{id}');
  const constrained = compileRouteTemplate('items/{id:int}');
  const catchAll = compileRouteTemplate('items/{*rest}');
  assert.ok(literal.precedence > constrained.precedence);
  assert.ok(constrained.precedence > param.precedence);
  assert.ok(param.precedence > catchAll.precedence);
});

test('bad templates are refused with the template and the problem named', () => {
  assert.throws(() => compileRouteTemplate('a/{*rest}/b'), /ROUTE_TEMPLATE_INVALID: "a\/\{\*rest\}\/b": catch-all \{\*rest\} must be the last segment/);
  assert.throws(() => compileRouteTemplate('a/{x?}/b'), /optional parameter \{x\?\} must not be followed/);
  assert.throws(() => compileRouteTemplate('a/{x:wibble}'), /unknown constraint "wibble" on \{x\}/);
  assert.throws(() => compileRouteTemplate('a/{x'), /segment "\{x" is not a literal or a \{parameter\}/);
});
