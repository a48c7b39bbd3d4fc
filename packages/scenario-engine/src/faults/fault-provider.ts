import type { Fault } from '../scenario/schema';

/** A fault that was injected, as journaled: enough to revert it from the journal after a crash. */
export interface ActiveFault {
  /** Stable within the run: `<index>-<type>-<target>`. */
  id: string;
  provider: 'local' | 'aws-fis' | 'chaos-mesh';
  type: Fault['type'];
  target: string;
  injectedAt: number;
  /**
   * What recovery time is measured from: the injection for faults the system must heal from itself
   * (a killed process its supervisor restarts), the revert for faults the engine removes.
   */
  recoveryFrom: 'injection' | 'revert';
  /** Provider data needed to revert (pids, experiment id, resource URL…); JSON only. */
  handle: Record<string, unknown>;
}

/** Callbacks of {@link FaultProvider.inject}. */
export interface InjectHooks {
  /**
   * Called with what is known so far (e.g. the template id, then the experiment id) before the
   * injection completes; the engine journals it, so `recover` can revert a fault whose run died
   * while it was being injected.
   */
  onHandle?(handle: Record<string, unknown>): void;
}

/** What a provider reports about an active fault while it runs. */
export interface FaultObservation {
  /** e.g. `active`, `running`, `completed`, `failed`. */
  state: string;
  detail?: Record<string, unknown>;
}

/** Where faults come from: the local machine, AWS FIS or Chaos Mesh. One interface for all. */
export interface FaultProvider {
  readonly name: ActiveFault['provider'];
  /** Why this fault cannot run here (e.g. netem without root), or undefined. */
  unsupportedReason?(fault: Fault): string | undefined;
  /**
   * Injects the fault. The kill switch has been checked and the target locked by the engine.
   * Providers whose injection takes several remote calls report each handle as it appears.
   */
  inject(fault: Fault, id: string, hooks?: InjectHooks): Promise<ActiveFault>;
  /** Reports the fault's current state. */
  observe(active: ActiveFault): Promise<FaultObservation>;
  /** Reverts the fault; safe to call twice, and from a journaled handle after a crash. */
  revert(active: ActiveFault): Promise<void>;
}

/** The provider name of a fault type. */
export function providerOf(fault: Fault): ActiveFault['provider'] {
  if (fault.type === 'aws-fis') return 'aws-fis';
  if (fault.type === 'chaos-mesh') return 'chaos-mesh';
  return 'local';
}
