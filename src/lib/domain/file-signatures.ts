import { extensionOf } from './case-file';

/**
 * What the first bytes of a file of each accepted type look like. A file whose content is not of the type its name
 * says is refused: a script renamed to .pdf must not be served inline as a PDF, nor archived as one.
 */

type Signature = { at: number; bytes: readonly number[] };

const ascii = (s: string, at = 0): Signature => ({ at, bytes: [...s].map((c) => c.charCodeAt(0)) });
const hex = (h: string, at = 0): Signature => ({ at, bytes: h.match(/../g)!.map((b) => parseInt(b, 16)) });

/** Office Open XML, OFD and other ZIP containers. */
const ZIP = [hex('504b0304')];
/** Word 97–2003, Excel 97–2003 and WPS documents: the OLE compound file. */
const OLE = [hex('d0cf11e0a1b11ae1')];
/** ISO media (MP4, MOV, M4A): a box size, then 'ftyp'; some QuickTime files start with other boxes. */
const ISO_MEDIA = [ascii('ftyp', 4), ascii('moov', 4), ascii('mdat', 4), ascii('wide', 4), ascii('free', 4)];

/** Each extension's possible starts; a file matches when any one of them is found. */
const SIGNATURES: Record<string, readonly Signature[]> = {
	'.pdf': [ascii('%PDF-')],
	'.ofd': ZIP,
	'.jpg': [hex('ffd8ff')],
	'.jpeg': [hex('ffd8ff')],
	'.png': [hex('89504e470d0a1a0a')],
	'.gif': [ascii('GIF87a'), ascii('GIF89a')],
	'.webp': [ascii('WEBP', 8)],
	'.bmp': [ascii('BM')],
	'.tif': [hex('49492a00'), hex('4d4d002a')],
	'.tiff': [hex('49492a00'), hex('4d4d002a')],
	'.mp4': ISO_MEDIA,
	'.m4v': ISO_MEDIA,
	'.mov': ISO_MEDIA,
	'.m4a': ISO_MEDIA,
	'.webm': [hex('1a45dfa3')],
	'.avi': [ascii('AVI ', 8)],
	'.mp3': [ascii('ID3'), hex('fffb'), hex('fff3'), hex('fff2'), hex('ffe3')],
	'.wav': [ascii('WAVE', 8)],
	'.ogg': [ascii('OggS')],
	'.amr': [ascii('#!AMR')],
	'.doc': OLE,
	'.xls': OLE,
	'.wps': OLE,
	'.docx': ZIP,
	'.xlsx': ZIP
};

/** The extensions with a signature; `.txt` is checked otherwise. */
export const SIGNED_EXTENSIONS: readonly string[] = Object.keys(SIGNATURES);

/** How many leading bytes the check needs. */
export const SIGNATURE_BYTES = 16;

/**
 * Whether a file's first bytes are those of the type its name gives. Plain text has no signature: it is accepted
 * unless it holds NUL bytes, which text does not.
 */
export function contentMatchesName(name: string, head: Uint8Array): boolean {
	const ext = extensionOf(name);
	if (ext === '.txt') return !head.includes(0);
	const signatures = SIGNATURES[ext];
	if (!signatures) return false;
	return signatures.some((s) => s.bytes.every((b, i) => head[s.at + i] === b));
}
