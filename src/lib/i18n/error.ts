import { bilingual } from './index';
import type { Text } from './message';

export interface LocalizedErrorOptions {
	/** Puts the English after the Chinese in `.message`, for the commands that have always printed both. */
	bilingual?: ' / ' | '\n/ ';
	cause?: unknown;
}

/**
 * An error whose text is a message key with values (`.msg`), so that a page shows it in the reader's language.
 * `.message` is the Chinese text, for logs and the command line.
 */
export class LocalizedError extends Error {
	readonly msg: Text;
	constructor(text: Text, options: LocalizedErrorOptions = {}) {
		const { zh, en } = bilingual(text);
		super(options.bilingual ? `${zh}${options.bilingual}${en}` : zh, options.cause === undefined ? undefined : { cause: options.cause });
		this.msg = text;
	}
}

/** What a page or API may show of any error: its message when it has one, else the raw text (logged as it is). */
export function textOf(e: unknown): Text {
	if (e instanceof LocalizedError) return e.msg;
	return { key: 'err.unexpected', values: { detail: e instanceof Error ? e.message : String(e) } };
}
