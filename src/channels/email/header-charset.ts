// Header text as senders really write it: raw 8-bit bytes in a legacy charset (GB2312, Shift_JIS, Latin-1),
// 8-bit bytes inside an encoded word, UTF-7. mailparser reads raw header bytes as UTF-8 and turns the rest
// into U+FFFD; this decodes them by the charset the word declares, then the message declares, then the one
// detected from the header bytes, before it gives up.
import chardet from 'chardet';
import iconv from 'iconv-lite';

const encodedWord = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
const charsetAliases: Record<string, string> = { 'unicode-1-1-utf-7': 'utf7', 'x-sjis': 'shift_jis', 'ks_c_5601-1987': 'cp949', 'iso-2022-jp': 'iso-2022-jp' };

/** True when mailparser's reading of this raw header line cannot be trusted (8-bit bytes or UTF-7 words). */
export function needsOwnDecoding(binary: string): boolean {
  return /[\x80-\xff]/.test(binary) || /=\?(?:utf-?7|unicode-1-1-utf-7)\?/i.test(binary);
}

/** A usable iconv-lite name for a declared charset, or null when iconv-lite has none. */
export function knownCharset(declared: string | null | undefined): string | null {
  if (!declared) return null;
  const name = declared.trim().toLowerCase().replace(/\*.*$/, '');
  const mapped = charsetAliases[name] ?? (name === 'utf-7' ? 'utf7' : name);
  return iconv.encodingExists(mapped) ? mapped : null;
}

/**
 * The charset to read raw 8-bit header bytes with, for a whole message: the charset its body declares unless
 * that is ASCII or UTF-8 (which the bytes then are not), else the detector's best guess over every 8-bit
 * header byte together (a lone subject is often too short to tell), else Windows-1252.
 */
export function chooseHeaderCharset(options: { declared: string | null; eightBitHeaders: Buffer }): string {
  const declared = knownCharset(options.declared);
  if (declared && !/^(us-?ascii|utf-?8)$/.test(declared)) return declared;
  const [best] = options.eightBitHeaders.length > 0 ? chardet.analyse(options.eightBitHeaders) : [];
  const detected = best && best.confidence >= 10 ? knownCharset(best.name) : null;
  return detected && !/^utf-?8$/i.test(detected) ? detected : 'windows-1252';
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes written raw in a header: UTF-8 when they are valid UTF-8, else the message's fallback charset. */
export function decodeRawBytes(bytes: Buffer, fallback: string): string {
  if (!/[\x80-\xff]/.test(bytes.toString('latin1'))) return fallback === 'utf7' ? iconv.decode(bytes, 'utf7') : bytes.toString('latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, fallback);
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  // Q: `_` is a space, `=XX` a byte, anything else (8-bit bytes too) stands for itself.
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    const hex = text.slice(i + 1, i + 3);
    if (ch === 0x3d && /^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(ch === 0x5f ? 0x20 : ch & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Decodes one header value given as a binary string (each char one raw byte). Encoded words are read in the
 * charset they declare (8-bit bytes inside them included); raw bytes between them by `decodeRawBytes`.
 * Whitespace between two encoded words is dropped (RFC 2047 §6.2).
 */
export function decodeHeaderValue(binary: string, fallback: string): string {
  // Already text (a parser that decoded it): nothing to do at the byte level.
  if (/[^\x00-\xff]/.test(binary)) return binary;
  let out = '';
  let last = 0;
  let previousWasWord = false;
  // Adjacent words in one charset are joined before decoding: a multi-byte character may be split across them.
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const bytes = Buffer.concat(pending.bytes);
    out += knownCharset(pending.charset) ? iconv.decode(bytes, knownCharset(pending.charset)!) : decodeRawBytes(bytes, fallback);
    pending = null;
  };
  for (const match of binary.matchAll(encodedWord)) {
    const between = binary.slice(last, match.index);
    if (!(previousWasWord && /^\s*$/.test(between))) {
      flush();
      out += decodeRawBytes(Buffer.from(between, 'latin1'), fallback);
    }
    const charset = (match[1] ?? '').toLowerCase();
    const bytes = wordBytes(match[2] ?? 'Q', match[3] ?? '');
    if (pending && pending.charset === charset) pending.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    previousWasWord = true;
    last = match.index + match[0].length;
  }
  flush();
  out += decodeRawBytes(Buffer.from(binary.slice(last), 'latin1'), fallback);
  return out;
}
