// The grammar against the language itself: every keyword of src/syntax/keywords.rs,
// in both sets, gets its scope, and every shipped policy file (policies/, examples/)
// tokenises line by line with no error and no string left open, each keyword in it
// scoped as one and no part of a name scoped as a keyword.
//
// The keywords in the policy files are found here by a small lexer of its own (words
// outside comments and strings, less those the pest grammar reads as field names), not
// by the grammar under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tokenize, repositoryRoot } from './tokenize.mjs';

// ───────────────────────── The keywords and their scopes ─────────────────────────

/** Each keyword's scope, by its (first) English word. */
const SCOPES = {
  'keyword.control': ['when', 'if', 'then', 'else', 'match'],
  'storage.type': ['policy', 'define', 'param', 'table', 'enum', 'case', 'decision', 'list'],
  'storage.type.rule': ['category', 'exit', 'tier', 'deadline', 'obligation', 'entitlement', 'referral', 'limit', 'check'],
  'storage.modifier': ['replace', 'repeal', 'field'],
  'keyword.operator.word': ['and', 'or', 'not', 'is', 'in', 'where', 'div'],
  'keyword.other.unit': ['years', 'months', 'working_days', 'days'],
  'support.function': ['count', 'any', 'all', 'sum', 'min', 'max', 'latest', 'earliest', 'longest_run',
    'months_covered', 'filter', 'sorted', 'holds'],
  'constant.language': ['true', 'false', 'absent', 'present', 'unspecified', 'error', 'warning', 'info'],
  'keyword.other.header': ['title', 'issuer', 'document', 'issued', 'effective', 'valid_for', 'uses', 'calendar',
    'source_text', 'amends', 'until'],
  'keyword.other': ['note', 'of', 'from', 'by', 'cites', 'severity', 'message', 'yields', 'order'],
};
const scopeOf = new Map(Object.entries(SCOPES).flatMap(([scope, words]) => words.map((w) => [w, `${scope}.zhengce`])));
const KEYWORD_SCOPES = new Set([...scopeOf.values()]);

/** The keywords of src/syntax/keywords.rs: `{ english: [...], chinese }`. */
function readKeywords() {
  const source = fs.readFileSync(path.join(repositoryRoot, 'src/syntax/keywords.rs'), 'utf8');
  const table = source.slice(source.indexOf('keywords! {'));
  const keywords = [];
  for (const m of table.matchAll(/^\s*"([^"]+)"\s*=\s*((?:"[^"]+"\s*\|?\s*)+);/gm)) {
    keywords.push({ chinese: m[1], english: [...m[2].matchAll(/"([^"]+)"/g)].map((w) => w[1]) });
  }
  return keywords;
}
const KEYWORDS = readKeywords();
const UNITS = new Set(KEYWORDS.filter((k) => scopeOf.get(k.english[0]) === 'keyword.other.unit.zhengce')
  .flatMap((k) => [...k.english, k.chinese]));
const TYPES = new Set(['bool', 'int', 'text', 'date', 'month', 'resident_id', 'years', 'months', 'days', 'working_days']);
const SEVERITIES = new Set(['error', 'warning', 'info', '错误', '警告', '信息']);

/** Every keyword word with its scope: both sets, and `en` (no Chinese twin). */
const WORDS = new Map([['en', 'keyword.other.zhengce']]);
for (const k of KEYWORDS) {
  for (const w of [...k.english, k.chinese]) WORDS.set(w, scopeOf.get(k.english[0]));
}

/** The token of `line` that starts at `start`. */
function tokenAt(line, start) {
  return line.tokens.find((t) => t.start <= start && start < t.end);
}

test('keywords.rs is read, and every keyword in it has a scope here', () => {
  assert.ok(KEYWORDS.length >= 70, `only ${KEYWORDS.length} keywords read from keywords.rs`);
  const unknown = KEYWORDS.filter((k) => !scopeOf.has(k.english[0])).map((k) => k.english[0]);
  assert.deepEqual(unknown, [], 'keywords.rs has keywords this test gives no scope: add them to SCOPES and to the grammar');
});

test('the words of the pest grammar are the keywords read from keywords.rs', () => {
  // The KEYWORDS section of grammar/policy.pest, comments left out, and `field`.
  const pest = fs.readFileSync(path.join(repositoryRoot, 'grammar/policy.pest'), 'utf8');
  const section = pest.slice(pest.indexOf('─ KEYWORDS ─'), pest.indexOf('─ LEXICAL ─')).replace(/\/\/.*$/gm, '');
  const words = new Set([...section.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  words.add('field').add('字段');
  assert.deepEqual([...words].filter((w) => !WORDS.has(w)), [], 'in the pest grammar, not in keywords.rs');
  assert.deepEqual([...WORDS.keys()].filter((w) => !words.has(w)), [], 'in keywords.rs, not in the pest grammar');
});

test('every keyword, English and Chinese, gets its scope', async () => {
  const failures = [];
  for (const [word, scope] of WORDS) {
    // Where each word is a keyword: `field` only after `repeal`, a severity only after
    // `severity`, `en` before a label; a unit after its number, Chinese ones also
    // with no space (6个月).
    const contexts = word === 'field' || word === '字段' ? [`repeal ${word} person.x`, `废止 ${word} person.x`]
      : SEVERITIES.has(word) ? [`severity ${word}`, `级别 ${word}`]
      : word === 'en' ? ['x "标签" en "label"']
      : UNITS.has(word) ? [`6 ${word}`, ...(/^\p{ASCII}/u.test(word) ? [] : [`6${word}`])]
      : [word, `  ${word} x`];
    for (const text of contexts) {
      const [line] = await tokenize(text);
      const at = text.lastIndexOf(word) === text.indexOf(word) ? text.indexOf(word) : text.lastIndexOf(word);
      const token = tokenAt(line, at);
      if (!token || token.text !== word || !token.scopes.includes(scope)) {
        failures.push(`${JSON.stringify(text)}: ${word} is ${token ? `${JSON.stringify(token.text)} ${token.scopes.join(' ')}` : 'no token'}, not ${scope}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a keyword inside a name is no keyword', async () => {
  // Each keyword with a name character before or after it is part of a name: 当前,
  // x当, 前当后, 当_1 (as 当前状态 is a name, and in_working_age).
  const failures = [];
  for (const word of WORDS.keys()) {
    for (const name of [`${word}前`, `x${word}`, `前${word}后`, `${word}_1`]) {
      const text = `define ${name} "x" = ${name} and 当前状态`;
      const [line] = await tokenize(text);
      const names = line.tokens.filter((t) => t.text === name || t.text === '当前状态');
      if (names.length !== 3) failures.push(`${text}: ${name} is cut (${line.tokens.map((t) => t.text).join('|')})`);
      for (const t of names) {
        if (t.scopes.some((s) => KEYWORD_SCOPES.has(s))) failures.push(`${text}: ${t.text} is ${t.scopes.join(' ')}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

// ───────────────────────── The shipped policy files ─────────────────────────

function policyFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...policyFiles(full));
    else if (entry.name.endsWith('.policy')) found.push(full);
  }
  return found;
}
const FILES = ['policies', 'examples'].flatMap((d) => policyFiles(path.join(repositoryRoot, d))).sort();

/**
 * The keywords of one line, as the pest grammar reads them: words outside comments
 * and strings, less field names (after `.`; before `:` or a label and `:` or `{`;
 * the paths of `order` and `repeal field`), `field` but after `repeal`, a severity
 * but after `severity`, and `en` but before a string.
 */
function keywordsOf(text) {
  const words = [];
  const code = [];
  // Code between strings and comments, as spans.
  let i = 0;
  let from = 0;
  while (i < text.length) {
    if (text.startsWith('//', i)) break;
    if (text[i] === '"') {
      code.push([from, i]);
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      from = i;
      continue;
    }
    i++;
  }
  code.push([from, Math.min(i, text.length)]);
  for (const [start, end] of code) {
    for (const m of text.slice(start, end).matchAll(/[\p{XID_Start}_]\p{XID_Continue}*|\p{Nd}+/gu)) {
      words.push({ word: m[0], start: start + m.index, end: start + m.index + m[0].length });
    }
  }
  const found = [];
  let inPath = false;
  for (const [n, w] of words.entries()) {
    const before = text.slice(0, w.start);
    const after = text.slice(w.end);
    const previous = words[n - 1]?.word;
    const keyword = WORDS.has(w.word);
    if (keyword && (w.word === 'order' || w.word === '顺序') && !/\.\s*$/.test(before)) {
      found.push(w);
      inPath = true;
      continue;
    }
    if (inPath) continue; // `order a <= b`: field names to the end of the line
    if (!keyword) continue;
    if (/\.\s*$/.test(before)) continue;
    // A type (`from: month`, `used: months`) is a name, as `bool` is.
    if (TYPES.has(w.word) && /(?<!:):\s*$/.test(before)) continue;
    if (w.word === 'en') {
      if (/^\s*"/.test(after)) found.push(w);
      continue;
    }
    if (/^\s*(?:"(?:[^"\\]|\\.)*"\s*(?:en\s*"(?:[^"\\]|\\.)*"\s*)?)?:(?!:)/.test(after)) continue;
    if (/^\s*"(?:[^"\\]|\\.)*"\s*(?:en\s*"(?:[^"\\]|\\.)*"\s*)?\{/.test(after) && !['policy', '政策'].includes(w.word)) continue;
    if ((w.word === 'field' || w.word === '字段') && !['repeal', '废止'].includes(previous)) continue;
    if (['field', '字段'].includes(previous) && ['repeal', '废止'].includes(words[n - 2]?.word)) continue;
    if (SEVERITIES.has(w.word) && !['severity', '级别'].includes(previous)) continue;
    found.push(w);
  }
  return found;
}

test('the shipped policy files are found, in both keyword sets', () => {
  const names = FILES.map((f) => path.relative(repositoryRoot, f));
  assert.ok(names.length >= 5, `only ${names.join(', ')}`);
  assert.ok(names.includes('policies/hunan/2025-employment-assistance.policy'));
  assert.ok(names.includes('policies/hunan/2025-employment-assistance.zh.policy'));
});

for (const file of FILES) {
  const name = path.relative(repositoryRoot, file);
  test(`${name}: every line tokenises, keywords as keywords, names as names`, async () => {
    const lines = await tokenize(fs.readFileSync(file, 'utf8'));
    const failures = [];
    let keywordsSeen = 0;
    for (const line of lines) {
      const where = `${name}:${line.number}`;
      // No error scope: no unterminated string, bad escape, stray full-width sign, …
      for (const t of line.tokens) {
        const bad = t.scopes.find((s) => s.startsWith('invalid'));
        if (bad) failures.push(`${where}: ${JSON.stringify(t.text)} is ${bad}`);
      }
      // No line ends inside a string: the last string token of a line closes it.
      const last = line.tokens.filter((t) => t.text !== '').at(-1);
      if (last && last.scopes.some((s) => s.startsWith('string')) && !last.scopes.some((s) => s.startsWith('punctuation.definition.string.end'))) {
        failures.push(`${where}: the line ends inside a string`);
      }
      // Each keyword is one token with its scope.
      const keywords = keywordsOf(line.line);
      keywordsSeen += keywords.length;
      for (const k of keywords) {
        const token = tokenAt(line, k.start);
        const scope = WORDS.get(k.word);
        if (!token || token.start !== k.start || token.end !== k.end || !token.scopes.includes(scope)) {
          failures.push(`${where}: ${k.word} is ${token ? `${JSON.stringify(token.text)} ${token.scopes.slice(1).join(' ')}` : 'no token'}, not ${scope}`);
        }
      }
      // And nothing else has a keyword's scope.
      const starts = new Set(keywords.map((k) => k.start));
      for (const t of line.tokens) {
        if (t.scopes.some((s) => KEYWORD_SCOPES.has(s)) && !starts.has(t.start)) {
          failures.push(`${where}: ${JSON.stringify(t.text)} is ${t.scopes.slice(1).join(' ')}, but no keyword`);
        }
      }
    }
    // Every block the grammar opened (an enum's body, a citation) is closed.
    if (lines.at(-1).depth !== 1) failures.push(`${name}: the file ends inside a block (rule stack depth ${lines.at(-1).depth})`);
    assert.ok(keywordsSeen > 20, `${name}: only ${keywordsSeen} keywords found`);
    assert.deepEqual(failures, []);
  });
}
