/** One `-A` rule of an iptables-save dump. */
export interface IptablesRule {
  table: string;
  chain: string;
  /** The rule as written, after `-A <chain> `. */
  spec: string;
  /** Jump target (`-j`), if any. */
  target?: string;
  /** Text of `--comment`, if any. */
  comment?: string;
  /** 1-based line number in the dump. */
  line: number;
}

/** An iptables-save dump, parsed. */
export interface IptablesDump {
  /** Chains per table, with their policy (`-` for user chains). */
  chains: Map<string, Map<string, string>>;
  rules: IptablesRule[];
}

const TARGET = /(?:^|\s)-j\s+(\S+)/;
const COMMENT = /--comment\s+(?:"((?:[^"\\]|\\.){0,512})"|(\S{1,512}))/;

/** Parses `iptables-save` output. Unknown lines are ignored; nothing is executed. */
export function parseIptablesSave(text: string): IptablesDump {
  const chains = new Map<string, Map<string, string>>();
  const rules: IptablesRule[] = [];
  let table = '';
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('*')) {
      table = line.slice(1);
      if (!chains.has(table)) chains.set(table, new Map());
    } else if (line.startsWith(':') && table) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (name) chains.get(table)?.set(name, policy ?? '-');
    } else if (line.startsWith('-A ') && table) {
      const rest = line.slice(3);
      const space = rest.indexOf(' ');
      const chain = space === -1 ? rest : rest.slice(0, space);
      const spec = space === -1 ? '' : rest.slice(space + 1);
      const comment = COMMENT.exec(spec);
      rules.push({
        table,
        chain,
        spec,
        target: TARGET.exec(spec)?.[1],
        comment: comment ? (comment[1] ?? comment[2]) : undefined,
        line: index + 1,
      });
    }
  });
  return { chains, rules };
}

/** Destination ports a rule matches (`--dport 53`, `--dports 53,443`, `--dport 8000:8080` → its ends). */
export function destinationPorts(spec: string): number[] {
  const ports: number[] = [];
  const single = /--dport\s+(\d{1,5})(?::(\d{1,5}))?/g;
  const multi = /--dports\s+([\d,:]{1,256})/g;
  for (const match of spec.matchAll(single)) {
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    ports.push(from, to);
  }
  for (const match of spec.matchAll(multi)) {
    for (const part of (match[1] ?? '').split(',')) {
      const [from, to] = part.split(':').map(Number);
      if (from !== undefined && Number.isFinite(from)) ports.push(from, to ?? from);
    }
  }
  return ports;
}

/** True when the rule's destination port set includes `port` (ranges included). */
export function matchesPort(spec: string, port: number): boolean {
  const ports = destinationPorts(spec);
  for (let i = 0; i < ports.length; i += 2) {
    if ((ports[i] as number) <= port && port <= (ports[i + 1] as number)) return true;
  }
  return false;
}
