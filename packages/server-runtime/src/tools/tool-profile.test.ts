import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { RuntimeError } from '../errors';
import { assertToolNames, classifyTool, keepReadOnlyTools, toolProfiles } from './tool-profile';

function serverWith(tools: Record<string, object | undefined>): McpServer {
  const server = new McpServer({ name: 't', version: '0' });
  for (const [name, annotations] of Object.entries(tools)) {
    server.registerTool(name, { description: name, ...(annotations && { annotations }) }, async () => ({
      content: [],
    }));
  }
  return server;
}

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const mutative = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

describe('tool profiles', () => {
  it('classes tools as DevOps Agent does, with the MCP defaults for missing hints', () => {
    expect(classifyTool(readOnly)).toBe('read-only');
    expect(classifyTool(mutative)).toBe('mutative');
    expect(classifyTool({ readOnlyHint: false })).toBe('destructive');
    expect(classifyTool(undefined)).toBe('destructive');
  });

  it('lists each tool with its class and the hints it leaves implicit', () => {
    const profiles = toolProfiles(serverWith({ read_it: readOnly, vague: { readOnlyHint: true } }));
    expect(profiles.map((p) => [p.name, p.toolClass, p.problems])).toEqual([
      ['read_it', 'read-only', []],
      [
        'vague',
        'read-only',
        [
          'annotations.destructiveHint is not explicit',
          'annotations.idempotentHint is not explicit',
          'annotations.openWorldHint is not explicit',
        ],
      ],
    ]);
  });

  it('refuses tool names DevOps Agent would refuse, naming them', () => {
    expect(() => assertToolNames(serverWith({ ok_name: readOnly, 'dotted.name': readOnly }))).toThrow(
      /"dotted\.name"/,
    );
    try {
      assertToolNames(serverWith({ ['x'.repeat(65)]: readOnly }));
    } catch (error) {
      expect(RuntimeError.isInstance(error) && error.code).toBe('RUNTIME_TOOL_NAME_INVALID');
    }
  });

  it('keeps only read-only tools under --read-only', () => {
    const server = serverWith({ read_it: readOnly, change_it: mutative, unannotated: undefined });
    expect(keepReadOnlyTools(server).sort()).toEqual(['change_it', 'unannotated']);
    expect(toolProfiles(server).map((p) => p.name)).toEqual(['read_it']);
  });
});
