/** Who does something, as the audit log records it: a user name (or the command line's) and where from. */
export interface Actor {
	username: string;
	ip?: string | null;
}
