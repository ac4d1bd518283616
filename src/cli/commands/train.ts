import { parseFlags, positiveIntFlag } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const TRAIN_HELP = `Usage: quarry train ner --conll FILE --out DIR [--dev FILE] [--epochs N] [--min-count N]

Trains the named-entity tagger (an averaged perceptron) on a CoNLL-2003-style
file (token POS chunk NER columns, IOB tags, -DOCSTART- between documents)
and writes its weights to DIR (labels.txt, features and weights files).
quarry's own model lives in models/ner/; see models/PROVENANCE.md.

  --conll FILE     training data
  --out DIR        where to write the model
  --dev FILE       a CoNLL file scored every few epochs (tagger-only F1)
  --epochs N       passes over the training data (default 12)
  --min-count N    keep only features seen at least N times per epoch (default 1)`;

export async function runTrain(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    conll: { type: 'string' },
    out: { type: 'string' },
    dev: { type: 'string' },
    epochs: { type: 'string' },
    'min-count': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(TRAIN_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals[0] !== 'ner' || positionals.length !== 1) throw new UsageError('the only trainable model is "ner": quarry train ner --conll FILE --out DIR');
  if (!values.conll || !values.out) throw new UsageError('--conll FILE and --out DIR are required');
  const { trainNer } = await import('../../ner/train.ts');
  await trainNer({
    conll: values.conll,
    out: values.out,
    dev: values.dev,
    epochs: positiveIntFlag('--epochs', values.epochs),
    minCount: positiveIntFlag('--min-count', values['min-count']),
  });
  return EXIT.ok;
}
