// Loads the extension's TextMate grammar with the engine VS Code uses (vscode-textmate
// on vscode-oniguruma) and tokenises text line by line, as the editor does.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = path.dirname(fileURLToPath(import.meta.url));
export const extensionDir = path.resolve(here, '..');
export const repositoryRoot = path.resolve(extensionDir, '../..');
const grammarPath = path.join(extensionDir, 'syntaxes/zhengce.tmLanguage.json');

let grammarPromise;

/** The grammar of `source.zhengce`, loaded once. */
export function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== 'source.zhengce') return null;
        return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
      },
    });
    return registry.loadGrammar('source.zhengce');
  })();
  return grammarPromise;
}

/**
 * Every line of `text` as tokens `{ text, start, end, scopes }`, the rule stack
 * carried from line to line.
 */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  let stack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  return lines.map((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
    return { number: index + 1, line, tokens, depth: stack.depth };
  });
}
