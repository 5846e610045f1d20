// docker-compose.yml as the tests read it (merge keys resolved), and the Go templates of scripts/cluster/ as the
// Temporal server and the UI server render them, for the forms those files use: `env "X"`, `default "Y" (env
// "X")`, `env "X" | default "Y"`, `| quote`. Anything else throws, so a template no test understands is noticed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../lib/project-root';

export interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  entrypoint?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test: string[] };
}

export function readCompose(): {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
} {
  return parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
}

const STRING = /^"((?:[^"\\]|\\.)*)"$/;

function stage(expr: string, input: string | undefined, env: Record<string, string>): string {
  const words = expr.trim().match(/"(?:[^"\\]|\\.)*"|\([^)]*\)|\S+/g) ?? [];
  const literal = (word: string | undefined) => {
    const m = STRING.exec(word ?? '');
    if (!m) throw new Error(`unsupported template argument ${word} in {{ ${expr} }}`);
    return m[1]!;
  };
  const value = (word: string | undefined) =>
    word?.startsWith('(') ? evaluate(word.slice(1, -1), env) : literal(word);
  const [fn, ...args] = words;
  const all = input === undefined ? args : [...args, input];
  if (fn === 'env' && all.length === 1) return env[literal(all[0]) || ''] ?? '';
  if (fn === 'default' && all.length === 2) {
    const given = input ?? value(all[1]);
    return given === '' ? literal(all[0]) : given;
  }
  if (fn === 'quote' && args.length === 0 && input !== undefined) return JSON.stringify(input);
  throw new Error(`unsupported template expression {{ ${expr} }}`);
}

function evaluate(pipeline: string, env: Record<string, string>): string {
  return pipeline.split('|').reduce<string | undefined>((input, expr) => stage(expr, input, env), undefined)!;
}

export function renderTemplate(text: string, env: Record<string, string>): string {
  return text.replace(/\{\{(.*?)\}\}/g, (_, pipeline: string) => evaluate(pipeline, env));
}

/** The environment variables a template reads. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!))].sort();
}

/** A service's environment as the container sees it (compose's `${VAR:-default}` at its default). */
export function containerEnv(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
    ]),
  );
}
