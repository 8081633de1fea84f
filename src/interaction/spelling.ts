/** Where a command is asked: answers name commands the way that place spells them. */
export type Surface = 'discord' | 'console' | 'cli';

/** How a surface spells the commands that answers suggest; Discord's markdown shows as plain text elsewhere. */
export interface CommandSpelling {
	/** A search for `words`. */
	search(words: string): string;
	show(id: string): string;
	add(id: string): string;
	/** How to find a paper's id from its title. */
	findId: string;
}

const SPELLINGS: Record<Surface, CommandSpelling> = {
	discord: {
		search: (words) => `\`/paper search query:${words}\``,
		show: (id) => `\`/paper show id:${id}\``,
		add: (id) => `\`/paper add id:${id}\``,
		findId: 'Type part of a title and pick from the list.',
	},
	console: {
		search: (words) => `\`/paper search ${words}\``,
		show: (id) => `\`/paper show ${id}\``,
		add: (id) => `\`/paper add ${id}\``,
		findId: 'Find its id with `/paper search <words>`.',
	},
	cli: {
		search: (words) => `\`paperbot search "${words}"\``,
		show: (id) => `\`paperbot show ${id}\``,
		add: (id) => `\`paperbot add ${id}\``,
		findId: 'Find its id with `paperbot search <words>`.',
	},
};

/** The spelling of the surface that asked (Discord unless the context says otherwise). */
export function spellingFor(context: { readonly surface?: Surface | undefined }): CommandSpelling {
	return SPELLINGS[context.surface ?? 'discord'];
}
