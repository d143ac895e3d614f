// Starts Sveltia CMS with the configuration generated from the content model (config.json, written
// by build_tools/output/admin.py) and adds what a static file cannot hold:
// - the year limit validate applies today (E127: more than 2 years ahead), in validate's words;
// - the translation stamp: saving a translation whose "reviewed" box is ticked records the source
//   hash of the English beside it (stamp.js, the same hash as `translations stamp`).
import { pageHash } from './stamp.js';

const REVIEWED = 'translation_reviewed';
const YEAR_LIMIT = 'x-ssa-year-limit';

/** Regular expression accepting the whole numbers from..to (inclusive). */
export function yearPattern(from, to) {
  const years = [];
  for (let y = from; y <= to; y += 1) years.push(String(y));
  return `^(${years.join('|')})$`;
}

/** Replace the generator's year-limit marks by a pattern with validate's message, for ``today``. */
export function applyYearLimits(fields, today) {
  for (const field of fields || []) {
    const limit = field[YEAR_LIMIT];
    if (limit) {
      const last = today.getFullYear() + limit.years;
      const iso = today.toISOString().slice(0, 10);
      field.pattern = [yearPattern(field.min ?? 1800, last), limit.message.replace('{today}', iso)];
      delete field[YEAR_LIMIT];
    }
    if (field.fields) applyYearLimits(field.fields, today);
  }
}

function localeData(entry, locale) {
  const path = entry.hasIn(['i18n', locale, 'data']) ? ['i18n', locale, 'data'] : ['i18n', locale];
  return [path, entry.getIn(path)];
}

/** preSave: stamp the reviewed translations with the English page hash; never write the checkbox. */
export async function stampTranslations(entry) {
  let out = entry;
  const data = entry.get('data');
  const plain = data && data.toJS ? data.toJS() : data || {};
  const hash = await pageHash(plain, plain.body);
  out = out.set('data', data.delete(REVIEWED).delete('translation'));
  const i18n = entry.get('i18n');
  if (!i18n || !i18n.keySeq) return out;
  for (const locale of i18n.keySeq().toArray()) {
    const [path, ldata] = localeData(out, locale);
    if (!ldata || !ldata.get) continue;
    let next = ldata.delete(REVIEWED);
    if (ldata.get(REVIEWED) && hash) {
      next = next.delete('translation').setIn(['translation', 'source_hashes', 'page'], hash);
    } else if (next.get('translation') === '' || next.get('translation') === null) {
      next = next.delete('translation');
    }
    out = out.setIn(path, next);
  }
  return out;
}

async function start() {
  const response = await fetch('config.json', { cache: 'no-store' });
  const config = await response.json();
  for (const collection of config.collections) applyYearLimits(collection.fields, new Date());
  const { CMS } = window;
  CMS.registerEventListener({ name: 'preSave', handler: ({ entry }) => stampTranslations(entry) });
  for (const href of config['x-ssa-preview-styles'] || []) CMS.registerPreviewStyle(href);
  delete config['x-ssa-preview-styles'];
  CMS.init({ config });
}

if (typeof window !== 'undefined' && window.CMS) start();
