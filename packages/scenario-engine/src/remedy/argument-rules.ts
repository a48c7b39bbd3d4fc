import { basename } from 'node:path';

/**
 * Options of allowed programs that turn them into something else: a way to run any program
 * (`find -exec`, `git -c core.sshCommand=…`), to act as another identity (`kubectl --kubeconfig
 * /etc/kubernetes/admin.conf`, `--token`, `--as`), or to delete recursively however the flags are
 * written (`rm -r -f`, `rm -Rf`, `rm --recursive`, which the `rm -rf` deny pattern misses).
 * Refused whatever the allow-list says, for every command (the scenario's own and the assistant's).
 */
const RULES: ReadonlyArray<{ programs: readonly string[]; refuse: (arg: string) => string | undefined }> = [
  {
    programs: ['find'],
    refuse: (arg) =>
      ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls'].includes(
        arg,
      )
        ? `find ${arg} runs commands or writes files`
        : undefined,
  },
  {
    programs: ['kubectl', 'helm', 'oc'],
    refuse: (arg) => {
      const option =
        /^--(kubeconfig|token|as|as-group|as-uid|username|password|client-key|client-certificate|certificate-authority|insecure-skip-tls-verify)(=|$)/.exec(
          arg,
        );
      return option ? `--${option[1]} changes whose credentials the command uses` : undefined;
    },
  },
  {
    programs: ['aws'],
    refuse: (arg) => {
      const option = /^--(profile|endpoint-url|no-verify-ssl|ca-bundle)(=|$)/.exec(arg);
      return option ? `--${option[1]} changes which credentials or endpoint the command uses` : undefined;
    },
  },
  {
    programs: ['git'],
    refuse: (arg) =>
      arg === '-c' ||
      /^--(config|config-env|exec-path|upload-pack|receive-pack)(=|$)/.test(arg) ||
      /^-c./.test(arg)
        ? `git ${arg.split('=')[0]} can run any program`
        : undefined,
  },
  {
    programs: ['rm'],
    refuse: (arg) =>
      /^-[A-Za-z]*[rR]/.test(arg) || arg === '--recursive' || arg === '--no-preserve-root'
        ? `rm ${arg} deletes recursively`
        : undefined,
  },
];

/** Why the arguments make an allowed program unsafe, or undefined. Arguments after `--` are operands, not options. */
export function unsafeArguments(cmd: string, args: readonly string[]): string | undefined {
  const program = basename(cmd);
  const rules = RULES.filter((r) => r.programs.includes(program));
  if (rules.length === 0) return undefined;
  for (const arg of args) {
    // after `--` everything is an operand; for find the expression is all operands, so keep checking
    if (arg === '--' && program !== 'find') break;
    for (const rule of rules) {
      const reason = rule.refuse(arg);
      if (reason) return reason;
    }
  }
  return undefined;
}
