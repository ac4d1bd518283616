/**
 * The CSS and script every page carries inline (pages are opened from disk
 * and must load nothing from the network). Kept as plain strings so a page is
 * one string concatenation, and the script's hash goes into each page's
 * Content-Security-Policy: even if some text slipped through unescaped, the
 * browser would run no script but this one.
 */
import { createHash } from 'node:crypto';

/** Entity type colours (backgrounds). The type is also written beside every mention, so colour is never the only cue. */
export const TYPE_COLOURS: { [type: string]: string } = {
  PERSON: '#ffd8a8',
  ORG: '#a5d8ff',
  GPE: '#b2f2bb',
  LOC: '#96f2d7',
  NORP: '#eebefa',
  FAC: '#ffec99',
  EVENT: '#ffc9c9',
  PRODUCT: '#d0bfff',
  WORK_OF_ART: '#fcc2d7',
  LAW: '#ced4da',
  MISC: '#e9ecef',
};

export const PAGE_CSS = `
:root{--ok:#2b8a3e;--miss:#c92a2a;--fp:#7048e8;--sel:#1c7ed6;--ink:#212529;--muted:#5c636a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.4rem;margin:.3rem 0;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
a{color:#1864ab}
.meta{color:var(--muted);margin:.2rem 0;overflow-wrap:anywhere}
.note{background:#fff3bf;border-left:4px solid #f08c00;padding:.3rem .6rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #dee2e6;padding:.2rem .45rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 17rem;gap:1.5rem;align-items:start}
@media (max-width:820px){.layout{grid-template-columns:minmax(0,1fr)}}
.text{font:1.05rem/2.35 Georgia,"Times New Roman",serif;overflow-wrap:anywhere}
.text p{margin:0 0 .9rem}
.legend{display:flex;flex-wrap:wrap;gap:.35rem .8rem;font-size:.85rem;line-height:2.2;padding:0;margin:.3rem 0;list-style:none}
aside ul{list-style:none;padding:0;margin:0}
aside li{margin:.15rem 0}
aside button{font:inherit;font-size:.88rem;text-align:left;width:100%;border:1px solid #ced4da;border-radius:4px;background:#f8f9fa;padding:.2rem .4rem;cursor:pointer;overflow-wrap:anywhere}
aside button.sel,aside button[aria-pressed=true]{background:#d0ebff;border:2px solid var(--sel);font-weight:700}
.swatch{display:inline-block;width:.8em;height:.8em;border:1px solid #0004;margin-right:.3em;vertical-align:-.05em}
.ent{border:1px solid #0003;border-radius:3px;padding:0 2px;cursor:pointer;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.ent[data-tag]::after{content:attr(data-tag);font:600 .58rem/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.02em;margin-left:3px;vertical-align:.2em;color:#343a40}
${Object.entries(TYPE_COLOURS)
  .map(([t, c]) => `.t-${t}{background:${c}}`)
  .join('\n')}
.q{background:#fff9db;border-bottom:2px solid #e67700;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.q-partial{background:#f3f0ff;border-bottom:2px dashed #7048e8}
.q[data-badge]::before{content:"\\201C " attr(data-badge);font:600 .66rem/1 system-ui,sans-serif;background:#343a40;color:#fff;border-radius:3px;padding:2px 5px;margin-right:4px;vertical-align:.15em;white-space:normal}
.cue{font-style:italic;text-decoration:underline dotted 2px;text-underline-offset:4px}
.spk{border-bottom:3px double #495057}
.num,.money{position:relative;cursor:help}
.num{border-bottom:2px dotted #1864ab;background:#e7f5ff}
.money{border-bottom:3px double #2b8a3e;background:#ebfbee}
.num[data-badge]::before,.money[data-badge]::before{content:attr(data-badge);font:600 .58rem/1 system-ui,sans-serif;text-transform:uppercase;margin-right:2px;vertical-align:.2em}
.num:hover::after,.num:focus::after,.money:hover::after,.money:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:10;width:max-content;max-width:min(18rem,80vw);background:#212529;color:#fff;font:.8rem/1.3 system-ui,sans-serif;padding:3px 7px;border-radius:4px;pointer-events:none;white-space:normal}
.d-match{outline:1px solid var(--ok);outline-offset:1px}
.d-miss{outline:2px dashed var(--miss);outline-offset:1px;background-image:repeating-linear-gradient(135deg,#0000 0 6px,#c92a2a22 6px 8px)}
.d-fp{outline:2px dotted var(--fp);outline-offset:1px}
.ent.d-fp,.num.d-fp,.money.d-fp{text-decoration:line-through 1.5px var(--fp)}
.d-wrong{outline:3px double var(--miss)}
.sel{box-shadow:0 0 0 3px var(--sel);font-weight:700}
.q.sel{background:#ffe066;box-shadow:inset 0 -4px 0 var(--sel);font-weight:inherit}
:focus-visible{outline:3px solid var(--sel)!important;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.kbd{font-size:.85rem;color:var(--muted)}
.skip{position:absolute;left:-999px}
.skip:focus{position:static}
.text:focus{outline:none}
.bar{display:inline-block;height:.7em;background:#495057;vertical-align:middle;margin-left:.3em}
`;

/**
 * Selection: clicking a mention or an entity button, or pressing Enter/Space
 * on a focused one, marks every element listing that entity in data-ents
 * (its mentions) or data-speakers (the quotes it speaks, their cues and
 * speaker words); again, or Escape, clears it. With gold, n and p move the
 * focus to the next and previous difference (miss, false positive, wrong
 * attribute). The live region says what happened, for screen-reader users.
 */
export const PAGE_JS = `(function(){
var d=document,current=null,status=d.getElementById('status');
function all(sel){return Array.prototype.slice.call(d.querySelectorAll(sel));}
function select(id){
  all('.sel').forEach(function(el){el.classList.remove('sel');});
  all('[aria-pressed="true"]').forEach(function(el){el.setAttribute('aria-pressed','false');});
  if(id===null||id===current){current=null;if(status)status.textContent='Selection cleared';return;}
  current=id;
  var q=(window.CSS&&CSS.escape)?CSS.escape(id):id;
  var mentions=all('[data-ents~="'+q+'"]'),spoken=all('[data-speakers~="'+q+'"]'),keys={},quotes=0;
  mentions.concat(spoken).forEach(function(el){el.classList.add('sel');if(el.hasAttribute('aria-pressed'))el.setAttribute('aria-pressed','true');});
  spoken.forEach(function(el){if(el.classList.contains('q')&&!keys[el.dataset.k]){keys[el.dataset.k]=1;quotes++;}});
  var n={};mentions.forEach(function(el){n[el.dataset.k]=1;});
  all('button[data-select="'+q+'"]').forEach(function(b){b.classList.add('sel');b.setAttribute('aria-pressed','true');});
  var b=d.querySelector('button[data-select="'+q+'"]');
  if(status)status.textContent=(b?b.dataset.name:id)+' selected: '+Object.keys(n).length+' mentions, '+quotes+' quotes';
}
var diffs=all('#text .d-miss:not([data-frag]),#text .d-fp:not([data-frag]),#text .d-wrong:not([data-frag])'),at=-1;
function jump(step){
  if(!diffs.length)return;
  at=(at+step+diffs.length)%diffs.length;
  var el=diffs[at];if(!el.hasAttribute('tabindex'))el.setAttribute('tabindex','-1');
  el.focus();el.scrollIntoView({block:'center'});
  if(status)status.textContent='Difference '+(at+1)+' of '+diffs.length;
}
function target(el){return el&&el.closest?el.closest('[data-select],[data-ents]'):null;}
function idOf(t){return t.dataset.select||t.dataset.ents.split(' ')[0];}
d.addEventListener('click',function(e){var t=target(e.target);if(t)select(idOf(t));});
d.addEventListener('keydown',function(e){
  if(e.key==='Escape'){if(current!==null)select(null);return;}
  if((e.key==='n'||e.key==='p')&&!e.ctrlKey&&!e.metaKey&&!e.altKey){e.preventDefault();jump(e.key==='n'?1:-1);return;}
  if(e.key!=='Enter'&&e.key!==' ')return;
  var t=e.target;if(!t||!t.matches||!t.matches('[data-ents][role=button]'))return;
  e.preventDefault();select(idOf(t));
});
})();`;

/** The CSP source for PAGE_JS, so the page runs that script and nothing else. */
export const PAGE_JS_HASH = `'sha256-${createHash('sha256').update(PAGE_JS, 'utf8').digest('base64')}'`;

/** Nothing from the network, no script but ours, no inline event handlers. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${PAGE_JS_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
