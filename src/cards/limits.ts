import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { CUSTOM_ID_MAX } from '../interaction/custom-ids.js';

/** Discord's limits on one message's embeds and components, in characters. */
export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	authorName: 256,
	/** Across every embed of one message. */
	total: 6000,
	embedsPerMessage: 10,
} as const;

export const COMPONENT_LIMITS = {
	rowsPerMessage: 5,
	buttonsPerRow: 5,
	buttonLabel: 80,
	customId: CUSTOM_ID_MAX,
	selectOptions: 25,
	optionLabel: 100,
	optionValue: 100,
	optionDescription: 100,
	placeholder: 150,
} as const;

/**
 * Cuts text to at most `max` characters, at a word boundary where one is near, ending with "…".
 * Lengths are UTF-16 code units, which never undercount what Discord counts, and a surrogate pair
 * is never split.
 */
export function truncateAtWord(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max < 1) return '';
	const codePoints = [...text];
	let cut = '';
	for (const codePoint of codePoints) {
		if (cut.length + codePoint.length > max - 1) break;
		cut += codePoint;
	}
	const lastSpace = cut.search(/\s\S*$/);
	// Falling back to a hard cut keeps most of the text when one word is longer than the budget.
	if (lastSpace > max * 0.6) cut = cut.slice(0, lastSpace);
	// A trailing lone backslash would escape the ellipsis and leave a broken escape behind.
	cut = cut.trimEnd().replace(/(?<!\\)(\\\\)*\\$/, '$1');
	return `${cut}…`;
}

/** The characters of an embed that count towards the 6,000 shared by a message's embeds. */
export function embedCharacterCount(embed: APIEmbed): number {
	let count = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
	count += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
	for (const field of embed.fields ?? []) count += field.name.length + field.value.length;
	return count;
}

/**
 * Every way the embeds of one message break Discord's limits, one sentence each; an empty list
 * means Discord will accept them.
 */
export function embedLimitViolations(embeds: readonly APIEmbed[]): string[] {
	const violations: string[] = [];
	const over = (where: string, length: number, max: number) => {
		if (length > max) violations.push(`${where} is ${length} characters (max ${max})`);
	};
	if (embeds.length > EMBED_LIMITS.embedsPerMessage) {
		violations.push(`message has ${embeds.length} embeds (max ${EMBED_LIMITS.embedsPerMessage})`);
	}
	embeds.forEach((embed, index) => {
		const where = `embed ${index}`;
		if (embed.title !== undefined && embed.title.trim() === '') violations.push(`${where}: title is empty`);
		over(`${where}: title`, embed.title?.length ?? 0, EMBED_LIMITS.title);
		over(`${where}: description`, embed.description?.length ?? 0, EMBED_LIMITS.description);
		over(`${where}: footer`, embed.footer?.text.length ?? 0, EMBED_LIMITS.footer);
		over(`${where}: author name`, embed.author?.name.length ?? 0, EMBED_LIMITS.authorName);
		const fields = embed.fields ?? [];
		if (fields.length > EMBED_LIMITS.fields) {
			violations.push(`${where}: has ${fields.length} fields (max ${EMBED_LIMITS.fields})`);
		}
		fields.forEach((field, fieldIndex) => {
			if (!field.name.trim()) violations.push(`${where}: field ${fieldIndex} has an empty name`);
			if (!field.value.trim()) violations.push(`${where}: field ${fieldIndex} has an empty value`);
			over(`${where}: field ${fieldIndex} name`, field.name.length, EMBED_LIMITS.fieldName);
			over(`${where}: field ${fieldIndex} value`, field.value.length, EMBED_LIMITS.fieldValue);
		});
	});
	const total = embeds.reduce((sum, embed) => sum + embedCharacterCount(embed), 0);
	over('embeds together', total, EMBED_LIMITS.total);
	return violations;
}

/**
 * Every way a message's component rows break Discord's limits, one sentence each: row and button
 * counts, custom_id and label lengths, select menu options, duplicate custom_ids.
 */
export function componentLimitViolations(rows: readonly APIActionRowComponent<APIComponentInMessageActionRow>[]): string[] {
	const violations: string[] = [];
	const over = (where: string, length: number, max: number) => {
		if (length > max) violations.push(`${where} is ${length} characters (max ${max})`);
	};
	const customIds = new Set<string>();
	if (rows.length > COMPONENT_LIMITS.rowsPerMessage) {
		violations.push(`message has ${rows.length} component rows (max ${COMPONENT_LIMITS.rowsPerMessage})`);
	}
	rows.forEach((row, rowIndex) => {
		const where = `row ${rowIndex}`;
		if (row.components.length === 0) violations.push(`${where} is empty`);
		if (row.components.length > COMPONENT_LIMITS.buttonsPerRow) {
			violations.push(`${where} has ${row.components.length} components (max ${COMPONENT_LIMITS.buttonsPerRow})`);
		}
		for (const component of row.components) {
			if ('custom_id' in component) {
				over(`${where}: custom_id "${component.custom_id}"`, component.custom_id.length, COMPONENT_LIMITS.customId);
				if (customIds.has(component.custom_id)) violations.push(`${where}: custom_id "${component.custom_id}" is used twice`);
				customIds.add(component.custom_id);
			}
			if ('label' in component && component.label !== undefined) {
				over(`${where}: button label`, component.label.length, COMPONENT_LIMITS.buttonLabel);
			}
			if (!('options' in component)) continue;
			if (row.components.length > 1) violations.push(`${where}: a select menu must be alone in its row`);
			if (component.options.length > COMPONENT_LIMITS.selectOptions) {
				violations.push(`${where}: select menu has ${component.options.length} options (max ${COMPONENT_LIMITS.selectOptions})`);
			}
			over(`${where}: placeholder`, component.placeholder?.length ?? 0, COMPONENT_LIMITS.placeholder);
			const values = new Set(component.options.map((option) => option.value));
			if (values.size !== component.options.length) violations.push(`${where}: select menu option values repeat`);
			component.options.forEach((option, optionIndex) => {
				over(`${where}: option ${optionIndex} label`, option.label.length, COMPONENT_LIMITS.optionLabel);
				over(`${where}: option ${optionIndex} value`, option.value.length, COMPONENT_LIMITS.optionValue);
				over(`${where}: option ${optionIndex} description`, option.description?.length ?? 0, COMPONENT_LIMITS.optionDescription);
			});
		}
	});
	return violations;
}
