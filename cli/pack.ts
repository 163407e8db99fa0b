// `npm run --silent pack -- COMMAND ...`: the newsroom's tool for fact packs. Each command is an
// entry in COMMANDS; `validate` runs exactly the checks the extension runs before it accepts a pack.
// Exit codes: 0 all good, 1 a pack failed, 2 the command was used wrongly.

import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatPackError, loadPack } from '../facts/load';
import { MAX_PACK_BYTES } from '../facts/limits';
import { packTooBig } from '../facts/precheck';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

class UsageError extends Error {}

/** Checks one pack file and prints its report lines, each starting with the file name as given. */
async function validateFile(file: string): Promise<boolean> {
  const say = (line: string) => console.log(`${file}: ${line}`);
  let text: string;
  try {
    // Refuse before reading: a multi-gigabyte file must not be pulled into memory.
    const { size } = await stat(file);
    if (size > MAX_PACK_BYTES) {
      say(formatPackError(packTooBig(size)));
      return false;
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    say(`cannot read the file${code ? ` (${code})` : ''}`);
    return false;
  }
  const result = loadPack(text);
  if (!result.ok) {
    for (const error of result.errors) say(formatPackError(error));
    return false;
  }
  const { pack, warnings } = result;
  say(
    `ok (pack ${pack.id} ${pack.version}, ${pack.facts.length} facts, ${pack.sources.length} sources)`,
  );
  for (const warning of warnings) say(`warning: ${warning}`);
  return true;
}

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: 'validate FILE...',
    summary: 'check pack files exactly as the extension does; print every problem',
    async run(args) {
      const { positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {},
      });
      if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
      let failed = 0;
      for (const file of positionals) {
        if (!(await validateFile(file))) failed++;
      }
      return failed > 0 ? EXIT_FAILED : EXIT_OK;
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map(
    (command) => `  pack ${command.usage.padEnd(20)} ${command.summary}`,
  );
  return ['usage: npm run --silent pack -- COMMAND ...', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    console.error(usage());
    return EXIT_USAGE;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    console.log(usage());
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args);
  } catch (error) {
    // parseArgs throws TypeError with a code for unknown options and the like.
    const isUsage =
      error instanceof UsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (!isUsage) throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
