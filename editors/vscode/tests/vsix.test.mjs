// The packaged extension (test.sh builds it and names it in ZHENGCE_VSIX): a .vsix is
// a zip; it must hold the manifest, the compiled client, the language configuration,
// the language client library, and the grammar as it is in this folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { extensionDir } from './tokenize.mjs';

/** The files of a zip archive: name → contents, read from its central directory. */
function unzip(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is no zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name, () => (method === 8 ? zlib.inflateRawSync(raw) : raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const vsix = process.env.ZHENGCE_VSIX;

test('the .vsix holds the extension and its grammar', { skip: vsix ? false : 'ZHENGCE_VSIX is not set: test.sh packages the extension and sets it' }, () => {
  assert.ok(fs.existsSync(vsix), `${vsix} was not made`);
  const files = unzip(vsix);
  for (const name of ['extension.vsixmanifest', 'extension/package.json', 'extension/out/extension.js', 'extension/out/settings.js',
    'extension/language-configuration.json', 'extension/syntaxes/zhengce.tmLanguage.json',
    'extension/node_modules/vscode-languageclient/package.json']) {
    assert.ok(files.has(name), `${name} is not in ${vsix}`);
  }
  const grammar = files.get('extension/syntaxes/zhengce.tmLanguage.json')().toString('utf8');
  assert.equal(grammar, fs.readFileSync(path.join(extensionDir, 'syntaxes/zhengce.tmLanguage.json'), 'utf8'));
  const manifest = JSON.parse(files.get('extension/package.json')().toString('utf8'));
  assert.equal(manifest.contributes.grammars[0].scopeName, 'source.zhengce');
  assert.deepEqual(manifest.contributes.languages[0].extensions, ['.policy']);
  // Sources and tests stay out.
  const stray = [...files.keys()].filter((n) => /^extension\/(src|tests)\/|\.vsix$|node_modules\/(typescript|@vscode\/vsce)\//.test(n));
  assert.deepEqual(stray, []);
});
