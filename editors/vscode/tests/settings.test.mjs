// How the settings become the server's command line (out/settings.js, compiled by
// test.sh before this runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { extensionDir } from './tokenize.mjs';

const { serverLanguage, serverProgram } = createRequire(import.meta.url)(path.join(extensionDir, 'out/settings.js'));

test('zhengce.lang: zh or en as set; auto follows the display language', () => {
  assert.equal(serverLanguage('zh', 'en'), 'zh');
  assert.equal(serverLanguage('en', 'zh-cn'), 'en');
  for (const display of ['zh-cn', 'zh-tw', 'ZH-CN', 'zh']) assert.equal(serverLanguage('auto', display), 'zh');
  for (const display of ['en', 'en-us', 'ja', 'de']) assert.equal(serverLanguage('auto', display), 'en');
  assert.equal(serverLanguage(undefined, 'zh-cn'), 'zh');
});

test('zhengce.path: a bare name is looked up on PATH; ~ is home; a relative path is the workspace folder\'s', () => {
  const ws = path.resolve('/work/repo');
  assert.equal(serverProgram(undefined, ws), 'zhengce');
  assert.equal(serverProgram('  ', ws), 'zhengce');
  assert.equal(serverProgram('zhengce-dev', ws), 'zhengce-dev');
  assert.equal(serverProgram('~/bin/zhengce', ws), path.join(os.homedir(), 'bin/zhengce'));
  assert.equal(serverProgram('target/debug/zhengce', ws), path.join(ws, 'target/debug/zhengce'));
  assert.equal(serverProgram('target/debug/zhengce', undefined), 'target/debug/zhengce');
  assert.equal(serverProgram('/usr/local/bin/zhengce', ws), '/usr/local/bin/zhengce');
});
