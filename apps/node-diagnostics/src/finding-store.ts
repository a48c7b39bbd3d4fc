import type { NodeFinding } from '@faultline/eks-node-diagnostics';

/** Findings remembered by id for get_finding, oldest dropped first past `capacity`. */
export class FindingStore {
  private readonly byId = new Map<string, NodeFinding>();

  constructor(private readonly capacity = 5000) {}

  /** Remembers findings (a finding seen again moves to the newest place). */
  add(findings: readonly NodeFinding[]): void {
    for (const finding of findings) {
      this.byId.delete(finding.id);
      this.byId.set(finding.id, finding);
      if (this.byId.size > this.capacity) {
        const oldest = this.byId.keys().next().value;
        if (oldest !== undefined) this.byId.delete(oldest);
      }
    }
  }

  get(id: string): NodeFinding | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }
}
