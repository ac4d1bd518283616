/**
 * HTML for one article's review page and for the index. Every string that
 * comes from an article, record or gold passes through escapeHtml; the page
 * is self-contained (inline CSS and script, nothing fetched).
 */
import { TYPE_COLOURS, PAGE_CSP, PAGE_CSS, PAGE_JS } from './assets.ts';
import { escapeHtml as h } from './escape.ts';
import { renderMarkedText } from './markup.ts';
import { anchorId, buildPageModel, type ArticleSummary, type Diff, type EntityEntry, type PageModel, type ViewArticle } from './model.ts';

const pct = (x: number) => (x * 100).toFixed(1);

function head(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(PAGE_CSP)}">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
`;
}

/** What each entity type holds (record contract, issue 2), for the legend. */
const TYPE_WORDS: { [type: string]: string } = {
  PERSON: 'people',
  ORG: 'organisations',
  GPE: 'countries, cities, states',
  LOC: 'other places',
  NORP: 'nationalities, groups',
  FAC: 'buildings, facilities',
  EVENT: 'events',
  PRODUCT: 'products',
  WORK_OF_ART: 'titles of works',
  LAW: 'laws',
  MISC: 'other names',
};

const DIFF_TEXT: { [D in Diff]: string } = { match: 'matches gold', miss: 'missed (gold only)', fp: 'false positive (prediction only)' };

function legend(model: PageModel, withGold: boolean): string {
  const types = [...new Set([...model.entities, ...model.goldEntities].map((e) => e.type))].sort();
  const items = [
    ...types.map((t) => `<li><span class="ent t-${h(t)}" data-tag="${h(t)}">${h(TYPE_WORDS[t] ?? t.toLowerCase())}</span></li>`),
    `<li><span class="q" data-badge="speaker · cue · kind">direct quote</span></li>`,
    `<li><span class="q q-partial">partial quote</span></li>`,
    `<li><span class="cue">cue</span></li>`,
    `<li><span class="spk">speaker words</span></li>`,
    `<li><span class="num">number</span></li>`,
    `<li><span class="money">money</span></li>`,
  ];
  if (withGold) {
    items.push(
      `<li><span class="d-match">solid: ${DIFF_TEXT.match} (✓)</span></li>`,
      `<li><span class="d-miss">dashed, hatched: ${DIFF_TEXT.miss}</span></li>`,
      `<li><span class="d-fp">dotted (names and values struck): ${DIFF_TEXT.fp}</span></li>`,
      `<li><span class="d-wrong">double: matched, wrong speaker/value (≠)</span></li>`,
    );
  }
  return `<section aria-labelledby="legend-h"><h2 id="legend-h">Legend</h2><ul class="legend">${items.join('')}</ul>
<p class="kbd">Select an entity (click, or Tab to it and press Enter or Space) to highlight its mentions and the quotes it speaks; Escape clears. Numbers and money show their value on hover and focus.${withGold ? ' Press n / p to jump to the next / previous difference from gold.' : ''}</p></section>`;
}

function figuresTable(s: NonNullable<ArticleSummary['gold']>, accuracy: PageModel['accuracy']): string {
  const rows = s.stages
    .map(
      (st) =>
        `<tr><th scope="row">${st.stage}</th><td class="n">${pct(st.strict.precision)}</td><td class="n">${pct(st.strict.recall)}</td><td class="n">${pct(st.strict.f1)}</td><td class="n">${st.strict.tp}</td><td class="n">${st.strict.fp}</td><td class="n">${st.strict.fn}</td><td class="n">${pct(st.lenient.precision)}</td><td class="n">${pct(st.lenient.recall)}</td><td class="n">${pct(st.lenient.f1)}</td></tr>`,
    )
    .join('');
  const total = `<tr><th scope="row">all (micro)</th><td class="n">${pct(s.precision)}</td><td class="n">${pct(s.recall)}</td><td class="n">${pct(s.f1)}</td><td class="n">${s.tp}</td><td class="n">${s.fp}</td><td class="n">${s.fn}</td><td></td><td></td><td></td></tr>`;
  const acc = accuracy
    .filter(([, , total]) => total > 0)
    .map(([label, hits, total]) => `${h(label)} ${hits}/${total}`)
    .join(' · ');
  return `<section aria-labelledby="fig-h"><h2 id="fig-h">Against gold (split ${h(s.split)})</h2>
<div class="scroll"><table><caption class="sr-only">Precision, recall and F1 in percent, strict and lenient</caption>
<thead><tr><th rowspan="2">stage</th><th colspan="6">strict (exact span and type)</th><th colspan="3">lenient (overlap, same type)</th></tr>
<tr><th class="n">P</th><th class="n">R</th><th class="n">F1</th><th class="n">tp</th><th class="n">fp</th><th class="n">fn</th><th class="n">P</th><th class="n">R</th><th class="n">F1</th></tr></thead>
<tbody>${rows}${total}</tbody></table></div>
${acc ? `<p class="meta">On matched items: ${acc}</p>` : ''}</section>`;
}

function entityList(title: string, id: string, list: EntityEntry[]): string {
  if (!list.length) return `<h2 id="${id}">${h(title)}</h2><p class="meta">none</p>`;
  const items = list
    .map((e) => {
      const diff = e.diff ? ` · ${[e.diff.match && `${e.diff.match} ✓`, e.diff.miss && `${e.diff.miss} missed`, e.diff.fp && `${e.diff.fp} extra`].filter(Boolean).join(', ')}` : '';
      return `<li><button type="button" data-select="${h(e.key)}" data-name="${h(e.name)}" aria-pressed="false"><span class="swatch" style="background:${TYPE_COLOURS[e.type] ?? '#eee'}"></span>${h(e.name)} <small>${h(e.type)} · ${e.mentions} mention${e.mentions === 1 ? '' : 's'}${e.quotes ? ` · ${e.quotes} quote${e.quotes === 1 ? '' : 's'}` : ''}${diff}</small></button></li>`;
    })
    .join('');
  return `<h2 id="${id}">${h(title)}</h2><ul aria-labelledby="${id}">${items}</ul>`;
}

const diffCell = (diff?: Diff, wrong?: string) => (diff ? `<td>${diff === 'match' ? (wrong ? '≠ wrong' : '✓ match') : diff === 'miss' ? 'missed' : 'extra'}${wrong ? `<br><small>gold: ${h(wrong)}</small>` : ''}</td>` : '');

function quoteTable(model: PageModel, withGold: boolean): string {
  if (!model.quotes.length) return '';
  const rows = model.quotes
    .map((q) => `<tr>${withGold ? diffCell(q.diff, q.wrong) : ''}<td><a href="#${h(anchorId(q.key))}">${h(q.key)}</a></td><td>${h(q.speaker || '—')}</td><td>${h(q.cue || '—')}</td><td>${h(q.kind)}</td><td>${h(q.text)}</td></tr>`)
    .join('');
  return `<section aria-labelledby="quotes-h"><h2 id="quotes-h">Quotes</h2><div class="scroll"><table><thead><tr>${withGold ? '<th>gold</th>' : ''}<th>id</th><th>speaker</th><th>cue</th><th>kind</th><th>text</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function valueTable(model: PageModel, withGold: boolean): string {
  if (!model.values.length) return '';
  const rows = model.values
    .map((v) => `<tr>${withGold ? diffCell(v.diff, v.wrong) : ''}<td><a href="#${h(anchorId(v.key))}">${h(v.key)}</a></td><td>${v.layer === 'money' ? 'money' : 'number'}</td><td>${h(v.text)}</td><td>${h(v.value)}</td></tr>`)
    .join('');
  return `<section aria-labelledby="values-h"><h2 id="values-h">Numbers and money</h2><div class="scroll"><table><thead><tr>${withGold ? '<th>gold</th>' : ''}<th>id</th><th>layer</th><th>text</th><th>value</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function warningList(a: ViewArticle): string {
  const w = a.record.warnings ?? [];
  if (!w.length) return '';
  return `<section aria-labelledby="warn-h"><h2 id="warn-h">Warnings</h2><ul>${w
    .map((x) => `<li><code>${h(x.code)}</code> ${h(x.message)}${x.start !== undefined ? ` <small>[${x.start}, ${x.end ?? x.start})</small>` : ''}</li>`)
    .join('')}</ul></section>`;
}

/** One article's self-contained review page; with `article.gold`, a diff against it. */
export function renderArticlePage(article: ViewArticle): string {
  return renderArticle(article).html;
}

/** The page and the article's summary (for the index), from one pass over the record. */
export function renderArticle(article: ViewArticle): { html: string; summary: ArticleSummary } {
  const model = buildPageModel(article);
  const withGold = article.gold !== undefined;
  const s = model.summary;
  const counts = `${s.entities} entities (${s.mentions} mentions) · ${s.quotes} quotes · ${s.numbers} numbers · ${s.money} money${s.warnings ? ` · ${s.warnings} warnings` : ''}`;
  const text = renderMarkedText(article.text, model.marks);
  const html =
    head(`quarry · ${article.title ?? article.id}`) +
    `<header><nav><a class="skip" href="#text">Skip to the article text</a> <a href="index.html">← all articles</a></nav>
<h1>${h(article.title ?? article.id)}</h1>
<p class="meta">id <code>${h(article.id)}</code>${article.source ? ` · from <code>${h(article.source)}</code>` : ''} · ${counts}${s.gold ? ` · strict F1 ${pct(s.gold.f1)}` : ''}</p>
${article.note ? `<p class="note">${h(article.note)}</p>` : ''}</header>
<main>
${s.gold ? figuresTable(s.gold, model.accuracy) : ''}
${legend(model, withGold)}
<div class="layout">
<article class="text" id="text" tabindex="-1" aria-label="Article text">${text}</article>
<aside aria-label="Entities">${entityList(withGold ? 'Entities found' : 'Entities', 'ents-h', model.entities)}${withGold ? entityList('Gold entities', 'gents-h', model.goldEntities) : ''}</aside>
</div>
${quoteTable(model, withGold)}
${valueTable(model, withGold)}
${warningList(article)}
</main>
<div hidden>${model.descriptions.map(([id, d]) => `<span id="${h(id)}">${h(d)}</span>`).join('')}</div>
<div id="status" class="sr-only" role="status" aria-live="polite"></div>
<script>${PAGE_JS}</script>
</body>
</html>
`;
  return { html, summary: s };
}

/** An index entry: the article's summary and the page file it links to. */
export interface IndexEntry {
  summary: ArticleSummary;
  href: string;
}

/**
 * Worst first. With gold: lowest strict F1, then most false negatives. Without
 * gold there is no truth to be worse against, so the articles most likely to
 * need a look come first: most warnings, then fewest items found.
 */
export function sortWorstFirst(entries: IndexEntry[]): IndexEntry[] {
  const found = (s: ArticleSummary) => s.mentions + s.quotes + s.numbers + s.money;
  return [...entries].sort((a, b) => {
    const ga = a.summary.gold;
    const gb = b.summary.gold;
    if (ga && gb) return ga.f1 - gb.f1 || gb.fn - ga.fn || cmp(a.summary.id, b.summary.id);
    if (ga || gb) return ga ? -1 : 1;
    return b.summary.warnings - a.summary.warnings || found(a.summary) - found(b.summary) || cmp(a.summary.id, b.summary.id);
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The index page: every article with its figures, worst first, linking to its page. */
export function renderIndexPage(entries: IndexEntry[], failures: Array<{ source: string; id?: string; error: string }> = []): string {
  const sorted = sortWorstFirst(entries);
  const withGold = sorted.some((e) => e.summary.gold);
  const stageHead = withGold ? '<th class="n">entity F1</th><th class="n">quote F1</th><th class="n">number F1</th><th class="n">money F1</th>' : '';
  const rows = sorted
    .map((e, i) => {
      const s = e.summary;
      const g = s.gold;
      const name = `<a href="${h(e.href)}">${h(s.title ?? s.id)}</a>${s.title ? ` <small><code>${h(s.id)}</code></small>` : ''}${s.note ? `<br><small>${h(s.note)}</small>` : ''}`;
      const goldCells = withGold
        ? g
          ? `<td>${h(g.split)}</td><td class="n">${pct(g.f1)}<span class="bar" style="width:${Math.round(g.f1 * 4 * 10) / 10}em" aria-hidden="true"></span></td><td class="n">${pct(g.precision)}</td><td class="n">${pct(g.recall)}</td>${g.stages.map((st) => `<td class="n">${st.strict.tp + st.strict.fp + st.strict.fn ? pct(st.strict.f1) : '—'}</td>`).join('')}<td class="n">${g.tp}/${g.fp}/${g.fn}</td>`
          : `<td>—</td><td class="n">no gold</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td>`
        : '';
      return `<tr><td class="n">${i + 1}</td><th scope="row">${name}</th>${goldCells}<td class="n">${s.entities}</td><td class="n">${s.mentions}</td><td class="n">${s.quotes}</td><td class="n">${s.numbers}</td><td class="n">${s.money}</td><td class="n">${s.warnings}</td></tr>`;
    })
    .join('');
  const goldHead = withGold
    ? `<th>split</th><th class="n">F1</th><th class="n">P</th><th class="n">R</th>${stageHead}<th class="n">tp/fp/fn</th>`
    : '';
  const scored = sorted.flatMap((e) => (e.summary.gold ? [e.summary.gold] : []));
  const tp = scored.reduce((n, g) => n + g.tp, 0);
  const fp = scored.reduce((n, g) => n + g.fp, 0);
  const fn = scored.reduce((n, g) => n + g.fn, 0);
  const overall = scored.length
    ? `<p class="meta">All ${scored.length} articles with gold together: strict P ${pct(tp + fp ? tp / (tp + fp) : 1)}, R ${pct(tp + fn ? tp / (tp + fn) : 1)}, F1 ${pct(tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 1)} (tp ${tp}, fp ${fp}, fn ${fn}); <code>quarry eval</code> has the full tables.</p>`
    : '';
  const fail = failures.length
    ? `<section aria-labelledby="fail-h"><h2 id="fail-h">Not rendered (${failures.length})</h2><ul>${failures.map((f) => `<li><code>${h(f.source)}</code>${f.id ? ` (${h(f.id)})` : ''}: ${h(f.error)}</li>`).join('')}</ul></section>`
    : '';
  return (
    head('quarry · review pages') +
    `<header><h1>Review pages</h1>
<p class="meta">${sorted.length} article${sorted.length === 1 ? '' : 's'}, worst first: ${withGold ? 'lowest strict F1 against gold (micro over entities, quotes, numbers and money; stage columns are strict F1 in percent)' : 'most warnings, then fewest items found'}.</p></header>
<main>
${overall}
<div class="scroll"><table><thead><tr><th class="n">#</th><th>article</th>${goldHead}<th class="n">entities</th><th class="n">mentions</th><th class="n">quotes</th><th class="n">numbers</th><th class="n">money</th><th class="n">warnings</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${fail}
</main>
</body>
</html>
`
  );
}
