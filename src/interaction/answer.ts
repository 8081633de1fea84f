import { errorReply, UserError, type Reply } from './reply.js';

/** The answer users see when paperbot itself failed; the details go to the log only. */
export const FAULT_MESSAGE = 'Something went wrong; it has been logged.';

/**
 * Runs a handler, turning a problem with the user's input into a short private answer and any
 * other failure into {@link FAULT_MESSAGE}, reported through `onFault`.
 */
export async function answer(
	handler: () => Reply | Promise<Reply>,
	onFault: (error: unknown) => void = (error) => console.error(error),
): Promise<Reply> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof UserError) return errorReply(error.message);
		onFault(error);
		return errorReply(FAULT_MESSAGE);
	}
}
