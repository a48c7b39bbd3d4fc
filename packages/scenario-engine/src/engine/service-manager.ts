import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toMs } from '../duration';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import type { Journal } from '../fsm/journal';
import type { HelperMessage, ProxyMode } from '../helper/ipc';
import { disarmHelper } from '../runtime/disarm-helper';
import {
  createNamespace,
  deleteNamespace,
  deleteNamespaceCommands,
  type NetworkNamespace,
  namespaceFor,
  netemUnsupportedReason,
} from '../runtime/network-namespace';
import { terminateGroup } from '../runtime/process-tree';
import { type HelperProcess, spawnHelper, waitForPort } from '../runtime/spawn-helper';
import type { Service } from '../scenario/schema';

/** What happened to a supervised service process. */
export interface ServiceEvent {
  service: string;
  type: 'started' | 'exited';
  pid: number;
  at: number;
  code?: number | null;
  signal?: string | null;
}

/** Options of {@link ServiceManager}. */
export interface ServiceManagerOptions {
  runId: string;
  runDir: string;
  /** Default working directory of services (the scenario's folder). */
  cwd: string;
  journal: Journal;
  heartbeat: string;
  staleMs: number;
  now: () => number;
}

interface Running {
  service: Service;
  supervisor: HelperProcess;
  proxy?: HelperProcess;
  childPid?: number;
  namespace?: NetworkNamespace;
  watchdog?: HelperProcess;
}

/**
 * Starts the scenario's services under supervisor helpers (restart on exit, as a process manager
 * would), puts a fault proxy in front of those with a proxy_port, creates network namespaces, and
 * journals every process so that `recover` can find them after a crash.
 */
export class ServiceManager {
  readonly events: ServiceEvent[] = [];
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ServiceManagerOptions) {}

  /** Starts every service and waits until its port (and proxy port) accepts connections. */
  async startAll(services: readonly Service[]): Promise<void> {
    for (const service of services) await this.start(service);
  }

  private async start(service: Service): Promise<void> {
    const { runId, runDir, journal } = this.options;
    const logDir = join(runDir, 'services');
    mkdirSync(logDir, { recursive: true });
    let command = service.command;
    let namespace: NetworkNamespace | undefined;
    let watchdog: HelperProcess | undefined;
    if (service.network_namespace) {
      const reason = netemUnsupportedReason();
      if (reason)
        throw new ScenarioEngineError(
          ScenarioEngineErrorCode.FaultUnsupported,
          `service ${service.name}: ${reason}`,
        );
      namespace = namespaceFor(runId, service.name, service.network_namespace.subnet);
      journal.append('namespace-created', {
        service: service.name,
        namespace: namespace.name,
        hostIf: namespace.hostIf,
      });
      createNamespace(namespace);
      watchdog = await spawnHelper(
        'watchdog',
        {
          heartbeat: this.options.heartbeat,
          staleMs: this.options.staleMs,
          revert: deleteNamespaceCommands(namespace),
        },
        join(logDir, `${service.name}.watchdog.log`),
        runId,
      );
      journal.append('helper-started', { role: 'watchdog', name: service.name, pid: watchdog.pid });
      command = ['ip', 'netns', 'exec', namespace.name, ...command];
    }
    const supervisor = await spawnHelper(
      'supervise',
      {
        name: service.name,
        command,
        cwd: resolve(this.options.cwd, service.cwd ?? '.'),
        env: { ...(service.env ?? {}), FAULTLINE_RUN_ID: runId },
        logFile: join(logDir, `${service.name}.log`),
        restart: {
          policy: service.restart.policy,
          delayMs: toMs(service.restart.delay),
          maxRestarts: service.restart.max_restarts,
        },
        restartRequestFile: join(logDir, `${service.name}.restart-request`),
        heartbeat: this.options.heartbeat,
        staleMs: this.options.staleMs,
      },
      join(logDir, `${service.name}.supervisor.log`),
      runId,
    );
    journal.append('helper-started', { role: 'supervisor', name: service.name, pid: supervisor.pid });
    const entry: Running = { service, supervisor, namespace, watchdog };
    this.running.set(service.name, entry);
    supervisor.child.on('message', (m: HelperMessage) => {
      if (m.type === 'child-started') {
        entry.childPid = m.pid;
        this.events.push({ service: service.name, type: 'started', pid: m.pid, at: m.at });
        journal.append('service-started', { name: service.name, pid: m.pid, restarts: m.restarts });
      } else if (m.type === 'child-exited') {
        if (entry.childPid === m.pid) entry.childPid = undefined;
        this.events.push({
          service: service.name,
          type: 'exited',
          pid: m.pid,
          at: m.at,
          code: m.code,
          signal: m.signal,
        });
        journal.append('service-exited', { name: service.name, pid: m.pid, code: m.code, signal: m.signal });
      }
    });
    await supervisor.waitFor((m) => m.type === 'child-started', 10_000);
    const readyMs = toMs(service.ready_timeout);
    const host = namespace ? namespace.nsAddress : service.host;
    if (service.port !== undefined && !(await waitForPort(host, service.port, readyMs))) {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.ProcessFailed,
        `service ${service.name} did not listen on ${host}:${service.port} within ${readyMs} ms (see ${join(logDir, `${service.name}.log`)})`,
      );
    }
    if (service.proxy_port !== undefined && service.port !== undefined) {
      const proxy = await spawnHelper(
        'proxy',
        {
          listenHost: '127.0.0.1',
          listenPort: service.proxy_port,
          upstreamHost: host,
          upstreamPort: service.port,
          heartbeat: this.options.heartbeat,
          staleMs: this.options.staleMs,
        },
        join(logDir, `${service.name}.proxy.log`),
        runId,
      );
      journal.append('helper-started', { role: 'proxy', name: service.name, pid: proxy.pid });
      await proxy.waitFor((m) => m.type === 'ready', 10_000);
      entry.proxy = proxy;
    }
  }

  /** The current pid of a service's process, if it is running. */
  childPid(name: string): number | undefined {
    return this.running.get(name)?.childPid;
  }

  /** The service definition. */
  service(name: string): Service | undefined {
    return this.running.get(name)?.service;
  }

  /** The network namespace of a service, if it has one. */
  namespace(name: string): NetworkNamespace | undefined {
    return this.running.get(name)?.namespace;
  }

  /** Switches the mode of a service's fault proxy. */
  setProxyMode(name: string, mode: ProxyMode): number {
    const proxy = this.running.get(name)?.proxy;
    if (!proxy)
      throw new ScenarioEngineError(ScenarioEngineErrorCode.FaultFailed, `service ${name} has no proxy`);
    proxy.send({ type: 'mode', mode });
    return proxy.pid;
  }

  /** Stops every proxy, supervisor (and its service) and namespace, newest first. */
  async stopAll(): Promise<void> {
    for (const [name, entry] of [...this.running].reverse()) {
      for (const helper of [entry.proxy, entry.supervisor]) {
        if (!helper) continue;
        helper.send({ type: 'shutdown' });
        const exited = await Promise.race([
          new Promise<boolean>((r) =>
            helper.child.exitCode !== null ? r(true) : helper.child.once('exit', () => r(true)),
          ),
          new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
        ]);
        if (!exited) await terminateGroup(helper.pid);
        this.options.journal.append('helper-stopped', { name, pid: helper.pid });
      }
      if (entry.childPid) await terminateGroup(entry.childPid, 500);
      if (entry.namespace) {
        deleteNamespace(entry.namespace);
        this.options.journal.append('namespace-deleted', { namespace: entry.namespace.name });
      }
      if (entry.watchdog) {
        await disarmHelper(entry.watchdog);
        this.options.journal.append('helper-stopped', { name, pid: entry.watchdog.pid });
      }
      this.running.delete(name);
    }
  }
}
