/**
 * `node --import tsx scripts/bench-facts-extract.ts [N]`: the facts reader's cost alone, on N (default 100,000) demo
 * facts paragraphs; prints one JSON line. All seven circumstances asked for, then only the harm (the one the demo
 * most often leaves blank), as the importer asks for a row's blank ones only.
 */
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { generateDemoCases } from '../src/lib/server/demo';
import { factsParagraph } from '../src/lib/server/demo/facts';
import { seededRandom } from '../src/lib/server/demo/random';
import { circumstancesFromFacts } from '../src/lib/domain/facts-circumstances';

const n = Number(process.argv[2] ?? 100_000);
const r = seededRandom(5);
const texts: string[] = [];
for (const dc of generateDemoCases(loadCatalog(), loadCalendar(), { cases: n, seed: 3 })) {
	texts.push(factsParagraph(dc.record, r));
	if (texts.length >= n) break;
}
const time = (keys?: Parameters<typeof circumstancesFromFacts>[1]) => {
	let found = 0;
	const t0 = performance.now();
	for (const t of texts) found += circumstancesFromFacts(t, keys).length;
	const ms = performance.now() - t0;
	return { found, ms: Math.round(ms), usPerText: Math.round((ms * 10_000) / texts.length) / 10 };
};
console.log(JSON.stringify({ texts: texts.length, all: time(), harmOnly: time(['harm']) }));
