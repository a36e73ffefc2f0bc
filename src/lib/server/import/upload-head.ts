import type { MappedColumn } from '../../domain/headers';
import type { ProfileMapping } from './profiles';

/** What the upload endpoint answers about a received export: what the server sees in it, before anything is imported. */
export interface UploadHead {
	upload: { id: string; name: string; size: number };
	encoding: string;
	titleRows: string[][];
	header: string[];
	headersKey: string;
	/** The automatic mapping of each header to a field of the dictionary. */
	columns: MappedColumn[];
	/** The saved mapping profile for this header, if one matches. */
	profile: { name: string; mapping: ProfileMapping } | null;
	preview: string[][];
}
