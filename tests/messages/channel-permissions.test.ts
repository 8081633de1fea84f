import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { checkChannel } from '../../src/messages/channel-permissions.js';

const ALL =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.ReadMessageHistory |
	PermissionFlagsBits.CreatePublicThreads |
	PermissionFlagsBits.SendMessagesInThreads |
	PermissionFlagsBits.SendPolls;
const without = (...bits: bigint[]) => ({ visible: true as const, held: bits.reduce((held, bit) => held & ~bit, ALL) });
const CHANNEL = '200000000000000001';

describe('checkChannel', () => {
	it('passes a channel where paperbot holds every permission the use needs', () => {
		for (const use of ['potd', 'digest', 'feed', 'reading'] as const) expect(checkChannel(use, CHANNEL, without(), true)).toBeNull();
	});

	it('refuses the reading group where polls cannot be posted, naming every missing permission and what each stops, and the fix', () => {
		expect(checkChannel('reading', CHANNEL, without(PermissionFlagsBits.SendPolls, PermissionFlagsBits.CreatePublicThreads))).toEqual({
			refused: true,
			text: `paperbot lacks *Send Polls* (the reading polls cannot be posted) and *Create Public Threads* (picks go out without a discussion thread) in <#${CHANNEL}>; give it *Send Polls* and *Create Public Threads* there, or pick another channel.`,
		});
	});

	it('accepts with a warning what works less well: picks without a thread, a paper of the day whose fix may be thread:false', () => {
		expect(checkChannel('reading', CHANNEL, without(PermissionFlagsBits.CreatePublicThreads))).toEqual({
			refused: false,
			text: `paperbot lacks *Create Public Threads* (picks go out without a discussion thread) in <#${CHANNEL}>; give it *Create Public Threads* there.`,
		});
		expect(checkChannel('potd', CHANNEL, without(PermissionFlagsBits.CreatePublicThreads), true)).toEqual({
			refused: false,
			text: `paperbot lacks *Create Public Threads* (posts go out without a thread) in <#${CHANNEL}>; give it *Create Public Threads* there (or turn threads off with \`thread:false\`).`,
		});
		expect(checkChannel('potd', CHANNEL, without(PermissionFlagsBits.CreatePublicThreads), false)).toBeNull();
		expect(checkChannel('digest', CHANNEL, without(PermissionFlagsBits.ReadMessageHistory))).toMatchObject({ refused: false });
	});

	it('refuses a channel paperbot cannot post in, or cannot see', () => {
		expect(checkChannel('feed', CHANNEL, without(PermissionFlagsBits.SendMessages, PermissionFlagsBits.ReadMessageHistory))).toEqual({
			refused: true,
			text: `paperbot lacks *Send Messages* (nothing is posted there) and *Read Message History* (a post interrupted by a restart is held until paperbot can check the channel for it) in <#${CHANNEL}>; give it *Send Messages* and *Read Message History* there, or pick another channel.`,
		});
		expect(checkChannel('digest', CHANNEL, { visible: false })).toEqual({
			refused: true,
			text: `paperbot cannot see a text channel <#${CHANNEL}> in this server; pick a text or announcement channel it can see.`,
		});
	});
});
