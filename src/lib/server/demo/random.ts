/** A seeded random source, so that the demo data set is the same on every machine for the same seed. */
export interface Random {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	normal(mean?: number, sd?: number): number;
	chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
	// mulberry32: small, fast and good enough for synthetic data (not for anything secret).
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const r: Random = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => {
			const item = items[Math.floor(next() * items.length)];
			if (item === undefined) throw new Error('pick from an empty list');
			return item;
		},
		weighted: (items) => {
			const total = items.reduce((s, [, w]) => s + w, 0);
			let x = next() * total;
			for (const [v, w] of items) if ((x -= w) < 0) return v;
			const last = items.at(-1);
			if (!last) throw new Error('weighted pick from an empty list');
			return last[0];
		},
		normal: (mean = 0, sd = 1) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
		chance: (p) => next() < p
	};
	return r;
}
