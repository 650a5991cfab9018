// Everyday customer messages that ask for neither a manager nor say goodbye, and the sentences around an
// intent in a longer message (greetings, the matter, sign-offs), so the model learns that the intent lives in
// its own words and not in an angry or polite frame.

const item = '{parcel|order|package|refund|replacement|sofa|kettle|jacket|delivery|invoice|voucher}';

export const everydayMessages: readonly string[] = [
  `{Where is|Any update on|What happened to|Can you check} my ${item}[ {please|#5521|A-1180}]?`,
  `{My|The} ${item} {arrived|came} {damaged|broken|late|in the wrong colour|without the charger}[, {can I get a replacement|please help|what now}]`,
  `{Can|Could} {I|you} {change|update} {my delivery address|the colour|the size|my phone number|the delivery date}[ please]?`,
  `{Do you|Can you} {deliver to Ireland|price match|ship abroad|deliver on Saturdays|gift wrap}?`,
  `{Thanks|Thank you|Cheers|Many thanks} {for the quick reply|so much|for sorting it|for your help}[, {all good now|much appreciated}]`,
  `{I was|I've been} charged {twice|the wrong amount} for {my order|order 5531|the same item}`,
  `{How do I|Can I} {return|exchange} {an item|the shoes|this} {for a bigger size|for a refund|}?`,
  `{My|The} {payment|card} was declined[, {can you help|what should I do}]`,
  `{It's|It has been} {two weeks|ten days|a month} and {my refund|my parcel} {hasn't arrived|is still missing}[. {Please reply|Any news}?]`,
  `{This is|It's} the {second|third|fourth} time {I'm asking|I've written} about {my refund|this parcel}[. {Please reply|Can someone answer}.]`,
  `{I'm|I am} {very |really |quite |}{disappointed|upset|annoyed|unhappy} {with|about} {the quality|the delay|the packaging|the service}[, please {sort it|send a new one}]`,
  `{Your|The} {website|app|checkout} {keeps logging me out|won't accept my card|is very slow}`,
  `{I'd like|I want} to {order|buy} {another|the same|two more} {lamp|mug|one}[, the first {was|one was} {perfect|great}]`,
  `{Will|When will} the {jacket|blue one|kettle} be back in stock?`,
  `{Please|Could you} {send|resend} {me |}{the receipt|the invoice|the tracking number|the return label}`,
  `{The|Your} {courier|driver} {left it with a neighbour|was rude|was lovely|came early}`,
  `{Happy|Fine} to wait, no rush[ at all]`,
  `{I|We} {love|really like|adore} {the new mugs|your products|the jumper}[, {ordering more|thanks}]`,
  `{Can|Could} you {call|ring} me {back |}about my {order|refund|delivery}?`,
  `{Is|Are} {this|these} the final price{ or is shipping extra|}?`,
  `{hi|hello|hey} {where is my stuff|my order is late|quick question about returns}`,
  `{ok|okay|great} {thx|thanks|cheers}`,
  `{Why|How come} {was|is} my order {split into three deliveries|still processing|marked delivered}?`,
  `{I forgot|I can't remember} my password`,
  `{I|We} {cancelled|returned} {my other order|the extra item} by mistake[, can you {restore|reinstate} it]?`,
];

export const greetings: readonly string[] = ['Hi,', 'Hello,', 'Hi there.', 'Dear team,', 'Good morning.', 'Hey.', 'To whom it may concern,', ''];

export const contexts: readonly string[] = [
  `{My|The} ${item} {is|was} {late|lost|damaged|wrong|missing} {again|for the second time|and nobody told me}.`,
  `{I've|I have} {emailed|written|called} {three|four|five|several} times {about order 7731|about this|this week} and {nothing has happened|got the same copy-paste answer|nobody replied}.`,
  `{I ordered|I bought} a {kettle|jacket|sofa|lamp} {two weeks ago|last month|on the 3rd}.`,
  `{The|Your} courier {said|claimed} it was delivered{ but it wasn't|, it wasn't}.`,
  `{I was|I got} {charged twice|sent the wrong item|promised a refund} {last week|ten days ago}.`,
  `{This is|It's} {ridiculous|unacceptable|a joke|frustrating|disappointing}.`,
  `{Great|Fantastic|Brilliant|Wonderful} {service|job|work} as always{ guys|}.`,
  `{Wow|Oh great|Lovely}, {another|one more} {delay|excuse|copy-paste answer}.`,
  `{Order|Ref} {A-2231|#5521|88341}.`,
  `{I've|I have} been a customer for {six|ten|three} years.`,
];

export const signOffs: readonly string[] = ['Thanks.', 'Regards, Sam', 'Kind regards,', 'Thank you.', 'Cheers', 'Sent from my iPhone', '', ''];
