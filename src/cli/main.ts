/**
 * `quarry <command>`: dispatches to one module per command. Each command
 * returns its exit code; usage errors exit 2 with a one-line reason.
 */
import { EXIT, UsageError } from './errors.ts';

type Command = { summary: string; load: () => Promise<(argv: string[]) => Promise<number>> };

const COMMANDS: Record<string, Command> = {
  extract: { summary: 'extract records from articles (default input: corpus/)', load: async () => (await import('./commands/extract.ts')).runExtract },
  eval: { summary: 'score the pipeline against the gold corpus (or a CoNLL file with --conll)', load: async () => (await import('./commands/eval.ts')).runEval },
  gold: { summary: 'draft a gold file from predictions, or check gold files', load: async () => (await import('./commands/gold.ts')).runGold },
  load: { summary: 'load records into SQLite or PostgreSQL', load: async () => (await import('./commands/load.ts')).runLoad },
  view: { summary: 'review pages in the browser (articles or records; --gold for a diff)', load: async () => (await import('./commands/view.ts')).runView },
  train: { summary: 'train the named-entity tagger on CoNLL data', load: async () => (await import('./commands/train.ts')).runTrain },
  schema: { summary: 'print the record JSON Schema (--gold: the gold JSON Schema)', load: async () => (await import('./commands/schema.ts')).runSchema },
};

export const MAIN_HELP = `quarry: quotes, numbers, money and entities from news articles, each pinned to its span.

Usage: quarry <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run 'quarry <command> --help' for a command's options.
Exit codes: 0 success; 1 some articles failed or a check failed; 2 usage error; 130 interrupted.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(MAIN_HELP + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    const { EXTRACTOR_VERSION } = await import('../version.ts');
    process.stdout.write(`quarry ${EXTRACTOR_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`quarry: unknown command "${name}"\n\n${MAIN_HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`quarry ${name}: ${err.message}\nRun 'quarry ${name} --help' for usage.\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`quarry: ${(err as Error).stack ?? err}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
