import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogData } from '../../domain/catalog';
import { loadCalendar } from '../calendar';
import { ensureShippedVersion, getCatalog, loadCatalog, publishCatalog } from '../catalog';
import { openMigrated, type Database } from '../db';
import { seedDemo } from '../demo';
import { modelCard, type ModelCard } from './artifacts';
import { modelCatalogStatus } from './catalog-status';
import { trainDiscretion } from './train';

const dir = mkdtempSync(join(tmpdir(), 'equitas-model-catalog-'));
const shipped = loadCatalog();
const actor = { username: 'analyst' };
let db: Database;
let card: ModelCard;

beforeAll(async () => {
	process.env.EQUITAS_TODAY = '2026-06-01';
	db = await openMigrated(join(dir, 'm.duckdb'));
	await seedDemo(db, shipped, loadCalendar(), { dir: join(dir, 'files'), seed: 4, cases: 2500 });
	// Trained under version 2 (a wording change only), the version in force.
	await ensureShippedVersion(db);
	const worded = structuredClone(catalogData(shipped));
	worded.version = '2026.2';
	worded.items[0]!.tiers[0]!.text = '措辞修订';
	await publishCatalog(db, { json: worded, source: 'w', effective: '2025-01-01', note: '措辞', actor });
	const { model, evaluation } = await trainDiscretion(db, getCatalog(), { baselines: false, maxTrain: 400, maxValidation: 80 });
	card = modelCard(model.meta, evaluation);
	model.network.dispose();
}, 240_000);
afterAll(async () => {
	delete process.env.EQUITAS_TODAY;
	await db?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the model and the catalog version it was trained under', () => {
	it('names the version on the model card', () => {
		expect(card.catalog).toMatchObject({ version: 2, label: '2026.2', effective_from: '2025-01-01' });
	});

	it('says nothing while the version in force changes no tier, and says so when one does', async () => {
		expect(await modelCatalogStatus(db, card)).toMatchObject({ trained: { version: 2, recorded: true }, changed: false });
		// A new note and wording: the tiers the model uses are the same.
		const reworded = structuredClone(catalogData(getCatalog()));
		reworded.version = '2026.3';
		reworded.items[0]!.tiers[1]!.text = '又一次措辞修订';
		await publishCatalog(db, { json: reworded, source: 'r', effective: '2026-01-01', note: '措辞', actor });
		expect((await modelCatalogStatus(db, card))?.changed).toBe(false);
		// A tier's range changes: the model page offers retraining.
		const moved = structuredClone(reworded);
		moved.version = '2026.4';
		const item = moved.items.find((i) => i.tiers.some((t) => t.tier === '一般'))!;
		item.tiers.find((t) => t.tier === '一般')!.max -= 1;
		await publishCatalog(db, { json: moved, source: 'm', effective: '2026-05-01', note: '调整一般阶次', actor });
		expect(await modelCatalogStatus(db, card)).toMatchObject({ trained: { version: 2 }, inForce: { version: 4, label: '2026.4' }, changed: true });
	});

	it('takes a model card from before catalog versions as trained under version 1', async () => {
		const old = { ...card, catalog: undefined };
		expect(await modelCatalogStatus(db, old)).toMatchObject({ trained: { version: 1, label: shipped.version, recorded: false }, changed: true });
	});
});
