import { ShieldCheckIcon } from "lucide-react";

/** What a Blend shares, said before anyone accepts and beside every Blend. */
export function PrivacyNote({ otherName = "the other listener" }: { otherName?: string }) {
  return (
    <aside aria-labelledby="privacy-heading" className="rounded-xl border bg-muted/40 p-4 text-sm">
      <h2 id="privacy-heading" className="flex items-center gap-2 font-semibold">
        <ShieldCheckIcon className="size-4" aria-hidden="true" />
        What a Blend shares
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-muted-foreground">
        <li>Your match score with {otherName}, and how it is computed.</li>
        <li>The artists and tracks you both have in your tops, with their place in each list.</li>
        <li>The Blend playlist: about 50 tracks from both your favourites and a few new finds, each saying whose taste it comes from.</li>
      </ul>
      <p className="mt-2 text-muted-foreground">
        Nothing else: not your other plays, your listening time, your history, your chats or your likes. Either of you can leave at any
        time, which ends the Blend for both.
      </p>
    </aside>
  );
}
