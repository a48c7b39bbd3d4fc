import { join } from 'node:path';
import { toMs } from '../../duration';
import type { ServiceManager } from '../../engine/service-manager';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../../errors';
import { disarmHelper } from '../../runtime/disarm-helper';
import { netemCommands, netemUnsupportedReason, runArgv } from '../../runtime/network-namespace';
import { signalGroup, terminateGroup } from '../../runtime/process-tree';
import { type HelperProcess, spawnHelper } from '../../runtime/spawn-helper';
import type { Fault } from '../../scenario/schema';
import type { ActiveFault, FaultObservation, FaultProvider } from '../fault-provider';
import { ConnectionFlood } from './connection-exhaustion';

/** What the local provider needs from the engine. */
export interface LocalProviderDeps {
  /** The run's services; absent in `recover`, where only journaled handles are reverted. */
  services?: ServiceManager;
  runId: string;
  runDir: string;
  heartbeat: string;
  staleMs: number;
  now: () => number;
}

/**
 * Faults really run on this machine: kill a supervised process, latency / errors / black hole
 * through the engine's TCP proxy, connection exhaustion with N concurrent MCP sessions, and tc
 * netem inside the service's network namespace (root only).
 */
export class LocalFaultProvider implements FaultProvider {
  readonly name = 'local' as const;
  private readonly floods = new Map<string, ConnectionFlood>();
  private readonly watchdogs = new Map<string, HelperProcess>();

  constructor(private readonly deps: LocalProviderDeps) {}

  unsupportedReason(fault: Fault): string | undefined {
    return fault.type === 'netem' ? netemUnsupportedReason() : undefined;
  }

  private services(): ServiceManager {
    if (!this.deps.services)
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultFailed,
        "local faults need the run's services",
      );
    return this.deps.services;
  }

  async inject(fault: Fault, id: string): Promise<ActiveFault> {
    const base = { id, provider: 'local' as const, type: fault.type, target: fault.target };
    const services = this.services();
    switch (fault.type) {
      case 'process-kill': {
        const pid = services.childPid(fault.target);
        if (!pid)
          throw new ScenarioEngineError(
            ScenarioEngineErrorCode.FaultFailed,
            `service ${fault.target} has no running process to kill`,
          );
        const injectedAt = this.deps.now();
        signalGroup(pid, fault.signal);
        return { ...base, injectedAt, recoveryFrom: 'injection', handle: { pid, signal: fault.signal } };
      }
      case 'latency':
      case 'errors':
      case 'blackhole': {
        const mode =
          fault.type === 'latency'
            ? {
                kind: 'latency' as const,
                latencyMs: fault.latency_ms,
                jitterMs: fault.jitter_ms,
                direction: fault.direction,
              }
            : fault.type === 'errors'
              ? { kind: 'errors' as const, rate: fault.rate, mode: fault.mode, seed: fault.seed }
              : { kind: 'blackhole' as const };
        const injectedAt = this.deps.now();
        const proxyPid = services.setProxyMode(fault.target, mode);
        return { ...base, injectedAt, recoveryFrom: 'revert', handle: { proxyPid, mode } };
      }
      case 'connection-exhaustion': {
        const service = services.service(fault.target);
        const port = service?.proxy_port ?? service?.port;
        const url = fault.url ?? `http://${service?.host ?? '127.0.0.1'}:${port}/mcp`;
        const flood = new ConnectionFlood({
          url,
          sessions: fault.sessions,
          intervalMs: toMs(fault.call_interval),
          operation: fault.operation,
          tool: fault.tool,
          arguments: fault.arguments,
        });
        const injectedAt = this.deps.now();
        this.floods.set(id, flood);
        void flood.start();
        return { ...base, injectedAt, recoveryFrom: 'revert', handle: { url, sessions: fault.sessions } };
      }
      case 'netem': {
        const reason = netemUnsupportedReason();
        if (reason) throw new ScenarioEngineError(ScenarioEngineErrorCode.FaultUnsupported, reason);
        const ns = services.namespace(fault.target);
        if (!ns)
          throw new ScenarioEngineError(
            ScenarioEngineErrorCode.FaultFailed,
            `service ${fault.target} has no network namespace`,
          );
        const commands = netemCommands(ns, {
          delayMs: fault.delay_ms,
          jitterMs: fault.jitter_ms,
          lossPercent: fault.loss_percent,
        });
        const watchdog = await spawnHelper(
          'watchdog',
          { heartbeat: this.deps.heartbeat, staleMs: this.deps.staleMs, revert: [commands.del] },
          join(this.deps.runDir, 'services', `${fault.target}.netem-watchdog.log`),
          this.deps.runId,
        );
        this.watchdogs.set(id, watchdog);
        const injectedAt = this.deps.now();
        try {
          runArgv(commands.add);
        } catch (error) {
          // nothing was added: the watchdog must not outlive the run, nor revert later
          await disarmHelper(watchdog);
          this.watchdogs.delete(id);
          const text = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
          if (/qdisc kind is unknown/i.test(text)) {
            throw new ScenarioEngineError(
              ScenarioEngineErrorCode.FaultUnsupported,
              'this kernel has no netem qdisc (module sch_netem); tc netem faults cannot run on this machine',
            );
          }
          throw new ScenarioEngineError(ScenarioEngineErrorCode.FaultFailed, `tc netem: ${text.trim()}`, {
            cause: error,
          });
        }
        return {
          ...base,
          injectedAt,
          recoveryFrom: 'revert',
          handle: { revert: commands.del, watchdogPid: watchdog.pid, add: commands.add },
        };
      }
      default:
        throw new ScenarioEngineError(
          ScenarioEngineErrorCode.FaultUnsupported,
          `the local provider does not run ${fault.type}`,
        );
    }
  }

  async observe(active: ActiveFault): Promise<FaultObservation> {
    const flood = this.floods.get(active.id);
    if (flood) {
      return {
        state: 'active',
        detail: {
          opened: flood.opened,
          failedToOpen: flood.failedToOpen,
          calls: flood.calls,
          callErrors: flood.callErrors,
        },
      };
    }
    if (active.type === 'process-kill') {
      const events =
        this.deps.services?.events.filter((e) => e.service === active.target && e.at >= active.injectedAt) ??
        [];
      return { state: events.some((e) => e.type === 'started') ? 'restarted' : 'down', detail: { events } };
    }
    return { state: 'active' };
  }

  async revert(active: ActiveFault): Promise<void> {
    switch (active.type) {
      case 'process-kill':
        return; // the kill is instantaneous; the supervisor (or the remedy) restarts the process
      case 'latency':
      case 'errors':
      case 'blackhole':
        if (this.deps.services) this.deps.services.setProxyMode(active.target, { kind: 'pass' });
        else if (typeof active.handle.proxyPid === 'number') await terminateGroup(active.handle.proxyPid);
        return;
      case 'connection-exhaustion': {
        const flood = this.floods.get(active.id);
        this.floods.delete(active.id);
        await flood?.stop();
        return;
      }
      case 'netem': {
        try {
          runArgv(active.handle.revert as string[]);
        } catch {
          // already gone (namespace deleted, or reverted by the watchdog)
        }
        const watchdog = this.watchdogs.get(active.id);
        this.watchdogs.delete(active.id);
        if (watchdog) await disarmHelper(watchdog);
        if (!watchdog && typeof active.handle.watchdogPid === 'number')
          await terminateGroup(active.handle.watchdogPid, 200);
        return;
      }
      default:
        return;
    }
  }
}
