// Header bytes as senders write them, decoded by the declared, then the message's, then the detected charset.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chooseHeaderCharset, decodeHeaderValue } from './header-charset.js';

const binary = (bytes: Buffer) => bytes.toString('latin1');

describe('decoding header values', () => {
  it('joins a character split across two encoded words of one charset', () => {
    const bytes = Buffer.from('Grüße', 'utf8');
    const word = (part: Buffer) => `=?utf-8?B?${part.toString('base64')}?=`;
    expect(decodeHeaderValue(`${word(bytes.subarray(0, 3))} ${word(bytes.subarray(3))}`, 'windows-1252')).toBe('Grüße');
  });

  it('keeps the space between an encoded word and plain text, and drops it between two words', () => {
    expect(decodeHeaderValue('=?iso-8859-1?Q?Fr=F6sche?= im =?utf-8?Q?Teich?= =?utf-8?Q?_!?=', 'windows-1252')).toBe('Frösche im Teich !');
  });

  it('reads raw bytes as UTF-8 when they are, and in the fallback charset when they are not', () => {
    expect(decodeHeaderValue(binary(Buffer.from('Ünïcödé', 'utf8')), 'shift_jis')).toBe('Ünïcödé');
    expect(decodeHeaderValue(binary(iconv.encode('ツール', 'shift_jis')), 'shift_jis')).toBe('ツール');
  });

  it('an unknown charset in an encoded word falls back to the raw-byte rules, never to replacement characters', () => {
    expect(decodeHeaderValue('=?x-unknown?Q?caf=C3=A9?=', 'windows-1252')).toBe('café');
  });

  it('chooses the body’s declared charset, else the detected one, else Windows-1252', () => {
    expect(chooseHeaderCharset({ declared: 'Shift_JIS', eightBitHeaders: Buffer.alloc(0) })).toBe('shift_jis');
    // A charset iconv-lite does not know is no better than none.
    expect(chooseHeaderCharset({ declared: 'x-made-up', eightBitHeaders: Buffer.alloc(0) })).toBe('windows-1252');
    expect(chooseHeaderCharset({ declared: 'utf-8', eightBitHeaders: iconv.encode('转发：整体提升企业服务水平', 'gb2312') })).toBe('gb18030');
    expect(chooseHeaderCharset({ declared: null, eightBitHeaders: Buffer.alloc(0) })).toBe('windows-1252');
  });
});
