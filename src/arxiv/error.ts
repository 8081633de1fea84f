/** Why arXiv could not give us a paper; callers branch on this, people read the message. */
export type ArxivErrorCode =
	/** The text is not an arXiv id or link; caught before any request. */
	| 'bad-id'
	/** arXiv has no paper with this id (an empty feed, or no entry for it). */
	| 'unknown-id'
	/** The paper exists but its authors withdrew it. */
	| 'withdrawn'
	/** arXiv's entry lacks something a card needs (its title or abstract). */
	| 'incomplete-entry'
	/** arXiv answered with an error entry (`http://arxiv.org/api/errors#...`). */
	| 'api-error'
	/** arXiv answered with an HTTP status other than 200. */
	| 'http-status'
	/** arXiv did not answer within the timeout. */
	| 'timeout'
	/** arXiv could not be reached at all (DNS, refused connection, reset). */
	| 'network'
	/** The answer is not well-formed XML, or not an Atom feed. */
	| 'malformed-feed';

/** A one-sentence, user-presentable reason why a paper could not be fetched from arXiv. */
export class ArxivError extends Error {
	override readonly name = 'ArxivError';

	/**
	 * @param code what went wrong, for callers to branch on
	 * @param message one sentence naming the cause, fit to show to the person who asked
	 */
	constructor(
		readonly code: ArxivErrorCode,
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}
