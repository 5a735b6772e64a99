// The zhengce extension: starts `zhengce lsp` over stdio as the language server of
// policy files (.policy) and of case files (YAML in a policy repository, one with a
// zhengce.toml), and restarts it when its settings change.
//
// The server starts when the first such document is open, not when VS Code starts:
// the extension also activates on YAML files, and most YAML files are no case files.

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DocumentFilter,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { serverLanguage, serverProgram } from './settings';

/** `zhengce.caseFiles`: which YAML files the server is given. */
type CaseFiles = 'repository' | 'all' | 'off';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let starting: Promise<void> | undefined;
/** The server did not start: no more tries until a setting changes or a restart. */
let gaveUp = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('zhengce');
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('zhengce.restartServer', () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['zhengce.path', 'zhengce.lang', 'zhengce.caseFiles'].some((s) => e.affectsConfiguration(s))) {
        void restart();
      }
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (client === undefined) void startIfWanted([doc]);
    }),
  );

  // A zhengce.toml made or removed changes which YAML files are case files.
  const tomls = vscode.workspace.createFileSystemWatcher('**/zhengce.toml', false, true, false);
  const repositoriesChanged = () => {
    if (client !== undefined && caseFiles() === 'repository') void restart();
  };
  context.subscriptions.push(tomls, tomls.onDidCreate(repositoriesChanged), tomls.onDidDelete(repositoriesChanged));

  await startIfWanted(vscode.workspace.textDocuments);
}

export async function deactivate(): Promise<void> {
  await stop();
}

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('zhengce');
}

function caseFiles(): CaseFiles {
  return settings().get<CaseFiles>('caseFiles', 'repository');
}

/** The documents the server is given: policies, and case files as `zhengce.caseFiles` says. */
function documentSelector(mode: CaseFiles, repos: vscode.Uri[]): DocumentFilter[] {
  const selector: DocumentFilter[] = [
    { scheme: 'file', language: 'zhengce' },
    { scheme: 'untitled', language: 'zhengce' },
  ];
  if (mode === 'all') {
    selector.push({ scheme: 'file', language: 'yaml' });
  } else if (mode === 'repository') {
    for (const repo of repos) {
      // VS Code matches a RelativePattern against the document's path, on every
      // platform; the client hands the filter to VS Code as it is.
      const pattern = new vscode.RelativePattern(repo, '**/*.{yaml,yml}');
      selector.push({ scheme: 'file', language: 'yaml', pattern: pattern as unknown as string });
    }
  }
  return selector;
}

async function findRepositories(): Promise<vscode.Uri[]> {
  const tomls = await vscode.workspace.findFiles('**/zhengce.toml', '**/{node_modules,target,.git}/**');
  return tomls.map((uri) => vscode.Uri.joinPath(uri, '..'));
}

function isCaseFile(doc: vscode.TextDocument, mode: CaseFiles, repos: vscode.Uri[]): boolean {
  if (doc.languageId !== 'yaml' || doc.uri.scheme !== 'file') return false;
  if (mode === 'all') return true;
  if (mode === 'off') return false;
  const file = doc.uri.fsPath;
  return repos.some((repo) => {
    const relative = path.relative(repo.fsPath, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

/** Starts the server when one of `docs` is a policy or a case file. */
async function startIfWanted(docs: readonly vscode.TextDocument[]): Promise<void> {
  if (client !== undefined || starting !== undefined || gaveUp) return;
  const mode = caseFiles();
  const policies = docs.some((d) => d.languageId === 'zhengce');
  const yaml = mode !== 'off' && docs.some((d) => d.languageId === 'yaml' && d.uri.scheme === 'file');
  if (!policies && !yaml) return;
  const repos = mode === 'repository' ? await findRepositories() : [];
  if (!policies && !docs.some((d) => isCaseFile(d, mode, repos))) return;
  await start(repos);
}

async function start(repos: vscode.Uri[]): Promise<void> {
  if (client !== undefined) return;
  if (starting !== undefined) return starting;
  starting = (async () => {
    const config = settings();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const command = serverProgram(config.get<string>('path'), folder);
    const lang = serverLanguage(config.get<string>('lang'), vscode.env.language);
    const run = { command, args: ['lsp', '--lang', lang], transport: TransportKind.stdio, options: { cwd: folder } };
    const serverOptions: ServerOptions = { run, debug: run };
    const mode = caseFiles();
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(mode, repos),
      outputChannel: output,
      synchronize: {
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/*.policy'),
          vscode.workspace.createFileSystemWatcher('**/zhengce.toml'),
          vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
        ],
      },
    };
    output.appendLine(`zhengce: starting ${command} lsp --lang ${lang}` +
      (mode === 'repository' ? ` (case files under ${repos.length} zhengce.toml folder(s))` : ` (case files: ${mode})`));
    const next = new LanguageClient('zhengce', 'zhengce', serverOptions, clientOptions);
    try {
      await next.start();
      client = next;
    } catch (e) {
      await next.dispose().catch(() => undefined);
      gaveUp = true;
      void explainStartFailure(command, e);
    }
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

async function explainStartFailure(command: string, e: unknown): Promise<void> {
  const reason = e instanceof Error ? e.message : String(e);
  output.appendLine(`zhengce: the language server did not start: ${reason}`);
  const chinese = serverLanguage(settings().get<string>('lang'), vscode.env.language) === 'zh';
  const message = chinese
    ? `无法启动 zhengce 语言服务器（${command} lsp）：${reason}。请安装 zhengce，或在设置 zhengce.path 中填写其路径。`
    : `The zhengce language server (${command} lsp) did not start: ${reason}. Install zhengce, or set zhengce.path to where it is.`;
  const open = chinese ? '打开设置' : 'Open Settings';
  if ((await vscode.window.showErrorMessage(message, open)) === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'zhengce.path');
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) await running.stop().catch(() => undefined);
}

async function restart(): Promise<void> {
  await stop();
  gaveUp = false;
  await startIfWanted(vscode.workspace.textDocuments);
  if (client === undefined) output.appendLine('zhengce: no policy or case file is open; the server starts with the first');
}
