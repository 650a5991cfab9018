// Folds quoted history and signatures so the console shows what the customer wrote this time.
import EmailReplyParser from 'email-reply-parser';

// Headers of quoted history that email-reply-parser does not know: Outlook's separator and header
// block (in the languages our customers write in), Apple Mail's and Thunderbird's forwarded markers.
const historyStarts: RegExp[] = [
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oprindelig meddelelse|Ursprungligt meddelande|Messaggio originale)\s*-{2,}\s*$/im,
  /^_{10,}\s*$/m,
  /^(From|Von|De|Från|Fra|Da):\s.*\n(Sent|Gesendet|Envoyé|Enviado|Skickat|Sendt|Inviato|Date|Datum):\s/im,
  /^-{5,}\s*Forwarded message\s*-{5,}\s*$/im,
  /^Begin forwarded message:\s*$/im,
  /^-{8} Forwarded Message -{8}\s*$/im,
  /^(Am|Le|El|Den|Il)\s.+(schrieb|a écrit|escribió|skrev|ha scritto)\s?.*:\s*$/im,
];

const parser = new EmailReplyParser();

/** The text the sender wrote in this message, without quoted history or signature. */
export function foldQuotedText(text: string): string {
  const normalised = text.replace(/\r\n/g, '\n');
  let cut = normalised.length;
  for (const pattern of historyStarts) {
    const match = pattern.exec(normalised);
    if (match && match.index < cut) cut = match.index;
  }
  const visible = parser.read(normalised.slice(0, cut)).getVisibleText().trim();
  // A message that is nothing but a forward keeps its forwarded content: folding it would hide everything.
  return visible.length > 0 ? visible : normalised.trim();
}
