// The README and the pages in docs/ hold together: every relative link names a file that exists (and a heading
// of it, when it names one), and every command the README quotes exists: an `npm` script or one of npm's own
// commands, a `complaint` command of the CLI (asked of the built CLI, dist/client/cli.js, as a reader would).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const PAGES = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
];
const read = (file: string) => readFileSync(file, 'utf8');

/** The text outside fenced code blocks (a link or heading in a code block is not one). */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const base = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every relative link of a page: its target file and anchor, as written. */
function relativeLinks(file: string): { written: string; path: string; anchor?: string }[] {
  return [...prose(read(file)).matchAll(/\]\(([^)\s]+)(?: +"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((written) => {
      const [path, anchor] = written.split('#') as [string, string | undefined];
      return {
        written,
        path: path === '' ? file : resolve(dirname(file), path),
        ...(anchor ? { anchor } : {}),
      };
    });
}

/** The code a page quotes: fenced blocks and inline code spans. */
function quotedCode(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const inline = [...prose(markdown).matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...fenced, ...inline];
}

const NPM_BUILT_INS = new Set(['install', 'ci', 'start', 'test', 'run', 'exec']);

/** A command's help, from the built CLI (each start of it takes a while: asked once per command). */
const helps = new Map<string, string>();
function helpOf(path: string[]): string {
  const key = path.join(' ');
  if (!helps.has(key)) {
    const cli = join(ROOT, 'dist', 'client', 'cli.js');
    helps.set(key, execFileSync(process.execPath, [cli, ...path, '--help'], { encoding: 'utf8' }));
  }
  return helps.get(key)!;
}

/** The commands a help lists, each with its usage (`start [options] <case-file>`; a group is its name alone). */
function commandsIn(help: string): Map<string, string> {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return new Map(
    section
      .split('\n')
      .map((line) => line.trim().split(/ {2,}/)[0]!)
      .filter((usage) => usage && !usage.startsWith('help'))
      .map((usage) => [usage.split(' ')[0]!, usage]),
  );
}

test.each(PAGES.map((file) => [relative(ROOT, file), file]))(
  'every relative link of %s names a file that exists, and a heading of it when it names one',
  (_name, file) => {
    const broken: string[] = [];
    for (const link of relativeLinks(file)) {
      if (!existsSync(link.path)) broken.push(`${link.written}: no such file`);
      else if (link.anchor && link.path.endsWith('.md') && !anchorsOf(read(link.path)).has(link.anchor))
        broken.push(`${link.written}: no such heading in ${relative(ROOT, link.path)}`);
    }
    expect(broken).toEqual([]);
  },
);

test('the README links every page in docs/', () => {
  const linked = new Set(relativeLinks(join(ROOT, 'README.md')).map((l) => l.path));
  expect(PAGES.slice(1).filter((page) => !linked.has(page))).toEqual([]);
});

test('every npm command the README quotes is a script of package.json or one of npm’s own', () => {
  const scripts = Object.keys((JSON.parse(read(join(ROOT, 'package.json'))) as { scripts: object }).scripts);
  const quoted = quotedCode(read(join(ROOT, 'README.md'))).flatMap((code) =>
    [...code.matchAll(/(?:^|[\s;&|(])npm +(?:run +)?([a-z][\w:.-]*)/g)].map((m) => m[0].trim()),
  );
  expect(quoted.length).toBeGreaterThan(3); // it found the README's commands
  const unknown = quoted.filter((command) => {
    const [, run, name] = /^npm +(run +)?(\S+)/.exec(command)!;
    return run ? !scripts.includes(name!) : !NPM_BUILT_INS.has(name!) && !scripts.includes(name!);
  });
  expect(unknown).toEqual([]);
});

test('every complaint command the README and docs/ quote is a command of the CLI', () => {
  const quoted = PAGES.flatMap((file) =>
    quotedCode(read(file)).flatMap((code) =>
      [...code.matchAll(/(?:^|[\s;&|(])(?:npx +)?complaint +([a-z][\w-]*)(?: +([a-z][\w-]*))?/g)].map(
        (m) => ({ where: relative(ROOT, file), words: [m[1]!, ...(m[2] ? [m[2]] : [])] }),
      ),
    ),
  );
  expect(quoted.filter((q) => q.where === 'README.md').length).toBeGreaterThan(2); // it found the README's
  const unknown: string[] = [];
  const commands = commandsIn(helpOf([]));
  for (const { where, words } of quoted) {
    const [command, sub] = words as [string, string | undefined];
    const usage = commands.get(command);
    if (!usage) unknown.push(`${where}: complaint ${command}`);
    // A group (a name alone: records, staff) must be followed by one of its commands.
    else if (usage === command && !(sub && commandsIn(helpOf([command])).has(sub)))
      unknown.push(`${where}: complaint ${words.join(' ')}`);
  }
  expect(unknown).toEqual([]);
});
