/**
 * The payload limits Discord enforces, so that what real Discord would reject with
 * 50035 "Invalid Form Body" is rejected by the stand-in too.
 */

/** One broken rule: where in the payload (`embeds.0.title`), Discord's error code and text. */
export interface FormError {
	path: string;
	code: string;
	message: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function maxLength(errors: FormError[], path: string, value: unknown, max: number, min = 0): number {
	if (typeof value !== 'string') return 0;
	if (value.length > max) {
		errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
	} else if (value.length < min) {
		errors.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
	}
	return value.length;
}

function maxItems(errors: FormError[], path: string, value: unknown, max: number): void {
	if (Array.isArray(value) && value.length > max) {
		errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
	}
}

function wellFormedUrl(errors: FormError[], path: string, value: unknown): void {
	if (value === undefined || value === null) return;
	if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/.test(value)) {
		errors.push({ path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
	}
}

function checkEmbed(errors: FormError[], path: string, embed: Json): number {
	const author = isObject(embed.author) ? embed.author : {};
	const footer = isObject(embed.footer) ? embed.footer : {};
	let total = maxLength(errors, `${path}.title`, embed.title, 256);
	total += maxLength(errors, `${path}.description`, embed.description, 4096);
	total += maxLength(errors, `${path}.author.name`, author.name, 256);
	total += maxLength(errors, `${path}.footer.text`, footer.text, 2048);
	wellFormedUrl(errors, `${path}.url`, embed.url);
	wellFormedUrl(errors, `${path}.author.url`, author.url);
	maxItems(errors, `${path}.fields`, embed.fields, 25);
	arrayOf(embed.fields).forEach((field, index) => {
		const fieldObject = isObject(field) ? field : {};
		total += maxLength(errors, `${path}.fields.${index}.name`, fieldObject.name, 256, 1);
		total += maxLength(errors, `${path}.fields.${index}.value`, fieldObject.value, 1024, 1);
	});
	return total;
}

function checkComponent(errors: FormError[], path: string, component: Json, customIds: Set<string>): void {
	if (typeof component.custom_id === 'string') {
		maxLength(errors, `${path}.custom_id`, component.custom_id, 100, 1);
		if (customIds.has(component.custom_id)) {
			errors.push({
				path: `${path}.custom_id`,
				code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
				message: 'Component custom id cannot be duplicated',
			});
		}
		customIds.add(component.custom_id);
	}
	if (component.type === 2) {
		maxLength(errors, `${path}.label`, component.label, 80);
		const isLink = component.style === 5;
		if (isLink) wellFormedUrl(errors, `${path}.url`, component.url ?? '');
		if (!isLink && typeof component.custom_id !== 'string') {
			errors.push({ path: `${path}.custom_id`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
		}
	}
	if (component.type === 3) {
		maxLength(errors, `${path}.placeholder`, component.placeholder, 150);
		maxItems(errors, `${path}.options`, component.options, 25);
		arrayOf(component.options).forEach((option, index) => {
			const optionObject = isObject(option) ? option : {};
			maxLength(errors, `${path}.options.${index}.label`, optionObject.label, 100, 1);
			maxLength(errors, `${path}.options.${index}.value`, optionObject.value, 100, 1);
			maxLength(errors, `${path}.options.${index}.description`, optionObject.description, 100);
		});
	}
}

/** Checks a message create or edit payload against Discord's length and count limits. */
export function checkMessagePayload(body: unknown): FormError[] {
	const errors: FormError[] = [];
	const message = isObject(body) ? body : {};
	maxLength(errors, 'content', message.content, 2000);
	maxItems(errors, 'embeds', message.embeds, 10);
	let embedTotal = 0;
	arrayOf(message.embeds).forEach((embed, index) => {
		if (isObject(embed)) embedTotal += checkEmbed(errors, `embeds.${index}`, embed);
	});
	if (embedTotal > 6000) {
		errors.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
	}
	maxItems(errors, 'components', message.components, 5);
	const customIds = new Set<string>();
	arrayOf(message.components).forEach((row, rowIndex) => {
		const rowComponents = isObject(row) ? arrayOf(row.components) : [];
		maxItems(errors, `components.${rowIndex}.components`, rowComponents, 5);
		rowComponents.forEach((component, index) => {
			if (isObject(component)) checkComponent(errors, `components.${rowIndex}.components.${index}`, component, customIds);
		});
	});
	return errors;
}

/** True when a message create has nothing to show: Discord answers 50006 "Cannot send an empty message". */
export function isEmptyMessage(body: unknown): boolean {
	const message = isObject(body) ? body : {};
	return (
		!(typeof message.content === 'string' && message.content.length > 0) &&
		arrayOf(message.embeds).length === 0 &&
		arrayOf(message.components).length === 0 &&
		arrayOf(message.attachments).length === 0
	);
}

/** Checks an autocomplete result (callback type 8): at most 25 choices, names 1-100 characters. */
export function checkAutocompleteChoices(data: unknown): FormError[] {
	const errors: FormError[] = [];
	const choices = isObject(data) ? data.choices : undefined;
	if (!Array.isArray(choices)) {
		return [{ path: 'data.choices', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
	}
	maxItems(errors, 'data.choices', choices, 25);
	choices.forEach((choice, index) => {
		const choiceObject = isObject(choice) ? choice : {};
		maxLength(errors, `data.choices.${index}.name`, choiceObject.name, 100, 1);
		maxLength(errors, `data.choices.${index}.value`, choiceObject.value, 100);
	});
	return errors;
}

/** Checks a thread name: 1-100 characters. */
export function checkThreadName(name: unknown): FormError[] {
	if (typeof name !== 'string') return [{ path: 'name', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
	const errors: FormError[] = [];
	maxLength(errors, 'name', name, 100, 1);
	return errors;
}

function checkCommandOptions(errors: FormError[], path: string, options: unknown): void {
	maxItems(errors, path, options, 25);
	let seenOptional = false;
	arrayOf(options).forEach((option, index) => {
		const optionObject = isObject(option) ? option : {};
		const optionPath = `${path}.${index}`;
		if (typeof optionObject.name !== 'string' || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(optionObject.name)) {
			errors.push({ path: `${optionPath}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
		}
		maxLength(errors, `${optionPath}.description`, optionObject.description, 100, 1);
		maxItems(errors, `${optionPath}.choices`, optionObject.choices, 25);
		if (optionObject.required === true && seenOptional) {
			errors.push({
				path: `${optionPath}.required`,
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		}
		if (optionObject.required !== true && optionObject.type !== 1 && optionObject.type !== 2) seenOptional = true;
		if (optionObject.type === 1 || optionObject.type === 2) checkCommandOptions(errors, `${optionPath}.options`, optionObject.options);
	});
}

/** Checks a bulk-overwrite body: names, descriptions and options as Discord validates them. */
export function checkCommands(body: unknown): FormError[] {
	if (!Array.isArray(body)) return [{ path: '', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
	const errors: FormError[] = [];
	maxItems(errors, '', body, 100);
	body.forEach((command, index) => {
		const commandObject = isObject(command) ? command : {};
		const type = commandObject.type ?? 1;
		const namePattern = type === 1 ? /^[-_\p{Ll}\p{N}]{1,32}$/u : /^.{1,32}$/u;
		if (typeof commandObject.name !== 'string' || !namePattern.test(commandObject.name)) {
			errors.push({ path: `${index}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
		}
		if (type === 1) maxLength(errors, `${index}.description`, commandObject.description ?? '', 100, 1);
		else if (commandObject.description) {
			errors.push({
				path: `${index}.description`,
				code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
				message: 'Context menu commands cannot have description',
			});
		}
		checkCommandOptions(errors, `${index}.options`, commandObject.options);
	});
	return errors;
}

/** Discord's nested `errors` object for a 50035 answer, built from the flat list. */
export function formErrorBody(errors: FormError[]): { message: string; code: number; errors: Json } {
	const nested: Json = {};
	for (const error of errors) {
		let node = nested;
		for (const key of error.path.split('.').filter((part) => part.length > 0)) {
			node[key] = isObject(node[key]) ? node[key] : {};
			node = node[key] as Json;
		}
		const list = Array.isArray(node._errors) ? node._errors : [];
		node._errors = [...list, { code: error.code, message: error.message }];
	}
	return { message: 'Invalid Form Body', code: 50035, errors: nested };
}
