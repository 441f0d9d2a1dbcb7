"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { recoMutations, recoQueries, type FeedbackInput, type ListenerFeedback, type RecoResponse } from "@/lib/reco/client";
import { applyOpinion, hides, NO_OPINIONS } from "./opinions";

/**
 * Says (or takes back) an opinion, optimistically: the listener's lists change at once and a hidden
 * pick leaves the list shown under `recommendationsKey`; a failure puts both back and calls
 * `onError` with the server's sentence. Afterwards every recommendations query refetches, since the
 * server's picks follow the opinion.
 */
export function useOpinion({
  recommendationsKey,
  onError,
}: {
  recommendationsKey?: readonly unknown[];
  onError: (message: string) => void;
}) {
  const client = useQueryClient();
  const feedbackKey = recoQueries.feedback().queryKey;
  return useMutation({
    ...recoMutations.feedback(),
    onMutate: async (input: FeedbackInput) => {
      await client.cancelQueries({ queryKey: feedbackKey });
      const feedback = client.getQueryData<ListenerFeedback>(feedbackKey);
      client.setQueryData<ListenerFeedback>(feedbackKey, applyOpinion(feedback ?? NO_OPINIONS, input));
      let picks: RecoResponse | undefined;
      if (recommendationsKey && hides(input)) {
        await client.cancelQueries({ queryKey: recommendationsKey });
        picks = client.getQueryData<RecoResponse>(recommendationsKey);
        const artist = input.target === "artist" ? input.itemId.toLowerCase() : null;
        if (picks)
          client.setQueryData<RecoResponse>(recommendationsKey, {
            ...picks,
            items: picks.items.filter((item) => (artist ? item.artist.toLowerCase() !== artist : item.key !== input.itemId)),
          });
      }
      return { feedback, picks };
    },
    onError: (error, _input, context) => {
      if (context?.feedback) client.setQueryData(feedbackKey, context.feedback);
      if (recommendationsKey && context?.picks) client.setQueryData(recommendationsKey, context.picks);
      onError(error.message);
    },
    onSettled: () => client.invalidateQueries({ queryKey: recoQueries.all }),
  });
}
