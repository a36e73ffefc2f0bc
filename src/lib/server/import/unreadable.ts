import { LocalizedError } from '../../i18n/error';
import type { Text } from '../../i18n/message';

/** A file that is not a table we can read, with the reason in the reader's words. */
export class UnreadableFileError extends LocalizedError {
	constructor(text: Text) {
		super(text);
		this.name = 'UnreadableFileError';
	}
}
