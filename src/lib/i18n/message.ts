import type { zhErrors, ErrorKey } from './errors.zh-CN';
import type { MessageKey, zhCN } from './zh-CN';

/**
 * A server message as data: a dictionary key and the values it interpolates. Errors carry these so that each page
 * renders them in its own language; `.message` stays Chinese for logs and the command line.
 */
export type Key = MessageKey | ErrorKey;

/** A name that comes from data, such as a case-schema field's header and its English name. */
export interface Term {
	zh: string;
	en: string;
}

export type Value = string | number | Term;

export interface Message {
	key: Key;
	values?: Record<string, Value>;
}

/** One message, or several shown together (joined the way each language lists things). */
export type Text = Message | readonly Message[];

// The variables of a dictionary string, read from its `{{name}}` placeholders so that `msg` checks them.
type Vars<S extends string> = S extends `${string}{{${infer V}}}${infer R}` ? V | Vars<R> : never;
type KeyVars<K extends Key> = Vars<(typeof zhCN & typeof zhErrors)[K]>;

/** Builds a message whose values are exactly the placeholders of its Chinese text. */
export function msg<K extends Key>(key: K, ...values: [KeyVars<K>] extends [never] ? [] : [Record<KeyVars<K>, Value>]): Message {
	return values[0] ? { key, values: values[0] } : { key };
}

export function isTerm(v: unknown): v is Term {
	return typeof v === 'object' && v !== null && typeof (v as Term).zh === 'string' && typeof (v as Term).en === 'string';
}

export function isMessage(v: unknown): v is Message {
	return typeof v === 'object' && v !== null && typeof (v as Message).key === 'string';
}

export function asList(text: Text): readonly Message[] {
	return isMessage(text) ? [text] : (text as readonly Message[]);
}

/** The placeholder names of a dictionary string, for the test that both languages agree. */
export function placeholders(s: string): string[] {
	return [...new Set([...s.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

/**
 * A message as a zod issue's text (zod carries only strings): schemas say `{ error: issueText(msg(...)) }` and
 * `issueMessage` reads it back. Zod's own texts (for checks a schema left unworded) pass through as they are.
 */
export function issueText(m: Message): string {
	return JSON.stringify(m);
}

export function issueMessage(text: string): Message {
	try {
		const m: unknown = JSON.parse(text);
		if (isMessage(m)) return m;
	} catch {
		// not one of ours
	}
	return { key: 'err.unexpected', values: { detail: text } };
}

/** The distinct messages of a list of zod issues, in order. */
export function issueMessages(issues: readonly { message: string }[]): Message[] {
	return [...new Set(issues.map((i) => i.message))].map(issueMessage);
}
