import { loadCatalog } from '/work/wt-facts/src/lib/server/catalog';
import { loadCalendar } from '/work/wt-facts/src/lib/server/calendar';
import { generateDemoCases } from '/work/wt-facts/src/lib/server/demo/generate';
import { factsParagraph } from '/work/wt-facts/src/lib/server/demo/facts';
import { seededRandom } from '/work/wt-facts/src/lib/server/demo/random';
import { circumstancesFromFacts } from '/work/wt-facts/src/lib/domain/facts-circumstances';
const r = seededRandom(5);
const texts: string[] = [];
for (const dc of generateDemoCases(loadCatalog(), loadCalendar(), { cases: 100_000, seed: 3 })) { texts.push(factsParagraph(dc.record, r)); if (texts.length >= 100_000) break; }
let found = 0;
const t0 = performance.now();
for (const t of texts) found += circumstancesFromFacts(t).length;
const ms = performance.now() - t0;
console.log(JSON.stringify({ texts: texts.length, found, ms: Math.round(ms), usPerText: +(ms * 1000 / texts.length).toFixed(1) }));
