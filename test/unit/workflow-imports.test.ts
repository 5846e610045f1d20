// The workflow's modules import one another in one direction only (type imports included): the core reads top
// down, from complaint.ts to the state it runs on, and no module needs another that needs it back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

const WORKFLOWS = join(PROJECT_ROOT, 'workflows');

/** Each workflow module's imports of its siblings, by module name. */
function siblingImports(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1]!);
    graph.set(file.replace(/\.ts$/, ''), imports);
  }
  return graph;
}

/** The first import cycle found, as the path that closes it, or null. */
function importCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const visit = (node: string, path: string[]): string[] | null => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node];
    if (done.has(node)) return null;
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}

test('no import circle inside workflows/, type imports included', () => {
  const graph = siblingImports(WORKFLOWS);
  expect(graph.get('complaint')).toContain('complaint-context');
  expect(importCycle(graph)).toBeNull();
});

test('a circle is found, and named', () => {
  const graph = new Map([
    ['complaint', ['complaint-context']],
    ['complaint-context', ['steps']],
    ['steps', ['complaint-context']],
  ]);
  expect(importCycle(graph)).toEqual(['complaint-context', 'steps', 'complaint-context']);
});
