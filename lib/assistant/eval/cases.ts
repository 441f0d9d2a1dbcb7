/**
 * The offline assistant's evaluation set: what listeners ask, as they ask it (typos, casual words,
 * other languages' date formats, follow-ups), with the intent and the range a correct reading
 * gives. Ranges are read at EVAL_NOW in EVAL_ZONE (a Wednesday). One case a line:
 *
 *   intent | range | [earlier question >>] question
 *
 * where range is "-" (none), a preset (4w, 6m, 1y, all) or "from..to" (inclusive local dates).
 * `npm run eval:assistant` scores the reading of every case and checks each answer's numbers.
 */
import type { IntentName } from "../intents";

export const EVAL_NOW = Date.parse("2026-12-02T15:00:00Z");
export const EVAL_ZONE = "Europe/Berlin";

export interface EvalCase {
  question: string;
  /** An earlier question in the same chat, for follow-ups. */
  previous?: string;
  intent: IntentName;
  /** The range key (see `rangeKey`), or null when the intent takes none. */
  range: string | null;
}

const SET = String.raw`
topArtists | all | Who is my top artist of all time?
topArtists | all | who's my most played artist ever
topArtists | all | Which band have I listened to the most?
topArtists | all | my favourite artist overall?
topArtists | all | whos my fav singer
topArtists | all | top artsits of all time
topArtists | 2024-01-01..2024-12-31 | Who was my top artist in 2024?
topArtists | 2025-01-01..2025-12-31 | top artist last year
topArtists | 2026-01-01..2026-12-02 | who have I listened to most this year
topArtists | 2025-12-01..2026-02-28 | Who was my favourite band last winter?
topArtists | 2021-06-01..2021-08-31 | top artists the summer of 2021
topArtists | 2019-01-01..2026-12-02 | most played artists since 2019
topArtists | 4w | who am I listening to most lately
topArtists | 2026-11-01..2026-11-30 | most listened artist last month
topArtists | 2023-03-01..2023-03-31 | top artist in March 2023
topArtists | 2022-01-01..2022-12-31 | my #1 artist 2022
topArtists | 2019-01-01..2021-12-31 | who were my top artists between 2019 and 2021
topArtists | 6m | top artists in the last 6 months
topArtists | 1y | favourite artists over the past year
topArtists | 2021-01-01..2021-12-31 | Which artist did I spend the most time with in 2021?
topArtists | 2023-01-01..2023-03-31 | top artists Q1 2023
topArtists | 2022-01-01..2022-06-30 | who did i listen to most in the first half of 2022
topArtists | 2026-11-19..2026-12-02 | top artist the last two weeks
topArtists | 2024-01-01..2024-12-31 | wer war 2024 mein Top-Künstler? artist 2024
topArtists | 2020-01-01..2020-12-31 | top band of 2020 pls
topTracks | all | What's my most played song ever?
topTracks | all | top tracks of all time
topTracks | 2024-01-01..2024-12-31 | top track in 2024
topTracks | 2024-01-01..2024-12-31 | What song did I play most in 2024?
topTracks | 2025-01-01..2025-12-31 | my most played songs last year
topTracks | 4w | what songs have i had on repeat recently
topTracks | 2026-11-01..2026-11-30 | top songs last month
topTracks | 2026-01-01..2026-12-02 | favourite tracks this year
topTracks | 2021-06-01..2021-08-31 | top songs the summer of 2021
topTracks | 2026-06-01..2026-08-31 | what was my song of last summer
topTracks | 2023-03-01..2023-03-31 | wat was my most played song im März 2023
topTracks | 2022-03-14..2022-03-14 | which song did I play most on 14.03.2022
topTracks | 2022-03-14..2022-03-14 | top track on 03/14/2022
topTracks | 2023-05-01..2023-05-31 | most played track in may 2023
topTracks | 2020-01-01..2020-12-31 | best songs of 2020
topTracks | 2026-11-23..2026-11-29 | top tracks last week
topTracks | 2026-11-30..2026-12-02 | top songs this week
topTracks | 2026-12-01..2026-12-01 | what songs did i play most yesterday
topTracks | 2026-11-03..2026-12-02 | top 5 tracks in the last 30 days
topTracks | 6m | my favorite tunes the last six months
topTracks | all | which track have I spent the most minutes on
topTracks | 2025-09-01..2025-11-30 | top songs autumn 2025
topTracks | 2026-03-01..2026-03-31 | most played song in March
topTracks | 2022-01-01..2022-12-31 | most streamed song of 2022
topTracks | 2023-10-01..2023-12-31 | top tracks in the fourth quarter of 2023
topAlbums | all | What's my most played album?
topAlbums | all | top albums of all time
topAlbums | 2024-01-01..2024-12-31 | top album in 2024
topAlbums | 2025-01-01..2025-12-31 | which records did I play most last year
topAlbums | 4w | albums I've been listening to recently
topAlbums | 2026-01-01..2026-12-02 | favourite album this year
topAlbums | 2019-01-01..2026-12-02 | top albums since 2019
topAlbums | 2025-12-01..2026-02-28 | most played albums last winter
topAlbums | 2023-03-01..2023-03-31 | top album march 2023
topAlbums | 2021-01-01..2021-12-31 | albums i played the most minutes in 2021
topAlbums | 1y | top albums of the past year
topGenres | all | What are my top genres?
topGenres | all | which genre do I listen to most
topGenres | 2024-01-01..2024-12-31 | top genres in 2024
topGenres | 2026-01-01..2026-12-02 | my favourite genres this year
topGenres | 4w | what kind of genres have I been into lately
topGenres | 2025-01-01..2025-12-31 | most played genre last year
topGenres | all | what style of music do I play the most
topGenres | 2021-06-01..2021-08-31 | top genres the summer of 2021
topGenres | 2019-01-01..2026-12-02 | top genres since 2019
topGenres | 6m | genres in the last 6 months
topOverall | 2023-03-01..2023-03-31 | What did I play most in March 2023?
topOverall | 2025-12-01..2026-02-28 | What did I play most last winter?
topOverall | 4w | what have i been playing the most recently
topOverall | 2026-11-01..2026-11-30 | what did I listen to most last month
topOverall | 2026-11-19..2026-12-02 | what did i listen to most in the last two weeks
topOverall | 2024-01-01..2024-12-31 | what did I play most in 2024
topOverall | all | what have I played the most ever
topOverall | 2026-12-01..2026-12-01 | what did I play most yesterday
topOverall | 2021-07-01..2021-12-31 | what was on heavy rotation in the second half of 2021
topOverall | 2023-03-01..2023-03-31 | qu'est-ce que j'ai le plus écouté en mars 2023? most
topOverall | 2022-05-05..2022-05-05 | most played on 5 de mayo de 2022
topOverall | 2023-02-01..2023-02-28 | what did i play most in feb 2023
topOverall | 2024-06-01..2024-08-31 | what was I obsessed with in summer 2024
totals | 2026-01-01..2026-12-02 | How many minutes did I listen this year?
totals | 2024-01-01..2024-12-31 | how much music did I listen to in 2024
totals | all | how many hours have I listened in total
totals | 2025-01-01..2025-12-31 | how much did i listen last year
totals | 2026-11-01..2026-11-30 | how many plays did I have last month
totals | 4w | give me my stats for the last 4 weeks
totals | 2023-03-01..2023-03-31 | my listening stats for March 2023
totals | 2022-01-01..2022-12-31 | how many songs did I play in 2022
totals | 2026-11-23..2026-11-29 | how much did i listen last week
totals | 2025-12-01..2026-02-28 | how many hours of music last winter
totals | 6m | listening summary for the past 6 months
totals | 2026-12-01..2026-12-01 | how much did I listen yesterday
itemPlays | all | how many times did I play Brittle Owls
itemPlays | all | How many times have I listened to Sunpraeth?
itemPlays | all | how often did i play "Strange Engines"
itemPlays | all | how many plays does Remi Landra have
itemPlays | all | Did I ever play Motel Wonders?
itemPlays | all | have I ever listened to Rainfall Wolves
itemPlays | 2024-01-01..2024-12-31 | how many times did I play Brittle Owls in 2024
itemPlays | 2025-01-01..2025-12-31 | how often did I listen to Indigo Weather last year
itemPlays | all | how many times did i play Four Ribbons by Remi Landra
itemPlays | all | how mny times did i play Balcony
itemPlays | 4w | how often have I played Sunpraeth lately
itemPlays | all | number of plays of Postcard of Embers
itemPlays | 2026-01-01..2026-12-02 | how many times did I hear Juno this year
itemPlays | all | did i ever listen to Twelve Sailors
itemMinutes | all | how many minutes have I spent on Sunpraeth
itemMinutes | all | how much time did I spend listening to Arlo Briford & the Bells
itemMinutes | 2024-01-01..2024-12-31 | how many hours did I listen to Remi Landra in 2024
itemMinutes | all | How many minutes did I play Brittle Owls?
itemMinutes | 2025-01-01..2025-12-31 | how many minutes of Indigo Weather did i listen to last year
itemMinutes | all | total time listening to Ethlir
itemMinutes | all | how long have I spent listening to The Gentle Ghosts
itemMinutes | 2026-11-01..2026-11-30 | how many minutes did I listen to Rainfall Wolves last month
firstListen | all | When did I first listen to Rainfall Wolves?
firstListen | all | when did i first play Brittle Owls
firstListen | all | when was the first time I heard Sunpraeth
firstListen | all | when did I discover Remi Landra
firstListen | all | What day did I first play Strange Engines?
firstListen | all | when did i start listening to Indigo Weather
firstListen | all | first time i played "Balcony"?? when
firstListen | all | when did I first hear Circuit by Indigo Weather
firstListen | all | when did i first find Orimimi
lastListen | all | When did I last play Brittle Owls?
lastListen | all | when was the last time i listened to Sunpraeth
lastListen | all | when did I most recently play Strange Engines
lastListen | all | what day did I last hear Remi Landra
lastListen | all | last time I played Juno - when?
lastListen | all | when did i last listen to The Mild Tigers
lastListen | all | how long ago did I last play Ivory
clock | all | When do I usually listen to music?
clock | all | what time of day do I listen most
clock | all | which hours do i listen the most
clock | all | am I a night owl or an early bird
clock | all | when do i normally listen
clock | 2024-01-01..2024-12-31 | what time did I listen most in 2024
clock | all | what's my busiest hour
clock | 4w | at what time have I been listening lately
clock | all | Am I a morning or evening listener? morning or evening
clock | all | show me my listening clock
clock | 2025-01-01..2025-12-31 | peak hour last year
weekdays | all | Which day of the week do I listen most?
weekdays | all | what days do i listen to the most music
weekdays | all | do I listen more on weekends or weekdays
weekdays | 2024-01-01..2024-12-31 | busiest day in 2024
weekdays | all | what day of the week is my busiest
weekdays | 2026-01-01..2026-12-02 | which weekday do I stream most this year
weekdays | all | which days do I play music most
weekdays | 4w | busiest day recently
longestStreak | all | What's my longest streak?
longestStreak | all | longest listening streak ever
longestStreak | all | how many days in a row have I listened at most
longestStreak | all | whats my record streak
longestStreak | 2024-01-01..2024-12-31 | longest streak in 2024
longestStreak | all | most consecutive days of listening
longestStreak | 2025-01-01..2025-12-31 | best streak last year
longestStreak | all | my longest strak
longestStreak | all | how many days straight did I listen, max
longestStreak | 2026-01-01..2026-12-02 | longest streak this year
currentStreak | all | What's my current streak?
currentStreak | all | how many days in a row have I been listening right now
currentStreak | all | am I on a streak
currentStreak | all | is my streak still going
currentStreak | all | current listening streak?
currentStreak | all | how long is my streak now
currentStreak | all | whats my current strak
mostSkipped | all | What are my most skipped songs?
mostSkipped | all | which tracks do I skip the most
mostSkipped | all | what do i skip most often
mostSkipped | 2024-01-01..2024-12-31 | most skipped songs in 2024
mostSkipped | all | how often do I skip songs
mostSkipped | 2025-01-01..2025-12-31 | what did I skip most last year
mostSkipped | all | my skip rate
mostSkipped | 4w | songs I've been skipping lately
mostSkipped | all | most skiped tracks
sessions | all | How long are my listening sessions?
sessions | all | how long do I usually listen in one go
sessions | all | how many sessions did I have
sessions | 2024-01-01..2024-12-31 | sessions in 2024
sessions | all | what's my longest listening session
sessions | 2025-01-01..2025-12-31 | how many listening sessions last year
sessions | 4w | my sessions recently
sessions | all | how long do i listen at a time
sessions | all | biggest binge session ever
newMusic | 2022-01-01..2022-12-31 | how many new artists did I discover in 2022
newMusic | 2025-01-01..2025-12-31 | how many new artists did i find last year
newMusic | 2026-01-01..2026-12-02 | what new artists did I discover this year
newMusic | 2026-11-01..2026-11-30 | how many new songs did I discover last month
newMusic | 1y | how many new artists have I found
newMusic | 2024-01-01..2024-12-31 | new tracks I discovered in 2024
newMusic | 4w | which new artists did i get into lately
newMusic | 2023-03-01..2023-03-31 | how many new bands did I discover in March 2023
newMusic | 2025-12-01..2026-02-28 | new music I found last winter
newMusic | 2019-01-01..2026-12-02 | number of new artists since 2019
compare | 2023-01-01..2023-12-31 | compare 2023 and 2024
compare | 2025-01-01..2025-12-31 | compare last year to this year
compare | 2024-01-01..2024-12-31 | 2024 vs 2025
compare | 2025-12-01..2026-02-28 | compare last winter with last summer
compare | 2026-11-01..2026-11-30 | did I listen more last month than this month
compare | 2022-01-01..2022-12-31 | how does 2022 compare to 2023
compare | 2021-06-01..2021-08-31 | compare the summer of 2021 and the summer of 2022
compare | 2025-01-01..2025-12-31 | last year versus the year before last
compare | 2023-03-01..2023-03-31 | march 2023 vs march 2024
compare | 2026-11-30..2026-12-02 | this week compared to last week
onThisDay | - | What did I listen to on this day in previous years?
onThisDay | - | on this day
onThisDay | - | what was I playing a year ago today
onThisDay | - | this day in my music history
onThisDay | - | show me on this date in earlier years
onThisDay | - | what did I listen to on this day
onThisDay | - | same day last year, what did I play?
recommend | - | Recommend me something
recommend | - | what should i listen to
recommend | - | suggest some new music
recommend | - | give me some songs
recommend | - | any recommendations?
recommend | - | surprise me
recommend | - | I need some music
recommend | - | reccomend something new
recommend | - | find me something to listen to
recommend | - | what should I play next
recommendMood | - | Recommend something chill
recommendMood | - | suggest some upbeat songs
recommendMood | - | I'm feeling sad, what should I listen to
recommendMood | - | recommend happy music
recommendMood | - | something relaxing please, any recommendations
recommendMood | - | give me some energetic tracks
recommendMood | - | music for a rainy day
recommendMood | - | suggest something for the evening
recommendMood | - | recommend songs for late night
recommendMood | - | what should I listen to in the morning
recommendActivity | - | Recommend something for focus
recommendActivity | - | music for studying
recommendActivity | - | songs for the gym
recommendActivity | - | suggest something for my run
recommendActivity | - | what should I listen to while coding
recommendActivity | - | recommend music for a road trip
recommendActivity | - | songs for a party
recommendActivity | - | something to fall asleep to, recommend
recommendActivity | - | suggest tracks for my commute
recommendActivity | - | what should i play for a workout
recommendEra | - | recommend some 90s music
recommendEra | - | suggest songs from the 80s
recommendEra | - | music from the 2000s please, any suggestions
recommendEra | - | recommend 70s tracks
recommendEra | - | give me songs from the nineties
recommendEra | - | what should I listen to from the 2010s
recommendEra | - | suggest something from the eighties
moreLike | - | More like Stay the Shadow
moreLike | - | more songs like Brittle Owls
moreLike | - | something similar to Strange Engines
moreLike | - | recommend songs like "Four Ribbons"
moreLike | - | give me music like Sunpraeth
moreLike | - | tracks like Balcony please
moreLike | - | stuff like Remi Landra
moreLike | - | songs similar to Juno by Arlo Briford & the Bells
moreLike | - | if i like Indigo Weather what else would I like
moreLike | - | more like “Circuit”
buildPlaylist | - | Build a playlist for a workout
buildPlaylist | - | make me a chill playlist
buildPlaylist | - | create a playlist called Sunday Morning
buildPlaylist | - | make a playlist like Brittle Owls
buildPlaylist | - | build me a mix for studying
buildPlaylist | - | can you make a 90s playlist
buildPlaylist | - | playlist for a road trip please
buildPlaylist | - | create a party playlist
buildPlaylist | - | make a playlist of songs similar to Strange Engines
buildPlaylist | - | i want a playlst for sleeping
buildPlaylist | - | put together a mixtape for the evening
saveDraft | - | Save my playlist draft from Discover
saveDraft | - | save my draft to Spotify
saveDraft | - | save the draft
saveDraft | - | export my Discover draft as a playlist
saveDraft | - | turn my draft into a playlist called Fresh Finds
saveDraft | - | what is in my draft?
saveDraft | - | save the discover picks playlist
play | - | Play Stay the Shadow
play | - | play Brittle Owls
play | - | please play Strange Engines
play | - | put on Four Ribbons
play | - | play Juno by Arlo Briford & the Bells
play | - | can you play Balcony
play | - | play "Circuit"
queue | - | queue Motel Wonders
queue | - | add Brittle Owls to my queue
queue | - | queue up Strange Engines
queue | - | add Four Ribbons to the queue please
queue | - | put Juno in my queue
taste | - | Explain my taste
taste | - | what kind of music do I like
taste | - | describe my taste in music
taste | - | what's my music personality
taste | - | sum up my listening
taste | - | who am I musically
taste | - | describe me based on my music
research | - | tell me about Massive Attack's history
research | - | What's the story behind Mezzanine?
research | - | any news about Portishead
research | - | Who are Boards of Canada?
research | - | how did Radiohead form
research | - | what do you know about the Bristol sound
research | - | tell me more about Björk
research | - | the history of trip-hop
research | - | Massive Attack's biography
research | - | what's new with Portishead?
research | - | can you tell me about Arlo Briford & the Bells
research | - | latest news on Radiohead
help | - | help
help | - | what can you do?
help | - | hi
help | - | hello!
help | - | what can I ask you
help | - | how do I use this
help | - | What can you do for me?
help | - | ok what are you
topArtists | 2022-01-01..2022-12-31 | Who is my top artist of all time? >> and in 2022?
topArtists | 2024-01-01..2024-12-31 | top artists last year >> what about 2024
topTracks | 2023-01-01..2023-12-31 | Who is my top artist of all time? >> and songs in 2023?
topAlbums | all | top artists of all time >> what about albums
topTracks | 2025-01-01..2025-12-31 | top tracks in 2024 >> and last year?
topArtists | 2024-01-01..2024-12-31 | who was my top artist in 2024 >> by minutes?
totals | 2025-01-01..2025-12-31 | how much did I listen in 2024 >> and in 2025?
longestStreak | 2023-01-01..2023-12-31 | longest streak in 2024 >> and 2023?
itemPlays | 2024-01-01..2024-12-31 | how many times did I play Brittle Owls >> and in 2024?
topTracks | 2021-12-01..2022-02-28 | top songs last winter >> and winter 2021?
clock | 2025-01-01..2025-12-31 | When do I usually listen to music? >> and last year?
topGenres | 2023-01-01..2023-12-31 | top artists in 2023 >> and genres?
`;

/** The set, parsed. */
export const EVAL_CASES: EvalCase[] = SET.trim()
  .split("\n")
  .map((line) => {
    const [intent, range, ...rest] = line.split(" | ");
    const text = rest.join(" | ");
    const [previous, question] = text.includes(" >> ") ? text.split(" >> ") : [undefined, text];
    return {
      question: question!.trim(),
      ...(previous ? { previous: previous.trim() } : {}),
      intent: intent!.trim() as IntentName,
      range: range!.trim() === "-" ? null : range!.trim(),
    };
  });
