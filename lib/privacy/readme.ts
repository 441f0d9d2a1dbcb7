/** The README.txt of "Download all my data": what each file of the archive holds, in plain words. */
export const ARCHIVE_README = `Your EchoTune data
==================

Everything EchoTune keeps about you, as JSON (UTF-8). Times are ISO 8601 in UTC; durations are in
milliseconds (ms).

plays.json       Every play stored for you, oldest first: when it started (playedAt), the track,
                 artist and album, how long you listened (msPlayed), where it came from (source:
                 "import" from Spotify's account data, "sync" from your recent plays on Spotify),
                 the Spotify track id when known, and what Spotify said about it (platform,
                 skipped, shuffle, why it started and ended). timePrecision "minute" marks rows from
                 Spotify's account data, which only knows the minute. Charts, totals and
                 recommendations are computed from these rows; nothing else about your listening
                 is kept. Demo visitors who imported nothing have none: the demo's generated
                 history is shared and not yours.
imports.json     Each import of Spotify's data: its files, how many rows were read, accepted,
                 duplicate, too short or rejected (and why), the listen threshold it used.
feedback.json    What you told Discover: likes, dislikes and "not now", per track or artist.
chats.json       Your conversations with the assistant, each with its messages in order (the
                 text and the tool results shown in the chat).
playlists.json   Your playlists as shown, with every version kept for undo and restore, and the
                 Spotify link of the ones you saved to Spotify.
blends.json      Your Blends: who you blended with (their display name only), who invited whom,
                 and which playlist is yours. The other member's data is theirs, not in here.
shares.json      The years of your recap you shared, and their public links.
settings.json    Your profile (name, email, picture, Spotify id, country and plan as Spotify gave
                 them), your settings, and your Spotify connection's status. Never your Spotify
                 tokens: they stay sealed on our server until you disconnect or delete your account.
usage.json       How much you used the assistant, per day and model: requests, tokens, cost (USD).

Not in here, because it is not kept: your IP address, your browser, your Spotify username from
an import (the import reads only plays). Not in here, because it is derived from the files above
or not about you: daily listening totals, the listening index, cached answers (minutes to two days),
background jobs, and the recommender's model (artist factors learnt from every listener together).

To delete your account and all of this, open Settings > Your data > Delete my account.
`;
