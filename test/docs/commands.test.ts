/**
 * The docs check: every `tmf-ctk …` command shown in a code block of README.md or docs/*.md names a command
 * that exists and passes the CLI's own parser (flags it declares, values where it takes them, positionals only
 * where allowed): each is parsed for real, in-process, with `--help` added so nothing runs. The cheap ones
 * (`apis`, `export`, `--version`) are executed for real instead, in a temporary working directory. The others run for real in the test file RUN_ELSEWHERE names.
 * Inline synopses (`tmf-ctk mock [--port N] …`) may only name declared flags; every flag a command's --help
 * names is documented in its section of docs/cli.md; every `npm …` command shown is a script of package.json.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandNames } from '../../src/cli/main.ts';
import { projectRoot } from '../../src/paths.ts';
import { runCli } from '../helpers/cli.ts';

const PAGES = ['README.md', ...readdirSync(join(projectRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SHELL_BLOCKS = new Set(['sh', 'bash', 'shell', 'console', 'yaml', 'yml']);

/** Commands shown but run for real elsewhere: the test file that runs each (a prefix of the shown argv). */
const RUN_ELSEWHERE: ReadonlyArray<[prefix: string, testFile: string]> = [
  ['run --collection', 'test/collection/run-cli.test.ts'],
  ['run --ctk', 'test/collection/kit-run.test.ts'],
  ['run --spec', 'test/generate/spec-file.test.ts'],
  ['run', 'test/runner/config.test.ts'],
  ['selftest', 'test/cli/selftest.test.ts'],
  ['mock --spec', 'test/generate/spec-file.test.ts'],
  ['mock', 'test/mock/cli.test.ts'],
  ['proxy', 'test/proxy/cli.test.ts'],
  ['export', 'test/collection/export.test.ts'],
  ['report', 'test/reporters/report-command.test.ts'],
  ['validate', 'test/cli/foundation.test.ts'],
  ['specs fetch', 'test/verdict/cli-edges.test.ts'],
];
/** Read-only or writing only into the working directory, and fast: executed here (in a temp dir), must exit 0. */
const EXECUTED_HERE = ['apis', 'export', '--version', '--help'];

interface Shown { page: string; line: string; argv: string[] }

/** Shell words of one command line: quotes, `\` continuations joined already; stops at a comment or `&&`, `|`, `;`. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) {
    const bare = m[3];
    if (bare !== undefined && (bare.startsWith('#') || ['&&', '||', '|', ';'].includes(bare))) break;
    words.push(m[1] ?? m[2] ?? bare!);
  }
  return words;
}

function codeBlocks(text: string): Array<{ lang: string; body: string }> {
  return [...text.matchAll(/^```([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!.trim(), body: m[2]! }));
}

/** The command lines of a block, continuations joined and CI expressions (`${{ vars.X }}`) made plain values. */
function commandLines(body: string): string[] {
  return body.replace(/\\\n\s*/g, ' ').replace(/\$\{\{[^}]*\}\}/g, 'VALUE').split('\n');
}

/** A command line as a shell or a CI step starts it: `- run:`, `VAR=value` assignments and `npx` dropped. */
function commandStart(part: string): string {
  return part.replace(/^\s*(?:-\s+)?(?:run:\s*)?/, '').replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*/, '').replace(/^npx\s+/, '');
}

function shownCommands(program: 'tmf-ctk' | 'npm'): Shown[] {
  const out: Shown[] = [];
  for (const page of PAGES) {
    for (const block of codeBlocks(readFileSync(join(projectRoot, page), 'utf8'))) {
      if (!SHELL_BLOCKS.has(block.lang)) continue;
      for (const line of commandLines(block.body)) {
        for (const part of line.split(/&&|\|\||;/)) {
          const words = shellWords(commandStart(part));
          if (words[0] === program) out.push({ page, line: part.trim(), argv: words.slice(1) });
        }
      }
    }
  }
  return out;
}

function inlineSynopses(): Array<{ page: string; command: string; flags: string[] }> {
  const out: Array<{ page: string; command: string; flags: string[] }> = [];
  for (const page of PAGES) {
    const text = readFileSync(join(projectRoot, page), 'utf8').replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
    for (const m of text.matchAll(/`tmf-ctk ([a-z]+)([^`]*)`/g)) {
      out.push({ page, command: m[1]!, flags: [...m[2]!.matchAll(/(?:^|[\s[(|])(--[a-z][a-z-]*)/g)].map((f) => f[1]!) });
    }
  }
  return out;
}

/** Whether a command declares a flag: parsed as a boolean or as an option taking a value, with --help. */
async function declares(command: string, flag: string): Promise<boolean> {
  if (flag === '--help') return true;
  const prefix = command === 'specs' ? ['specs', 'fetch'] : [command];
  for (const form of [[flag], [`${flag}=x`]]) if ((await runCli([...prefix, ...form, '--help'])).code === 0) return true;
  return false;
}

const commands = new Set(commandNames());

describe('docs check: commands shown in README.md and docs/', () => {
  const shown = shownCommands('tmf-ctk');

  it('finds the shown commands (the check would pass on nothing otherwise)', () => {
    assert.ok(shown.length >= 15, `${shown.length} commands`);
    for (const page of ['README.md', 'docs/cli.md', 'docs/ci.md', 'docs/mock.md']) assert.ok(shown.some((s) => s.page === page), page);
  });

  for (const s of shown) {
    it(`${s.page}: tmf-ctk ${s.argv.join(' ')}`, async () => {
      const [name, ...rest] = s.argv;
      assert.ok(name, 'a command follows tmf-ctk');
      if (EXECUTED_HERE.includes(name) && !rest.some((a) => /^(?:--config|--specs)$/.test(a))) {
        const cwd = await mkdtemp(join(tmpdir(), 'ctk-docs-'));
        try {
          const r = await runCli(s.argv, { cwd });
          assert.equal(r.code, 0, `${s.line}\n${r.err}`);
        } finally {
          await rm(cwd, { recursive: true, force: true });
        }
        return;
      }
      assert.ok(commands.has(name), `"${name}" is a command (${[...commands].join(', ')})`);
      const parsed = await runCli([...s.argv, '--help']);
      assert.equal(parsed.code, 0, `${s.page}: "${s.line}" does not parse:\n${parsed.err}`);
      const elsewhere = RUN_ELSEWHERE.find(([prefix]) => s.argv.join(' ').startsWith(prefix));
      assert.ok(elsewhere, `${s.line}: executed here or listed in RUN_ELSEWHERE`);
      const [, file] = elsewhere;
      assert.ok(existsSync(join(projectRoot, file)), `${file} exists`);
      assert.ok(readFileSync(join(projectRoot, file), 'utf8').includes(`'${name}'`), `${file} runs "${name}"`);
    });
  }

  it('inline synopses name existing commands and only flags those commands declare', async () => {
    const wrong: string[] = [];
    for (const s of inlineSynopses()) {
      if (!commands.has(s.command)) wrong.push(`${s.page}: unknown command "${s.command}"`);
      else for (const f of s.flags) if (!(await declares(s.command, f))) wrong.push(`${s.page}: tmf-ctk ${s.command} has no ${f}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('every flag a command\'s --help names is documented in its section of docs/cli.md', async () => {
    const cli = readFileSync(join(projectRoot, 'docs/cli.md'), 'utf8');
    const missing: string[] = [];
    for (const name of commands) {
      const section = cli.split(/^## /m).find((s) => s.startsWith(`\`tmf-ctk ${name}`));
      if (!section) { missing.push(`no section for ${name}`); continue; }
      const help = (await runCli(name === 'specs' ? ['specs', '--help'] : [name, '--help'])).out;
      // The usage lines and the option list (lines that start with a flag); not examples of other tools.
      const declared = help.split('\n').filter((l) => /^\s*(?:Usage:|tmf-ctk |(?:-\w, )?--[a-z])/.test(l)).join('\n');
      for (const flag of new Set([...declared.matchAll(/(?:^|[\s[(|])(--[a-z][a-z-]*)/g)].map((m) => m[1]!))) {
        if (flag !== '--help' && !new RegExp(`${flag}(?![a-z-])`).test(section)) missing.push(`${name} ${flag}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every npm command shown is a script of package.json (or npm ci / install / pack)', () => {
    const scripts = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const npm = shownCommands('npm');
    assert.ok(npm.some((s) => s.argv[0] === 'start') && npm.some((s) => s.argv[0] === 'test'), 'the README\'s two commands are found');
    for (const s of npm) {
      const [verb, script] = s.argv;
      if (verb === 'ci' || verb === 'install' || verb === 'pack') continue; // npm's own (pack: test/acceptance/packed-install.test.ts)
      const name = verb === 'run' ? script : verb;
      assert.ok(name && Object.hasOwn(scripts, name), `${s.page}: "${s.line}" names a script`);
    }
  });

  it('shell words: quotes, comments and operators', () => {
    assert.deepEqual(shellWords(`tmf-ctk run --header "Authorization: Bearer $T" --company 'A B' # c`),
      ['tmf-ctk', 'run', '--header', 'Authorization: Bearer $T', '--company', 'A B']);
    assert.deepEqual(shellWords('npm ci && npm start'), ['npm', 'ci']);
  });
});
