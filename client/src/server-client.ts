// Owns the language client: starts dist/server.js, routes its log and trace to
// the "dane-zone" Output channel, and restarts it on request.
// Knows nothing about zones: every zone fact comes from the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { sampleFolder } from './commands/open-sample';

export class ServerClient implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  /** the start in progress, so that a caller during it waits for it instead of starting another */
  private starting: Promise<LanguageClient> | undefined;
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  /** fires after every (re)start, once the server answered `initialize` */
  readonly onStarted = this.started.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('dane-zone', { log: true });
  }

  get current(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  start(): Promise<LanguageClient> {
    const starting = this.startClient().finally(() => { if (this.starting === starting) this.starting = undefined; });
    this.starting = starting;
    return starting;
  }

  private async startClient(): Promise<LanguageClient> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'dns-zone' },
        { scheme: 'untitled', language: 'dns-zone' },
      ],
      synchronize: { configurationSection: 'daneZone' },
      // the server may read the sample's certificate files there, outside any workspace
      initializationOptions: { sampleFolder: sampleFolder(this.context)?.fsPath },
      // one channel for the server's log and the protocol trace (daneZone.trace.server)
      outputChannel: this.output,
      traceOutputChannel: this.output,
    };
    const client = new LanguageClient('daneZone', 'dane-zone', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.started.fire(client);
    return client;
  }

  /** The running client: the one starting, or a new one if a restart left it stopped. */
  async ready(): Promise<LanguageClient> {
    return this.current ?? this.starting ?? this.start();
  }

  async restart(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.output.appendLine(`[client] restarting the language server (${new Date().toISOString()})`);
    if (old) {
      try { await old.stop(2000); } catch (e) { this.output.appendLine(`[client] stop failed: ${String(e)}`); }
      await old.dispose();
    }
    await this.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  dispose(): void {
    void this.client?.dispose();
    this.started.dispose();
    this.output.dispose();
  }
}
