import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './request-meta';

/** What `url.searchParams.get('to')` gives for a raw query value, as the routes read it. */
const decoded = (raw: string) => new URLSearchParams(`to=${raw}`).get('to');

/** Where a browser would go from a page of this site if it followed `location`. */
const landing = (location: string) => new URL(location, 'http://127.0.0.1:3000/login').host;

describe('safeReturnPath', () => {
	it('keeps a path of this site with its query and fragment', () => {
		expect(safeReturnPath('/cases?year=2023&q=a')).toBe('/cases?year=2023&q=a');
		expect(safeReturnPath('/cases/X-1#files')).toBe('/cases/X-1#files');
		expect(safeReturnPath(decoded('%2Froster%3Fpage%3D2'))).toBe('/roster?page=2');
	});

	it('percent-encodes what a Location header cannot carry', () => {
		expect(safeReturnPath('/cases?q=张三')).toBe('/cases?q=%E5%BC%A0%E4%B8%89');
		expect(() => new Headers({ location: safeReturnPath('/cases?q=张 三') })).not.toThrow();
	});

	const hostile = [
		'',
		'cases',
		'//evil.example/x',
		'/\\evil.example/x',
		'\\\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/x\nSet-Cookie: a=b',
		'/\u0000/evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		' /\\evil.example',
		'/.//evil.example/x',
		'/..//evil.example/x',
		'/a/../..//evil.example'
	];
	it.each(hostile)('refuses %j', (to) => {
		const path = safeReturnPath(to);
		expect(path).toBe('/');
	});

	const encoded = [
		'/%5C127.0.0.1:3399/x',
		'/%09/127.0.0.1:3399/x',
		'/%0A/127.0.0.1:3399/x',
		'/%0D%0A/evil',
		'%2F%2Fevil.example',
		'/%2F/evil.example',
		'/%5C%5Cevil'
	];
	it.each(encoded)('refuses the encoded form %s', (raw) => {
		const path = safeReturnPath(decoded(raw));
		expect(path).toBe('/');
		expect(landing(path)).toBe('127.0.0.1:3000');
	});

	it('leaves a doubly encoded separator encoded, so that it stays a path on this host', () => {
		const path = safeReturnPath(decoded('/%255C127.0.0.1:3399/x'));
		expect(path).toBe('/%5C127.0.0.1:3399/x');
		expect(landing(path)).toBe('127.0.0.1:3000');
	});

	it('gives the home page for no target', () => {
		expect(safeReturnPath(null)).toBe('/');
		expect(safeReturnPath(undefined)).toBe('/');
	});
});
