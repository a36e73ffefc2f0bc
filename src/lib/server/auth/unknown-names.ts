/**
 * Failed sign-ins under names that are no account, counted like an account's so that an unknown name locks after
 * the same number of failures. Held in memory and bounded: the names that failed longest ago are forgotten first.
 */
export class FailureCounter {
	readonly #entries = new Map<string, { failed: number; lockedUntilMs: number | null }>();

	constructor(readonly rule: { attempts: number; lockoutMs: number; capacity: number }) {}

	/** Counts one failure; returns until when the name is locked, or null when it is not. */
	fail(name: string, now: number): number | null {
		const seen = this.#entries.get(name);
		if (seen?.lockedUntilMs != null && seen.lockedUntilMs > now) return seen.lockedUntilMs;
		const failed = (seen && seen.lockedUntilMs === null ? seen.failed : 0) + 1;
		const lockedUntilMs = failed >= this.rule.attempts ? now + this.rule.lockoutMs : null;
		// Re-inserted at the end, so that the Map's order is the order of last failure.
		this.#entries.delete(name);
		this.#entries.set(name, { failed: lockedUntilMs ? 0 : failed, lockedUntilMs });
		for (const oldest of this.#entries.keys()) {
			if (this.#entries.size <= this.rule.capacity) break;
			this.#entries.delete(oldest);
		}
		return lockedUntilMs;
	}

	get size(): number {
		return this.#entries.size;
	}
}
