// How each channel is drawn: a glyph for the eye and a name for screen readers.

const CHANNELS: Record<string, { icon: string; name: string }> = {
  email: { icon: '✉', name: 'Email' },
  sms: { icon: '✆', name: 'SMS' },
  web_form: { icon: '▤', name: 'Web form' },
  social: { icon: '@', name: 'Social' },
  chat: { icon: '💬', name: 'Chat' },
  phone: { icon: '☎', name: 'Phone' },
  status_page: { icon: 'ⓘ', name: 'Status page' },
  survey: { icon: '★', name: 'Survey' },
};

/** The glyph and readable name of a channel; unknown channels show their first letter. */
export function channelLook(channel: string): { icon: string; name: string } {
  return CHANNELS[channel] ?? { icon: channel.charAt(0).toUpperCase() || '?', name: channel.replace(/_/g, ' ') };
}
