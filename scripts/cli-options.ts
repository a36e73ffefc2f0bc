import { InvalidArgumentError } from 'commander';

/** Parses a command-line count such as 1000000 or 1_000_000. */
export function positiveInt(v: string): number {
	const n = Number(v.replace(/_/g, ''));
	if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数 / must be a positive whole number');
	return n;
}
