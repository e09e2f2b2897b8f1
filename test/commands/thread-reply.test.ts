import { describe, expect, it } from 'vitest';
import { readThreadReply } from '../../src/commands/thread-reply.ts';

// One grammar for thread replies: the Slack and Discord adapters both read replies through it.
describe('a reply in a debate thread', () => {
  it.each([
    ['pour: le café', 'pro', 'le café'],
    ['Pour : oui', 'pro', 'oui'],
    ['CONTRE:non', 'con', 'non'],
    ['Contre : trop cher', 'con', 'trop cher'],
    ['PRO:fast', 'pro', 'fast'],
    ['con: slow', 'con', 'slow'],
    ['for: yes', 'pro', 'yes'],
    ['Against: no', 'con', 'no'],
    ['+ plus', 'pro', 'plus'],
    ['+plus', 'pro', 'plus'],
    ['- moins', 'con', 'moins'],
    ['−moins', 'con', 'moins'],
    ['– tiret', 'con', 'tiret'],
    ['+ 2 raisons', 'pro', '2 raisons'],
    ['pour:', 'pro', ''],
  ])('reads %j as an argument', (reply, side, text) => {
    expect(readThreadReply(reply)).toEqual({ side, text });
  });

  it.each([
    '+1',
    '-1',
    '+',
    '++',
    '++ bof',
    '--- ',
    '+ !',
    'bonjour',
    'pourquoi pas ?',
    'je pense que pour: non',
    'contrepoint: x',
    'constructor: x',
    '',
  ])('leaves %j alone', (reply) => {
    expect(readThreadReply(reply)).toBeUndefined();
  });
});
