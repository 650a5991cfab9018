// How many SMS segments a text takes: GSM-7 fits 160 characters (153 per part when split), UCS-2 fits 70 (67).
// Counting is delegated to Twilio's segment calculator, which knows the GSM-7 extension table.
import { SegmentedMessage } from 'sms-segments-calculator';

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Characters as the customer's phone counts them. */
  characters: number;
}

// Plain ASCII that is all in GSM-7's basic table, one unit a character: most messages, counted without the
// calculator (which takes milliseconds a message).
const basicGsmAscii = /^[A-Za-z0-9 \n\r@$!"#%&'()*+,\-./:;<=>?_]*$/;

/** Segments, encoding and length of an SMS body. */
export function measureSms(text: string): SmsLength {
  if (basicGsmAscii.test(text)) {
    return { encoding: 'GSM-7', segments: text.length <= 160 ? 1 : Math.ceil(text.length / 153), characters: text.length };
  }
  const message = new SegmentedMessage(text, 'auto');
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
  };
}
