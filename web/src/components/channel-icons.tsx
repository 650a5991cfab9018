// The channels a case has used, as small glyphs with a spoken list.
import { channelLook } from '../lib/channels';

export function ChannelIcons({ channels }: { channels: string[] }) {
  return (
    <span className="channels" role="img" aria-label={`Channels: ${channels.map((c) => channelLook(c).name).join(', ') || 'none'}`}>
      {channels.map((channel) => (
        <span key={channel} className="channel-icon" title={channelLook(channel).name} aria-hidden="true">
          {channelLook(channel).icon}
        </span>
      ))}
    </span>
  );
}
