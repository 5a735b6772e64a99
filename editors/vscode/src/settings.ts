// The settings read as the server's command line. No `vscode` import here, so
// that tests/settings.test.mjs runs these functions under plain Node.

import * as os from 'node:os';
import * as path from 'node:path';

/** `zhengce.lang`, with `auto` read as VS Code's display language. */
export function serverLanguage(setting: string | undefined, displayLanguage: string): 'zh' | 'en' {
  if (setting === 'zh' || setting === 'en') return setting;
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * `zhengce.path` as a program to run: a bare name is looked up on PATH; `~/…` is in
 * the home folder; another relative path is relative to the first workspace folder.
 */
export function serverProgram(setting: string | undefined, workspaceFolder: string | undefined): string {
  const program = (setting ?? '').trim() || 'zhengce';
  if (program === '~' || program.startsWith('~/') || program.startsWith('~\\')) {
    return path.join(os.homedir(), program.slice(1));
  }
  const bare = !program.includes('/') && !program.includes('\\');
  if (bare || path.isAbsolute(program) || workspaceFolder === undefined) return program;
  return path.resolve(workspaceFolder, program);
}
